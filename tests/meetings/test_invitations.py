import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from meetings.models import Invitation, RsvpPerson
from tests.factories import AreaFactory, CorporationFactory

from .factories import InvitationFactory, MeetingFactory, RsvpPersonFactory


def _answer_url(invitation):
    return reverse("meetings:answer", kwargs={"pk": invitation.meeting_id, "invitation_pk": invitation.pk})


def _versioned(invitation, data):
    """The posted answer with the version its page carries: the invitation's stored one."""
    return {**data, "version": Invitation.objects.values_list("version", flat=True).get(pk=invitation.pk)}


def _answer_data(answer="attend", persons=(), area=None):
    data = {"answer": answer, "comment": "", "persons-TOTAL_FORMS": str(max(3, len(persons))),
            "persons-INITIAL_FORMS": "0", "persons-MIN_NUM_FORMS": "0", "persons-MAX_NUM_FORMS": "20"}
    for index in range(max(3, len(persons))):
        name, title = persons[index] if index < len(persons) else ("", "")
        data[f"persons-{index}-name"] = name
        data[f"persons-{index}-title"] = title
        data[f"persons-{index}-area"] = str(area.pk) if area else ""
    return data


@pytest.fixture
def invitation_a(world):
    return InvitationFactory(corporation=world.corp_a)


def test_it_invites_every_active_corporation_and_mails_their_addresses_and_editors(staff_client, world, deliver_mail):
    meeting = MeetingFactory()
    CorporationFactory(is_active=False)
    response = staff_client.post(reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"action": "all"})
    assert response.status_code == 302
    assert set(meeting.invitations.values_list("corporation", flat=True)) == {world.corp_a.pk, world.corp_b.pk}
    assert mail.outbox == []  # the request only queued them
    # The registered address of each corporation and its editors; not viewer_a: a viewer cannot
    # answer, the mail's link would lead to a 403.
    assert sorted(m.to[0] for m in deliver_mail()) == sorted(
        [world.corp_a.email, world.corp_b.email, "editor_a@example.jp", "editor_b@example.jp"]
    )
    body = mail.outbox[0].body
    assert str(meeting.series.title) in body and f"/meetings/{meeting.pk}/rsvp/" in body
    # Inviting again adds no one and sends nothing.
    mail.outbox.clear()
    staff_client.post(reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"action": "all"})
    assert meeting.invitations.count() == 2 and deliver_mail() == []


def test_it_invites_a_chosen_set(staff_client, world):
    meeting = MeetingFactory()
    staff_client.post(
        reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"action": "chosen", "corporations": [world.corp_b.pk]}
    )
    assert list(meeting.invitations.values_list("corporation", flat=True)) == [world.corp_b.pk]
    response = staff_client.post(reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"action": "chosen"})
    assert "案内する法人を選んでください。" in response.content.decode()


def test_it_lets_a_member_answer_with_names_and_groups(editor_a_client, world, invitation_a):
    hikari = AreaFactory(name="光が丘")
    response = editor_a_client.post(
        _answer_url(invitation_a),
        _versioned(invitation_a, _answer_data(persons=[("青葉 一郎", "施設長"), ("青葉 二郎", "")], area=hikari)),
    )
    assert response.status_code == 302
    invitation_a.refresh_from_db()
    assert invitation_a.answer == Invitation.Answer.ATTEND
    assert invitation_a.answered_by == world.editor_a and not invitation_a.is_proxy
    assert list(invitation_a.persons.values_list("name", "title", "area__name")) == [
        ("青葉 一郎", "施設長", "光が丘"), ("青葉 二郎", "", "光が丘"),
    ]
    # It can change its answer before the meeting.
    editor_a_client.post(_answer_url(invitation_a), _versioned(invitation_a, _answer_data(answer="absent")))
    invitation_a.refresh_from_db()
    assert invitation_a.answer == Invitation.Answer.ABSENT and not invitation_a.persons.exists()


def test_it_defaults_the_group_to_the_home_area(editor_a_client, world, invitation_a):
    response = editor_a_client.get(_answer_url(invitation_a))
    form = response.context["formset"].forms[0]
    assert form.fields["area"].initial == world.corp_a.home_area_id


def test_it_asks_for_a_name_when_attending(editor_a_client, invitation_a):
    response = editor_a_client.post(_answer_url(invitation_a), _versioned(invitation_a, _answer_data()))
    assert response.status_code == 200
    assert "出席する人の氏名を1人以上入力してください" in response.content.decode()
    invitation_a.refresh_from_db()
    assert invitation_a.answer == Invitation.Answer.PENDING


def test_it_records_staff_answers_as_proxy(staff_client, world, invitation_a):
    staff_client.post(_answer_url(invitation_a), _versioned(invitation_a, _answer_data(answer="undecided")))
    invitation_a.refresh_from_db()
    assert invitation_a.answer == Invitation.Answer.UNDECIDED
    assert invitation_a.is_proxy and invitation_a.answered_by == world.staff
    replies = staff_client.get(reverse("meetings:replies", kwargs={"pk": invitation_a.meeting_id})).content.decode()
    assert "代理入力" in replies and str(world.staff) in replies


def test_it_refuses_another_corporation_and_a_viewer_and_changes_nothing(
    editor_b_client, viewer_a_client, invitation_a
):
    data = _answer_data(answer="absent")
    assert editor_b_client.get(_answer_url(invitation_a)).status_code == 404
    assert editor_b_client.post(_answer_url(invitation_a), data).status_code == 404
    assert viewer_a_client.post(_answer_url(invitation_a), data).status_code == 403
    invitation_a.refresh_from_db()
    assert invitation_a.answer == Invitation.Answer.PENDING and invitation_a.answered_by is None


def test_it_hides_other_corporations_answers_from_members(editor_b_client, editor_a_client, world, invitation_a):
    RsvpPersonFactory(invitation=invitation_a, name="青葉 秘密")
    meeting_url = reverse("meetings:detail", kwargs={"pk": invitation_a.meeting_id})
    assert "青葉 秘密" not in editor_b_client.get(meeting_url).content.decode()
    assert "青葉 秘密" in editor_a_client.get(meeting_url).content.decode()
    assert editor_b_client.get(reverse("meetings:replies", kwargs={"pk": invitation_a.meeting_id})).status_code == 403
    corporation_page = editor_b_client.get(reverse("corporations:detail", kwargs={"pk": world.corp_b.pk}))
    assert "青葉 秘密" not in corporation_page.content.decode()


def test_it_shows_the_answers_on_the_corporation_page_to_its_members(editor_a_client, invitation_a):
    RsvpPersonFactory(invitation=invitation_a, name="青葉 一郎")
    page = editor_a_client.get(reverse("corporations:detail", kwargs={"pk": invitation_a.corporation_id}))
    assert "連絡会の案内と出欠回答" in page.content.decode() and "青葉 一郎" in page.content.decode()


def test_it_closes_answers_when_the_meeting_has_started(editor_a_client, world):
    start = timezone.now() - datetime.timedelta(hours=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    invitation = InvitationFactory(meeting=meeting, corporation=world.corp_a)
    response = editor_a_client.post(_answer_url(invitation), _versioned(invitation, _answer_data(answer="absent")))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.PENDING


def test_it_reminds_only_those_who_have_not_answered(staff_client, world, deliver_mail):
    meeting = MeetingFactory()
    pending = InvitationFactory(meeting=meeting, corporation=world.corp_a)
    InvitationFactory(meeting=meeting, corporation=world.corp_b, answer="absent", answered_at=timezone.now())
    response = staff_client.post(reverse("meetings:remind", kwargs={"pk": meeting.pk}))
    assert response.status_code == 302
    assert sorted(m.to[0] for m in deliver_mail()) == sorted([world.corp_a.email, "editor_a@example.jp"])
    pending.refresh_from_db()
    assert pending.reminded_at is not None


def test_it_refuses_reminders_from_members(editor_a_client, world, deliver_mail):
    meeting = MeetingFactory()
    InvitationFactory(meeting=meeting, corporation=world.corp_a)
    assert editor_a_client.post(reverse("meetings:remind", kwargs={"pk": meeting.pk})).status_code == 403
    assert deliver_mail() == [] and not Invitation.objects.filter(reminded_at__isnull=False).exists()


def test_it_counts_replies_by_answer_and_area_in_constant_queries(staff_client, world, django_assert_num_queries):
    def build(count):
        meeting = MeetingFactory()
        for corporation in [CorporationFactory() for _ in range(count)]:
            invitation = InvitationFactory(
                meeting=meeting, corporation=corporation, answer="attend", answered_at=timezone.now()
            )
            RsvpPersonFactory(invitation=invitation)
        return meeting

    for meeting in (build(3), build(30)):
        # session, user, meeting, invitations+corporations+areas+answerer, persons,
        # the invitations no mail reached (with their corporations)
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(7):
            response = staff_client.get(reverse("meetings:replies", kwargs={"pk": meeting.pk}))
        assert response.status_code == 200
    assert RsvpPerson.objects.count() == 33


def test_it_sends_a_member_from_the_mail_link_to_its_answer(editor_a_client, invitation_a):
    response = editor_a_client.get(reverse("meetings:rsvp", kwargs={"pk": invitation_a.meeting_id}))
    assert response["Location"] == _answer_url(invitation_a)


def test_it_keeps_one_invitation_per_corporation(world):
    from django.db import IntegrityError, transaction

    invitation = InvitationFactory(corporation=world.corp_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        InvitationFactory(meeting=invitation.meeting, corporation=world.corp_a)


def test_it_shows_staff_the_message_a_corporation_left_with_its_answer(
    editor_a_client, staff_client, world, invitation_a
):
    data = _answer_data("attend", [("青葉 太郎", "理事長")], area=world.corp_a.home_area)
    data["comment"] = "車椅子で伺います。駐車場をお借りできますか。"
    data["version"] = invitation_a.version
    assert editor_a_client.post(_answer_url(invitation_a), data).status_code == 302
    response = staff_client.get(reverse("meetings:replies", kwargs={"pk": invitation_a.meeting_id}))
    assert "車椅子で伺います。駐車場をお借りできますか。" in response.content.decode()


def test_it_offers_a_member_the_answer_link_only_while_the_meeting_takes_answers(editor_a_client, staff_client, world):
    import datetime

    from django.urls import reverse
    from django.utils import timezone

    from tests.meetings.factories import InvitationFactory, MeetingFactory

    upcoming = InvitationFactory(corporation=world.corp_a, meeting=MeetingFactory())
    past_start = timezone.now() - datetime.timedelta(days=30)
    held = InvitationFactory(
        corporation=world.corp_a,
        meeting=MeetingFactory(starts_at=past_start, ends_at=past_start + datetime.timedelta(hours=2), status="held"),
    )
    page = reverse("corporations:detail", kwargs={"pk": world.corp_a.pk})
    html = editor_a_client.get(page).content.decode()
    assert reverse("meetings:answer", args=[upcoming.meeting.pk, upcoming.pk]) in html
    assert reverse("meetings:answer", args=[held.meeting.pk, held.pk]) not in html
    # Staff may still enter a late answer on a corporation's behalf.
    assert reverse("meetings:answer", args=[held.meeting.pk, held.pk]) in staff_client.get(page).content.decode()


def _follow_mailed_link(world, message):
    """Open the link in a mail as the user it was sent to, following redirects."""
    from urllib.parse import urlsplit

    from django.test import Client

    from accounts.models import User

    url = next(line for line in message.body.splitlines() if "/meetings/" in line).strip()
    client = Client()
    client.force_login(User.objects.get(email=message.to[0]))
    return client.get(urlsplit(url).path, follow=True)


@pytest.mark.parametrize("send", ["invite", "remind"])
def test_it_mails_only_those_who_can_answer_and_every_link_opens(staff_client, world, send, deliver_mail):
    meeting = MeetingFactory()
    if send == "remind":
        InvitationFactory(meeting=meeting, corporation=world.corp_a)
        InvitationFactory(meeting=meeting, corporation=world.corp_b)
    data = {"action": "all"} if send == "invite" else {}
    assert staff_client.post(reverse(f"meetings:{send}", kwargs={"pk": meeting.pk}), data).status_code == 302
    outbox = deliver_mail()
    recipients = sorted(m.to[0] for m in outbox)
    assert recipients == sorted([world.corp_a.email, world.corp_b.email, "editor_a@example.jp", "editor_b@example.jp"])
    assert world.viewer_a.email not in recipients
    for message in outbox:
        if message.to[0] in (world.corp_a.email, world.corp_b.email):
            # The registered address is an office's, not a portal account's: told how to answer without one.
            assert "ポータルのアカウントをお持ちでない場合" in message.body
            continue
        response = _follow_mailed_link(world, message)
        assert response.status_code == 200, (message.to, response.redirect_chain)
        assert response.resolver_match.url_name == "answer"
        assert response.context["can_answer"]
