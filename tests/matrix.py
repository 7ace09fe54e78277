"""The URL × role permission matrix: each app lists its URLs in tests/<app>/url_matrix.py.

A case names a URL, how to build its arguments from the test world, and what each role
gets back. tests/test_url_matrix.py runs every case for every role, and fails when a URL
of the project is in no case.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

OK = 200
LOGIN = "login"  # redirected to the log-in page
REDIRECT = 302  # redirected elsewhere (a shortcut, a POST-only endpoint's answer)
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405

STAFF_ONLY = {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": FORBIDDEN, "staff": OK}
PUBLIC = {"anonymous": OK, "editor_a": OK, "viewer_a": OK, "editor_b": OK, "staff": OK}
# An object of corporation A, to be seen by A's members and staff; B gets 404.
OWN_READ = {"anonymous": LOGIN, "editor_a": OK, "viewer_a": OK, "editor_b": NOT_FOUND, "staff": OK}
# An object of corporation A, to be changed by A's editors and staff; A's viewer gets 403.
OWN_EDIT = {"anonymous": LOGIN, "editor_a": OK, "viewer_a": FORBIDDEN, "editor_b": NOT_FOUND, "staff": OK}
MEMBERS = {"anonymous": LOGIN, "editor_a": OK, "viewer_a": OK, "editor_b": OK, "staff": OK}


@dataclass
class Case:
    name: str  # "namespace:url_name"
    expect: dict  # role → expected status (or LOGIN)
    kwargs: Callable | None = None  # world → URL kwargs (may create objects with factories)
    query: str = ""  # appended after "?"
    method: str = "get"
    data: Callable | None = None  # world → POST data
    note: str = ""
    covers: list[str] = field(default_factory=list)  # other URL names this case stands for
