"""Browser journey of the year's participation: the clerk reads the matrix (a corporation not
invited shows 案内なし, not absent), opens the outreach list with phone numbers, and downloads
both as CSV and .xlsx; every page passes the WCAG A/AA checks."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from meetings.models import Attendee, Invitation, Meeting
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import TOKYO, log_in, named_corporation
from tests.factories import AreaFactory, CorporationFactory, StaffFactory
from tests.meetings.factories import MeetingFactory, MeetingSeriesFactory

pytestmark = pytest.mark.e2e


@pytest.fixture
def year(transactional_db):
    nerima, oizumi = AreaFactory(name="練馬"), AreaFactory(name="大泉")
    regular = named_corporation("tsukuri", home_area=nerima)
    lapsed = named_corporation("izumi", home_area=oizumi, representative="泉 花子", phone="03-3921-0001")
    late = CorporationFactory(name="社会福祉法人あたらし会", name_kana="アタラシカイ", home_area=oizumi)
    CorporationFactory(name="社会福祉法人きょうから会", name_kana="キョウカラカイ", home_area=nerima)  # invited nowhere
    series = MeetingSeriesFactory(fiscal_year=2015)
    days = (datetime.date(2015, 7, 29), datetime.date(2015, 10, 29), datetime.date(2016, 2, 25))
    for number, day in enumerate(days, start=1):
        start = datetime.datetime.combine(day, datetime.time(14), tzinfo=TOKYO)
        meeting = MeetingFactory(series=series, number=number, starts_at=start,
                                 ends_at=start + datetime.timedelta(hours=2), status=Meeting.Status.HELD)
        invited = [regular, lapsed] + ([late] if number == 3 else [])
        for corporation in invited:
            Invitation.objects.create(meeting=meeting, corporation=corporation, invited_at=start)
        for corporation in [regular] + ([lapsed] if number == 1 else []):
            Attendee.objects.create(meeting=meeting, corporation=corporation, name="出席 太郎",
                                    area=corporation.home_area, present=True)
    StaffFactory(username="clerk")


def test_the_clerk_reads_the_year_calls_the_absent_and_downloads_both_lists(page, year):
    log_in(page, "clerk")
    page.goto("/meetings/participation/?fy=2015&n=2")
    expect(page.get_by_role("heading", level=1)).to_contain_text("平成27年度の参加状況")
    matrix = page.locator("table.participation-matrix")
    expect(matrix.locator("tbody tr")).to_have_count(3)
    expect(matrix).not_to_contain_text("きょうから会")
    late_row = matrix.locator("tbody tr", has_text="あたらし会")
    expect(late_row).to_contain_text("案内なし")
    expect(late_row).to_contain_text("0 / 1")  # invited once, to the third meeting
    expect(page.get_by_test_id("totals")).to_contain_text("案内した法人数")
    expect(page.get_by_test_id("outreach")).to_contain_text("いずみ会")
    assert not axe_violations(page), "\n".join(axe_violations(page))

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV で出力").click()
    body = download.value.path().read_bytes()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    names = [row[0] for row in rows[1:4]]
    assert names == ["社会福祉法人あたらし会", "社会福祉法人いずみ会", "社会福祉法人つくりっこの家"]

    page.get_by_role("link", name="声かけ先の一覧（連絡先つき）").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("平成27年度の声かけ先")
    row = page.locator("tbody tr", has_text="いずみ会")
    expect(row).to_contain_text("泉 花子")
    expect(row).to_contain_text("03-3921-0001")
    expect(row).to_contain_text("平成27年7月29日")
    assert not axe_violations(page), "\n".join(axe_violations(page))
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (.xlsx) で出力").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    values = list(book.worksheets[0].values)
    assert values[2][:5] == ("社会福祉法人いずみ会", "イズミカイ", "大泉", "泉 花子", "03-3921-0001")
