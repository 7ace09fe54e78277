from tests.factories import UserFactory
from tests.matrix import MEMBERS, NOT_FOUND, PUBLIC, REDIRECT, STAFF_ONLY, Case


def _reset_kwargs(world):
    from accounts.services import password_set_url

    user = UserFactory()
    path = password_set_url(user).split("/password/reset/")[1].strip("/").split("/")
    return {"uidb64": path[0], "token": path[1]}


CASES = [
    Case("accounts:login", PUBLIC),
    Case("accounts:logout", {role: REDIRECT for role in PUBLIC}, method="post"),
    Case("accounts:password_change", MEMBERS),
    Case("accounts:password_change_done", MEMBERS),
    Case("accounts:password_reset", PUBLIC),
    Case("accounts:password_reset_done", PUBLIC),
    # A valid link redirects once to the form under a session token (Django's own design).
    Case("accounts:password_reset_confirm", {role: REDIRECT for role in PUBLIC}, kwargs=_reset_kwargs),
    Case("accounts:password_reset_complete", PUBLIC),
    Case("corporations:member_create", STAFF_ONLY, kwargs=lambda w: {"pk": w.corp_a.pk}),
    Case(
        "corporations:member_create",
        STAFF_ONLY | {"staff": NOT_FOUND},
        kwargs=lambda w: {"pk": 999999},
        note="missing corporation",
    ),
]
