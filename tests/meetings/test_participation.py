"""The fiscal year's participation matrix, its rates and totals, the outreach list (声かけ先)
and their exports: who counts is who was invited, never today's register."""

import csv
import datetime
import io
import re

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from corporations.models import Corporation
from meetings import selectors
from meetings.models import Invitation, Meeting
from tests.factories import AreaFactory, CorporationFactory

from .factories import AttendeeFactory, InvitationFactory, MeetingFactory, MeetingSeriesFactory


@pytest.fixture
def areas(db):
    return [AreaFactory(name=name, sort_order=i) for i, name in enumerate(("練馬", "光が丘", "石神井", "大泉"))]


def _held(series, number, day: datetime.date) -> Meeting:
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(14)))
    return MeetingFactory(series=series, number=number, status=Meeting.Status.HELD, starts_at=starts_at,
                          ends_at=starts_at + datetime.timedelta(hours=2))


def _record(meeting, invited=(), came=()):
    for corporation in invited:
        InvitationFactory(meeting=meeting, corporation=corporation)
    for corporation in came:
        AttendeeFactory(meeting=meeting, corporation=corporation)


def _page(client, query=""):
    return client.get(reverse("meetings:participation") + query)


@pytest.fixture
def year_2015(areas):
    """FY2015: three held meetings and a planned one. まいかい会 came to all three; ごぶさた会
    came to the first only; あとから会 was invited to the third only, and came."""
    series = MeetingSeriesFactory(fiscal_year=2015)
    regular = CorporationFactory(name="社会福祉法人まいかい会", name_kana="マイカイカイ", home_area=areas[0],
                                 representative="毎回 一郎", phone="03-1111-1111")
    lapsed = CorporationFactory(name="社会福祉法人ごぶさた会", name_kana="ゴブサタカイ", home_area=areas[1],
                                representative="御無沙 汰子", phone="03-2222-2222")
    late = CorporationFactory(name="社会福祉法人あとから会", name_kana="アトカラカイ", home_area=areas[0])
    meetings = [_held(series, n, day) for n, day in
                ((1, datetime.date(2015, 7, 29)), (2, datetime.date(2015, 10, 29)), (3, datetime.date(2016, 2, 25)))]
    _record(meetings[0], invited=[regular, lapsed], came=[regular, lapsed])
    _record(meetings[1], invited=[regular, lapsed], came=[regular])
    _record(meetings[2], invited=[regular, lapsed, late], came=[regular, late])
    MeetingFactory(series=series, number=4)  # planned: not counted
    return {"series": series, "meetings": meetings, "regular": regular, "lapsed": lapsed, "late": late}


def _figures(fiscal_year=2015):
    """Everything a year's participation says, as plain values."""
    meetings, rows, areas, outreach = selectors.participation(fiscal_year)
    return (
        [(m.pk, m.total.invited, m.total.attended) for m in meetings],
        [(r.corporation.name, r.marks, r.attended, r.invited, r.participation_rate) for r in rows],
        [(a.area.name, a.corporations, a.attendances, a.possible, a.participation_rate) for a in areas],
    )


def test_it_marks_each_meeting_came_absent_or_not_invited(staff_client, world, year_2015):
    response = _page(staff_client, "?fy=2015&n=2")
    rows = {r.corporation.name: r for r in response.context["rows"]}
    assert rows["社会福祉法人まいかい会"].marks == [True, True, True]
    assert rows["社会福祉法人まいかい会"].participation_rate == 100.0
    assert rows["社会福祉法人ごぶさた会"].marks == [True, False, False]
    assert rows["社会福祉法人ごぶさた会"].participation_rate == 33.3
    # Invited to the third meeting only: not absent from the first two, and 100% of what it was asked to.
    late = rows["社会福祉法人あとから会"]
    assert late.marks == [None, None, True] and late.invited == 1 and late.participation_rate == 100.0
    # 五十音 order, whatever the area.
    assert list(rows) == ["社会福祉法人あとから会", "社会福祉法人ごぶさた会", "社会福祉法人まいかい会"]
    content = response.content.decode()
    assert "○" in content and "×" in content and "案内なし" in content


def test_it_totals_each_meeting_and_rates_each_area_by_invitations(staff_client, world, year_2015):
    response = _page(staff_client, "?fy=2015")
    assert [(t.invited, t.attended) for t in response.context["totals"]] == [(2, 2), (2, 1), (3, 2)]
    areas = {a.area.name: (a.corporations, a.attendances, a.possible) for a in response.context["areas"]}
    # 練馬: まいかい会 3 of 3, あとから会 1 of 1; 光が丘: ごぶさた会 1 of 3.
    assert areas == {"練馬": (2, 4, 4), "光が丘": (1, 1, 3)}
    footer = response.content.decode().split('<tfoot data-testid="totals">', 1)[1].split("</tfoot>", 1)[0]
    assert re.findall(r'<td class="numeric">([^<]+)</td>', footer) == [
        "2", "2", "3", "2", "1", "2", "100.0%", "50.0%", "66.7%"]


def test_a_corporation_created_today_is_absent_from_no_past_year(staff_client, world, year_2015, areas):
    before = _figures()
    newcomer = CorporationFactory(name="社会福祉法人きょうできた会", home_area=areas[0])
    assert timezone.localdate(newcomer.created_at) == timezone.localdate()
    assert _figures() == before
    content = _page(staff_client, "?fy=2015").content.decode()
    assert newcomer.name not in content
    body = staff_client.get(reverse("meetings:participation_csv") + "?fy=2015").getvalue().decode("utf-8-sig")
    assert newcomer.name not in body
    outreach = staff_client.get(reverse("meetings:outreach") + "?fy=2015&n=1").content.decode()
    assert newcomer.name not in outreach


def test_a_past_year_does_not_change_when_the_register_does(staff_client, world, year_2015, areas):
    before = _figures()
    Corporation.objects.filter(pk=year_2015["regular"].pk).update(is_active=False)
    CorporationFactory.create_batch(3, home_area=areas[1])
    assert _figures() == before


def test_the_world_corporations_not_invited_are_nowhere(staff_client, world, year_2015):
    # world's two corporations exist (active) but were invited to nothing in 2015.
    content = _page(staff_client, "?fy=2015").content.decode()
    assert world.corp_a.name not in content and world.corp_b.name not in content
    assert _page(staff_client, "?fy=2015").context["page"].paginator.count == 3


def test_a_walk_in_counts_as_invited_and_present(staff_client, world, year_2015, areas):
    walk_in = CorporationFactory(name="社会福祉法人とびいり会", home_area=areas[2])
    AttendeeFactory(meeting=year_2015["meetings"][1], corporation=walk_in, walk_in=True)
    rows = {r.corporation.name: r for r in _page(staff_client, "?fy=2015").context["rows"]}
    assert rows[walk_in.name].marks == [None, True, None] and rows[walk_in.name].participation_rate == 100.0
    totals = _page(staff_client, "?fy=2015").context["totals"]
    assert (totals[1].invited, totals[1].attended) == (3, 2)


def test_an_attendee_ticked_absent_does_not_count(staff_client, world, year_2015):
    AttendeeFactory(meeting=year_2015["meetings"][1], corporation=year_2015["lapsed"], present=False)
    rows = {r.corporation.name: r for r in _page(staff_client, "?fy=2015").context["rows"]}
    assert rows["社会福祉法人ごぶさた会"].marks == [True, False, False]


def test_it_filters_by_area(staff_client, world, year_2015, areas):
    response = _page(staff_client, f"?fy=2015&area={areas[0].pk}")
    names = [r.corporation.name for r in response.context["rows"]]
    assert names == ["社会福祉法人あとから会", "社会福祉法人まいかい会"]
    assert [(t.invited, t.attended) for t in response.context["totals"]] == [(1, 1), (1, 1), (2, 2)]


def test_the_outreach_list_looks_back_into_the_year_before(staff_client, world, year_2015, areas):
    series = MeetingSeriesFactory(fiscal_year=2016)
    first = _held(series, 1, datetime.date(2016, 5, 20))
    # ごぶさた会 missed 2015's 2nd and 3rd: called in 2015, and in 2016 after missing the 1st too.
    skipped = CorporationFactory(name="社会福祉法人まばら会", name_kana="マバラカイ", home_area=areas[3])
    _record(year_2015["meetings"][1], invited=[skipped])  # missed 2015's 2nd
    _record(first, invited=[year_2015["regular"], year_2015["lapsed"], skipped, year_2015["late"]],
            came=[year_2015["regular"]])
    gone = CorporationFactory(name="社会福祉法人かいさん会", home_area=areas[0], is_active=False)
    _record(year_2015["meetings"][2], invited=[gone])
    _record(first, invited=[gone])

    called = {r.corporation.name: r.missed_in_a_row for r in selectors.outreach_list(2016, 2)}
    # 2016's only meeting so far: the list is not empty, it reads 2015's meetings too.
    # ごぶさた会: 3 in a row. まばら会: not invited to 2015's 3rd, which neither counts nor breaks
    # the run (2nd and 2016's 1st missed). あとから会: came to 2015's 3rd, missed 2016's 1st: 1.
    # かいさん会 left the register: nobody to call.
    assert called == {"社会福祉法人ごぶさた会": 3, "社会福祉法人まばら会": 2}
    assert set(r.corporation.name for r in list(selectors.outreach_list(2016, 3))) == {
        "社会福祉法人ごぶさた会"}
    # 2015, seen at its end: ごぶさた会 (2nd and 3rd missed) only; 2016's meeting is not read.
    assert [r.corporation.name for r in list(selectors.outreach_list(2015, 2))] == [
        "社会福祉法人ごぶさた会"]
    response = staff_client.get(reverse("meetings:outreach") + "?fy=2016&n=2")
    content = response.content.decode()
    assert "御無沙 汰子" in content and "03-2222-2222" in content and "社会福祉法人まばら会" in content
    assert "平成27年7月29日" in content  # ごぶさた会's last attendance
    preview = _page(staff_client, "?fy=2016&n=2")
    assert preview.context["outreach_count"] == 2 and "03-2222-2222" in preview.content.decode()


def test_the_outreach_list_of_an_area(staff_client, world, year_2015, areas):
    response = staff_client.get(reverse("meetings:outreach") + f"?fy=2015&n=2&area={areas[0].pk}")
    assert response.context["page"].paginator.count == 0
    response = staff_client.get(reverse("meetings:outreach") + f"?fy=2015&n=2&area={areas[1].pk}")
    assert [r.corporation.name for r in response.context["page"]] == ["社会福祉法人ごぶさた会"]


def test_participation_unpacks_as_before_for_the_year_report(world, year_2015):
    result = selectors.participation(2015, 2)
    meetings, rows, areas, outreach = result
    assert result.meetings is meetings and len(meetings) == 3
    assert {r.corporation.name for r in outreach} == {"社会福祉法人ごぶさた会"}
    assert all(hasattr(r, name) for r in rows for name in ("corporation", "marks", "attended", "missed_in_a_row"))
    assert all(hasattr(a, name) for a in areas for name in ("area", "corporations", "attendances", "possible"))
    lapsed = next(r for r in rows if r.corporation.name == "社会福祉法人ごぶさた会")
    assert lapsed.missed_in_a_row == 2 and selectors.needs_outreach(lapsed.missed_in_a_row)


def test_it_opens_on_the_newest_year_with_held_meetings(staff_client, world, year_2015):
    MeetingFactory(series=MeetingSeriesFactory(fiscal_year=2016))  # planned only
    assert _page(staff_client).context["fiscal_year"] == 2015
    assert _page(staff_client, "?fy=2016").context["fiscal_year"] == 2016
    assert _page(staff_client, "?fy=2016").context["rows"] == []


# --- exports ------------------------------------------------------------------------------

def test_the_matrix_exports_to_xlsx_with_dates_totals_and_a4(staff_client, world, year_2015):
    response = staff_client.get(reverse("meetings:participation_xlsx") + "?fy=2015")
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert 'filename="participation-2015.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["参加状況", "連絡会ごと", "地域別"]
    sheet = book["参加状況"]
    rows = list(sheet.values)
    assert rows[0][0].startswith("平成27年度 連絡会 参加状況")
    assert rows[1][:4] == ("法人名", "フリガナ", "地域", "第1回（H27.7.29）")
    assert rows[2][:6] == ("社会福祉法人あとから会", "アトカラカイ", "練馬", None, None, "○")  # not invited: empty
    assert rows[3][3:9] == ("○", "×", "×", 1, 3, 33.3)
    assert [row[0] for row in rows[-3:]] == ["案内した法人数", "出席法人数", "出席率（%）"]
    assert rows[-3][3:6] == (2, 2, 3) and rows[-2][3:6] == (2, 1, 2)
    assert sheet.page_setup.paperSize == 9 and sheet.print_title_rows == "$1:$2"
    meetings = book["連絡会ごと"]
    first = meetings["B3"]
    assert first.value.date() == datetime.date(2015, 7, 29) and "ggge" in first.number_format
    assert [row[3:5] for row in meetings.iter_rows(min_row=3, values_only=True)] == [(2, 2), (2, 1), (3, 2)]


def test_the_matrix_exports_to_csv_with_a_bom(staff_client, world, year_2015, areas):
    response = staff_client.get(reverse("meetings:participation_csv") + f"?fy=2015&area={areas[0].pk}")
    body = response.getvalue()
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0][:4] == ["法人名", "フリガナ", "地域", "第1回（H27.7.29）"]
    assert rows[1] == ["社会福祉法人あとから会", "アトカラカイ", "練馬", "", "", "○", "1", "1", "100.0"]
    assert rows[2][0] == "社会福祉法人まいかい会" and len(rows) == 6  # header, 2 rows, 3 total rows
    assert rows[3][:6] == ["案内した法人数", "", "", "1", "1", "2"]


def test_the_outreach_list_exports_with_contacts(staff_client, world, year_2015):
    xlsx = staff_client.get(reverse("meetings:outreach_xlsx") + "?fy=2015&n=2")
    book = load_workbook(io.BytesIO(xlsx.getvalue()))
    rows = list(book["声かけ先"].values)
    assert "声かけ先" in rows[0][0] and rows[1][3:5] == ("代表者", "電話番号")
    assert rows[2][:7] == ("社会福祉法人ごぶさた会", "ゴブサタカイ", "光が丘", "御無沙 汰子", "03-2222-2222",
                           year_2015["lapsed"].email, 2)
    assert rows[2][7].date() == datetime.date(2015, 7, 29) and len(rows) == 3
    body = staff_client.get(reverse("meetings:outreach_csv") + "?fy=2015&n=2").getvalue()
    assert body.startswith("\ufeff".encode())
    csv_rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert csv_rows[1][:5] == ["社会福祉法人ごぶさた会", "ゴブサタカイ", "光が丘", "御無沙 汰子", "03-2222-2222"]
    assert csv_rows[1][6:] == ["2", "2015-07-29"]


def test_members_see_no_participation(editor_a_client, viewer_a_client, world, year_2015):
    for name in ("meetings:participation", "meetings:participation_xlsx", "meetings:participation_csv",
                 "meetings:outreach", "meetings:outreach_xlsx", "meetings:outreach_csv"):
        assert editor_a_client.get(reverse(name)).status_code == 403
        assert viewer_a_client.get(reverse(name)).status_code == 403


# --- scale --------------------------------------------------------------------------------

def _year(fiscal_year, areas, corporations, meetings=3):
    """A year with `corporations` corporations, each invited to every meeting; half of them came."""
    series = MeetingSeriesFactory(fiscal_year=fiscal_year)
    people = [CorporationFactory(home_area=areas[i % 4]) for i in range(corporations)]
    held = [_held(series, n, datetime.date(fiscal_year, 5 + n, 10)) for n in range(1, meetings + 1)]
    Invitation.objects.bulk_create(
        Invitation(meeting=m, corporation=c, invited_at=timezone.now()) for m in held for c in people
    )
    for meeting in held:
        for corporation in people[::2]:
            AttendeeFactory(meeting=meeting, corporation=corporation)
    return people


def test_the_page_keeps_its_queries_and_its_size_at_10x(staff_client, world, areas, django_assert_num_queries):
    _year(2015, areas, 6)
    _year(2016, areas, 60)
    for fiscal_year in (2015, 2016):
        cache.clear()  # each request as the first one: the user is not yet kept (accounts/current_user.py)
        # session, user; fiscal years; the form's area choices; the year's held
        # meetings; the year's numbers per corporation (count, page and areas' sums); the page's
        # corporations with their areas; their marks; the meetings' totals; the areas; the
        # outreach list's first rows with its count (one query), their corporations
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(13):
            response = _page(staff_client, f"?fy={fiscal_year}&n=1")
        assert response.status_code == 200
    # 60 corporations, 50 a page: the page holds 50 rows + header + 3 totals + 4 areas' rows + header.
    content = response.content.decode()
    assert content.count("<tr") <= selectors.CORPORATIONS_PER_PAGE + 10
    assert response.context["page"].paginator.count == 60
    # The outreach preview names 10 of the 30 to call, and says how many more there are.
    assert len(response.context["outreach"]) == 10 and "ほか 20法人" in content
    second = _page(staff_client, "?fy=2016&n=1&page=2")
    assert len(second.context["rows"]) == 10
    # The export still holds every corporation.
    body = staff_client.get(reverse("meetings:participation_csv") + "?fy=2016").getvalue()
    assert len(list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))) == 1 + 60 + 3


def test_the_outreach_page_keeps_its_queries_at_10x(staff_client, world, areas, django_assert_num_queries):
    _year(2015, areas, 6)
    _year(2016, areas, 60)
    for fiscal_year in (2015, 2016):
        cache.clear()  # each request as the first one: the user is not yet kept (accounts/current_user.py)
        # session, user; fiscal years; the form's area choices; the list's numbers (its count
        # and its page), the page's corporations with their areas
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(7):
            response = staff_client.get(reverse("meetings:outreach") + f"?fy={fiscal_year}&n=1")
        assert response.status_code == 200
    assert response.context["page"].paginator.count == 30


def test_a_year_of_many_meetings_pages_its_columns(staff_client, world, areas, django_assert_num_queries):
    series = MeetingSeriesFactory(fiscal_year=2017)
    corporation = CorporationFactory(home_area=areas[0])
    meetings = [_held(series, n, datetime.date(2017, 4, 1) + datetime.timedelta(days=7 * n)) for n in range(1, 15)]
    for meeting in meetings:
        _record(meeting, invited=[corporation], came=[corporation] if meeting.number % 2 else [])
    first = _page(staff_client, "?fy=2017")
    assert len(first.context["meetings"]) == selectors.MEETINGS_PER_PAGE == 12
    assert len(first.context["column_links"]) == 2
    row = first.context["rows"][0]
    # The columns are a page; the counts and the rate are the whole year's.
    assert len(row.marks) == 12 and (row.attended, row.invited, row.participation_rate) == (7, 14, 50.0)
    second = _page(staff_client, "?fy=2017&mp=2")
    assert [m.number for m in second.context["meetings"]] == [13, 14]
    assert second.context["rows"][0].marks == [True, False]
    assert "mp=2" in first.content.decode()
    body = staff_client.get(reverse("meetings:participation_csv") + "?fy=2017").getvalue().decode("utf-8-sig")
    assert len(next(csv.reader(io.StringIO(body)))) == 3 + 14 + 3  # the export has every meeting


def test_the_year_report_reads_participation_in_the_same_queries_at_10x(world, areas, django_assert_num_queries):
    _year(2015, areas, 6)
    _year(2016, areas, 60)
    for fiscal_year, corporations in ((2015, 6), (2016, 60)):
        # held meetings; their totals; the areas; the year's (corporation, meeting) records with
        # their corporations (one query, read through a cursor); the areas' rates (the areas);
        # the outreach list's numbers and corporations
        with django_assert_num_queries(7):
            meetings, rows, areas_rows, outreach = selectors.participation(fiscal_year, 1)
        assert len(rows) == corporations and len(outreach) == corporations // 2
        assert sum(a.corporations for a in areas_rows) == corporations
        assert [m.total.invited for m in meetings] == [corporations] * 3


@pytest.mark.parametrize("query", [
    "?fy=2015&page=abc&mp=-1", "?fy=2015&page=999&mp=999", "?fy=2015&area=abc&n=0", "?fy=1900&n=9999", "?fy=&area=",
])
def test_it_answers_odd_choices_with_a_page(staff_client, world, year_2015, query):
    for name in ("meetings:participation", "meetings:outreach"):
        assert staff_client.get(reverse(name) + query).status_code == 200
    for name in ("meetings:participation_csv", "meetings:outreach_csv"):
        response = staff_client.get(reverse(name) + query)
        assert response.status_code == 200 and response.getvalue().startswith("\ufeff".encode())
