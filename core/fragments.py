"""Cached HTML fragments that are never stale and never shown to the wrong person.

A fragment's key holds everything its HTML may depend on:
- the data: the generation (core/generation.py), read once a request; any committed write
  makes a new generation, so no key made after it finds HTML made before it. HTML kept under
  generation G must show G's data or newer, so the generation must be read before the data the
  fragment shows: a view that reads what its fragments show before it renders (the corporation
  page reads the corporation; a list reads its page) is marked @generation_first, which reads
  it before the session, the user and the view's own queries. Otherwise it is read at the
  first fragment, before what the template reads inside it;
- who looks: the user's id (or "anonymous") — so a fragment may use every permission the
  user has without the key naming them; a change of role is a write, so a new generation;
- the language, the page's template (a child template may fill the fragment's blocks), the
  fragment's name and its own arguments (the object shown, the list's query string);
- the clock, by the minute: what depends on the time (a meeting that starts, a deadline, the
  fiscal year) changes at most a minute late, and exactly when its moment is a whole minute.
Nothing is cached inside a transaction of the site's own (its writes are not committed yet,
and the generation does not show them), nor HTML holding a CSRF token (another session's
secret). A form may still sit inside a fragment: there `{% csrf_token %}` writes a placeholder
(csrf_slot(): derived from SECRET_KEY, so no one can type it into the data), which is kept, and
each request puts its own token in its place after the cache lookup (with_csrf_token). A
fragment whose HTML holds a token any other way is refused loudly.

The cache is Django's default cache (settings.CACHES: memory of each worker is enough, since
the generation comes from the database on each request: one query a page that has a fragment,
logged and counted like the page's others).
"""

import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.db import connection
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.html import format_html
from django.utils.translation import get_language

from . import generation

TIMEOUT = 60  # seconds: a fragment lives no longer than its minute (see the clock above)
CSRF_MARK = "csrfmiddlewaretoken"


class FragmentHoldsSecret(Exception):
    """A fragment's HTML contains a CSRF token: it must not be cached."""


@functools.cache
def _slot(secret_key: str) -> str:
    return "csrfslot" + salted_hmac("core.fragments.csrf_slot", "slot", secret=secret_key).hexdigest()[:32]


def csrf_slot() -> str:
    """What `{% csrf_token %}` writes inside a fragment instead of the token (letters and digits: HTML leaves it)."""
    return _slot(settings.SECRET_KEY)


def _slot_input() -> str:
    # As django.template.defaulttags.CsrfTokenNode writes it.
    return format_html('<input type="hidden" name="{}" value="{}">', CSRF_MARK, csrf_slot())


def with_csrf_token(html: str, token) -> str:
    """A fragment's HTML with this request's CSRF token (the context's csrf_token) in each placeholder's place."""
    if csrf_slot() not in html:
        return html
    token = "" if token is None else str(token)
    if token in ("", "NOTPROVIDED"):  # no token for this request: the input goes, as {% csrf_token %} does
        html = html.replace(_slot_input(), "")
    return html.replace(csrf_slot(), token if token != "NOTPROVIDED" else "")


def in_own_transaction() -> bool:
    """Inside an atomic block of the site's own (the test case's own blocks do not count: they
    stand for the commits of the requests they hold)."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def known_generation(request) -> int | None:
    """The generation this request has read already, or None (no query)."""
    return getattr(request, "_portal_generation", None)


def request_generation(request) -> int | None:
    """The generation for this request: read once, on the first fragment."""
    if not hasattr(request, "_portal_generation"):
        request._portal_generation = generation.read()
    return request._portal_generation


def generation_first(view):
    """For a view that reads what its page's fragments show before it renders them: a GET or HEAD
    reads the generation first, before anything else reads data (the same one query, earlier)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            request_generation(request)
        return view(request, *args, **kwargs)

    return wrapped


def clock_minute() -> int:
    """The minute a fragment's key names (the clock above). The tests pin it for each test, so a
    page read twice in one test is not read across a minute's turn (tests/conftest.py)."""
    return int(timezone.now().timestamp() // 60)


def fragment_key(request, name: str, parts=(), template_name: str | None = "") -> str | None:
    """The cache key of a fragment for this request; None when it must not be cached."""
    if request is None or template_name is None or in_own_transaction():
        return None  # (a template made from a string has no name to tell it from another)
    current = request_generation(request)
    if current is None:
        return None
    user = getattr(request, "user", None)
    viewer = f"u{user.pk}" if user is not None and user.is_authenticated else "anonymous"
    minute = clock_minute()
    raw = "\x1f".join(
        [name, template_name, viewer, get_language() or "", str(current), str(minute), *[str(part) for part in parts]]
    )
    return "fragment:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_html(request, name: str, parts, render, template_name: str | None = "") -> str:
    """The fragment's HTML: from the cache, or render() (then kept). CSRF placeholders stay in it (with_csrf_token)."""
    key = fragment_key(request, name, parts, template_name)
    if key is not None:
        html = cache.get(key)
        if html is not None:
            return html
    html = render()
    if html.count(CSRF_MARK) > html.count(_slot_input()):
        raise FragmentHoldsSecret(f"Fragment {name!r} holds a CSRF token: write it with {{% csrf_token %}}.")
    if key is not None:
        cache.set(key, html, TIMEOUT)
    return html


def _settings_changed(**kwargs):
    # A test that changes a setting (the council's name, a language) sees it on the next page.
    cache.clear()


setting_changed.connect(_settings_changed, dispatch_uid="core.fragments.settings_changed")

