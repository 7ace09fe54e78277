"""The URL × role permission matrix: each app lists its URLs in tests/<app>/url_matrix.py.

A case names a URL, how to build its arguments from the test world, and what each role
gets back. tests/test_url_matrix.py runs every case for every role, and fails when a URL
of the project is in no case.

A POST case is a write: a refused role (log-in, 403, 404, 405) must leave the stored data
exactly as it was, and a role the case lets through (REDIRECT) must change it, which shows
the posted data is a real write. "The stored data" is every row of the project's apps, the
mail sent and the files stored (`stored_state`), so a refused request that wrote anywhere
at all is caught, not only on the object in the URL.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

OK = 200
LOGIN = "login"  # redirected to the log-in page
REDIRECT = 302  # redirected elsewhere (a shortcut, a POST-only endpoint's answer)
FORBIDDEN = 403
NOT_FOUND = 404
NOT_ALLOWED = 405
# What a refused request answers; it must have changed nothing.
REFUSED = {LOGIN, FORBIDDEN, NOT_FOUND, NOT_ALLOWED}

STAFF_ONLY = {"anonymous": LOGIN, "editor_a": FORBIDDEN, "viewer_a": FORBIDDEN, "editor_b": FORBIDDEN, "staff": OK}
PUBLIC = {"anonymous": OK, "editor_a": OK, "viewer_a": OK, "editor_b": OK, "staff": OK}
# An object of corporation A, to be seen by A's members and staff; B gets 404.
OWN_READ = {"anonymous": LOGIN, "editor_a": OK, "viewer_a": OK, "editor_b": NOT_FOUND, "staff": OK}
# An object of corporation A, to be changed by A's editors and staff; A's viewer gets 403.
OWN_EDIT = {"anonymous": LOGIN, "editor_a": OK, "viewer_a": FORBIDDEN, "editor_b": NOT_FOUND, "staff": OK}
MEMBERS = {"anonymous": LOGIN, "editor_a": OK, "viewer_a": OK, "editor_b": OK, "staff": OK}
# The same, posted: a successful write redirects.
STAFF_POST = STAFF_ONLY | {"staff": REDIRECT}
OWN_POST = OWN_EDIT | {"editor_a": REDIRECT, "staff": REDIRECT}
MEMBERS_POST = {role: REDIRECT if expected == OK else expected for role, expected in MEMBERS.items()}
# Every role is refused the method (a read-only page posted to, a POST-only endpoint fetched).
ALL_405 = {role: NOT_ALLOWED for role in PUBLIC}

# The apps whose rows a refused request must leave alone (admin: its change log).
# post_office: the queue of outgoing mail (core/mail.py); a refused request queues none.
STORED_APPS = ["accounts", "corporations", "meetings", "contributions", "needs", "annual", "admin", "post_office"]


def stored_state() -> dict:
    """Every row of the project's apps (with many-to-many links and history), the mail
    sent and the uploaded files."""
    from django.apps import apps
    from django.conf import settings
    from django.core import mail

    state = {}
    for label in STORED_APPS:
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    state["mail"] = [(message.subject, message.to) for message in getattr(mail, "outbox", [])]
    media = Path(settings.MEDIA_ROOT)
    state["files"] = sorted(str(path.relative_to(media)) for path in media.rglob("*")) if media.exists() else []
    return state


@dataclass
class Case:
    name: str  # "namespace:url_name"
    expect: dict  # role → expected status (or LOGIN)
    kwargs: Callable | None = None  # world → URL kwargs (may create objects with factories)
    query: str = ""  # appended after "?"
    method: str = "get"
    data: Callable | None = None  # world → POST data (built before the snapshot is taken)
    note: str = ""
    covers: list[str] = field(default_factory=list)  # other URL names this case stands for
    writes: bool = True  # POST only; False for a POST that stores nothing (log-out, the language cookie)


def form_cases(name: str, expect: dict, *, kwargs: Callable | None = None, data: Callable | None = None) -> list[Case]:
    """A form's page and the form posted: a role that opens the page (200) has its write redirected, and a role
    refused the page is refused the write the same way."""
    posted = {role: REDIRECT if status == OK else status for role, status in expect.items()}
    return [Case(name, expect, kwargs=kwargs), Case(name, posted, kwargs=kwargs, method="post", data=data)]


def history_cases(history: str, restore: str, *, kwargs: Callable, earlier: Callable) -> list[Case]:
    """An object's change history and restoring one of its versions: staff only, checked before the object
    is looked up; the history is read only. `earlier` gives the URL kwargs of a version older than now."""
    return [
        Case(history, STAFF_ONLY, kwargs=kwargs),
        Case(history, ALL_405, kwargs=kwargs, method="post", note="read only"),
        Case(restore, STAFF_ONLY, kwargs=earlier),
        Case(restore, STAFF_POST, kwargs=earlier, method="post"),
    ]
