"""Browser journey of the fiscal year's report: staff open 平成27年度 on the Nerima demo, see
第2回 with 39 of 63 corporations and the pattern × area counts, print it to an A4 PDF with
numbered pages, and download the .xlsx and .docx, which open. A member downloads its own
corporation's yearly sheet and never another's."""

import importlib
import io
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import log_in

pytestmark = pytest.mark.e2e

SEED_MIGRATIONS = [
    "corporations.migrations.0002_seed_areas_and_service_types", "contributions.migrations.0002_seed_vocabularies",
    "needs.migrations.0002_seed_resource_kinds",
]
A4_POINTS = (595, 842)
# The demo's published projects of 平成27年度 by pattern and area (練馬, 光が丘, 石神井, 大泉, 事業数).
DEMO_CROSSTAB = {
    "① 個別課題解決型": ["1", "0", "2", "2", "4"],
    "② 近隣たすけあい型": ["6", "3", "1", "3", "11"],
    "③ テーマ別課題解決型": ["5", "7", "6", "3", "14"],
    "④ 共に楽しめる提案型": ["2", "0", "3", "2", "6"],
}


@pytest.fixture
def demo(transactional_db):
    # Earlier browser tests flush every table, taking the rows the data migrations seeded with
    # them: seed them again, as a fresh database has them (as tests/e2e/test_accessibility.py does).
    from django.apps import apps
    from django.core.management import call_command

    for module in SEED_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)
    call_command("load_demo")


def _cells(row) -> list[str]:
    return [text.strip() for text in row.locator("td").all_inner_texts()]


def test_it_gives_staff_the_year_report_in_print_excel_and_word(page, demo, tmp_path):
    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    log_in(page, "staff", "nerima-demo-2015")
    page.goto("/annual/")
    page.get_by_role("link", name="平成27年度 事業報告").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("平成27年度 事業報告")

    second = page.get_by_test_id("annual-meeting-2")
    expect(second.get_by_role("rowheader")).to_have_text("第2回")
    expect(second).to_contain_text("平成27年10月29日")
    expect(second.get_by_test_id("annual-meeting-ratio")).to_have_text("39 / 63")
    crosstab = page.get_by_test_id("annual-crosstab")
    for pattern, counts in DEMO_CROSSTAB.items():
        row = crosstab.locator("tbody tr").filter(has=page.get_by_role("rowheader", name=pattern, exact=True))
        assert _cells(row) == counts, pattern
    expect(page.get_by_role("img", name="パターン別・地域別の事業数")).to_be_visible()
    expect(page.get_by_role("img", name="連絡会ごと・地域別の出席法人数")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, "\n".join(violations)

    # Printed on A4: a cover, then each section on its own numbered page.
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4", prefer_css_page_size=True)))
    page.emulate_media(media="screen")
    total = len(pdf.pages)
    assert total >= 7  # the cover and six sections
    for number, printed in enumerate(pdf.pages, start=1):
        assert tuple(round(float(v)) for v in printed.mediabox[2:]) == A4_POINTS
        if number > 1:
            assert re.search(rf"\b{number} / {total}\b", printed.extract_text()), f"page {number} has no number"
    assert not re.search(rf"\b1 / {total}\b", pdf.pages[0].extract_text())  # the cover carries none

    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Excel (.xlsx) で出力").click()
    assert xlsx.value.suggested_filename == "事業報告_平成27年度.xlsx"
    xlsx.value.save_as(tmp_path / "report.xlsx")
    book = load_workbook(tmp_path / "report.xlsx")
    meetings = {row[0]: row for row in book["連絡会"].iter_rows(min_row=3, values_only=True)}
    assert (meetings["第2回"][4], meetings["第2回"][5]) == (63, 39)

    with page.expect_download() as docx:
        page.get_by_role("link", name="Word (.docx) で出力").click()
    assert docx.value.suggested_filename == "事業報告_平成27年度.docx"
    document = Document(docx.value.path())
    assert "平成27年度 事業報告" in [p.text for p in document.paragraphs]
    rows = [[cell.text for cell in row.cells] for row in document.tables[0].rows]
    second_row = next(row for row in rows if row[0] == "第2回")
    assert second_row[1] == "平成27年10月29日" and second_row[4:6] == ["63", "39"]


def test_a_member_downloads_its_own_sheet_and_never_anothers(page, demo, tmp_path):
    from openpyxl import load_workbook

    from corporations.models import Corporation

    own = Corporation.objects.get(name="社会福祉法人つくりっこの家")
    other = Corporation.objects.get(name="社会福祉法人慈愛会")
    log_in(page, "member", "nerima-demo-2015")
    page.goto("/annual/sheets/")
    with page.expect_download() as sheet:
        page.get_by_role("link", name="平成27年度のシート (.xlsx)").click()
    sheet.value.save_as(tmp_path / "sheet.xlsx")
    book = load_workbook(tmp_path / "sheet.xlsx")
    assert book.sheetnames == [own.name]
    rows = list(book.active.values)
    assert any(row[0] == "連絡会への参加" for row in rows)
    assert page.goto(f"/annual/sheets/2015/{other.pk}/sheet.xlsx").status == 404
