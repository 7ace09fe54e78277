"""Exports that open in Excel without mojibake: CSV with a BOM, and .xlsx.

Both stream (a big export never sits whole in memory): CSV is written a row at a time by a
generator into a StreamingHttpResponse; .xlsx uses openpyxl's write-only mode, which puts
each row in a temporary file as it comes (as XML text: core/xlsx_rows.py), and the finished
book is sent from a temporary file. Callers pass rows as an iterable, best a queryset's iterator(chunk_size=…).

CSV holds text: dates in ISO 8601. In .xlsx dates are date cells (shown in 和暦), numbers
are numbers, and each sheet prints on A4 with a title row and its header on every page.
"""

import csv
import datetime
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import quote
from zipfile import ZIP_DEFLATED, ZipFile

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from .wareki import XLSX_WAREKI_FORMAT, format_wareki
from .xlsx_rows import FastWorksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# A text cell starting with one of these is run as a formula by Excel (CSV) or openpyxl
# (xlsx): a project title "=HYPERLINK(…)" must stay text. OWASP's CSV-injection advice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# In CSV the guard is a leading quote. Text that starts with a quote gets one too, so the
# import can take exactly one off again (unguard_formula) and a name survives the round trip.
CSV_GUARD = "'"

XLSX_DATE_FORMAT = XLSX_WAREKI_FORMAT
XLSX_DATETIME_FORMAT = "yyyy/mm/dd hh:mm"

# Excel refuses these in a sheet title and titles over 31 characters; the full-width forms
# read the same to a Japanese clerk ("大泉/西" → "大泉／西").
_SHEET_TITLE_CHARS = str.maketrans({":": "：", "\\": "＼", "/": "／", "?": "？", "*": "＊", "[": "［", "]": "］"})
SHEET_TITLE_MAX = 31
CSV_BATCH_ROWS = 100  # rows per chunk sent: fewer, larger writes than one per row


def guard_formula(value: str) -> str:
    if value.startswith(FORMULA_STARTS + (CSV_GUARD,)):
        return CSV_GUARD + value
    return value


def unguard_formula(value: str) -> str:
    """The CSV cell as it was before guard_formula: '=1+1 → =1+1; a lone quote stays."""
    if value.startswith(CSV_GUARD) and value[1:].startswith(FORMULA_STARTS + (CSV_GUARD,)):
        return value[1:]
    return value


# Cells csv.writer takes as they are (None is written as an empty cell): a large export skips
# a call per cell for them (the participation matrix at 100× has 1.6 million cells).
_CSV_AS_IS = frozenset({int, float, bool, type(None)})
_CSV_GUARDED = FORMULA_STARTS + (CSV_GUARD,)


def _csv_values(row: Sequence) -> list:
    return [
        value if value.__class__ in _CSV_AS_IS or (value.__class__ is str and not value.startswith(_CSV_GUARDED))
        else _csv_cell(value)
        for value in row
    ]


def _csv_cell(value):
    if isinstance(value, str):
        return guard_formula(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="minutes") if timezone.is_aware(value) else (
            value.isoformat(timespec="minutes")
        )
    if isinstance(value, datetime.date):
        return value.isoformat()
    if value is None:
        return ""
    return value


def ascii_filename(stem: str, extension: str) -> str:
    """The name for browsers that take no filename*: letters, digits, '-', '_' and '.'."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-.") or "export"
    return f"{safe}.{extension}"


def _attachment(response, filename: str, fallback: str):
    # Every export holds personal data (names, addresses, telephone numbers): no browser
    # cache on a shared office PC and no proxy may keep a copy.
    response["Cache-Control"] = "private, no-store"
    # RFC 6266: an ASCII fallback, and the Japanese name for browsers that read filename*.
    response["Content-Disposition"] = f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"
    return response


def _in_language(rows: Iterable, language: str | None) -> Iterator:
    """The rows, built in the request's language: a streamed body is written after the view
    has returned, when nothing else says which language labels are in."""
    with translation.override(language):
        yield from rows


class _Line:
    """A file for csv.writer that hands back what is written instead of keeping it."""

    def write(self, value):
        return value


def _csv_chunks(header: Sequence[str], rows: Iterable[Sequence]) -> Iterator[bytes]:
    writer = csv.writer(_Line(), lineterminator="\r\n")
    # Excel opens UTF-8 CSV correctly only with the byte-order mark first.
    yield ("\ufeff" + writer.writerow([str(title) for title in header])).encode("utf-8")
    batch = []
    for row in rows:
        batch.append(writer.writerow(_csv_values(row)))
        if len(batch) == CSV_BATCH_ROWS:
            yield "".join(batch).encode("utf-8")
            batch = []
    if batch:
        yield "".join(batch).encode("utf-8")


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence], *, ascii_name: str):
    """A CSV download streamed as the rows come. `filename` is the Japanese name,
    `ascii_name` the fallback ("attendance-2015-10-29.csv")."""
    chunks = _in_language(_csv_chunks(header, rows), translation.get_language())
    response = StreamingHttpResponse(chunks, content_type="text/csv; charset=utf-8")
    return _attachment(response, filename, ascii_name)


def sheet_title(title: str, taken: set[str]) -> str:
    """A title Excel accepts, unique in the book (Excel compares titles ignoring case)."""
    text = str(title).translate(_SHEET_TITLE_CHARS).strip().strip("'") or "Sheet"
    candidate, number = text[:SHEET_TITLE_MAX], 1
    while candidate.casefold() in taken:
        number += 1
        suffix = f"({number})"
        candidate = text[: SHEET_TITLE_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


def _printed_caption(caption: str) -> str:
    now = timezone.localtime()
    return _("%(caption)s　出力: %(date)s %(time)s") % {
        "caption": caption, "date": format_wareki(now), "time": now.strftime("%H:%M"),
    }


class XlsxSheet:
    """One sheet of an XlsxBook: rows are appended and written out at once (core/xlsx_rows.py)."""

    def __init__(self, worksheet: FastWorksheet):
        self.worksheet = worksheet

    def append(self, row: Sequence) -> None:
        self.worksheet.append_xml(row)

    def extend(self, rows: Iterable[Sequence]) -> None:
        append = self.worksheet.append_xml
        for row in rows:
            append(row)


class XlsxBook:
    """A workbook written as its rows come (openpyxl write-only mode).

    Each sheet: a title row (what, which meeting or 年度, when printed), a bold header row
    under it, both repeated on every printed page, frozen above the rows; A4, as wide as
    the page. Sheets may be filled in any order (each writes its own temporary file).
    """

    def __init__(self):
        self.workbook = Workbook(write_only=True)
        self._titles: set[str] = set()

    def sheet(self, title: str, header: Sequence[str], *, caption: str = "",
              widths: Sequence[int] | None = None) -> XlsxSheet:
        worksheet = FastWorksheet(parent=self.workbook, title=sheet_title(title, self._titles))
        worksheet.date_format, worksheet.datetime_format = XLSX_DATE_FORMAT, XLSX_DATETIME_FORMAT
        self.workbook._add_sheet(worksheet)
        # Widths before any row: a write-only sheet cannot go back to measure its rows.
        for index, label in enumerate(header):
            width = widths[index] if widths and index < len(widths) else max(10, len(str(label)) * 2 + 2)
            worksheet.column_dimensions[get_column_letter(index + 1)].width = width
        worksheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        worksheet.page_setup.orientation = "landscape" if len(header) > 6 else "portrait"
        worksheet.page_setup.fitToWidth = 1
        worksheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
        worksheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        worksheet.print_title_rows = "1:2"
        worksheet.freeze_panes = "A3"
        title_cell = WriteOnlyCell(worksheet, value=_printed_caption(caption or title))
        title_cell.font = Font(bold=True, size=12)
        worksheet.append([title_cell])
        header_cells = []
        for label in header:
            cell = WriteOnlyCell(worksheet, value=str(label))
            cell.font = Font(bold=True)
            header_cells.append(cell)
        worksheet.append(header_cells)
        return XlsxSheet(worksheet)

    def add_sheet(self, title: str, header: Sequence[str], rows: Iterable[Sequence], *, caption: str = "",
                  widths: Sequence[int] | None = None) -> XlsxSheet:
        sheet = self.sheet(title, header, caption=caption, widths=widths)
        sheet.extend(rows)
        return sheet

    def response(self, filename: str, *, ascii_name: str) -> FileResponse:
        """The finished book from a temporary file (deleted once sent)."""
        if not self.workbook.worksheets:
            self.workbook.create_sheet("Sheet")  # a book needs one sheet
        file = tempfile.TemporaryFile()
        # openpyxl's Workbook.save, with the fastest compression: a 100× register's sheets are
        # 80 MB of XML, which the default level takes seconds to pack for a 10% smaller file.
        self.workbook.properties.modified = timezone.now().replace(tzinfo=None)
        ExcelWriter(self.workbook, ZipFile(file, "w", ZIP_DEFLATED, allowZip64=True, compresslevel=1)).save()
        file.seek(0)
        return _attachment(FileResponse(file, content_type=XLSX_CONTENT_TYPE), filename, ascii_name)
