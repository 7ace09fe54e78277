import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from meetings.models import AreaGroup, Meeting
from tests.factories import AreaFactory, CorporationFactory, FacilityFactory

from .factories import (
    AttendeeFactory,
    InvitationFactory,
    MeetingFactory,
    RsvpPersonFactory,
)


def _meeting_with(corporations, attending, **kwargs):
    meeting = MeetingFactory(**kwargs)
    for corporation in corporations:
        InvitationFactory(meeting=meeting, corporation=corporation)
    for corporation in attending:
        AttendeeFactory(meeting=meeting, corporation=corporation, facility=FacilityFactory(corporation=corporation))
    return meeting


@pytest.fixture
def areas(db):
    return [AreaFactory(name=name) for name in ("練馬", "光が丘", "石神井", "大泉")]


def _corporations(areas, count):
    return [CorporationFactory(home_area=areas[i % 4]) for i in range(count)]


def test_it_reports_attendance_per_area_with_totals(staff_client, world, areas):
    corporations = _corporations(areas, 8)
    meeting = _meeting_with(corporations, corporations[:5])
    AttendeeFactory(meeting=meeting, corporation=corporations[5], present=False, name="来なかった 人")
    response = staff_client.get(reverse("meetings:report", kwargs={"pk": meeting.pk}))
    content = response.content.decode()
    assert "出席 5法人 / 8法人 (62.5%)" in content
    nerima = response.context["report"].areas[0]
    assert nerima.area.name == "練馬" and len(nerima.attended) == 2 and len(nerima.absent) == 0
    assert corporations[6].name in content  # absent, named
    assert "来なかった 人" not in content


def test_it_totals_the_absent_corporations_in_the_footer(staff_client, world, areas):
    corporations = _corporations(areas, 8)
    meeting = _meeting_with(corporations, corporations[:5])
    response = staff_client.get(reverse("meetings:report", kwargs={"pk": meeting.pk}))
    footer = response.content.decode().split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    cells = [cell.split(">", 1)[1].split("<", 1)[0] for cell in footer.split('<td class="numeric"')[1:]]
    assert cells == ["8", "5", "3", "62.5%", "5"]


def test_it_keeps_the_report_queries_constant_at_10x(staff_client, world, areas, django_assert_num_queries):
    small = _corporations(areas, 4)
    large = _corporations(areas, 40)
    for meeting in (_meeting_with(small, small[:2]), _meeting_with(large, large[:20])):
        # session, user, meeting, areas, invitations+corporations,
        # present attendees+corporation+facility+group, present guests+group
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(8):
            assert staff_client.get(reverse("meetings:report", kwargs={"pk": meeting.pk})).status_code == 200


def test_it_prints_one_section_per_area(staff_client, world, areas):
    corporations = _corporations(areas, 8)
    meeting = _meeting_with(corporations, corporations[:3])
    content = staff_client.get(reverse("meetings:report_print", kwargs={"pk": meeting.pk})).content.decode()
    assert content.count('<section class="print-page"') == 4
    assert "@example.jp" not in content


def test_it_exports_xlsx_with_a_sheet_per_area_and_a_summary(staff_client, world, areas):
    corporations = _corporations(areas, 8)
    meeting = _meeting_with(corporations, corporations[:3])
    response = staff_client.get(reverse("meetings:report_xlsx", kwargs={"pk": meeting.pk}))
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert book.sheetnames == ["集計", "練馬", "光が丘", "石神井", "大泉"]
    summary = list(book["集計"].values)
    assert summary[-1][:4] == ("合計", 8, 3, 5)


def test_it_exports_csv_with_a_bom(staff_client, world, areas):
    corporations = _corporations(areas, 4)
    meeting = _meeting_with(corporations, corporations[:2])
    response = staff_client.get(reverse("meetings:report_csv", kwargs={"pk": meeting.pk}))
    body = response.getvalue()  # a stream: read once
    assert body.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    # the header, the two present, the two absent corporations
    assert rows[0][:4] == ["地域", "法人名", "施設・事業所", "氏名"] and len(rows) == 5
    assert [row[3] for row in rows[3:]] == ["（欠席）", "（欠席）"]


def test_it_lists_the_same_rows_in_the_csv_and_the_xlsx(staff_client, world, areas):
    corporations = _corporations(areas, 8)
    meeting = _meeting_with(corporations, corporations[:3])
    kwargs = {"pk": meeting.pk}
    body = staff_client.get(reverse("meetings:report_csv", kwargs=kwargs)).getvalue()
    csv_rows = [tuple(row) for row in csv.reader(io.StringIO(body.decode("utf-8-sig")))]
    book = load_workbook(io.BytesIO(staff_client.get(reverse("meetings:report_xlsx", kwargs=kwargs)).getvalue()))
    xlsx_rows = [
        tuple("" if value is None else str(value) for value in row)
        for name in book.sheetnames[1:] for row in book[name].iter_rows(min_row=3, values_only=True)
    ]
    assert csv_rows[1:] == xlsx_rows
    assert sum(row[3] == "（欠席）" for row in xlsx_rows) == 5


def test_it_exports_an_area_whose_name_excel_would_refuse_as_a_sheet_title(staff_client, world, areas):
    from corporations.models import Area

    west = AreaFactory(name="大泉西")
    Area.objects.filter(pk=west.pk).update(name="大泉/西")  # saved before names were checked
    meeting = _meeting_with([CorporationFactory(home_area=west)], [])
    response = staff_client.get(reverse("meetings:report_xlsx", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    assert 'filename="attendance-' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.getvalue()))
    assert "大泉／西" in book.sheetnames
    sheet = book["大泉／西"]
    assert sheet["A1"].value.startswith(f"第{meeting.number}回 連絡会 出席報告")
    assert sheet.page_setup.paperSize == 9 and sheet.print_title_rows == "$1:$2"


def test_it_refuses_reports_to_members(editor_a_client, viewer_a_client, world, areas):
    meeting = _meeting_with([world.corp_a], [world.corp_a])
    for name in ("meetings:report", "meetings:report_print", "meetings:report_xlsx", "meetings:report_csv",
                 "meetings:signin_sheet", "meetings:minutes", "meetings:groups"):
        assert editor_a_client.get(reverse(name, kwargs={"pk": meeting.pk})).status_code == 403
        assert viewer_a_client.get(reverse(name, kwargs={"pk": meeting.pk})).status_code == 403


def test_it_prints_a_sign_in_sheet_per_area_without_ids_or_emails(staff_client, world, areas):
    corporations = _corporations(areas, 4)
    meeting = _meeting_with(corporations, [])
    invitation = meeting.invitations.get(corporation=corporations[0])
    RsvpPersonFactory(invitation=invitation, name="受付 一郎", title="施設長")
    content = staff_client.get(reverse("meetings:signin_sheet", kwargs={"pk": meeting.pk})).content.decode()
    assert content.count('<section class="print-page"') == 4
    assert "受付 一郎" in content and "受付名簿" in content
    assert "@example.jp" not in content and f">{corporations[0].pk}<" not in content
    assert content.count('class="blank-row"') == 4 * 8


def test_it_records_area_groups_and_gathers_the_minutes(staff_client, world, areas):
    meeting = _meeting_with([world.corp_a], [world.corp_a], status=Meeting.Status.HELD)
    nerima = areas[0]
    fields = ("facilitator", "recorder", "notes", "report_back")
    data = {f"area-{area.pk}-{field}": "" for area in areas for field in fields}
    data.update({f"area-{nerima.pk}-facilitator": "進行 花子", f"area-{nerima.pk}-notes": "自己紹介から始めた。",
                 f"area-{nerima.pk}-report_back": "就労体験の場を一覧にする。"})
    assert staff_client.post(reverse("meetings:groups", kwargs={"pk": meeting.pk}), data).status_code == 302
    assert list(AreaGroup.objects.values_list("area__name", "facilitator")) == [("練馬", "進行 花子")]
    content = staff_client.get(reverse("meetings:minutes", kwargs={"pk": meeting.pk})).content.decode()
    assert "就労体験の場を一覧にする。" in content and "出席 1法人 / 1法人 (100.0%)" in content
