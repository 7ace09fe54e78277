"""Each corporation's yearly sheet (地域における公益的な取組), and every corporation's at once."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import Membership
from tests.factories import MembershipFactory


def _book(response):
    assert response.status_code == 200
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _sheet_url(year, corporation):
    return reverse("annual:sheet", kwargs={"fiscal_year": 2015, "corporation": corporation.pk})


def test_a_member_downloads_its_own_year_with_projects_and_meetings(editor_a_client, year):
    book = _book(editor_a_client.get(_sheet_url(year, year.world.corp_a)))
    assert book.sheetnames == [year.world.corp_a.name]
    rows = list(book.active.values)
    assert "平成27年度" in rows[0][0] and "地域における公益的な取組" in rows[0][0]
    assert rows[1][:8] == ("事業名", "関わり", "区分", "開始日", "終了日", "対象者", "実施場所", "取組の内容")
    projects = {row[0]: row for row in rows[2:] if row[0] and row[1] in ("実施法人", "共同実施法人")}
    # Its own projects active in the year, drafts too (it reports its own work); none of an earlier year.
    assert set(projects) == {"新規の見守り1", "継続の食堂1", "終了した演奏会1", "下書きの講座1"}
    assert projects["新規の見守り1"][2] == "新規" and projects["終了した演奏会1"][2] == "終了"
    assert projects["新規の見守り1"][3] == datetime.datetime(2015, 6, 1)  # noqa: DTZ001 (a date cell)
    assert year.world.corp_b.name in projects["新規の見守り1"][8]  # who it worked with
    meetings = [row for row in rows if row[0] and "第" in str(row[0]) and "回" in str(row[0])]
    assert len(meetings) == 2 and "青木 和也1" in meetings[1][3] and "石川 由美1" in meetings[1][3]


def test_a_partner_sees_the_joint_project_on_its_sheet(editor_b_client, year):
    rows = list(_book(editor_b_client.get(_sheet_url(year, year.world.corp_b))).active.values)
    joint = [row for row in rows if row[0] == "新規の見守り1"]
    assert joint and joint[0][1] == "共同実施法人" and year.world.corp_a.name in joint[0][8]


def test_a_viewer_downloads_it_too(viewer_a_client, year):
    assert viewer_a_client.get(_sheet_url(year, year.world.corp_a)).status_code == 200


def test_a_member_never_gets_another_corporations_sheet(editor_b_client, year):
    assert editor_b_client.get(_sheet_url(year, year.world.corp_a)).status_code == 404
    assert editor_b_client.get(reverse("annual:sheets_all", args=[2015])).status_code == 403


def test_staff_download_any_corporation_and_choose_it_on_the_page(staff_client, year):
    assert staff_client.get(_sheet_url(year, year.world.corp_b)).status_code == 200
    response = staff_client.get(reverse("annual:sheets"), {"corporation": year.world.corp_b.pk, "fiscal_year": 2015})
    assert response["Location"] == _sheet_url(year, year.world.corp_b)


def test_staff_download_every_corporation_at_once_a_sheet_each(staff_client, year):
    book = _book(staff_client.get(reverse("annual:sheets_all", args=[2015])))
    from corporations.models import Corporation

    assert len(book.sheetnames) == Corporation.objects.filter(is_active=True).count()
    assert year.world.corp_a.name in book.sheetnames
    assert book[year.world.corp_a.name].print_title_rows == "$1:$2"


def test_the_sheets_page_lists_a_members_own_years_only(editor_a_client, year):
    html = editor_a_client.get(reverse("annual:sheets")).content.decode()
    assert _sheet_url(year, year.world.corp_a) in html
    assert reverse("annual:sheets_all", args=[2015]) not in html


def test_it_answers_404_for_a_corporation_that_does_not_exist(staff_client, world):
    url = reverse("annual:sheet", kwargs={"fiscal_year": 2015, "corporation": 999999})
    assert staff_client.get(url).status_code == 404


@pytest.mark.parametrize("times", [1, 10])
def test_every_corporations_sheets_use_the_same_queries_for_ten_times_the_data(
    staff_client, year, times, django_assert_num_queries
):
    year.grow(times - 1)
    # 1 session, 2 user; 3 the year's projects, 4 areas, 5 partners, 6 themes, 7 target groups,
    # 8 facilities; 9 held meetings, 10 their attendees; 11 the corporations (one chunk).
    with django_assert_num_queries(11):
        response = staff_client.get(reverse("annual:sheets_all", args=[2015]))
    assert len(_book(response).sheetnames) >= 3 * times


def test_a_member_with_no_corporation_role_left_gets_nothing(client, year):
    user = MembershipFactory(corporation=year.world.corp_a, role=Membership.Role.VIEWER).user
    user.is_active = False
    user.save()
    client.force_login(user)
    assert client.get(_sheet_url(year, year.world.corp_a)).status_code in (302, 403, 404)
