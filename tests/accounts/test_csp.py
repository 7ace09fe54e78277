"""A Content-Security-Policy that runs scripts from the portal's own files only.

Without 'unsafe-inline' an injected <script> or onerror= does nothing; for that to hold,
the templates themselves must carry no inline script and no on* handler attribute.
"""

import re
from pathlib import Path

import pytest
from django.urls import reverse

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
# ` onclick=`, ` onchange="…"`: an attribute, not a word such as "one=" inside text.
HANDLER = re.compile(r"<[^>]*\son[a-z]+\s*=", re.IGNORECASE | re.DOTALL)


def _directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.parametrize("url_name", ["portal:home", "accounts:login", "accounts:password_reset"])
def test_it_sends_a_policy_without_unsafe_inline_scripts(client, db, url_name):
    response = client.get(reverse(url_name))
    policy = _directives(response["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]


def test_it_sends_the_policy_on_a_logged_in_page(staff_client):
    response = staff_client.get(reverse("portal:dashboard"))
    assert "'unsafe-inline'" not in _directives(response["Content-Security-Policy"])["script-src"]


def test_it_loads_the_shared_script_from_a_file(client, db):
    html = client.get(reverse("accounts:login")).content.decode()
    assert re.search(r'<script src="/static/js/portal\.js"></script>', html)
    assert 'data-submit-on-change' in html


@pytest.mark.parametrize("path", sorted(TEMPLATES.rglob("*.html")), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_holds_an_inline_script_or_handler(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_SCRIPT.search(text), "inline <script>: move it to static/js/"
    assert not HANDLER.search(text), "on* handler attribute: add a listener in static/js/"
    assert "javascript:" not in text.lower()
