"""The .xlsx rows written as XML text (core/xlsx_rows.py) read back as the values written."""

import datetime
import io
from decimal import Decimal

from openpyxl import load_workbook

from core.exports import XlsxBook


def _read(rows):
    book = XlsxBook()
    book.add_sheet("s", ["a", "b", "c", "d"], rows)
    workbook = load_workbook(io.BytesIO(book.response("x.xlsx", ascii_name="x.xlsx").getvalue()))
    return [[cell.value for cell in row] for row in workbook["s"].iter_rows(min_row=3)]


def test_it_keeps_markup_spaces_and_line_breaks_of_text():
    texts = ["A&B <社>", "  前後に空白  ", "１行目\r\n２行目", "\u3000全角の空白", "末尾\t", "=1+1", "x\x7fy"]
    assert [row[0] for row in _read([[text] for text in texts])] == texts


def test_it_drops_the_control_characters_xml_cannot_hold():
    assert _read([["a\x00b\x0bc\x1fd"]])[0][0] == "abcd"


def test_it_writes_numbers_booleans_dates_and_gaps():
    day, moment = datetime.date(2015, 10, 29), datetime.datetime(2015, 10, 29, 5, 0, tzinfo=datetime.UTC)
    [first, second] = _read([[1, None, "", 2.5], [True, Decimal("3.25"), day, moment]])
    assert first == [1, None, None, 2.5]
    assert second[:2] == [True, 3.25]
    assert second[2].date() == day and second[3].timetuple()[:5] == (2015, 10, 29, 14, 0)  # Japan's wall clock


def test_a_row_with_one_careful_text_keeps_the_others_as_they_are():
    assert _read([["ふつう", "a<b", "また ふつう", 7]]) == [["ふつう", "a<b", "また ふつう", 7]]
