"""The rows of a large .xlsx sheet, written as XML text.

openpyxl's write-only mode makes a cell object for every value and writes it through lxml:
about 10 µs a cell, 14 s for the register at 100× (1.3 million cells) before anything is read
from the database. Here openpyxl still writes the book (workbook, styles, page setup, the
title and header rows, the zip) and each data row goes into the sheet's file as one string,
the XML openpyxl itself writes for the same values (inline strings, numbers, dates as serial
numbers with the book's date style), at about 1 µs a cell.

core/exports.py (XlsxBook) makes every sheet a FastWorksheet: openpyxl appends the title and
header, `append_xml` every row after them.
"""

import datetime
import re
from decimal import Decimal

from django.utils import timezone
from django.utils.functional import Promise
from lxml.etree import xmlfile
from openpyxl.cell import WriteOnlyCell
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.xml.constants import SHEET_MAIN_NS

# What a text needs done before it goes between <t> and </t>: markup escaped, the control
# characters XML cannot hold dropped (openpyxl's ILLEGAL_CHARACTERS_RE), a carriage return
# kept as a reference (a reader turns a bare one into a line feed), and spaces at either end
# kept with xml:space. Looked for once a row, over its texts joined by DEL (a character XML
# allows): a text that needs care still matches, its spaces at either end next to a DEL.
_SEPARATOR = "\x7f"
_ROW_NEEDS_CARE = re.compile(r"[&<>\r\x00-\x08\x0b\x0c\x0e-\x1f]|^\s|\s$|\s\x7f|\x7f\s")
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ESCAPES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"}
_ESCAPE = re.compile(r"[&<>\r]")


def _text(value: str) -> str:
    value = _ESCAPE.sub(lambda match: _ESCAPES[match.group()], _ILLEGAL.sub("", value))
    if value != value.strip():
        return f'<t xml:space="preserve">{value}</t>'
    return f"<t>{value}</t>"


class _SheetWriter(WorksheetWriter):
    """openpyxl's sheet writer, on a file this module can also write to directly."""

    raw = False

    def get_stream(self):
        # openpyxl's own get_stream, except that lxml writes to a Python file (not to the
        # path), so rows written as text can go into the same file between its elements.
        with open(self.out, "wb", buffering=1 << 16) as self.file, xmlfile(self.file) as xf:
            self.xml = xf
            with xf.element("worksheet", xmlns=SHEET_MAIN_NS):
                try:
                    while True:
                        element = yield
                        if element is True:
                            yield xf
                        elif element is not None:
                            xf.write(element)
                except GeneratorExit:
                    pass

    def write_text(self, text: str) -> None:
        if not self.raw:
            self.xml.flush()  # what lxml holds goes out first: the open <sheetData> and rows before
            self.raw = True
        self.file.write(text.encode("utf-8"))


class FastWorksheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows after the first few (openpyxl's, for the styled title and
    header) come as text from `row_xml`."""

    def __init__(self, parent, title):
        super().__init__(parent, title)
        self.rows_written = 0
        self._letters: list[str] = []
        self._styles: dict[str, str] = {}

    def _get_writer(self):
        if self._writer is None:
            self._writer = _SheetWriter(self)
            self._writer.write_top()

    def append(self, row):
        if self._writer is not None and self._writer.raw:
            raise RuntimeError("openpyxl rows must come before the rows written as text")
        super().append(row)
        self.rows_written += 1

    def append_xml(self, values) -> None:
        """One row after the rows appended so far: text, numbers, dates (with `date_formats`)."""
        if self.rows_written < 1:
            raise RuntimeError("the sheet's sheetData opens with its first openpyxl row")
        self.rows_written += 1
        self._writer.write_text(self.row_xml(self.rows_written, values))

    def style(self, number_format: str) -> str:
        """The book's style index for a number format (the one openpyxl gives a cell with it)."""
        if number_format not in self._styles:
            cell = WriteOnlyCell(self)
            cell.number_format = number_format
            self._styles[number_format] = str(cell.style_id)
        return self._styles[number_format]

    # Set by the book (core/exports.py: 和暦 for dates).
    date_format = "yyyy-mm-dd"
    datetime_format = "yyyy-mm-dd hh:mm"

    def row_xml(self, number: int, values) -> str:
        row = str(number)
        letters = self._letters
        while len(letters) < len(values):
            letters.append(get_column_letter(len(letters) + 1))
        # One look at the row's texts for anything that needs care (nearly never): not a search a cell.
        texts = [value for value in values if value.__class__ is str]
        careful = bool(texts) and _ROW_NEEDS_CARE.search(_SEPARATOR.join(texts)) is not None
        cells = []
        append = cells.append
        for letter, value in zip(letters, values, strict=False):
            kind = value.__class__
            if kind is str:
                if value:
                    text = _text(value) if careful else f"<t>{value}</t>"
                    append(f'<c r="{letter}{row}" t="inlineStr"><is>{text}</is></c>')
            elif kind is int:
                append(f'<c r="{letter}{row}" t="n"><v>{value}</v></c>')
            elif value is not None:
                append(self._other_cell(letter + row, value))
        return f'<row r="{row}">{"".join(cells)}</row>'

    def _other_cell(self, reference: str, value) -> str:
        if isinstance(value, bool):
            return f'<c r="{reference}" t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float, Decimal)):
            return f'<c r="{reference}" t="n"><v>{safe_string(value)}</v></c>'
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):  # Excel has no time zones: the wall-clock time in Japan
                value = timezone.localtime(value).replace(tzinfo=None)
            style = self.style(self.datetime_format)
            return f'<c r="{reference}" s="{style}" t="n"><v>{safe_string(to_excel(value))}</v></c>'
        if isinstance(value, datetime.date):
            style = self.style(self.date_format)
            return f'<c r="{reference}" s="{style}" t="n"><v>{safe_string(to_excel(value))}</v></c>'
        if isinstance(value, (str, Promise)):  # a str subclass or a lazy translation
            text = str(value)
            return f'<c r="{reference}" t="inlineStr"><is>{_text(text)}</is></c>' if text else ""
        raise ValueError(f"Cannot convert {value!r} to Excel")
