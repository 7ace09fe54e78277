"""The overdue reviews export to .xlsx and CSV (the same list as the page)."""

import datetime
import io

from django.urls import reverse
from openpyxl import load_workbook

from contributions import services
from tests.contributions.factories import ProjectFactory


def _overdue(world):
    project = ProjectFactory(owner=world.corp_a, title="期限切れの見守り", status="active")
    services.review_create(
        project=project, acting_user=world.staff, reviewed_on=datetime.date(2015, 10, 29), stage="do",
        next_review_on=datetime.date(2016, 4, 1),
    )
    ProjectFactory(owner=world.corp_b, title="休止中", status="paused")
    return project


def test_it_exports_the_overdue_list_as_csv_with_a_bom(staff_client, world):
    _overdue(world)
    response = staff_client.get(reverse("contributions:overdue_csv"))
    assert response["Cache-Control"] == "private, no-store"
    body = response.getvalue()
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("事業名,実施法人")
    assert len(lines) == 2 and "期限切れの見守り" in lines[1] and "2016-04-01" in lines[1]


def test_it_exports_the_overdue_list_as_xlsx_with_date_cells(staff_client, world):
    _overdue(world)
    response = staff_client.get(reverse("contributions:overdue_xlsx"))
    book = load_workbook(io.BytesIO(response.getvalue()))
    sheet = book["振り返りの期限切れ"]
    rows = list(sheet.values)
    assert rows[1][0] == "事業名"
    assert rows[2][0] == "期限切れの見守り"
    assert rows[2][5].date() == datetime.date(2016, 4, 1)  # a date cell reads back as a datetime
    assert "ggge" in sheet.cell(row=3, column=6).number_format
    assert sheet.print_title_rows == "$1:$2"  # title and header on every printed page


def test_its_page_links_both_exports(staff_client, world):
    html = staff_client.get(reverse("contributions:overdue")).content.decode()
    assert reverse("contributions:overdue_csv") in html and reverse("contributions:overdue_xlsx") in html


def test_only_staff_export_it(editor_a_client, client):
    assert editor_a_client.get(reverse("contributions:overdue_csv")).status_code == 403
    assert client.get(reverse("contributions:overdue_xlsx")).status_code == 302
