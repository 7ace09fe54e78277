"""An individual case (個別課題) is read by staff and the corporations it was sent to, never
by others, never in public; every reading is recorded. Local issues show members and the
public only the text staff approved."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from needs import services
from needs.models import CaseView
from tests.needs.factories import CaseFactory, NeedFactory, published, send


@pytest.fixture
def case(world, vocab):
    need = CaseFactory(in_charge=world.staff, title="就労の場を探す40代の方", areas=[vocab["areas"]["練馬"]],
                       themes=[vocab["themes"]["就労体験"]])
    send(need, world.corp_a, staff=world.staff)
    return need


def _xlsx_text(response) -> str:
    book = load_workbook(io.BytesIO(response.getvalue()))
    return "\n".join(str(cell) for sheet in book for row in sheet.values for cell in row if cell is not None)


def test_a_case_answers_404_to_a_corporation_it_was_not_sent_to(case, editor_b_client):
    assert editor_b_client.get(reverse("needs:detail", kwargs={"pk": case.pk})).status_code == 404
    offer = case.offers.get()
    assert editor_b_client.get(reverse("needs:answer", kwargs={"pk": offer.pk})).status_code == 404


def test_a_case_answers_404_to_the_public(case, client):
    assert client.get(reverse("local_needs:detail", kwargs={"pk": case.pk})).status_code == 404
    assert case.title not in client.get(reverse("local_needs:index")).content.decode()


def test_a_case_is_absent_from_everything_such_a_corporation_can_reach(case, world, editor_b_client, vocab):
    for url in (reverse("needs:list"), reverse("needs:list") + "?status=open", reverse("needs:offers"),
                reverse("needs:areas"), reverse("needs:areas") + "?by=kind",
                reverse("corporations:detail", kwargs={"pk": world.corp_b.pk})):
        response = editor_b_client.get(url)
        assert response.status_code == 200, url
        assert case.title not in response.content.decode(), url
    listed = _xlsx_text(editor_b_client.get(reverse("needs:list_xlsx")))
    assert case.title not in listed and case.description not in listed
    # Not even counted: B's area table has no open need in 練馬 × 就労体験.
    table = editor_b_client.get(reverse("needs:areas")).context["table"]
    column = [c.name for c in table.columns].index("就労体験")
    assert table.rows[0].label == "練馬" and table.rows[0].cells[column].needs == 0
    response = editor_b_client.get(reverse("needs:areas_xlsx"))
    rows = list(load_workbook(io.BytesIO(response.getvalue())).active.values)
    assert ("練馬", "就労体験", 0) == rows[2 + column][:3]  # under the title and header rows


def test_the_corporation_asked_reads_it_and_counts_it(case, editor_a_client):
    assert editor_a_client.get(reverse("needs:detail", kwargs={"pk": case.pk})).status_code == 200
    assert case.title in _xlsx_text(editor_a_client.get(reverse("needs:list_xlsx")))
    table = editor_a_client.get(reverse("needs:areas")).context["table"]
    column = [c.name for c in table.columns].index("就労体験")
    assert table.rows[0].cells[column].needs == 1


def test_every_reading_of_a_case_is_recorded(case, world, editor_a_client, viewer_a_client, staff_client):
    detail = reverse("needs:detail", kwargs={"pk": case.pk})
    editor_a_client.get(detail)
    viewer_a_client.get(detail)
    editor_a_client.get(reverse("needs:answer", kwargs={"pk": case.offers.get().pk}))
    staff_client.get(detail)
    views = list(CaseView.objects.order_by("pk").values_list("user__username", "corporation_id"))
    assert views == [("editor_a", world.corp_a.pk), ("viewer_a", world.corp_a.pk), ("editor_a", world.corp_a.pk),
                     ("staff", None)]
    html = staff_client.get(detail).content.decode()
    assert "閲覧の記録" in html and world.viewer_a.display_name in html
    # Members do not see the record; a local issue's readings are not recorded.
    assert "閲覧の記録" not in editor_a_client.get(detail).content.decode()
    issue = NeedFactory(in_charge=world.staff)
    staff_client.get(reverse("needs:detail", kwargs={"pk": issue.pk}))
    assert not CaseView.objects.filter(need=issue).exists()


def test_a_case_is_never_published(case, world, staff_client):
    with pytest.raises(PermissionDenied):
        services.need_publish(need=case, acting_user=world.staff, visibility="public", public_title="x",
                              public_description="")
    assert staff_client.get(reverse("needs:publish", kwargs={"pk": case.pk})).status_code == 403
    case.refresh_from_db()
    assert case.visibility == "staff" and case.public_title == ""


def test_the_case_form_keeps_no_phone_number_and_asks_for_an_age_band(world, staff_client, vocab):
    response = staff_client.get(reverse("needs:create"))
    assert "氏名・住所・電話番号" in response.content.decode()
    data = {"kind": "case", "title": "相談", "description": "電話 03-1234-5678 の方", "source": "life_support",
            "received_on": "2015-10-29", "urgency": "normal", "in_charge": world.staff.pk, "age_band": ""}
    response = staff_client.post(reverse("needs:create"), data)
    errors = response.context["form"].errors
    assert "description" in errors and "age_band" in errors


def test_members_and_the_public_read_only_the_approved_text(world, staff_client, editor_b_client, client):
    need = NeedFactory(in_charge=world.staff, title="作業用の件名", description="作業用の内容（〇〇さんから）")
    url = reverse("needs:publish", kwargs={"pk": need.pk})
    refused = staff_client.post(url, {"visibility": "public", "public_title": "学習支援の場が求められています",
                                      "public_description": "光が丘で中学生の学習の場を探しています。"})
    assert refused.status_code == 200  # not confirmed: nothing published
    need.refresh_from_db()
    assert need.visibility == "staff"
    staff_client.post(url, {"visibility": "public", "public_title": "学習支援の場が求められています",
                            "public_description": "光が丘で中学生の学習の場を探しています。", "confirm": "on"})
    need.refresh_from_db()
    assert need.published_by == world.staff and need.published_at is not None
    # Staff later edit the working text: the public page does not change.
    services.need_update(need=need, acting_user=world.staff, details=services.NeedDetails(
        kind="issue", title="作業用の件名（改）", description="新しい作業用の内容", source="csw",
        received_on=need.received_on, in_charge=world.staff))
    public = client.get(reverse("local_needs:detail", kwargs={"pk": need.pk})).content.decode()
    assert "学習支援の場が求められています" in public and "光が丘で中学生の学習の場を探しています。" in public
    assert "作業用" not in public
    member = editor_b_client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    assert "学習支援の場が求められています" in member and "作業用" not in member
    assert "作業用" not in editor_b_client.get(reverse("needs:list")).content.decode()
    # Withdrawn: gone from the public page at once.
    staff_client.post(reverse("needs:unpublish", kwargs={"pk": need.pk}))
    assert client.get(reverse("local_needs:detail", kwargs={"pk": need.pk})).status_code == 404
    assert editor_b_client.get(reverse("needs:detail", kwargs={"pk": need.pk})).status_code == 404


def test_published_to_members_is_not_public(world, client, editor_b_client):
    need = NeedFactory(in_charge=world.staff)
    published(need, world.staff, visibility="members")
    assert editor_b_client.get(reverse("needs:detail", kwargs={"pk": need.pk})).status_code == 200
    assert client.get(reverse("local_needs:detail", kwargs={"pk": need.pk})).status_code == 404


def test_a_published_issue_cannot_become_a_case(world):
    from django.core.exceptions import ValidationError

    need = NeedFactory(in_charge=world.staff)
    published(need, world.staff)
    with pytest.raises(ValidationError):
        services.need_update(need=need, acting_user=world.staff, details=services.NeedDetails(
            kind="case", age_band="40s", title="x", description="", source="csw", received_on=need.received_on,
            in_charge=world.staff))
    need.refresh_from_db()
    assert need.kind == "issue"


@pytest.mark.parametrize(("text", "personal"), [
    ("電話 03-1234-5678", True), ("０３（１２３４）５６７８", True), ("〒176-0012 の近く", True), ("176ー0012", True),
    ("40代、週3日、10時から15時", False), ("2015年10月に相談", False),
])
def test_it_recognises_phone_numbers_and_postal_codes(text, personal):
    from needs.forms import looks_personal

    assert looks_personal(text) is personal


def test_the_mail_about_a_case_carries_its_title_only(world, vocab, django_capture_on_commit_callbacks, deliver_mail):
    from django.core import mail

    case = CaseFactory(in_charge=world.staff, description="40代。失業して食事にも困っている。")
    with django_capture_on_commit_callbacks(execute=True):
        send(case, world.corp_b, staff=world.staff)
    deliver_mail()
    (message,) = mail.outbox
    assert case.title in message.body and "失業して" not in message.body
