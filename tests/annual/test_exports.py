"""The fiscal year's report as .xlsx (a sheet per section) and .docx (read back)."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from PIL import Image


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_it_exports_a_sheet_per_section_with_date_cells_and_numbers(staff_client, year):
    response = staff_client.get(reverse("annual:report_xlsx", args=[2015]))
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="annual-report-fy2015.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(_body(response)))
    assert book.sheetnames[:3] == ["連絡会", "連絡会（地域別）", "参加状況（地域別）"]
    assert {"事業", "パターン×地域", "ニーズ", "振り返り（PDCA）", "総括・次年度の課題"} <= set(book.sheetnames)
    meetings = book["連絡会"]
    assert "平成27年度事業報告" in meetings["A1"].value
    assert meetings["A4"].value == "第2回"
    assert meetings["B4"].value == datetime.datetime(2015, 10, 29, 0, 0)  # noqa: DTZ001 (a date cell)
    assert "ggge" in meetings["B4"].number_format
    assert (meetings["E4"].value, meetings["F4"].value, meetings["G4"].value) == (3, 2, 66.7)
    assert meetings.print_title_rows == "$1:$2"
    assert str(meetings.page_setup.paperSize) == meetings.PAPERSIZE_A4
    crosstab = list(book["パターン×地域"].values)
    assert crosstab[1] == ("ネットワークのパターン", "練馬", "光が丘", "石神井", "大泉", "事業数")


def test_it_exports_the_same_report_as_a_word_document(staff_client, year):
    from annual.services import narrative_save

    narrative_save(fiscal_year=2015, summary="連絡会を2回開いた。", next_issues="エリアごとの具体化。",
                   acting_user=year.world.staff)
    response = staff_client.get(reverse("annual:report_docx", args=[2015]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    document = Document(io.BytesIO(_body(response)))
    texts = [p.text for p in document.paragraphs]
    assert "練馬区社会福祉協議会" in texts and "平成27年度 事業報告" in texts
    assert "1. 連絡会" in texts and "6. 総括・次年度の課題" in texts and "連絡会を2回開いた。" in texts
    meetings = document.tables[0]
    assert [c.text for c in meetings.rows[0].cells][:2] == ["回", "開催日"]
    assert [c.text for c in meetings.rows[2].cells][:2] == ["第2回", "平成27年10月29日"]
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert "PAGE" in section.footer.paragraphs[0]._p.xml  # numbered pages
    assert "w:tblHeader" in meetings.rows[0]._tr.xml  # the header row repeats on each page


def test_its_word_document_holds_the_charts_as_pictures_with_alt_text_and_captions(staff_client, year):
    document = Document(io.BytesIO(_body(staff_client.get(reverse("annual:report_docx", args=[2015])))))
    pictures = document.inline_shapes
    assert len(pictures) == 2
    titles = [shape._inline.docPr.get("title") for shape in pictures]
    assert titles == ["連絡会ごと・地域別の出席法人数", "パターン別・地域別の事業数"]
    attendance, patterns = (shape._inline.docPr.get("descr") for shape in pictures)
    assert attendance.startswith("連絡会ごと・地域別の出席法人数: ") and "第2回: 2/3法人" in attendance
    assert patterns.startswith("パターン別・地域別の事業数: ")
    texts = [p.text for p in document.paragraphs]
    assert "図1　連絡会ごと・地域別の出席法人数" in texts and "図2　パターン別・地域別の事業数" in texts
    images = [part for part in document.part.package.parts if part.content_type == "image/png"]
    assert len(images) == 2
    picture = Image.open(io.BytesIO(images[0].blob))
    assert picture.format == "PNG" and picture.mode == "L"  # black and white (greyscale), no colour
    assert picture.width >= 1200  # sharp at the page's width


def test_its_charts_are_drawn_without_the_japanese_font_too(monkeypatch):
    from annual import chart_images, charts

    monkeypatch.setattr(chart_images, "FONT_CANDIDATES", ("/nonexistent/font.ttc",))
    chart_images._font_path.cache_clear()
    chart_images.font.cache_clear()
    try:
        chart = charts.grouped_bars("c", "t", "d", ["A", "B"], [("x", [1, 2]), ("y", [0, 3])])
        assert Image.open(io.BytesIO(chart_images.chart_png(chart))).size == (chart.width * 2, chart.height * 2)
        empty = charts.grouped_bars("e", "t", "", [], [])
        assert Image.open(io.BytesIO(chart_images.chart_png(empty))).format == "PNG"
    finally:
        chart_images._font_path.cache_clear()
        chart_images.font.cache_clear()


@pytest.mark.parametrize("name", ["annual:report_xlsx", "annual:report_docx"])
def test_only_staff_export_it(editor_a_client, name, world):
    assert editor_a_client.get(reverse(name, args=[2015])).status_code == 403


@pytest.mark.parametrize("times", [1, 10])
def test_its_exports_use_the_same_queries_for_ten_times_the_data(staff_client, year, times,
                                                                  django_assert_num_queries):
    year.grow(times - 1)
    # The page's 32 queries less the three for the years' chooser (a download has no template
    # context): 29 (the third: is the year closed? annual/closing.py). The exports read every row of
    # each list, the page its first rows: the same number of queries (the outreach list's numbers,
    # then its corporations; the year's projects in one query instead of the first rows' ids and
    # those rows, and their themes prefetched, which the page does not print). The projects'
    # figures are counted in SQL as the page's are (5 queries, annual/report.py _project_section),
    # so that the page and the exports print the same figures from one rule.
    with django_assert_num_queries(29):
        _body(staff_client.get(reverse("annual:report_xlsx", args=[2015])))
    with django_assert_num_queries(29):
        _body(staff_client.get(reverse("annual:report_docx", args=[2015])))


def test_its_charts_leave_out_what_would_overlap_in_a_year_of_many_meetings():
    from annual import charts

    few = charts.grouped_bars("c", "t", "d", ["第1回", "第2回"], [("練馬", [10, 12]), ("大泉", [9, 199])])
    assert all(bar.show_value for bar in few.bars) and len(few.groups) == 2
    groups = [f"第{n}回" for n in range(1, 77)]
    many = charts.grouped_bars("c", "t", "d", groups, [(area, [150] * 76) for area in ("a", "b", "c", "d")])
    assert not any(bar.show_value for bar in many.bars) and len(many.bars) == 304
    labels = [label for label, _x in many.groups]
    assert labels[0] == "第1回" and 5 < len(labels) < 20  # every n-th meeting, none over another
    assert all(b - a >= 40 for (_l, a), (_m, b) in zip(many.groups, many.groups[1:], strict=False))


def test_its_word_documents_tables_hold_the_same_rows_as_the_books_sheets(staff_client, year):
    """The .docx writes its tables' body rows as XML into the saved file (annual/exports_docx.py):
    every row of every table is there, in order, as in the .xlsx."""
    year.grow(2)
    book = load_workbook(io.BytesIO(_body(staff_client.get(reverse("annual:report_xlsx", args=[2015])))))
    document = Document(io.BytesIO(_body(staff_client.get(reverse("annual:report_docx", args=[2015])))))
    tables = {tuple(c.text for c in t.rows[0].cells): t for t in document.tables}

    def same(value, cell: str) -> bool:
        if isinstance(value, datetime.datetime):
            return True  # a date cell: the document prints it in 和暦
        if isinstance(value, int | float):
            return float(cell) == value  # 100.0 in the document, 100 read back from the book
        return cell == ("" if value is None else str(value))

    for sheet in ("参加状況（法人別）", "事業", "未参加・声かけ先", "ニーズ"):
        rows = list(book[sheet].values)[1:]  # under the caption
        header, body = tuple(str(v) for v in rows[0]), rows[1:]
        table = tables[header]
        assert len(table.rows) == 1 + max(len(body), 1), sheet
        for row, values in zip(table.rows[1:], body, strict=False):
            cells = [c.text for c in row.cells]
            assert all(same(v, c) for v, c in zip(values, cells, strict=False)), (sheet, cells)
    assert len(tables[tuple(str(v) for v in list(book["参加状況（法人別）"].values)[1])].rows) >= 10  # one a row
