"""JIS X 8341-3 (WCAG 2.x AA) checks with axe-core on the register's pages, in Chromium.

Each app adds its own pages to these checks in its journeys with tests.e2e.accessibility.
"""

import pytest

from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import log_in
from tests.factories import CorporationFactory, FacilityFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def corporation(transactional_db):
    corporation = CorporationFactory(name="社会福祉法人つくりっこの家", name_kana="ツクリッコノイエ")
    FacilityFactory(corporation=corporation, name="つくりっこの家")
    return corporation


def test_it_finds_no_wcag_violations_on_public_pages(page, corporation):
    for path in ["/", "/accounts/login/", "/accounts/password/reset/", "/no-such-page/"]:
        page.goto(path)
        violations = axe_violations(page)
        assert not violations, f"{path}: " + "\n".join(violations)


def test_it_finds_no_wcag_violations_on_staff_pages(page, corporation):
    StaffFactory(username="clerk")
    log_in(page, "clerk")
    for path in [
        "/dashboard/", "/corporations/", "/corporations/?area=1&q=つくり", f"/corporations/{corporation.pk}/",
        f"/corporations/{corporation.pk}/edit/", f"/corporations/{corporation.pk}/facilities/new/",
        "/corporations/new/", "/corporations/import/",
        f"/accounts/corporations/{corporation.pk}/members/new/",
    ]:
        page.goto(path)
        violations = axe_violations(page)
        assert not violations, f"{path}: " + "\n".join(violations)


def test_it_finds_no_wcag_violations_on_a_form_with_errors(page, corporation):
    MembershipFactory(user__username="tsukuri", corporation=corporation)
    log_in(page, "tsukuri")
    page.goto(f"/corporations/{corporation.pk}/edit/")
    page.get_by_label("電話番号").fill("03-12")
    page.get_by_role("button", name="保存する").click()
    assert page.get_by_text("電話番号は「03-3993-9931」のように").is_visible()
    assert axe_violations(page) == []


def test_it_can_be_used_by_keyboard_from_the_skip_link(page, corporation):
    page.goto("/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "本文へ移動"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "content"


def test_it_catches_a_violation_when_there_is_one(page):
    # The checker itself works: a page with a missing label and alt text is reported.
    page.set_content(
        "<!doctype html><html lang='ja'><title>x</title><body><main>"
        "<img src='x.png'><input type='text'></main></body></html>"
    )
    rules = {line.split(" ")[0] for line in axe_violations(page)}
    assert {"image-alt", "label"} <= rules


SEED_MIGRATIONS = [
    "corporations.migrations.0002_seed_areas_and_service_types", "contributions.migrations.0002_seed_vocabularies",
    "needs.migrations.0002_seed_resource_kinds",
]


@pytest.fixture
def demo(transactional_db):
    # Earlier browser tests flush every table, taking with them the rows the data migrations
    # seeded (areas, service types, patterns, themes): seed them again, as a fresh database has them.
    import importlib

    from django.apps import apps
    from django.core.management import call_command

    for module in SEED_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)

    call_command("load_demo")


def _paths_with_demo_ids():
    from django.utils import timezone

    from contributions.models import Project
    from meetings.models import Meeting

    held = Meeting.objects.get(series__fiscal_year=2015, number=2)
    upcoming = Meeting.objects.filter(starts_at__gt=timezone.now()).get()
    project = Project.objects.filter(owner__name="社会福祉法人つくりっこの家").order_by("pk").first()
    published = Project.objects.filter(published__is_public=True).order_by("pk").first()
    return held, upcoming, project, published


def test_it_finds_no_wcag_violations_on_the_meetings_and_projects_pages(page, demo):
    held, upcoming, project, published = _paths_with_demo_ids()
    log_in(page, "staff", "nerima-demo-2015")
    staff_pages = [
        "/meetings/", f"/meetings/{held.pk}/", f"/meetings/{held.pk}/edit/", f"/meetings/{held.pk}/programme/",
        f"/meetings/{upcoming.pk}/invite/", f"/meetings/{upcoming.pk}/replies/", f"/meetings/{held.pk}/attendance/",
        f"/meetings/{held.pk}/signin-sheet/", f"/meetings/{held.pk}/groups/", f"/meetings/{held.pk}/minutes/",
        f"/meetings/{held.pk}/report/", f"/meetings/{held.pk}/report/print/", "/meetings/participation/",
        "/meetings/new/", "/projects/", "/projects/new/", f"/projects/{project.pk}/", f"/projects/{project.pk}/edit/",
        "/projects/board/", "/projects/report/", "/projects/reviews/overdue/", f"/projects/{project.pk}/reviews/new/",
    ]
    for path in staff_pages:
        page.goto(path)
        violations = axe_violations(page)
        assert not violations, f"{path}: " + "\n".join(violations)
    page.context.clear_cookies()
    log_in(page, "member", "nerima-demo-2015")
    for path in [f"/meetings/{upcoming.pk}/rsvp/", "/meetings/", "/projects/", f"/projects/{project.pk}/"]:
        page.goto(path)
        violations = axe_violations(page)
        assert not violations, f"{path}: " + "\n".join(violations)
    page.context.clear_cookies()
    for path in ["/", "/catalogue/", "/catalogue/?area=4&pattern=2", f"/catalogue/{published.pk}/"]:
        page.goto(path)
        violations = axe_violations(page)
        assert not violations, f"{path}: " + "\n".join(violations)
