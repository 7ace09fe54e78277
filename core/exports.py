"""Exports that open in Excel without mojibake: CSV with a BOM, and .xlsx.

Dates go out in ISO 8601 (offices re-format them in Excel as they like).
"""

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from urllib.parse import quote

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A text cell starting with one of these is run as a formula by Excel (CSV) or openpyxl
# (xlsx): a project title "=HYPERLINK(…)" must stay text. OWASP's CSV-injection advice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# In CSV the guard is a leading quote. Text that starts with a quote gets one too, so the
# import can take exactly one off again (unguard_formula) and a name survives the round trip.
CSV_GUARD = "'"


def guard_formula(value: str) -> str:
    if value.startswith(FORMULA_STARTS + (CSV_GUARD,)):
        return CSV_GUARD + value
    return value


def unguard_formula(value: str) -> str:
    """The CSV cell as it was before guard_formula: '=1+1 → =1+1; a lone quote stays."""
    if value.startswith(CSV_GUARD) and value[1:].startswith(FORMULA_STARTS + (CSV_GUARD,)):
        return value[1:]
    return value


def _cell(value):
    if isinstance(value, str):
        return guard_formula(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    # Every export holds personal data (names, addresses, telephone numbers): no browser
    # cache on a shared office PC and no proxy may keep a copy.
    response["Cache-Control"] = "private, no-store"
    # RFC 6266: an ASCII fallback, and the Japanese name for browsers that read filename*.
    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    return response


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    buffer = io.StringIO()
    # Excel opens UTF-8 CSV correctly only with the byte-order mark first.
    buffer.write("\ufeff")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    response = HttpResponse(buffer.getvalue().encode("utf-8"), content_type="text/csv; charset=utf-8")
    return _attachment(response, filename)


class XlsxBook:
    """A workbook built sheet by sheet: a bold header row, a frozen pane, sensible widths."""

    def __init__(self):
        self.workbook = Workbook()
        self._first = True

    def add_sheet(self, title: str, header: Sequence[str], rows: Iterable[Sequence]):
        if self._first:
            sheet = self.workbook.active
            sheet.title = title[:31]
            self._first = False
        else:
            sheet = self.workbook.create_sheet(title[:31])  # Excel caps titles at 31
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        widths = [len(str(h)) * 2 + 2 for h in header]
        for row in rows:
            values = [_cell(value) for value in row]
            sheet.append(values)
            for index, value in enumerate(values):
                if index < len(widths):
                    widths[index] = min(60, max(widths[index], len(str(value)) * 2 + 2))
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        return sheet

    def response(self, filename: str) -> HttpResponse:
        buffer = io.BytesIO()
        self.workbook.save(buffer)
        return _attachment(HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE), filename)

