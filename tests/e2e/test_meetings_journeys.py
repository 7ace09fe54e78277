"""Browser journey of a liaison meeting: copy, invite, answer, attendance, report, PDF."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from meetings.models import Attendee, Invitation, Meeting
from meetings.selectors import area_report
from tests.e2e.conftest import TOKYO, accounts, log_in, log_out, named_corporation
from tests.factories import AreaFactory, FacilityFactory
from tests.meetings.factories import MeetingFactory, MeetingSeriesFactory, ProgramItemFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def network(transactional_db):
    nerima, oizumi = AreaFactory(name="練馬"), AreaFactory(name="大泉")
    tsukuri = named_corporation("tsukuri", home_area=nerima)
    FacilityFactory(corporation=tsukuri, name="つくりっこの家")
    jigyodan = named_corporation("jigyodan", home_area=oizumi)
    izumi = named_corporation("izumi", home_area=oizumi)
    series = MeetingSeriesFactory(title="ネットワークづくりに向けた連絡会", fiscal_year=2030)
    start = datetime.datetime(2030, 10, 29, 14, tzinfo=TOKYO)
    last = MeetingFactory(series=series, number=2, starts_at=start, ends_at=start + datetime.timedelta(hours=3),
                          status=Meeting.Status.HELD, venue="区役所 多目的会議室")
    ProgramItemFactory(meeting=last, order=1, kind="greeting", title="開会挨拶")
    ProgramItemFactory(meeting=last, order=2, kind="lecture", title="社会貢献事業におけるネットワークづくりについて")
    accounts(tsukuri=tsukuri)
    return {"series": series, "tsukuri": tsukuri, "jigyodan": jigyodan, "izumi": izumi}


def test_it_runs_a_meeting_from_copy_to_printed_report(page, network):
    # Staff copies the last meeting and invites everyone.
    log_in(page, "clerk")
    page.goto("/meetings/?fy=2030")
    page.get_by_role("link", name=re.compile("前回をコピーして次の回を作成")).click()
    page.get_by_label("開始日時").fill("2031-02-10T14:00")
    page.get_by_label("終了日時").fill("2031-02-10T16:30")
    page.get_by_role("button", name="コピーして作成する").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("第3回")
    expect(page.get_by_test_id("meeting-date")).to_contain_text("令和13年2月10日（月）")
    expect(page.get_by_text("社会貢献事業におけるネットワークづくりについて")).to_be_visible()
    meeting = Meeting.objects.get(series=network["series"], number=3)
    page.get_by_role("link", name="案内を送る").click()
    page.get_by_role("button", name=re.compile("まだ案内していない活動中のすべての法人")).click()
    expect(page.get_by_text("3法人を案内しました。うちメールで届けたのは3法人です。")).to_be_visible()
    log_out(page)

    # A member answers 出席 with two names.
    log_in(page, "tsukuri")
    page.goto(f"/meetings/{meeting.pk}/rsvp/")
    page.get_by_label("出席", exact=True).check()
    page.get_by_label("氏名 1").fill("豊玉 花子")
    page.get_by_label("役職 1").fill("施設長")
    page.get_by_label("氏名 2").fill("桜台 次郎")
    page.get_by_role("button", name="回答を保存する").click()
    expect(page.get_by_test_id("my-answer")).to_contain_text("出席")
    invitation = Invitation.objects.get(meeting=meeting, corporation=network["tsukuri"])
    assert invitation.answer == "attend" and invitation.persons.count() == 2
    log_out(page)

    # Staff takes attendance: the answer named two, ticked by 回答どおり (the tick is the clerk's,
    # never the answer's); tick the rest, add a walk-in, save once.
    log_in(page, "clerk")
    page.goto(f"/meetings/{meeting.pk}/attendance/")
    expect(page.get_by_label("出席（社会福祉法人つくりっこの家）").first).not_to_be_checked()
    page.get_by_role("button", name=re.compile("回答どおり: 練馬")).click()
    expect(page.get_by_label("出席（社会福祉法人つくりっこの家）").first).to_be_checked()
    for name in ("社会福祉法人いずみ会", "社会福祉法人練馬区社会福祉事業団"):
        page.get_by_label(f"氏名（{name}）").fill(f"{name[6:8]} 代表")
        page.get_by_label(f"出席（{name}）").check()
    walk_in = page.locator("#walk-in-rows tr[data-testid=attendance-row]").first
    # Its corporation is searched by name (the script offers what it finds) and chosen.
    walk_in.get_by_label(re.compile("当日参加の法人（法人名")).fill("つくりっこ")
    choices = walk_in.get_by_label(re.compile("当日参加の法人（見つかった法人"))
    expect(choices.locator("option", has_text="社会福祉法人つくりっこの家")).to_have_count(1)
    choices.select_option(label="社会福祉法人つくりっこの家")
    walk_in.locator("input[name$='-name']").fill("当日 参加子")
    # A walk-in came: filling the row ticks 出席 by itself.
    expect(walk_in.locator("input[name$='-present']")).to_be_checked()
    page.get_by_role("button", name="出席を保存する").click()
    expect(page.get_by_text(re.compile("出席を保存しました"))).to_be_visible()
    assert Attendee.objects.filter(meeting=meeting, present=True).count() == 5
    assert Attendee.objects.get(meeting=meeting, name="当日 参加子").walk_in

    # The per-area report shows the new totals; its print view is one page per area.
    page.goto(f"/meetings/{meeting.pk}/report/")
    expect(page.get_by_test_id("report-total")).to_have_text("出席 3法人 / 3法人 (100.0%)")
    page.get_by_role("link", name="印刷用ページ").click()
    expect(page.locator("section.print-page").first).to_be_visible()
    pdf = page.pdf(format="A4", print_background=False)
    areas = len(area_report(meeting).areas)
    assert areas >= 2
    assert _pdf_pages(pdf) == areas


def _pdf_pages(pdf: bytes) -> int:
    try:
        from pypdf import PdfReader
    except ImportError:
        # Each page object is "/Type /Page" (the tree itself is "/Type /Pages").
        return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))
    import io

    return len(PdfReader(io.BytesIO(pdf)).pages)
