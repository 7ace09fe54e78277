from tests.factories import UserFactory
from tests.matrix import (
    ALL_405,
    FORBIDDEN,
    LOGIN,
    MEMBERS,
    MEMBERS_POST,
    NOT_FOUND,
    PUBLIC,
    REDIRECT,
    STAFF_ONLY,
    STAFF_POST,
    Case,
)

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
    Case("accounts:login", PUBLIC),
    # Logging in stores the time (last_login): whoever posts editor_a's password is let in.
    Case(
        "accounts:login", {role: REDIRECT for role in PUBLIC}, method="post",
        data=lambda w: {"username": w.editor_a.username, "password": PASSWORD},
    ),
    Case("accounts:logout", {role: REDIRECT for role in PUBLIC}, method="post", writes=False),
    Case("accounts:password_change", MEMBERS),
    Case("accounts:password_change", MEMBERS_POST, method="post", data=_password_data),
    Case("accounts:password_change_done", MEMBERS),
    Case("accounts:password_reset", PUBLIC),
    # Stores nothing but sends a mail (to a known address only).
    Case(
        "accounts:password_reset", {role: REDIRECT for role in PUBLIC}, method="post",
        data=lambda w: {"email": w.editor_a.email},
    ),
    Case("accounts:password_reset_done", PUBLIC),
    # A valid link redirects once to the form under a session token (Django's own design).
    Case("accounts:password_reset_confirm", {role: REDIRECT for role in PUBLIC}, kwargs=_reset_kwargs),
    Case("accounts:password_reset_complete", PUBLIC),
    Case("corporations:member_create", STAFF_ONLY, kwargs=_corporation_a),
    Case("corporations:member_create", STAFF_POST, kwargs=_corporation_a, method="post", data=_member_data),
    Case(
        "corporations:member_create",
        STAFF_ONLY | {"staff": NOT_FOUND},
        kwargs=_missing_corporation,
        note="missing corporation",
    ),
    Case(
        "corporations:member_create",
        STAFF_ONLY | {"staff": NOT_FOUND},
        kwargs=_missing_corporation, method="post", data=_member_data,
        note="missing corporation",
    ),
    Case("accounts:welcome_resend", ALL_405, kwargs=_new_contact),
    Case(
        "accounts:welcome_resend",
        {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": FORBIDDEN, "staff": REDIRECT},
        kwargs=_new_contact, method="post",
    ),
]
