"""Browser journeys of the day of a meeting: a guest and a no-show give the right totals, and
attendance taken with the keyboard only."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from meetings.models import Attendee, Guest, Invitation
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import log_in
from tests.factories import AreaFactory, CorporationFactory, StaffFactory
from tests.meetings.factories import (
    GuestFactory,
    InvitationFactory,
    MeetingFactory,
    MeetingSeriesFactory,
    RsvpPersonFactory,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def day(transactional_db):
    """A meeting today: in 練馬 つくりっこの家 said 出席 (and comes), さくら会 said 出席 (and does
    not come); in 大泉 いずみ会 said 欠席. A lecturer (no corporation) said 出席."""
    nerima, oizumi = AreaFactory(name="練馬"), AreaFactory(name="大泉")
    start = timezone.localtime().replace(hour=14, minute=0, second=0, microsecond=0)
    from core.wareki import fiscal_year_of

    meeting = MeetingFactory(
        series=MeetingSeriesFactory(title="ネットワークづくりに向けた連絡会", fiscal_year=fiscal_year_of(start)),
        number=2, starts_at=start, ends_at=start + datetime.timedelta(hours=3), venue="区役所 多目的会議室",
    )
    now = timezone.now()
    corporations = {}
    for name, kana, area, answer, person in (
        ("社会福祉法人つくりっこの家", "ツクリッコノイエ", nerima, Invitation.Answer.ATTEND, "豊玉 花子"),
        ("社会福祉法人さくら会", "サクラカイ", nerima, Invitation.Answer.ATTEND, "桜台 次郎"),
        ("社会福祉法人いずみ会", "イズミカイ", oizumi, Invitation.Answer.ABSENT, None),
    ):
        corporation = CorporationFactory(name=name, name_kana=kana, home_area=area)
        invitation = InvitationFactory(meeting=meeting, corporation=corporation, answer=answer, answered_at=now)
        if person:
            RsvpPersonFactory(invitation=invitation, name=person, title="施設長", area=area)
        corporations[name] = corporation
    GuestFactory(meeting=meeting, name="講師 一郎", organisation="○○大学", title="教授", answer="attend",
                 answered_at=now, area=nerima)
    StaffFactory(username="clerk")
    return {"meeting": meeting, "nerima": nerima, "oizumi": oizumi, **corporations}


def test_a_guest_and_a_no_show_give_the_right_totals(page, day):
    meeting = day["meeting"]
    log_in(page, "clerk")

    # The ward's welfare department says it will come: staff add it as a guest.
    page.goto(f"/meetings/{meeting.pk}/guests/")
    page.get_by_label("氏名").fill("福祉 太郎")
    page.get_by_label("所属").fill("練馬区 福祉部")
    page.get_by_label("回答").select_option(label="出席")
    page.get_by_role("button", name="追加する").click()
    expect(page.get_by_test_id("guest")).to_have_count(2)

    # On the day: the answers name the people, but nobody is ticked yet.
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    tsukuri = page.get_by_label("出席（社会福祉法人つくりっこの家）")
    sakura = page.get_by_label("出席（社会福祉法人さくら会）")
    expect(tsukuri).not_to_be_checked()
    expect(sakura).not_to_be_checked()
    # 回答どおり for 練馬 ticks both who said 出席; さくら会's person did not come: untick.
    page.get_by_role("button", name=re.compile("回答どおり: 練馬")).click()
    expect(tsukuri).to_be_checked()
    expect(sakura).to_be_checked()
    sakura.uncheck()
    # The guests: as answered (the lecturer and the ward came), and a resident came unannounced.
    page.get_by_role("button", name=re.compile("回答どおり: 来賓・関係者")).click()
    page.get_by_label("当日参加の来賓の氏名").first.fill("住民 花子")
    page.get_by_label("当日参加の来賓の所属").first.fill("住民")
    page.locator("#guest-rows tr[data-testid=guest-row]").nth(2).locator("input[name$='-present']").check()
    page.get_by_role("button", name="出席を保存する").click()
    expect(page.get_by_text(re.compile("出席を保存しました"))).to_be_visible()
    assert set(Attendee.objects.filter(meeting=meeting, present=True).values_list("name", flat=True)) == {"豊玉 花子"}
    assert Guest.objects.filter(meeting=meeting, present=True).count() == 3

    # The per-area report: one corporation of three came; the guests are counted apart.
    page.goto(f"/meetings/{meeting.pk}/report/")
    expect(page.get_by_test_id("report-total")).to_contain_text("出席 1法人 / 3法人 (33.3%)")
    expect(page.get_by_test_id("report-guests")).to_contain_text("来賓・関係者（法人以外） 3人")
    nerima = page.locator("section", has=page.get_by_role("heading", name="練馬", exact=True)).get_by_test_id(
        "area-total"
    )
    expect(nerima).to_contain_text("出席 1法人 / 2法人 (50.0%)・出席者 1人")
    expect(page.get_by_text("社会福祉法人さくら会").first).to_be_visible()  # among the absent
    expect(page.get_by_test_id("report-guest")).to_have_count(3 + 1)  # all guests, and 練馬's group again

    # The pages of the day pass the accessibility checker (WCAG 2.2 AA rules of axe-core).
    for path in ("guests/", "attendance/", "report/", "report/print/", "signin-sheet/", "groups/"):
        page.goto(f"/meetings/{meeting.pk}/{path}")
        violations = axe_violations(page)
        assert not violations, f"{path}: " + "\n".join(violations)


def _tab_to(page, selector, limit: int = 200):
    """Press Tab until the element `selector` finds (a Playwright selector or locator) has the focus."""
    target = (page.locator(selector) if isinstance(selector, str) else selector).first
    for _ in range(limit):
        if target.evaluate("element => element === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_staff_take_attendance_for_an_area_with_the_keyboard_only(page, day):
    meeting = day["meeting"]
    log_in(page, "clerk")
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    page.locator("body").focus()
    # 練馬's 回答どおり: Enter ticks those who said 出席.
    _tab_to(page, f"button[value='{day['nerima'].pk}']")
    page.keyboard.press("Enter")
    expect(page.get_by_label("出席（社会福祉法人さくら会）")).to_be_checked()
    # さくら会's person did not come: Space unticks the box.
    _tab_to(page, "tr:has-text('社会福祉法人さくら会') input[name$='-present']")
    page.keyboard.press("Space")
    expect(page.get_by_label("出席（社会福祉法人さくら会）")).not_to_be_checked()
    # Type the name of いずみ会's person, who came after all, and tick.
    _tab_to(page, "tr:has-text('社会福祉法人いずみ会') input[name$='-name']")
    page.keyboard.type("泉 三郎")
    _tab_to(page, "tr:has-text('社会福祉法人いずみ会') input[name$='-present']")
    page.keyboard.press("Space")
    # Save with Enter on the save button.
    _tab_to(page, page.get_by_role("button", name="出席を保存する"))
    page.keyboard.press("Enter")
    expect(page.get_by_text(re.compile("出席を保存しました"))).to_be_visible()
    present = set(Attendee.objects.filter(meeting=meeting, present=True).values_list("corporation__name", "name"))
    assert present == {("社会福祉法人つくりっこの家", "豊玉 花子"), ("社会福祉法人いずみ会", "泉 三郎")}
    assert Attendee.objects.get(name="桜台 次郎").present is False


def test_a_walk_in_row_added_by_the_button_searches_and_a_typed_name_is_matched_on_saving(page, day):
    meeting = day["meeting"]
    CorporationFactory(name="社会福祉法人ひまわり会", name_kana="ヒマワリカイ")  # not invited
    log_in(page, "clerk")
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    rows = page.locator("#walk-in-rows tr[data-testid=attendance-row]")
    before = rows.count()
    page.get_by_role("button", name="当日参加の行を追加").click()
    expect(rows).to_have_count(before + 1)
    # The added row draws no list of its own: its text searches the register.
    added = rows.last
    added.get_by_label(re.compile("当日参加の法人（法人名")).fill("いずみ")
    choices = added.get_by_label(re.compile("当日参加の法人（見つかった法人"))
    expect(choices.locator("option", has_text="社会福祉法人いずみ会")).to_have_count(1)
    choices.select_option(label="社会福祉法人いずみ会")
    expect(added.get_by_label(re.compile("当日参加の法人（法人名"))).to_have_value("社会福祉法人いずみ会")
    added.locator("input[name$='-name']").fill("泉 当日")
    expect(added.locator("input[name$='-present']")).to_be_checked()
    # Another walk-in typed by its full name, not chosen: matched when the screen is saved.
    first = rows.first
    first.get_by_label(re.compile("当日参加の法人（法人名")).fill("社会福祉法人ひまわり会")
    first.locator("input[name$='-name']").fill("向日 葵")
    page.get_by_role("button", name="出席を保存する").click()
    expect(page.get_by_text(re.compile("出席を保存しました"))).to_be_visible()
    assert Attendee.objects.get(meeting=meeting, name="泉 当日").walk_in
    assert Attendee.objects.get(meeting=meeting, name="向日 葵").corporation.name == "社会福祉法人ひまわり会"


def test_a_walk_in_naming_no_corporation_is_refused_next_to_its_text_with_the_keyboard_only(page, day):
    meeting = day["meeting"]
    log_in(page, "clerk")
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    page.locator("body").focus()
    walk_in = page.locator("#walk-in-rows tr[data-testid=attendance-row]").first
    text = walk_in.get_by_label(re.compile("当日参加の法人（法人名"))
    _tab_to(page, text)
    page.keyboard.type("存在しない法人")
    _tab_to(page, walk_in.locator("input[name$='-name']"))
    page.keyboard.type("来場 一郎")
    _tab_to(page, page.get_by_role("button", name="出席を保存する"))
    page.keyboard.press("Enter")
    error = page.locator("#walk-in-rows [id$='-corporation_error']").first
    expect(error).to_contain_text("「存在しない法人」に当たる法人が見つかりません。")
    text = page.locator("#walk-in-rows tr[data-testid=attendance-row]").first.get_by_label(
        re.compile("当日参加の法人（法人名")
    )
    expect(text).to_have_attribute("aria-invalid", "true")
    expect(text).to_have_value("存在しない法人")
    assert not Attendee.objects.filter(meeting=meeting).exists()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)
