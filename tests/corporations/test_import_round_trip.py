"""Exporting the register and importing the same file unchanged changes nothing (issue 11).

Run on PostgreSQL too: DATABASE_URL=postgres://… pytest tests/corporations/test_import_round_trip.py
"""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from corporations.models import Area, Corporation
from tests.factories import CorporationFactory, FacilityFactory

URL = reverse("corporations:import")
HEADER = "法人名,フリガナ,法人種別,代表者,郵便番号,所在地,電話番号,メールアドレス,ホームページ,主な地域"

TRICKY_NAMES = [
    "=1+1", "+81", "@home", "-マイナス会", "'引用符会", "社会福祉法人　ひかり会", "ＮＰＯ法人ｽﾏｲﾙ",
    '=HYPERLINK("http://evil.example","x")', "社会福祉法人 つくりっこの家",
]


def _snapshot():
    return list(Corporation.objects.order_by("pk").values())


def _history_count():
    return Corporation.history.count()


@pytest.fixture
def tricky_register(world):
    area = Area.objects.get(name="練馬")
    for index, name in enumerate(TRICKY_NAMES):
        corporation = CorporationFactory(
            name=name, home_area=area, representative="@代表" if index % 2 else "",
            website="https://example.jp/" if index % 3 else "", address="東京都練馬区豊玉北6-12-1 コーポ101",
        )
        FacilityFactory(corporation=corporation)
    # Saved before the normalising existed: a full-width address must not count as a change.
    Corporation.objects.filter(name="+81").update(address="東京都練馬区豊玉北６－１２－１")
    return area


def _post(client, name, body, dry_run=False):
    data = {"file": SimpleUploadedFile(name, body)}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(URL, data)


@pytest.mark.parametrize(("export", "filename"), [
    ("corporations:export_csv", "export.csv"), ("corporations:export_xlsx", "export.xlsx"),
])
def test_it_takes_back_its_own_export_with_tricky_names_unchanged(staff_client, tricky_register, export, filename):
    response = staff_client.get(reverse(export))
    body = response.getvalue() if response.streaming else response.content
    before, history = _snapshot(), _history_count()
    checked = _post(staff_client, filename, body, dry_run=True).context["result"]
    assert (checked.errors, checked.created, checked.updated) == ([], 0, 0)
    assert checked.unchanged == len(TRICKY_NAMES) + 2
    assert _post(staff_client, filename, body).status_code == 302
    assert _snapshot() == before
    assert _history_count() == history


def _csv(lines):
    return "\r\n".join([HEADER, *lines]).encode("utf-8-sig")


def test_it_matches_a_name_typed_with_a_full_width_space_or_half_width_kana(staff_client, world):
    CorporationFactory(name="社会福祉法人 ひかり会", name_kana="ヒカリカイ", home_area=Area.objects.get(name="練馬"))
    response = _post(staff_client, "meibo.csv", _csv([
        "社会福祉法人　ひかり会,ﾋｶﾘｶｲ,,,,,,,,練馬",
        "社会福祉法人ｱｵﾊﾞ会,アオバカイ,,,,,,,,練馬",
    ]), dry_run=True)
    result = response.context["result"]
    assert (result.errors, result.created) == ([], 1)
    assert (1, 0) == (result.unchanged + result.updated, result.created - 1)
    assert [(line, registered) for line, _name, registered, _why in result.similar] == [
        (2, "社会福祉法人 ひかり会"), (3, "社会福祉法人あおば会"),
    ]
    html = response.content.decode()
    assert "登録済みの法人と似ている行" in html and "名前がほぼ同じ" in html
    _post(staff_client, "meibo.csv", _csv(["社会福祉法人　ひかり会,ﾋｶﾘｶｲ,,新代表,,,,,,練馬"]))
    assert Corporation.objects.filter(name__contains="ひかり会").count() == 1
    assert Corporation.objects.get(name="社会福祉法人 ひかり会").representative == "新代表"


def test_it_accepts_postal_codes_and_addresses_as_offices_write_them(staff_client, world):
    response = _post(staff_client, "meibo.csv", _csv([
        "社会福祉法人ともしび会,トモシビカイ,,,〒１７６－０００１,東京都練馬区練馬１－１７－１,,,,練馬",
        "社会福祉法人ゆうひ会,ユウヒカイ,,,〒176-0001,東京都練馬区練馬1ー17ー1,,,,練馬",
    ]))
    assert response.status_code == 302, response.context["result"].errors
    stored = set(Corporation.objects.filter(name__in=["社会福祉法人ともしび会", "社会福祉法人ゆうひ会"])
                 .values_list("postal_code", "address"))
    assert stored == {("176-0001", "東京都練馬区練馬1-17-1")}


def test_it_accepts_a_postal_code_with_a_mark_in_full_width_on_the_form(staff_client, world):
    update = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    html = staff_client.get(update).content.decode()
    assert 'maxlength="8"' not in html
    corporation = world.corp_a
    data = {
        "name": corporation.name, "name_kana": corporation.name_kana, "kind": corporation.kind,
        "postal_code": "〒１７６－０００１", "address": "東京都練馬区豊玉北６－１２－１", "phone": corporation.phone,
        "home_area": corporation.home_area_id, "is_active": "on", "version": corporation.version,
    }
    assert staff_client.post(update, data).status_code == 302
    corporation.refresh_from_db()
    assert (corporation.postal_code, corporation.address) == ("176-0001", "東京都練馬区豊玉北6-12-1")


def test_it_names_an_unknown_area_once(staff_client, world):
    response = _post(staff_client, "meibo.csv", _csv(["社会福祉法人ともしび会,トモシビカイ,,,,,,,,川越"]))
    assert response.context["result"].errors == [(2, "主な地域", "「川越」という地域はありません。")]


def test_it_reads_an_xlsx_whose_header_sits_under_a_title_row(staff_client, world):
    book = Workbook()
    book.active.append(["法人名簿 出力: 令和8年11月27日"])
    book.active.append(HEADER.split(","))
    book.active.append(["社会福祉法人けやき会", "ケヤキカイ", None, None, None, None, None, None, None, "光が丘"])
    buffer = io.BytesIO()
    book.save(buffer)
    _post(staff_client, "meibo.xlsx", buffer.getvalue())
    assert Corporation.objects.filter(name="社会福祉法人けやき会").exists()


def test_it_lists_a_new_row_with_a_registered_furigana_for_the_clerk(staff_client, world):
    response = _post(staff_client, "meibo.csv", _csv(["あおば会,あおばかい,,,,,,,,練馬"]), dry_run=True)
    assert response.context["result"].similar == [(2, "あおば会", "社会福祉法人あおば会", "フリガナが同じ")]
