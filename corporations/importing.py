"""Reading the register from a spreadsheet: the export's own columns, .xlsx or CSV.

CSV comes as Excel writes it in Japan: UTF-8 (with or without a BOM) or Shift_JIS (cp932).

Both are read a row at a time and reading stops at the first limit passed (rows, lines,
characters in a cell; for .xlsx also the size once unpacked), so a small crafted file cannot
hold the server's memory: the whole file is never turned into a table first.
"""

import csv
import io
import zipfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

from core.exports import unguard_formula

# Header in the file → form field. The export writes these same headers.
COLUMNS = [
    (gettext_noop("法人名"), "name"),
    (gettext_noop("フリガナ"), "name_kana"),
    (gettext_noop("法人種別"), "kind"),
    (gettext_noop("代表者"), "representative"),
    (gettext_noop("郵便番号"), "postal_code"),
    (gettext_noop("所在地"), "address"),
    (gettext_noop("電話番号"), "phone"),
    (gettext_noop("メールアドレス"), "email"),
    (gettext_noop("ホームページ"), "website"),
    (gettext_noop("主な地域"), "home_area"),
]
REQUIRED_HEADERS = ["name", "name_kana", "home_area"]
MAX_ROWS = 2000  # rows with data; blank lines are skipped
MAX_CELL_CHARS = 1000  # the longest field of the register (the address) is far shorter
MAX_COLUMNS = 50  # columns read in each row: the export writes ten, the rest are ignored
MAX_LINES = 1_048_576  # Excel's last row: blank lines count here, so a gap cannot run for ever
# An .xlsx is a zip: 1 MB of it can unpack to gigabytes (one huge cell, millions of rows).
# zipfile refuses an entry that unpacks to more than its header declares, so adding up the
# declared sizes before openpyxl opens anything is a real bound.
MAX_XLSX_UNPACKED_BYTES = 50 * 1024 * 1024
# The .xlsx export puts a title row (what, when printed) above the header: the header is the
# first of these rows that holds the required columns.
HEADER_SEARCH_ROWS = 5


@dataclass
class Sheet:
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (line number in the file, values)


def _known_headers() -> dict[str, str]:
    # Headers are matched in both languages, so an English export imports too.
    known = {}
    for label, name in COLUMNS:
        known[label] = name
        known[_(label)] = name
    return known


def _is_header(row) -> bool:
    known = _known_headers()
    names = {known.get(str(title).strip()) for title in row if title}
    return all(name in names for name in REQUIRED_HEADERS)


def _header_map(header) -> dict[int, str]:
    known = _known_headers()
    mapping = {
        index: known[str(title).strip()] for index, title in enumerate(header) if title and str(title).strip() in known
    }
    missing = [name for name in REQUIRED_HEADERS if name not in mapping.values()]
    if missing:
        labels = [_(label) for label, name in COLUMNS if name in missing]
        raise ValidationError(
            _("1行目に必要な列見出しがありません: %(columns)s") % {"columns": "、".join(labels)}, code="header"
        )
    return mapping


def _cell_too_long(line: int) -> ValidationError:
    return ValidationError(
        _("%(line)s行目に長すぎるセルがあります（1つのセルに%(max)s文字まで）。")
        % {"line": line, "max": MAX_CELL_CHARS},
        code="cell_too_long",
    )


def _unreadable_xlsx() -> ValidationError:
    return ValidationError(_("Excel ファイルを読み込めません。"), code="xlsx")


def _xlsx_rows(uploaded) -> Iterator[tuple]:
    uploaded.seek(0)
    try:
        with zipfile.ZipFile(uploaded) as archive:
            unpacked = sum(entry.file_size for entry in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        raise _unreadable_xlsx() from None
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ValidationError(
            _("Excel ファイルの中身が大きすぎます（展開後%(max)sMBまで）。不要なシートや書式を削除してください。")
            % {"max": MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)},
            code="xlsx_unpacked",
        )
    uploaded.seek(0)
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken file
        raise _unreadable_xlsx() from None
    try:
        worksheet = workbook.worksheets[0]
        # The size the sheet declares is not trusted: rows are read as they come.
        worksheet.reset_dimensions()
        yield from worksheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
    except Exception:  # broken XML half way through the sheet
        raise _unreadable_xlsx() from None
    finally:
        workbook.close()


def _csv_rows(uploaded, encoding: str) -> Iterator[list]:
    """Rows decoded as `encoding`; a UnicodeDecodeError if the file is not in it."""
    uploaded.seek(0)
    text = io.TextIOWrapper(uploaded, encoding=encoding, newline="")
    reader = csv.reader(text)
    try:
        for row in reader:
            # The export guards text that Excel would run as a formula ('=1+1): undone here,
            # so an exported register imports back unchanged. The .xlsx export needs no guard.
            yield [unguard_formula(value) for value in row[:MAX_COLUMNS]]
    except csv.Error as error:
        # The csv module's own field limit (128 KB) stops a giant cell before it is held whole.
        if "field limit" in str(error):
            raise _cell_too_long(reader.line_num) from None
        raise ValidationError(
            _("CSV ファイルを読み込めません（%(line)s行目）。") % {"line": reader.line_num}, code="csv"
        ) from None
    finally:
        text.detach()  # the upload is Django's to close


def _collect(rows: Iterator) -> Sheet:
    first = header = None
    header_line = 0
    for header_line, row in enumerate(rows, start=1):
        first = row if first is None else first
        if _is_header(row):
            header = row
            break
        if header_line == HEADER_SEARCH_ROWS:
            break
    if first is None:
        raise ValidationError(_("ファイルが空です。"), code="empty")
    mapping = _header_map(header if header is not None else first)
    sheet = Sheet()
    for line, row in enumerate(rows, start=header_line + 1):
        if line > MAX_LINES:
            raise ValidationError(
                _("ファイルの行数が多すぎます（空行も含めて%(max)s行まで）。") % {"max": MAX_LINES},
                code="too_many_lines",
            )
        if not any(row):
            continue  # blank lines at the end of a sheet
        values = {}
        for index, name in mapping.items():
            value = row[index] if index < len(row) else None
            text = "" if value is None else str(value).strip()
            if len(text) > MAX_CELL_CHARS:
                raise _cell_too_long(line)
            values[name] = text
        if not any(values.values()):
            continue
        if len(sheet.rows) == MAX_ROWS:
            # Stop here: the rest of the file is not read.
            raise ValidationError(_("一度に取り込めるのは%(max)s行までです。") % {"max": MAX_ROWS}, code="too_many")
        sheet.rows.append((line, values))
    if not sheet.rows:
        raise ValidationError(_("取り込む行がありません。"), code="no_rows")
    return sheet


def _read(rows: Iterator) -> Sheet:
    # Closed at once, also when a limit stops the reading: the file is let go while it is open.
    with closing(rows):
        return _collect(rows)


def read_register(uploaded) -> Sheet:
    name = (uploaded.name or "").lower()
    if name.endswith(".xlsx"):
        return _read(_xlsx_rows(uploaded))
    if name.endswith(".csv"):
        for encoding in ("utf-8-sig", "cp932"):
            try:
                return _read(_csv_rows(uploaded, encoding))
            except UnicodeDecodeError:
                continue  # read again from the start in the next encoding
        raise ValidationError(
            _("文字コードを判別できません。UTF-8 または Shift_JIS の CSV にしてください。"), code="encoding"
        )
    raise ValidationError(_("取り込めるのは .xlsx か .csv のファイルです。"), code="type")
