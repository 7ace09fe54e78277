"""Browser journeys of the register: staff edits a phone; a member stays in its own lane."""

import re

import pytest
from playwright.sync_api import expect

from corporations.models import Corporation
from tests.e2e.conftest import log_in
from tests.factories import AreaFactory, CorporationFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def register(transactional_db):
    # Factories, not the seeded rows: a transactional test empties the tables after it.
    oizumi = AreaFactory(name="大泉")
    nerima = AreaFactory(name="練馬")
    return {
        "oizumi": CorporationFactory(
            name="社会福祉法人練馬区社会福祉事業団", name_kana="ネリマクシャカイフクシジギョウダン", home_area=oizumi
        ),
        "oizumi2": CorporationFactory(name="社会福祉法人いずみ会", name_kana="イズミカイ", home_area=oizumi),
        "nerima": CorporationFactory(name="社会福祉法人つくりっこの家", name_kana="ツクリッコノイエ", home_area=nerima),
    }


def test_it_lets_staff_filter_by_area_and_fix_a_phone_typed_full_width(page, register):
    StaffFactory(username="clerk")
    log_in(page, "clerk")
    page.goto("/corporations/")
    page.get_by_label("地域").select_option(label="大泉")
    page.get_by_role("button", name="絞り込む").click()
    table = page.get_by_role("table")
    expect(table).to_contain_text("社会福祉法人練馬区社会福祉事業団")
    expect(table).not_to_contain_text("つくりっこの家")
    # 五十音: イズミ before ネリマ
    names = table.locator("tbody th a").all_inner_texts()
    assert names == ["社会福祉法人いずみ会", "社会福祉法人練馬区社会福祉事業団"]

    page.get_by_role("link", name="社会福祉法人練馬区社会福祉事業団").click()
    page.get_by_role("link", name="法人の情報を編集").click()
    page.get_by_label("電話番号").fill("０３ー３９２３ー０１１１")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_test_id("corporation-phone")).to_have_text("03-3923-0111")
    register["oizumi"].refresh_from_db()
    assert register["oizumi"].phone == "03-3923-0111"


def test_it_lets_a_member_edit_its_own_corporation_and_shows_404_for_another(page, register):
    MembershipFactory(user__username="tsukuri", corporation=register["nerima"])
    log_in(page, "tsukuri")
    expect(page).to_have_url(re.compile(rf"/corporations/{register['nerima'].pk}/$"))
    page.get_by_role("link", name="法人の情報を編集").click()
    page.get_by_label("代表者").fill("豊玉 花子")
    page.get_by_role("button", name="保存する").click()
    expect(page.get_by_text("法人の情報を保存しました。")).to_be_visible()

    response = page.goto(f"/corporations/{register['oizumi'].pk}/edit/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("ページが見つかりません")
    assert Corporation.objects.get(pk=register["oizumi"].pk).representative == register["oizumi"].representative
