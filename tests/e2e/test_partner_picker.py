"""Choosing a project's partner corporations with the search picker, in Chromium."""

import pytest
from playwright.sync_api import expect

from tests.contributions.factories import ProjectFactory
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import log_in
from tests.factories import CorporationFactory, MembershipFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def project(transactional_db):
    owner = CorporationFactory(name="社会福祉法人つくりっこの家", name_kana="ツクリッコノイエ")
    MembershipFactory(user__username="tsukuri", corporation=owner)
    # A register of 60: none of them is on the page until searched for.
    CorporationFactory.create_batch(58)
    CorporationFactory(name="社会福祉法人いずみ会", name_kana="イズミカイ")
    return ProjectFactory(owner=owner, title="大泉ふれあい見守りネット")


def test_a_member_finds_ticks_and_saves_a_partner(page, project):
    log_in(page, "tsukuri")
    page.goto(f"/projects/{project.pk}/edit/")
    picker = page.locator("[data-search-select][data-multiple]")
    expect(picker.locator("input[type=checkbox]")).to_have_count(0)  # none chosen, none listed
    assert page.locator("option").count() < 30  # the page's own short lists, no register
    page.get_by_label("共同実施法人").fill("いずみ")
    expect(page.get_by_role("status").filter(has_text="1件見つかりました")).to_be_attached()
    page.get_by_label("社会福祉法人いずみ会").check()
    assert axe_violations(page) == []  # the picker with a result, as a screen reader meets it
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("共同実施法人")).to_be_visible()
    expect(page.locator("dd").filter(has_text="社会福祉法人いずみ会")).to_be_visible()
    assert [c.name for c in project.partners.all()] == ["社会福祉法人いずみ会"]

    # Back on the form: the chosen partner is the picker's one (ticked) box.
    page.goto(f"/projects/{project.pk}/edit/")
    expect(picker.locator("input[type=checkbox]")).to_have_count(1)
    expect(page.get_by_label("社会福祉法人いずみ会")).to_be_checked()
