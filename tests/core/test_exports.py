import datetime
import io

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import load_workbook

from core.exports import XlsxBook, ascii_filename, csv_response, guard_formula, sheet_title, unguard_formula


def _book(*sheets, **kwargs):
    book = XlsxBook()
    for title, header, rows in sheets:
        book.add_sheet(title, header, rows, **kwargs)
    response = book.response("報告.xlsx", ascii_name="report.xlsx")
    return response, load_workbook(io.BytesIO(response.getvalue()))


def test_it_streams_csv_with_a_bom_so_excel_reads_japanese():
    response = csv_response(
        "法人名簿.csv", ["法人名", "日付"], iter([["つくりっこの家", datetime.date(2015, 10, 29)]]),
        ascii_name="register-20151029.csv",
    )
    assert isinstance(response, StreamingHttpResponse)
    body = response.getvalue()
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").splitlines() == ["法人名,日付", "つくりっこの家,2015-10-29"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert "filename*=UTF-8''%E6%B3%95%E4%BA%BA%E5%90%8D%E7%B0%BF.csv" in disposition
    assert 'filename="register-20151029.csv"' in disposition
    assert response["Cache-Control"] == "private, no-store"


def test_it_writes_the_csv_a_batch_at_a_time_while_rows_are_read():
    read = []

    def rows():
        for number in range(250):
            read.append(number)
            yield [number]

    chunks = iter(csv_response("x.csv", ["n"], rows(), ascii_name="x.csv").streaming_content)
    next(chunks)  # BOM and header: no row read yet
    assert read == []
    next(chunks)
    assert len(read) == 100


def test_it_makes_a_meaningful_ascii_fallback_name():
    assert ascii_filename("attendance-2015-10-29", "csv") == "attendance-2015-10-29.csv"
    assert ascii_filename("出席報告", "xlsx") == "export.xlsx"


def test_it_sends_xlsx_from_a_file_with_a_title_row_above_a_bold_header():
    response, workbook = _book(("練馬", ["法人名", "人数"], [["いずみ寮", 2]]), ("大泉", ["法人名", "人数"], []),
                               caption="第2回 連絡会")
    assert isinstance(response, FileResponse)
    assert response["Cache-Control"] == "private, no-store"
    assert 'filename="report.xlsx"' in response["Content-Disposition"]
    assert workbook.sheetnames == ["練馬", "大泉"]
    rows = [[c.value for c in row] for row in workbook["練馬"].iter_rows()]
    assert rows[0][0].startswith("第2回 連絡会　出力: ")
    assert rows[1:] == [["法人名", "人数"], ["いずみ寮", 2]]
    assert workbook["練馬"]["A1"].font.bold and workbook["練馬"]["A2"].font.bold


def test_it_sets_up_every_sheet_for_a4_with_the_header_on_each_page():
    _response, workbook = _book(("s", ["a"] * 8, [[1] * 8]))
    sheet = workbook["s"]
    assert sheet.page_setup.paperSize == 9
    assert sheet.page_setup.orientation == "landscape"
    assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$2"
    assert sheet.freeze_panes == "A3"


def test_it_writes_dates_as_date_cells_in_wareki_and_numbers_as_numbers():
    moment = datetime.datetime(2015, 10, 29, 5, 0, tzinfo=datetime.UTC)  # 14:00 in Japan
    _response, workbook = _book(("s", ["日", "日時", "数"], [[datetime.date(2015, 10, 29), moment, 62.5]]))
    day, when, number = workbook["s"][3]
    assert day.is_date and day.value.date() == datetime.date(2015, 10, 29)
    assert "ggge" in day.number_format
    assert when.is_date and when.value.timetuple()[:5] == (2015, 10, 29, 14, 0)  # Japan's wall clock
    assert number.data_type == "n" and number.value == 62.5


def test_it_keeps_text_that_looks_like_a_formula_as_text():
    hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2+3", "@SUM(A1)", "'quoted"]
    response = csv_response("x.csv", ["題名"], [[value] for value in hostile], ascii_name="x.csv")
    csv_body = response.getvalue().decode("utf-8-sig")
    assert csv_body.splitlines()[1:] == [
        "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "'+1", "'-2+3", "'@SUM(A1)", "''quoted"
    ]
    # In .xlsx a string cell is never run: the text goes in as it is, with no quote.
    _response, workbook = _book(("s", ["題名"], [[value] for value in hostile]))
    cells = [row[0] for row in workbook["s"].iter_rows(min_row=3)]
    assert all(cell.data_type == "s" for cell in cells)
    assert [cell.value for cell in cells] == hostile


def test_it_undoes_exactly_the_csv_guard():
    for value in ["=1+1", "+81", "@home", "-", "'", "''", "'x", "plain", ""]:
        assert unguard_formula(guard_formula(value)) == value
    assert unguard_formula("'x") == "'x"  # a quote the export did not add stays


def test_it_leaves_numbers_and_ordinary_text_alone():
    _response, workbook = _book(("s", ["a", "b", "c"], [[-5, "03-3993-9931", "つくりっこの家"]]))
    assert [c.value for c in workbook["s"][3]] == [-5, "03-3993-9931", "つくりっこの家"]


def test_it_makes_any_sheet_title_one_excel_takes():
    taken = set()
    assert sheet_title("大泉/西", taken) == "大泉／西"
    assert sheet_title("a:b\\c?d*e[f]", taken) == "a：b＼c？d＊e［f］"
    assert sheet_title("大泉/西", taken) == "大泉／西(2)"
    long = sheet_title("あ" * 40, taken)
    assert len(long) == 31 and len(sheet_title("あ" * 40, taken)) == 31
    assert sheet_title("", taken) == "Sheet"
    _response, workbook = _book(("大泉/西", ["a"], []), ("大泉/西", ["a"], []))
    assert workbook.sheetnames == ["大泉／西", "大泉／西(2)"]
