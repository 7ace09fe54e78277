"""Reading the register from a spreadsheet: the export's own columns, .xlsx or CSV.

CSV comes as Excel writes it in Japan: UTF-8 (with or without a BOM) or Shift_JIS (cp932).
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import load_workbook

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
MAX_ROWS = 2000


@dataclass
class Sheet:
    rows: list[tuple[int, dict]] = field(default_factory=list)  # (line number in the file, values)


def _header_map(header: list) -> dict[int, str]:
    # Headers are matched in both languages, so an English export imports too.
    known = {}
    for label, name in COLUMNS:
        known[label] = name
        known[_(label)] = name
    mapping = {index: known[str(title).strip()] for index, title in enumerate(header) if title and str(title).strip() in known}
    missing = [name for name in REQUIRED_HEADERS if name not in mapping.values()]
    if missing:
        labels = [_(label) for label, name in COLUMNS if name in missing]
        raise ValidationError(
            _("1行目に必要な列見出しがありません: %(columns)s") % {"columns": "、".join(labels)}, code="header"
        )
    return mapping


def _decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp932"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("文字コードを判別できません。UTF-8 または Shift_JIS の CSV にしてください。"), code="encoding")


def _table(uploaded) -> list[list]:
    name = (uploaded.name or "").lower()
    raw = uploaded.read()
    if name.endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception:  # openpyxl raises many kinds for a broken file
            raise ValidationError(_("Excel ファイルを読み込めません。"), code="xlsx") from None
        return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    if name.endswith(".csv"):
        return list(csv.reader(io.StringIO(_decode(raw))))
    raise ValidationError(_("取り込めるのは .xlsx か .csv のファイルです。"), code="type")


def read_register(uploaded) -> Sheet:
    table = _table(uploaded)
    if not table:
        raise ValidationError(_("ファイルが空です。"), code="empty")
    mapping = _header_map(table[0])
    sheet = Sheet()
    for line, row in enumerate(table[1:], start=2):
        values = {mapping[i]: ("" if v is None else str(v).strip()) for i, v in enumerate(row) if i in mapping}
        if not any(values.values()):
            continue  # blank lines at the end of a sheet
        sheet.rows.append((line, values))
    if len(sheet.rows) > MAX_ROWS:
        raise ValidationError(_("一度に取り込めるのは%(max)s行までです。") % {"max": MAX_ROWS}, code="too_many")
    if not sheet.rows:
        raise ValidationError(_("取り込む行がありません。"), code="no_rows")
    return sheet
