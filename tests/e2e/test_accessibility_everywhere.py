"""axe-core at WCAG 2.2 AA plus best practices on every page of the portal, for each role.

"Every page" is every GET case of the URL × role matrix (tests/<app>/url_matrix.py) that the
role may open (200, an HTML page), built over the demo (Nerima's 63 corporations, its
meetings and projects) with the demo's accounts standing in for the matrix's personas:
editor_a = "member" and viewer_a = "viewer" of つくりっこの家, editor_b = "member2" of 慈愛会.
A new URL in the matrix is checked here without anything to add.

Each form's error state as well: every form posting fields on those pages is sent empty
(the browser's own checks switched off, as a script-less or old browser would send it),
and the page that comes back with the errors is checked.
"""

import importlib
import json
import os
from pathlib import Path

import pytest
from django.urls import reverse

from tests.conftest import World
from tests.e2e.accessibility import axe_results, describe
from tests.e2e.conftest import log_in
from tests.test_url_matrix import CASES

pytestmark = pytest.mark.e2e

DEMO_PASSWORD = "nerima-demo-2015"
SEED_MIGRATIONS = [
    "corporations.migrations.0002_seed_areas_and_service_types", "contributions.migrations.0002_seed_vocabularies",
    "needs.migrations.0002_seed_resource_kinds",
]
# The demo's accounts for the matrix's roles.
DEMO_USERS = {"editor_a": "member", "viewer_a": "viewer", "editor_b": "member2", "staff": "staff"}

@pytest.fixture
def demo_world(transactional_db):
    from django.apps import apps
    from django.core.management import call_command

    from accounts.models import User
    from corporations.models import Corporation

    # Earlier browser tests flush every table, the seeded vocabularies with them: seed again.
    for module in SEED_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)
    call_command("load_demo")
    corp_a = Corporation.objects.get(name="社会福祉法人つくりっこの家")
    corp_b = Corporation.objects.get(name="社会福祉法人慈愛会")
    users = {role: User.objects.get(username=username) for role, username in DEMO_USERS.items()}
    return World(
        corp_a=corp_a, corp_b=corp_b,
        facility_a=corp_a.facilities.order_by("pk").first(), facility_b=corp_b.facilities.order_by("pk").first(),
        **users,
    )


def _pages_for(role: str, world: World) -> list[tuple[str, str]]:
    """(URL name, path) of every GET case the role opens with 200."""
    pages = []
    for case in CASES:
        if case.method != "get" or case.expect[role] != 200:
            continue
        path = reverse(case.name, kwargs=case.kwargs(world) if case.kwargs else None)
        pages.append((case.name, path + (f"?{case.query}" if case.query else "")))
    return pages


# axe accepts an aria-describedby with one id found among several; the portal wants none
# missing (Django points a field with help text at "<id>_helptext" whether or not it is shown).
MISSING_IDREFS = """() => [
  ...document.querySelectorAll('[aria-describedby], [aria-labelledby], [aria-controls], label[for]')]
  .flatMap(el => ['aria-describedby', 'aria-labelledby', 'aria-controls', 'for']
    .flatMap(attr => (el.getAttribute(attr) || '').split(/\\s+/).filter(Boolean)
      .filter(id => !document.getElementById(id)).map(id => `${el.tagName.toLowerCase()}[${attr}=${id}]`)))"""


def _check(page, name: str, path: str, found: dict) -> None:
    for violation in axe_results(page):
        found.setdefault((name, violation["id"]), []).append(f"{path}: {describe(violation)}")
    missing = page.evaluate(MISSING_IDREFS)
    if missing:
        found.setdefault((name, "missing-idref"), []).append(f"{path}: ids named but not on the page: {missing[:8]}")


def _assert_clean(found: dict) -> None:
    _report(found)
    assert not found, "\n".join(line for lines in found.values() for line in lines)


def _report(found: dict) -> None:
    # A full list for the one who fixes them (AXE_REPORT=path.json), beside the assertion's.
    target = os.environ.get("AXE_REPORT")
    if target:
        rows = [{"page": name, "rule": rule, "lines": lines} for (name, rule), lines in sorted(found.items())]
        with Path(target).open("a", encoding="utf-8") as out:
            out.write(json.dumps(rows, ensure_ascii=False) + "\n")


def _open(page, path: str) -> bool:
    """Open the page; False for a download (CSV, .xlsx, .docx, a photo), which axe has nothing to check in."""
    response = page.request.get(path, max_redirects=0)
    assert response.status == 200, (path, response.status)
    if not response.headers.get("content-type", "").startswith("text/html"):
        return False
    page.goto(path)
    return True


def _html_pages(page, world: World, role: str):
    """Logs the role in (as its demo account), then opens each HTML page it may see in turn and yields its
    (URL name, path) while it is open."""
    if role != "anonymous":
        log_in(page, DEMO_USERS[role], DEMO_PASSWORD)
    for name, path in _pages_for(role, world):
        if _open(page, path):
            yield name, path


@pytest.mark.parametrize("role", ["anonymous", "editor_a", "viewer_a", "editor_b", "staff"])
def test_every_page_passes_axe_for_each_role(page, demo_world, role):
    found = {}
    checked = 0
    for name, path in _html_pages(page, demo_world, role):
        _check(page, name, path, found)
        checked += 1
    print(f"{role}: {checked} pages checked")
    assert checked >= 10, checked  # the matrix was read: not a vacuous pass
    _assert_clean(found)


# The forms that post fields, and the page they are on; a form without fields (a button) has
# no error state. The language switch stores a cookie only and has no error to show.
POSTING_FORMS = """
() => [...document.querySelectorAll('main form[method=post], main form[method=POST]')]
  .map((form, index) => ({index, fields: form.querySelectorAll(
      'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=checkbox]):not([type=radio]), textarea'
  ).length}))
  .filter(form => form.fields > 0).map(form => form.index)
"""
SUBMIT_EMPTY = """
index => {
  const form = [...document.querySelectorAll('main form[method=post], main form[method=POST]')][index];
  form.noValidate = true;
  for (const field of form.querySelectorAll('input, textarea')) {
    if (['hidden', 'submit', 'button', 'checkbox', 'radio'].includes(field.type)) continue;
    if (field.type === 'file') { field.value = ''; continue; }
    field.value = '';
  }
  // The form's own submit button: not one placed inside it that submits another form (form=…).
  const button = [...form.querySelectorAll('button[type=submit], button:not([type]), input[type=submit]')]
    .find(b => !b.hasAttribute('form') || b.getAttribute('form') === form.id);
  if (button) { button.click(); } else { form.requestSubmit(); }
}
"""


# The least number of forms with an error state each role meets (a vacuous pass fails).
FORMS_AT_LEAST = {"anonymous": 2, "viewer_a": 2, "editor_a": 10, "staff": 25}


@pytest.mark.parametrize("role", list(FORMS_AT_LEAST))
def test_every_form_with_errors_passes_axe(page, demo_world, role):
    found = {}
    with_errors = 0
    for name, path in _html_pages(page, demo_world, role):
        for index in page.evaluate(POSTING_FORMS):
            page.goto(path)
            with page.expect_navigation():
                page.evaluate(SUBMIT_EMPTY, index)
            page.wait_for_load_state()
            if page.locator(".errorlist, [aria-invalid=true], .form-errors").count():
                with_errors += 1
                _check(page, f"{name} (errors)", f"{path} → {page.url}", found)
    print(f"{role}: {with_errors} forms checked with their errors")
    assert with_errors >= FORMS_AT_LEAST[role], with_errors
    _assert_clean(found)
