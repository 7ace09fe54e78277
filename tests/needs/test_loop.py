"""The loop: a need is sent to corporations (打診), each answers 応諾 / 辞退, staff mark it
対応中 with those who took it on, start a project from it, and close it with an outcome."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contributions.models import Project, PublicationState
from needs import services
from needs.models import NeedProject, NeedStatus, NeedStatusChange, OfferRequest, OfferStatus
from tests.factories import MembershipFactory
from tests.needs.factories import NeedFactory, send


@pytest.fixture
def need(world, vocab):
    return NeedFactory(in_charge=world.staff, areas=[vocab["areas"]["光が丘"]], themes=[vocab["themes"]["学習支援"]],
                       resource_kinds=[vocab["kinds"]["場所・部屋"]])


def test_it_queues_mail_to_the_editors_and_moves_the_need_to_asking(world, need, deliver_mail):
    MembershipFactory(corporation=world.corp_a, user__email="")  # no address: not mailed
    count = services.offers_send(need=need, corporations=[world.corp_a, world.corp_b], acting_user=world.staff,
                                 message="会議室をお借りできませんか。")
    assert count == 2
    assert mail.outbox == []  # the request only queued them: the mail worker sends (core/mail.py)
    outbox = deliver_mail()
    assert sorted(m.to[0] for m in outbox) == sorted([world.editor_a.email, world.editor_b.email])
    body = outbox[0].body
    assert need.title in body and "会議室をお借りできませんか。" in body and "/needs/offers/" in body
    assert world.viewer_a.email not in [m.to[0] for m in outbox]  # viewers read, editors answer
    need.refresh_from_db()
    assert need.status == NeedStatus.ASKING
    # (The factory's need has no first row; need_create writes one, see test_need_views.)
    assert list(need.status_changes.values_list("from_status", "to_status", "changed_by")) == [
        (NeedStatus.RECEIVED, NeedStatus.ASKING, world.staff.pk)]


def test_it_sends_once_per_corporation(world, need):
    send(need, world.corp_a, staff=world.staff)
    assert services.offers_send(need=need, corporations=[world.corp_a], acting_user=world.staff) == 0
    assert OfferRequest.objects.filter(need=need).count() == 1


def test_only_staff_send(world, need):
    with pytest.raises(PermissionDenied):
        services.offers_send(need=need, corporations=[world.corp_a], acting_user=world.editor_a)
    assert not OfferRequest.objects.exists()


def test_the_candidates_page_posts_the_chosen_corporations(staff_client, world, need):
    response = staff_client.post(reverse("needs:send", kwargs={"pk": need.pk}),
                                 {"corporations": [world.corp_a.pk, world.corp_b.pk], "message": "ご相談です"})
    assert response.status_code == 302
    assert set(need.offers.values_list("corporation__name", flat=True)) == {world.corp_a.name, world.corp_b.name}
    response = staff_client.post(reverse("needs:send", kwargs={"pk": need.pk}), {}, follow=True)
    assert "打診する法人を選んでください。" in response.content.decode()


def test_an_editor_accepts_and_another_declines_with_a_reason(
    world, need, editor_a_client, editor_b_client, staff_client,
):
    offer_a, offer_b = send(need, world.corp_a, world.corp_b, staff=world.staff)
    page = editor_a_client.get(reverse("needs:answer", kwargs={"pk": offer_a.pk}))
    assert need.description in page.content.decode()
    editor_a_client.post(
        reverse("needs:answer", kwargs={"pk": offer_a.pk}), {"answer": "accepted", "message": "部屋を貸せます"},
    )
    refused = editor_b_client.post(
        reverse("needs:answer", kwargs={"pk": offer_b.pk}), {"answer": "declined", "message": ""},
    )
    assert refused.status_code == 200 and "辞退の理由を一言書いてください。" in refused.content.decode()
    editor_b_client.post(
        reverse("needs:answer", kwargs={"pk": offer_b.pk}), {"answer": "declined", "message": "職員が足りません"},
    )
    offer_a.refresh_from_db()
    offer_b.refresh_from_db()
    assert (offer_a.status, offer_a.answered_by, offer_a.answer_message) == (
        OfferStatus.ACCEPTED, world.editor_a, "部屋を貸せます",
    )
    assert (offer_b.status, offer_b.answered_by) == (OfferStatus.DECLINED, world.editor_b)
    html = staff_client.get(reverse("needs:detail", kwargs={"pk": need.pk})).content.decode()
    assert "部屋を貸せます" in html and "職員が足りません" in html and "応諾" in html and "辞退" in html


def test_an_answer_is_given_once_and_a_viewer_gives_none(world, need, viewer_a_client, editor_a_client):
    (offer,) = send(need, world.corp_a, staff=world.staff)
    response = viewer_a_client.post(reverse("needs:answer", kwargs={"pk": offer.pk}), {"answer": "accepted"})
    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.status == OfferStatus.PENDING
    services.offer_answer(offer=offer, acting_user=world.editor_a, accept=True)
    with pytest.raises(ValidationError):
        services.offer_answer(offer=offer, acting_user=world.editor_a, accept=False, message="やはり無理")
    response = editor_a_client.post(
        reverse("needs:answer", kwargs={"pk": offer.pk}), {"answer": "declined", "message": "x"},
    )
    assert response.status_code == 403
    offer.refresh_from_db()
    assert offer.status == OfferStatus.ACCEPTED


def test_another_corporation_cannot_answer_by_service_either(world, need):
    (offer,) = send(need, world.corp_a, staff=world.staff)
    with pytest.raises(PermissionDenied):
        services.offer_answer(offer=offer, acting_user=world.editor_b, accept=True)


def test_reminders_go_to_the_unanswered_only(
    world, need, staff_client, django_capture_on_commit_callbacks, deliver_mail
):
    offer_a, _offer_b = send(need, world.corp_a, world.corp_b, staff=world.staff)
    services.offer_answer(offer=offer_a, acting_user=world.editor_a, accept=True)
    deliver_mail()  # the offer requests
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(reverse("needs:remind", kwargs={"pk": need.pk}), follow=True)
    assert "未回答の1法人に催促のメールを送りました。" in response.content.decode()
    deliver_mail()
    assert [m.to for m in mail.outbox] == [[world.editor_b.email]]
    assert "まだご回答をいただいていません" in mail.outbox[0].body
    assert OfferRequest.objects.get(need=need, corporation=world.corp_b).reminder_count == 1


def test_staff_mark_it_in_progress_with_the_accepting_corporations(world, need, staff_client):
    offer_a, offer_b = send(need, world.corp_a, world.corp_b, staff=world.staff)
    services.offer_answer(offer=offer_a, acting_user=world.editor_a, accept=True)
    services.offer_answer(offer=offer_b, acting_user=world.editor_b, accept=False, message="今回は難しい")
    url = reverse("needs:take_on", kwargs={"pk": need.pk})
    form = staff_client.get(url).context["form"]
    assert list(form.fields["corporations"].queryset) == [world.corp_a]  # only those who accepted
    staff_client.post(url, {"corporations": [world.corp_b.pk]})  # refused: B declined
    need.refresh_from_db()
    assert need.status == NeedStatus.ASKING
    staff_client.post(url, {"corporations": [world.corp_a.pk], "note": "あおば会が会場を提供"})
    need.refresh_from_db()
    offer_a.refresh_from_db()
    assert need.status == NeedStatus.IN_PROGRESS and offer_a.is_engaged
    change = need.status_changes.last()
    assert (change.to_status, change.changed_by, change.note) == (
        NeedStatus.IN_PROGRESS, world.staff, "あおば会が会場を提供",
    )


def test_staff_start_a_draft_project_from_the_need_and_are_sent_to_its_edit_page(world, need, vocab, staff_client):
    offer_a, offer_b = send(need, world.corp_a, world.corp_b, staff=world.staff)
    services.offer_answer(offer=offer_a, acting_user=world.editor_a, accept=True)
    services.offer_answer(offer=offer_b, acting_user=world.editor_b, accept=False, message="今回は難しい")
    url = reverse("needs:project_start", kwargs={"pk": need.pk})
    form = staff_client.get(url).context["form"]
    assert list(form.fields["owner"].queryset) == [world.corp_a]
    assert form.initial["pattern"] == vocab["patterns"][3].pk  # a local issue: ③ テーマ別課題解決型
    assert form.initial["title"] == need.title
    refused = staff_client.post(
        url, {"owner": world.corp_b.pk, "pattern": vocab["patterns"][3].pk, "title": "x", "summary": "y"},
    )
    assert refused.status_code == 200 and not Project.objects.exists()
    response = staff_client.post(url, {"owner": world.corp_a.pk, "pattern": vocab["patterns"][3].pk,
                                       "title": "光が丘まなびの部屋", "summary": "中学生の学習支援"})
    project = Project.objects.get()
    assert response["Location"] == reverse("contributions:update", kwargs={"pk": project.pk})
    assert project.owner == world.corp_a and project.publication_state == PublicationState.DRAFT
    assert list(project.areas.all()) == [vocab["areas"]["光が丘"]]
    assert list(project.themes.all()) == [vocab["themes"]["学習支援"]]
    assert NeedProject.objects.get().linked_by == world.staff
    assert list(need.projects.all()) == [project]


def test_a_case_prefills_pattern_one_and_no_title(world, vocab, staff_client):
    from tests.needs.factories import CaseFactory

    case = CaseFactory(in_charge=world.staff)
    (offer,) = send(case, world.corp_a, staff=world.staff)
    services.offer_answer(offer=offer, acting_user=world.editor_a, accept=True)
    form = staff_client.get(reverse("needs:project_start", kwargs={"pk": case.pk})).context["form"]
    assert form.initial["pattern"] == vocab["patterns"][1].pk
    assert "title" not in form.initial


def test_closing_asks_for_the_outcome_and_records_who_and_when(world, need, staff_client):
    url = reverse("needs:status", kwargs={"pk": need.pk})
    response = staff_client.post(url, {"status": NeedStatus.CLOSED, "outcome": ""})
    assert response.status_code == 200 and "結果を書いてください。" in response.content.decode()
    need.refresh_from_db()
    assert need.status == NeedStatus.RECEIVED
    with pytest.raises(ValidationError):
        services.need_change_status(  # not from 受付
            need=need, acting_user=world.staff, status=NeedStatus.RESOLVED, outcome="x",
        )
    staff_client.post(url, {"status": NeedStatus.CLOSED, "outcome": "区の学習支援事業につないだ"})
    need.refresh_from_db()
    assert need.status == NeedStatus.CLOSED and need.outcome == "区の学習支援事業につないだ"
    change = NeedStatusChange.objects.filter(need=need).last()
    assert (change.from_status, change.to_status, change.changed_by) == (
        NeedStatus.RECEIVED, NeedStatus.CLOSED, world.staff,
    )
    assert change.changed_at is not None
    # A closed need takes no new offer requests.
    with pytest.raises(ValidationError):
        services.offers_send(need=need, corporations=[world.corp_a], acting_user=world.staff)
    # Reopened, it is 受付 again, without the old outcome (kept in the history).
    services.need_change_status(need=need, acting_user=world.staff, status=NeedStatus.RECEIVED)
    need.refresh_from_db()
    assert need.outcome == "" and need.history.filter(outcome="区の学習支援事業につないだ").exists()


def test_staff_link_an_existing_project(world, need, staff_client):
    from tests.contributions.factories import ProjectFactory

    project = ProjectFactory(owner=world.corp_b)
    staff_client.post(reverse("needs:link", kwargs={"pk": need.pk}), {"project": project.pk})
    staff_client.post(reverse("needs:link", kwargs={"pk": need.pk}), {"project": project.pk})  # twice: one link
    assert list(need.projects.all()) == [project]
