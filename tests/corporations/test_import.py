import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from corporations.models import Corporation

URL = reverse("corporations:import")
HEADER = "法人名,フリガナ,法人種別,代表者,郵便番号,所在地,電話番号,メールアドレス,ホームページ,主な地域"


def _csv(lines, encoding="utf-8-sig", name="meibo.csv"):
    return SimpleUploadedFile(name, "\r\n".join([HEADER, *lines]).encode(encoding), content_type="text/csv")


def _post(client, upload, dry_run=False):
    data = {"file": upload}
    if dry_run:
        data["dry_run"] = "on"
    return client.post(URL, data)


def _snapshot():
    return list(Corporation.objects.order_by("pk").values())


def test_it_creates_and_updates_from_a_csv_with_a_bom(staff_client, world):
    response = _post(staff_client, _csv([
        "社会福祉法人ともしび会,ともしびかい,社会福祉法人,山田 一郎,１７７００４１,東京都練馬区石神井町1-1-1,"
        "０３－３９９６－１１１１,,,石神井",
        "社会福祉法人あおば会,アオバカイ,社会福祉法人,新しい代表者,176-0012,東京都練馬区豊玉北6-12-1,03-3993-9931,,,練馬",
    ]))
    assert response["Location"] == reverse("corporations:list")
    created = Corporation.objects.get(name="社会福祉法人ともしび会")
    assert (created.name_kana, created.postal_code, created.phone, created.home_area.name) == (
        "トモシビカイ", "177-0041", "03-3996-1111", "石神井",
    )
    assert created.history.get().history_user == world.staff
    world.corp_a.refresh_from_db()
    assert world.corp_a.representative == "新しい代表者"


def test_it_reads_shift_jis_as_excel_saves_csv_in_japan(staff_client, world):
    _post(staff_client, _csv(["社会福祉法人いずみ会,イズミカイ,NPO法人,,,,,,,大泉"], encoding="cp932"))
    assert Corporation.objects.get(name="社会福祉法人いずみ会").kind == Corporation.Kind.NPO


def test_it_reads_xlsx(staff_client, world):
    book = Workbook()
    book.active.append(HEADER.split(","))
    book.active.append(["社会福祉法人けやき会", "ケヤキカイ", "事業団", None, None, None, None, None, None, "光が丘"])
    buffer = io.BytesIO()
    book.save(buffer)
    _post(staff_client, SimpleUploadedFile("meibo.xlsx", buffer.getvalue()))
    assert Corporation.objects.get(name="社会福祉法人けやき会").kind == Corporation.Kind.PUBLIC_AGENCY


def test_it_saves_nothing_when_one_row_is_wrong_and_names_the_row(staff_client, world):
    before = _snapshot()
    response = _post(staff_client, _csv([
        "社会福祉法人ともしび会,トモシビカイ,,,,,,,,石神井",
        "社会福祉法人あおば会,アオバカイ,,変更,,,,,,練馬",
        "社会福祉法人わかば会,ワカバカイ,,,12345,,03-12,,,川越",
    ]))
    assert response.status_code == 200
    errors = response.context["result"].errors
    assert {(line, column) for line, column, _ in errors} == {(4, "郵便番号"), (4, "電話番号"), (4, "主な地域")}
    html = response.content.decode()
    assert "「川越」という地域はありません。" in html
    assert "何も保存していません" in html
    assert _snapshot() == before


def test_it_checks_without_saving_when_asked(staff_client, world):
    before = _snapshot()
    response = _post(staff_client, _csv(["社会福祉法人ともしび会,トモシビカイ,,,,,,,,石神井"]), dry_run=True)
    assert response.status_code == 200
    assert response.context["result"].created == 1
    assert _snapshot() == before


def test_it_refuses_a_file_without_the_required_headers(staff_client, world):
    upload = SimpleUploadedFile("x.csv", "名前,よみ\r\nA,B".encode())
    response = _post(staff_client, upload)
    assert "1行目に必要な列見出しがありません" in response.content.decode()


def test_it_refuses_other_file_types(staff_client, world):
    response = _post(staff_client, SimpleUploadedFile("x.pdf", b"%PDF-1.4"))
    assert "取り込めるのは .xlsx か .csv のファイルです。" in response.content.decode()


def test_it_reports_the_same_name_twice(staff_client, world):
    response = _post(staff_client, _csv(["社会福祉法人ともしび会,トモシビカイ,,,,,,,,石神井"] * 2))
    assert response.context["result"].errors == [(3, "法人名", "2行目と同じ法人名です。")]
    assert not Corporation.objects.filter(name="社会福祉法人ともしび会").exists()


def test_it_takes_back_its_own_export_unchanged(staff_client, world):
    exported = staff_client.get(reverse("corporations:export_csv")).getvalue()
    before = _snapshot()
    response = _post(staff_client, SimpleUploadedFile("export.csv", exported), dry_run=False)
    assert response.status_code == 302
    assert _snapshot() == before


def test_it_is_for_staff_only_and_imports_nothing_otherwise(editor_a_client, client, world):
    for other in (editor_a_client, client):
        _post(other, _csv(["社会福祉法人ともしび会,トモシビカイ,,,,,,,,石神井"]))
    assert not Corporation.objects.filter(name="社会福祉法人ともしび会").exists()
    assert editor_a_client.get(URL).status_code == 403


def test_it_renders_a_multipart_form_with_labels(staff_client, world):
    html = staff_client.get(URL).content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert 'for="id_file"' in html and 'for="id_dry_run"' in html


def test_it_creates_a_corporation_from_the_required_columns_only(staff_client, world):
    # Every other field takes the form's preselected value, which is no change but must be saved.
    csv = "法人名,フリガナ,主な地域\r\n社会福祉法人ともしび会,トモシビカイ,練馬\r\n"
    response = _post(staff_client, SimpleUploadedFile("meibo.csv", csv.encode(), content_type="text/csv"))
    assert response["Location"] == reverse("corporations:list")
    created = Corporation.objects.get(name="社会福祉法人ともしび会")
    assert (created.kind, created.is_active, created.home_area.name) == (Corporation.Kind.SOCIAL_WELFARE, True, "練馬")
