"""Browser journeys of the minutes (議事録) and the programme editor."""

import datetime
import io
import re

import pytest
from docx import Document
from playwright.sync_api import expect

from meetings.models import Meeting, Minutes
from tests.e2e.conftest import TOKYO, log_in
from tests.factories import AreaFactory, CorporationFactory, StaffFactory
from tests.meetings.factories import AttendeeFactory, InvitationFactory, MeetingFactory, MeetingSeriesFactory
from tests.meetings.test_programme_editor import ARTICLE_PROGRAMME

pytestmark = pytest.mark.e2e
DECISIONS = ["就労体験の受入先を一覧にして共有する。", "次回は大泉地域で開催する。"]


@pytest.fixture
def held_meeting(transactional_db):
    area = AreaFactory(name="練馬")
    corporation = CorporationFactory(name="社会福祉法人つくりっこの家", home_area=area)
    start = datetime.datetime(2030, 10, 29, 14, tzinfo=TOKYO)
    meeting = MeetingFactory(series=MeetingSeriesFactory(fiscal_year=2030), number=2, starts_at=start,
                             ends_at=start + datetime.timedelta(hours=3), status=Meeting.Status.HELD)
    InvitationFactory(meeting=meeting, corporation=corporation)
    AttendeeFactory(meeting=meeting, corporation=corporation, area=area, name="豊玉 花子")
    StaffFactory(username="clerk")
    return meeting


def test_staff_write_minutes_print_them_on_a4_and_download_a_docx(page, held_meeting):
    log_in(page, "clerk")
    page.goto(f"/meetings/{held_meeting.pk}/minutes/")
    page.get_by_role("link", name="議事録を書く・直す").click()
    page.get_by_label("議事の経過").fill("開会挨拶ののち、実践報告と地域別情報交換を行った。")
    page.get_by_label("記録者").fill("事務局 練馬")
    page.get_by_label("決定事項 1", exact=True).fill(DECISIONS[0])
    page.get_by_label("決定事項 2", exact=True).fill(DECISIONS[1])
    page.get_by_label("内容 1", exact=True).fill("受入先の候補を各法人から集める")
    page.get_by_label("担当 1", exact=True).fill("事務局")
    page.get_by_label("期限 1", exact=True).fill("R13.1.15")
    page.get_by_role("button", name="議事録を保存する").click()
    expect(page.get_by_text("議事録を保存しました。")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_contain_text("議事録")
    for decision in DECISIONS:
        expect(page.get_by_role("cell", name=decision)).to_be_visible()
    expect(page.get_by_role("cell", name="令和13年1月15日")).to_be_visible()
    minutes = Minutes.objects.get(meeting=held_meeting)
    assert list(minutes.decisions.values_list("text", flat=True)) == DECISIONS
    assert minutes.follow_ups.get().due_on == datetime.date(2031, 1, 15)

    # Print on A4: the minutes fit a page or two, without the buttons.
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF") and 1 <= _pdf_pages(pdf) <= 2
    assert b"/MediaBox [0 0 595" in pdf or b"/MediaBox[0 0 595" in pdf  # A4: 595 × 842 points

    # The .docx opens, and holds the two decisions.
    with page.expect_download() as download:
        page.get_by_role("link", name="Word（.docx）で保存").click()
    assert download.value.suggested_filename.endswith(".docx")
    document = Document(io.BytesIO(open(download.value.path(), "rb").read()))
    decisions = document.tables[0]
    assert [row.cells[1].text for row in decisions.rows[1:]] == DECISIONS


def test_staff_enter_a_ten_item_programme_in_one_save_and_reorder_it_with_the_keyboard(page, held_meeting):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "clerk")
    page.goto(f"/meetings/{held_meeting.pk}/programme/")
    # One blank row is shown; "行を追加" shows the next hidden one and, when none is left, asks the
    # server for more (the page comes back with the rows typed, nothing saved): the article's ten.
    expect(page.locator("tr[data-programme-row]:visible")).to_have_count(1)
    for number, (kind, title) in enumerate(ARTICLE_PROGRAMME, start=1):
        if number > 1:
            page.get_by_role("button", name="行を追加").click()
        page.get_by_label(f"種類 {number}", exact=True).select_option(kind)
        page.get_by_label(f"題目 {number}", exact=True).fill(title)
    # It fits a 1280 px window: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    page.get_by_role("button", name="次第を保存する").click()
    expect(page.get_by_text("次第を保存しました。")).to_be_visible()
    assert list(held_meeting.program_items.values_list("order", "title")) == [
        (n, title) for n, (_kind, title) in enumerate(ARTICLE_PROGRAMME, start=1)
    ]

    # Move the third item up with the keyboard: focus its button, press Enter.
    page.goto(f"/meetings/{held_meeting.pk}/programme/")
    up = page.get_by_role("button", name="3行目を上へ", exact=True)
    up.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_label("題目 2", exact=True)).to_have_value(ARTICLE_PROGRAMME[2][1])
    expect(page.get_by_label("題目 3", exact=True)).to_have_value(ARTICLE_PROGRAMME[1][1])
    # The focus stays on the moved row's button, now named for its new place.
    expect(page.get_by_role("button", name="2行目を上へ", exact=True)).to_be_focused()
    expect(page.get_by_label("順番 2", exact=True)).to_have_value("2")
    page.keyboard.press("Space")  # once more: to the top
    expect(page.get_by_label("題目 1", exact=True)).to_have_value(ARTICLE_PROGRAMME[2][1])
    page.get_by_role("button", name="次第を保存する").click()
    expect(page.get_by_text("次第を保存しました。")).to_be_visible()
    titles = list(held_meeting.program_items.values_list("title", flat=True))
    assert titles[:3] == [ARTICLE_PROGRAMME[2][1], ARTICLE_PROGRAMME[0][1], ARTICLE_PROGRAMME[1][1]]
    assert list(held_meeting.program_items.values_list("order", flat=True)) == list(range(1, 11))


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def test_the_minutes_and_programme_editors_have_no_wcag_violations(page, held_meeting):
    from tests.e2e.accessibility import axe_violations

    log_in(page, "clerk")
    for path in (f"/meetings/{held_meeting.pk}/minutes/edit/", f"/meetings/{held_meeting.pk}/programme/",
                 f"/meetings/{held_meeting.pk}/minutes/", f"/meetings/series/{held_meeting.series_id}/copy/",
                 "/meetings/series/new/"):
        page.goto(path)
        violations = axe_violations(page)
        assert not violations, f"{path}: " + "\n".join(violations)
