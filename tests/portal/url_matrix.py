from tests import matrix
from tests.matrix import Case

CASES = [
    Case("portal:home", matrix.PUBLIC),
    Case(
        "portal:dashboard",
        {role: matrix.REDIRECT for role in matrix.PUBLIC} | {"anonymous": matrix.LOGIN, "staff": matrix.OK},
        note="members land on their own corporation",
    ),
    Case(
        "set_language",
        {role: matrix.REDIRECT for role in matrix.PUBLIC},
        method="post",
        data=lambda w: {"language": "en", "next": "/"},
        writes=False,  # a cookie only
    ),
    # The admin: staff pass its own check; everyone else is sent to the admin's log-in.
    Case("admin:index", {role: matrix.REDIRECT for role in matrix.PUBLIC} | {"staff": matrix.OK}),
]
