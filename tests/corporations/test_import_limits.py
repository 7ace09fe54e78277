"""Import limits: reading stops at the first limit passed, with a message on the form, never a 500."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from corporations import importing
from corporations.models import Corporation

URL = reverse("corporations:import")
HEADER = "法人名,フリガナ,法人種別,代表者,郵便番号,所在地,電話番号,メールアドレス,ホームページ,主な地域"
ROW_LIMIT = "一度に取り込めるのは2000行までです。"


def _row(number: int) -> str:
    return f"社会福祉法人テスト{number}会,テストカイ,,,,,,,,石神井"


def _csv(lines, name="meibo.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\r\n".join([HEADER, *lines]).encode(), content_type="text/csv")


def _xlsx(rows, name="meibo.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    book.active.append(HEADER.split(","))
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def _errors(client, upload) -> str:
    response = client.post(URL, {"file": upload, "dry_run": "on"})
    assert response.status_code == 200
    return response.content.decode()


def test_it_stops_reading_a_csv_at_the_row_after_the_limit(staff_client, world):
    # 2,001 rows, then a field the csv module itself would refuse: had reading gone on, the
    # message would be about that field.
    upload = _csv([_row(n) for n in range(2001)] + ["x" * 200_000 + ",カナ,,,,,,,,石神井"] + [_row(0)] * 2000)
    html = _errors(staff_client, upload)
    assert ROW_LIMIT in html and "長すぎるセル" not in html
    assert not Corporation.objects.filter(name__startswith="社会福祉法人テスト").exists()


def test_it_leaves_the_rest_of_a_long_csv_unread():
    lines = [_row(n) for n in range(2001)]
    upload = _csv(lines + [_row(n) for n in range(20_000)])
    with pytest.raises(importing.ValidationError, match="2000行まで"):
        importing.read_register(upload)
    assert upload.file.tell() < upload.size // 4  # 2,001 of 22,001 rows, read in small chunks


def test_it_takes_exactly_the_limit():
    sheet = importing.read_register(_csv([_row(n) for n in range(2000)] + ["", ",,,,,,,,,"]))
    assert len(sheet.rows) == 2000 and sheet.rows[-1][0] == 2001


@pytest.mark.parametrize("length", [1001, 200_000])  # ours, and past the csv module's own field limit
def test_it_refuses_a_csv_cell_too_long_and_names_the_line(staff_client, world, length):
    html = _errors(staff_client, _csv([_row(1), "長" * length + ",カナ,,,,,,,,石神井"]))
    assert "3行目に長すぎるセルがあります（1つのセルに1000文字まで）。" in html


def test_it_still_reads_shift_jis_line_by_line():
    upload = SimpleUploadedFile("sjis.csv", "\r\n".join([HEADER, _row(1)]).encode("cp932"))
    assert importing.read_register(upload).rows[0][1]["name"] == "社会福祉法人テスト1会"


def test_it_refuses_an_xlsx_cell_too_long(staff_client, world):
    upload = _xlsx([["法人", "カナ", None, None, None, "所" * 1001, None, None, None, "石神井"]])
    assert "2行目に長すぎるセルがあります（1つのセルに1000文字まで）。" in _errors(staff_client, upload)


def test_it_stops_reading_an_xlsx_at_the_row_after_the_limit(staff_client, world):
    rows = [[f"法人{n}", "カナ", None, None, None, None, None, None, None, "石神井"] for n in range(2001)]
    rows.append(["長" * 5000, "カナ", None, None, None, None, None, None, None, "石神井"])
    html = _errors(staff_client, _xlsx(rows))
    assert ROW_LIMIT in html and "長すぎるセル" not in html


def _with_sheet(upload: SimpleUploadedFile, write_sheet) -> bytes:
    """The workbook again, its first sheet's XML written by `write_sheet(original, entry)`."""
    packed = io.BytesIO()
    with zipfile.ZipFile(upload.file) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            content = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                with target.open(entry.filename, "w", force_zip64=True) as sheet:
                    write_sheet(content, sheet)
            else:
                target.writestr(entry, content)
    return packed.getvalue()


def test_it_refuses_an_xlsx_that_unpacks_too_big_before_opening_it(staff_client, world, monkeypatch):
    def padded(content, sheet):  # 60 MB of blank space in the sheet's XML
        head, tail = content.split(b">", 1)
        sheet.write(head + b">")
        for _ in range(60):
            sheet.write(b" " * (1024 * 1024))
        sheet.write(tail)

    bomb = _with_sheet(_xlsx([]), padded)
    assert len(bomb) < 1024 * 1024
    opened = []
    monkeypatch.setattr(importing, "load_workbook", lambda *args, **kwargs: opened.append(args))
    html = _errors(staff_client, SimpleUploadedFile("bomb.xlsx", bomb))
    assert "Excel ファイルの中身が大きすぎます（展開後50MBまで）。不要なシートや書式を削除してください。" in html
    assert opened == []


def test_it_refuses_an_xlsx_whose_rows_run_past_excels_last_row(staff_client, world):
    def far_away(content, sheet):  # the second row moved to line 5,000,000: a gap of blank lines
        assert b'<row r="2"' in content
        sheet.write(content.replace(b'<row r="2"', b'<row r="5000000"').replace(b'r="A2"', b'r="A5000000"'))

    upload = _xlsx([["遠く", "トオク", None, None, None, None, None, None, None, "石神井"]])
    html = _errors(staff_client, SimpleUploadedFile("gap.xlsx", _with_sheet(upload, far_away)))
    assert "ファイルの行数が多すぎます（空行も含めて1048576行まで）。" in html


@pytest.mark.parametrize(
    "content",
    [b"PK\x03\x04 not really a zip", None],  # not a zip; a zip cut short half way
)
def test_it_refuses_a_broken_xlsx_with_a_message(staff_client, world, content):
    if content is None:
        whole = _xlsx([["法人", "カナ", None, None, None, None, None, None, None, "石神井"]]).read()
        content = whole[: len(whole) // 2]
    assert "Excel ファイルを読み込めません。" in _errors(staff_client, SimpleUploadedFile("broken.xlsx", content))
