import datetime
import io

from openpyxl import load_workbook

from core.exports import XlsxBook, csv_response


def test_it_writes_csv_with_a_bom_so_excel_reads_japanese():
    response = csv_response("法人名簿.csv", ["法人名", "日付"], [["つくりっこの家", datetime.date(2015, 10, 29)]])
    body = response.content
    assert body.startswith(b"\xef\xbb\xbf")
    assert body.decode("utf-8-sig").splitlines() == ["法人名,日付", "つくりっこの家,2015-10-29"]
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "filename*=UTF-8''%E6%B3%95%E4%BA%BA%E5%90%8D%E7%B0%BF.csv" in response["Content-Disposition"]


def test_it_writes_xlsx_sheets_with_a_header_row():
    book = XlsxBook()
    book.add_sheet("練馬", ["法人名", "人数"], [["いずみ寮", 2]])
    book.add_sheet("大泉", ["法人名", "人数"], [])
    response = book.response("report.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["練馬", "大泉"]
    assert [[c.value for c in row] for row in workbook["練馬"].iter_rows()] == [["法人名", "人数"], ["いずみ寮", 2]]
    assert workbook["練馬"]["A1"].font.bold


def test_it_keeps_text_that_looks_like_a_formula_as_text():
    hostile = ["=HYPERLINK(\"http://evil.example\",\"x\")", "+1", "-2+3", "@SUM(A1)"]
    csv_body = csv_response("x.csv", ["題名"], [[value] for value in hostile]).content.decode("utf-8-sig")
    assert csv_body.splitlines()[1:] == [
        "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", "'+1", "'-2+3", "'@SUM(A1)"
    ]
    book = XlsxBook()
    book.add_sheet("s", ["題名"], [[value] for value in hostile])
    sheet = load_workbook(io.BytesIO(book.response("x.xlsx").content))["s"]
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert all(cell.data_type == "s" for cell in cells)
    assert cells[0].value.startswith("'=HYPERLINK")


def test_it_leaves_numbers_and_ordinary_text_alone():
    book = XlsxBook()
    book.add_sheet("s", ["a", "b", "c"], [[-5, "03-3993-9931", "つくりっこの家"]])
    sheet = load_workbook(io.BytesIO(book.response("x.xlsx").content))["s"]
    assert [c.value for c in sheet[2]] == [-5, "03-3993-9931", "つくりっこの家"]
