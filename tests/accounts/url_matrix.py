from tests import matrix
from tests.factories import UserFactory
from tests.matrix import Case, form_cases

PASSWORD = "pass-word-1234"  # tests.factories.UserFactory's


def _reset_kwargs(world):
    from accounts.services import password_set_url

    user = UserFactory()
    path = password_set_url(user).split("/password/reset/")[1].strip("/").split("/")
    return {"uidb64": path[0], "token": path[1]}


def _corporation_a(world):
    return {"pk": world.corp_a.pk}


def _new_contact(world):
    """A contact of A who never set a password: the welcome mail can be sent again."""
    from tests.factories import MembershipFactory

    user = MembershipFactory(corporation=world.corp_a, user__email="new@example.jp").user
    user.set_unusable_password()
    user.save(update_fields=["password"])
    return {"pk": user.pk}


def _missing_corporation(world):
    return {"pk": 999999}


def _member_data(world):
    return {"display_name": "豊玉 花子", "email": "hanako@example.jp", "username": "hanako", "role": "editor"}


def _password_data(world):
    return {"old_password": PASSWORD, "new_password1": "nerima-2015-new", "new_password2": "nerima-2015-new"}


CASES = [
    Case("accounts:login", matrix.PUBLIC),
    # Logging in stores the time (last_login): whoever posts editor_a's password is let in.
    Case(
        "accounts:login", {role: matrix.REDIRECT for role in matrix.PUBLIC}, method="post",
        data=lambda w: {"username": w.editor_a.username, "password": PASSWORD},
    ),
    Case("accounts:logout", {role: matrix.REDIRECT for role in matrix.PUBLIC}, method="post", writes=False),
    *form_cases("accounts:password_change", matrix.MEMBERS, data=_password_data),
    Case("accounts:password_change_done", matrix.MEMBERS),
    Case("accounts:password_reset", matrix.PUBLIC),
    # Stores nothing but sends a mail (to a known address only).
    Case(
        "accounts:password_reset", {role: matrix.REDIRECT for role in matrix.PUBLIC}, method="post",
        data=lambda w: {"email": w.editor_a.email},
    ),
    Case("accounts:password_reset_done", matrix.PUBLIC),
    # A valid link redirects once to the form under a session token (Django's own design).
    Case("accounts:password_reset_confirm", {role: matrix.REDIRECT for role in matrix.PUBLIC}, kwargs=_reset_kwargs),
    Case("accounts:password_reset_complete", matrix.PUBLIC),
    *form_cases("corporations:member_create", matrix.STAFF_ONLY, kwargs=_corporation_a, data=_member_data),
    Case(
        "corporations:member_create",
        matrix.STAFF_ONLY | {"staff": matrix.NOT_FOUND},
        kwargs=_missing_corporation,
        note="missing corporation",
    ),
    Case(
        "corporations:member_create",
        matrix.STAFF_ONLY | {"staff": matrix.NOT_FOUND},
        kwargs=_missing_corporation, method="post", data=_member_data,
        note="missing corporation",
    ),
    Case("accounts:welcome_resend", matrix.ALL_405, kwargs=_new_contact),
    Case("accounts:welcome_resend", matrix.STAFF_POST, kwargs=_new_contact, method="post"),
]
