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
        assert axe_violations(page) == [], path


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
        assert axe_violations(page) == [], path


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
    page.set_content("<!doctype html><html lang='ja'><title>x</title><body><main><img src='x.png'><input type='text'></main></body></html>")
    rules = {line.split(" ")[0] for line in axe_violations(page)}
    assert {"image-alt", "label"} <= rules
