"""The register import at its largest (2,000 rows): checked and saved in bulk, with progress."""

import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models import CheckConstraint
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from corporations import services
from corporations.forms import IMPORT_CHECKED_CONSTRAINTS
from corporations.importing import MAX_ROWS
from corporations.models import Corporation
from tests.factories import CorporationFactory

URL = reverse("corporations:import")
HEADER = "法人名,フリガナ,法人種別,代表者,郵便番号,所在地,電話番号,メールアドレス,ホームページ,主な地域"
AREAS = ["練馬", "光が丘", "石神井", "大泉"]


def _kana(n: int) -> str:
    return "".join("アイウエオカキクケコ"[int(digit)] for digit in f"{n:04d}")


def _line(n: int, representative: str = "山田 一郎") -> str:
    return (f"社会福祉法人大量{n:04d}会,タイリョウ{_kana(n)}カイ,社会福祉法人,{representative},１７７００４１,"
            f"東京都練馬区石神井町1-1-{n % 20 + 1},03-3996-{n:04d},info{n}@example.jp,,{AREAS[n % 4]}")


def _csv(lines):
    return SimpleUploadedFile("meibo.csv", "\r\n".join([HEADER, *lines]).encode("utf-8-sig"), content_type="text/csv")


def _registered(count):
    # Registered corporations the file names again: half of them with a new representative.
    for n in range(count):
        CorporationFactory(name=f"社会福祉法人大量{n:04d}会", name_kana=f"タイリョウ{_kana(n)}カイ")


def _import_queries(client, lines, dry_run=False):
    data = {"file": _csv(lines)}
    if dry_run:
        data["dry_run"] = "on"
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, data)
    return response, len(queries)


def test_it_checks_2000_rows_with_a_fixed_number_of_queries(staff_client, world):
    _registered(100)
    lines = [_line(n) for n in range(MAX_ROWS)]
    response, queries = _import_queries(staff_client, lines, dry_run=True)
    assert response.status_code == 200
    assert response.context["result"].errors == []
    assert (response.context["result"].created, response.context["result"].updated) == (1900, 100)
    # session, user, membership, register's names, the rows' corporations, areas
    # (the rest is the page: the messages and the portal's context)
    assert queries <= 12, queries
    assert Corporation.objects.count() == 102


def test_it_saves_2000_rows_with_queries_per_chunk_not_per_row(staff_client, world):
    _registered(300)
    lines = [_line(n, "新しい代表者" if n < 150 else "山田 一郎") for n in range(MAX_ROWS)]
    response, queries = _import_queries(staff_client, lines)
    assert response.status_code == 302, response.content.decode()[:2000]
    # Check: as above (6). Save, per chunk of 250 rows: inserts of the corporations and of their
    # history rows (1,700 new: 7 chunks); the changed rows locked and read once, then per chunk
    # updates and history rows (150 changed: 1 chunk). A chunk is one statement on PostgreSQL
    # (about 25 queries in all); SQLite takes at most 999 parameters a statement, so it splits
    # a chunk into statements of about 60 rows (about 90). Row by row it was about 12 a row.
    assert queries <= 120, queries
    assert Corporation.objects.count() == 2002
    created = Corporation.objects.get(name="社会福祉法人大量1999会")
    assert (created.postal_code, created.home_area.name, created.history.get().history_user) == (
        "177-0041", AREAS[1999 % 4], world.staff,
    )
    changed = Corporation.objects.get(name="社会福祉法人大量0007会")
    assert (changed.representative, changed.version) == ("新しい代表者", 2)
    assert changed.history.latest().history_user == world.staff
    assert Corporation.objects.filter(version=2).count() == 300  # the registered rows, all changed


def test_it_still_saves_nothing_when_one_row_of_2000_is_wrong(staff_client, world):
    lines = [_line(n) for n in range(MAX_ROWS)]
    lines[1500] = lines[1500].replace(",03-3996-1500,", ",電話番号ではない,")
    lines[1703] = lines[1703].replace(",大泉", ",どこか")
    response, _queries = _import_queries(staff_client, lines)
    errors = response.context["result"].errors
    assert [(line, column) for line, column, _message in errors] == [(1502, "電話番号"), (1705, "主な地域")]
    assert "「どこか」という地域はありません。" in errors[1][2]
    assert Corporation.objects.count() == 2


def test_it_checks_in_python_every_constraint_of_the_corporation():
    checks = {c.name for c in Corporation._meta.constraints if isinstance(c, CheckConstraint)}
    # A new CheckConstraint on Corporation must be checked by the import's form too.
    assert checks == IMPORT_CHECKED_CONSTRAINTS


def test_it_reports_a_postal_code_the_database_would_refuse(staff_client, world):
    response, _queries = _import_queries(staff_client, [_line(1).replace("１７７００４１", "1770")])
    [(line, column, _message)] = response.context["result"].errors
    assert (line, column) == (2, "郵便番号")


def test_it_streams_its_progress_then_the_page_when_the_script_asks(staff_client, world):
    lines = [_line(n) for n in range(600)]
    response = staff_client.post(URL, {"file": _csv(lines)}, headers={"X-Import-Progress": "1"})
    assert response["Content-Type"] == "application/x-ndjson"
    messages = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    steps, page = messages[:-1], messages[-1]
    assert [(s["phase"], s["done"], s["total"]) for s in steps] == [
        ("check", 250, 600), ("check", 500, 600), ("check", 600, 600),
        ("save", 250, 600), ("save", 500, 600), ("save", 600, 600),
    ]
    assert steps[0]["label"] == "確認中"
    assert "取り込みました: 新規 600件、更新 0件、変更なし 0件。" in page["html"]
    assert Corporation.objects.count() == 602


def test_its_streamed_check_shows_the_errors_and_saves_nothing(staff_client, world):
    lines = [_line(1), _line(1)]
    response = staff_client.post(URL, {"file": _csv(lines)}, headers={"X-Import-Progress": "1"})
    messages = [json.loads(line) for line in b"".join(response.streaming_content).decode().splitlines()]
    assert "2行目と同じ法人名です。" in messages[-1]["html"]
    assert Corporation.objects.count() == 2


def test_the_page_loads_its_progress_script_from_a_static_file(staff_client, world):
    page = staff_client.get(URL).content.decode()
    assert "js/register_import.js" in page and 'id="import-progress"' in page and "<script>" not in page


def test_the_service_refuses_a_row_changed_since_it_was_checked(world):
    steps = services.corporation_import_steps(
        rows=[(2, {"name": world.corp_a.name, "name_kana": "アオバカイ", "home_area": "練馬",
                   "representative": "別の人"})],
        acting_user=world.staff,
    )
    assert next(steps).phase == "check"
    Corporation.objects.filter(pk=world.corp_a.pk).update(version=99)  # another save came first
    result = None
    try:
        while True:
            next(steps)
    except StopIteration as finished:
        result = finished.value
    assert result.errors and result.updated == 0
    world.corp_a.refresh_from_db()
    assert world.corp_a.representative != "別の人"
