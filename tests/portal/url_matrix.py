from tests.matrix import LOGIN, OK, PUBLIC, REDIRECT, Case

CASES = [
    Case("portal:home", PUBLIC),
    Case(
        "portal:dashboard",
        {"anonymous": LOGIN, "editor_a": REDIRECT, "viewer_a": REDIRECT, "editor_b": REDIRECT, "staff": OK},
        note="members land on their own corporation",
    ),
    Case(
        "set_language",
        {role: REDIRECT for role in PUBLIC},
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
        writes=False,  # a cookie only
    ),
    # The admin: staff pass its own check; everyone else is sent to the admin's log-in.
    Case(
        "admin:index",
        {"anonymous": REDIRECT, "editor_a": REDIRECT, "viewer_a": REDIRECT, "editor_b": REDIRECT, "staff": OK},
    ),
]
