"""Invitations and reminders reach each corporation's registered address and its editors; those with
no address are told apart and get the printed letter; the answer deadline; the mail log."""

import datetime
import re

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from post_office.models import Email

from accounts.models import Membership
from core import mail as portal_mail
from corporations.models import Corporation
from meetings import services
from meetings.models import Invitation, MeetingMail
from tests.factories import AreaFactory, CorporationFactory, MembershipFactory

from .factories import InvitationFactory, MeetingFactory, ProgramItemFactory


def _messages(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_each_address_gets_one_mail_and_the_screen_says_who_was_reached(staff_client, world, deliver_mail):
    # corp_a's editor uses the corporation's own address (another case): one mail, not two.
    MembershipFactory(corporation=world.corp_a, user__email=world.corp_a.email.upper())
    no_address = CorporationFactory(name="社会福祉法人紙の会", email="")  # no address, no portal account
    MembershipFactory(corporation=no_address, role=Membership.Role.VIEWER)  # a viewer gets no invitation mail
    meeting = MeetingFactory()
    response = staff_client.post(reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"action": "all"})
    assert _messages(response) == [
        "3法人を案内しました。うちメールで届けたのは2法人です。",
        "1法人はメールアドレスが登録されていないため、メールは届いていません。"
        "案内文とFAX返信票を印刷して郵送またはFAXしてください。",
    ]
    recipients = [m.to[0].casefold() for m in deliver_mail()]
    assert sorted(recipients) == sorted(
        [world.corp_a.email, "editor_a@example.jp", world.corp_b.email, "editor_b@example.jp"]
    )
    # The replies page lists the one that needs paper, with the letters to print.
    page = staff_client.get(reverse("meetings:replies", kwargs={"pk": meeting.pk})).content.decode()
    unreached = page.split('data-testid="unreached"')[1].split("</section>")[0]
    assert "社会福祉法人紙の会" in unreached and world.corp_a.name not in unreached
    assert reverse("meetings:letters", kwargs={"pk": meeting.pk}) in unreached


def test_a_corporation_whose_only_mail_failed_needs_paper_too(world):
    meeting = MeetingFactory()
    world.corp_b.email = ""
    world.corp_b.save()
    Membership.objects.filter(corporation=world.corp_b).delete()
    result = services.invitations_send(meeting=meeting, corporations=[world.corp_a, world.corp_b],
                                       acting_user=world.staff)
    assert (result.count, result.mailed, result.unreached) == (2, [world.corp_a], [world.corp_b])
    Email.objects.filter(to__icontains=world.corp_a.email).update(status=portal_mail.FAILED)
    unreached = {i.corporation for i in _unreached(meeting)}
    assert unreached == {world.corp_b}  # corp_a's editor's mail still went
    Email.objects.update(status=portal_mail.FAILED)
    assert {i.corporation for i in _unreached(meeting)} == {world.corp_a, world.corp_b}


def _unreached(meeting):
    from meetings.selectors import unreached_invitations

    return list(unreached_invitations(meeting))


def _register(count: int, area) -> list[Corporation]:
    return Corporation.objects.bulk_create([
        Corporation(name=f"社会福祉法人規模{area.name}{n}会", name_kana=f"キボ{n:05d}", home_area=area,
                    email=f"scale{n}@example.jp" if n % 3 else "")
        for n in range(count)
    ])


def test_inviting_630_takes_the_queries_of_63_and_queues_every_mail(staff_client, world, deliver_mail):
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for count in (63, 630):
        area = AreaFactory(name=f"規模{count}")
        _register(count, area)
        meeting = MeetingFactory()
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.post(reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"action": "all"})
        assert response.status_code == 302
        invited = meeting.invitations.count()
        mailed = MeetingMail.objects.filter(meeting=meeting).values("corporation").distinct().count()
        assert invited == Corporation.objects.filter(is_active=True).count()
        assert len(deliver_mail()) == MeetingMail.objects.filter(meeting=meeting).count()
        _clear_outbox()
        # Queries: session, user, membership, meeting, savepoint, the candidates, the invited ids, the
        # editors, savepoint release; INSERTs of the invitations, their history, the queue's rows and
        # their links. INSERTs go in batches of the database's parameter limit (SQLite: 999
        # parameters; PostgreSQL: one statement each); nothing else grows.
        sql = [q["sql"] for q in queries.captured_queries]
        inserts = [q for q in sql if q.startswith("INSERT")]
        counts[count] = (len(sql) - len(inserts), len(inserts))
        assert invited == count + 2 and mailed == len([n for n in range(count) if n % 3]) + 2
        Corporation.objects.filter(home_area=area).update(is_active=False)  # the next round: 630 new ones
    assert counts[63][0] == counts[630][0], counts
    if connection.vendor == "postgresql":
        assert counts[63] == counts[630] == (counts[63][0], 4), counts


def _clear_outbox():
    from django.core import mail

    mail.outbox.clear()


def test_the_invite_page_chooses_by_area_kind_and_name_a_page_at_a_time(staff_client, world):
    hikari = AreaFactory(name="光が丘")
    _register(120, hikari)
    CorporationFactory(name="特定非営利活動法人ひかりNPO", name_kana="ヒカリエヌピーオー", home_area=hikari,
                       kind=Corporation.Kind.NPO)
    meeting = MeetingFactory()
    url = reverse("meetings:invite", kwargs={"pk": meeting.pk})
    page = staff_client.get(url, {"area": hikari.pk})
    assert page.context["page"].paginator.count == 121
    assert page.content.decode().count('name="corporations"') == 50  # a page, not the register
    by_kind = staff_client.get(url, {"kind": Corporation.Kind.NPO})
    assert [c.name for c in by_kind.context["page"]] == ["特定非営利活動法人ひかりNPO"]
    by_name = staff_client.get(url, {"q": "ひかり"})  # hiragana finds the katakana reading too
    assert [c.name for c in by_name.context["page"]] == ["特定非営利活動法人ひかりNPO"]
    # "All the filter finds": the NPO only.
    staff_client.post(url + "?kind=npo", {"action": "filtered"})
    assert list(meeting.invitations.values_list("corporation__name", flat=True)) == ["特定非営利活動法人ひかりNPO"]
    # A chosen corporation outside the filter is refused, and nothing is invited.
    response = staff_client.post(url + "?kind=npo", {"action": "chosen", "corporations": [world.corp_a.pk]})
    assert response.status_code == 200 and meeting.invitations.count() == 1
    # Invited corporations leave the list.
    assert staff_client.get(url, {"kind": "npo"}).context["page"].paginator.count == 0


def test_the_invite_page_takes_the_same_queries_at_ten_times_the_register(
    staff_client, world, django_assert_num_queries
):
    area = AreaFactory(name="石神井")
    for size in (60, 600):
        Corporation.objects.filter(home_area=area).delete()
        _register(size, area)
        meeting = MeetingFactory()
        # session, user, meeting, areas (the filter's choices), the page's count and rows,
        # invited count (unfiltered, the page's count is the not-invited count)
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(8):
            response = staff_client.get(reverse("meetings:invite", kwargs={"pk": meeting.pk}))
        assert response.status_code == 200
        assert response.content.decode().count('name="corporations"') == 50
        everyone = f"活動中でまだ案内していない法人: {Corporation.objects.filter(is_active=True).count()}法人"
        assert everyone in response.content.decode()
        # Filtered, the not-invited count is counted apart from the page's (one query more): still everyone.
        with django_assert_num_queries(9):
            response = staff_client.get(reverse("meetings:invite", kwargs={"pk": meeting.pk}), {"q": "あおば"})
        assert response.status_code == 200 and everyone in response.content.decode()
        assert response.content.decode().count('name="corporations"') < 50


def test_the_deadline_shows_on_the_mail_the_meeting_and_answer_pages(world, editor_a_client, deliver_mail):
    meeting = MeetingFactory(answer_deadline=datetime.date(2035, 10, 20))
    services.invitations_send(meeting=meeting, corporations=[world.corp_a], acting_user=world.staff)
    (corporation_mail, editor_mail) = sorted(deliver_mail(), key=lambda m: m.to[0] != world.corp_a.email)
    assert "回答期限: 令和17年10月20日（土）" in editor_mail.body
    assert "ご担当者様" in corporation_mail.body
    invitation = meeting.invitations.get()
    for url in (reverse("meetings:detail", kwargs={"pk": meeting.pk}),
                reverse("meetings:answer", kwargs={"pk": meeting.pk, "invitation_pk": invitation.pk})):
        assert "令和17年10月20日（土）" in editor_a_client.get(url).content.decode()


def _answer_data(version, answer="absent"):
    return {"answer": answer, "comment": "", "version": version, "persons-TOTAL_FORMS": "1",
            "persons-INITIAL_FORMS": "0", "persons-MIN_NUM_FORMS": "0", "persons-MAX_NUM_FORMS": "20",
            "persons-0-name": "", "persons-0-title": "", "persons-0-area": ""}


def test_after_the_deadline_members_cannot_answer_but_staff_enter_it_as_proxy(world, editor_a_client, staff_client):
    meeting = MeetingFactory(answer_deadline=timezone.localdate() - datetime.timedelta(days=1))
    invitation = InvitationFactory(meeting=meeting, corporation=world.corp_a)
    url = reverse("meetings:answer", kwargs={"pk": meeting.pk, "invitation_pk": invitation.pk})
    page = editor_a_client.get(url).content.decode()
    assert "回答期限を過ぎたため、回答は変更できません。" in page and 'name="answer"' not in page
    editor_a_client.post(url, _answer_data(invitation.version))
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.PENDING
    with pytest.raises(Exception) as refused:
        services.rsvp_answer(invitation=invitation, acting_user=world.editor_a, answer="absent", comment="",
                             persons=[])
    assert "回答期限を過ぎた" in str(refused.value)
    # The FAX that came back: staff enter it (代理入力).
    assert staff_client.post(url, _answer_data(invitation.version)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.ABSENT and invitation.is_proxy


def test_the_meeting_form_takes_a_deadline_on_or_before_the_meeting(world, staff_client):
    from core.wareki import fiscal_year_of

    meeting = MeetingFactory()
    meeting.series.fiscal_year = fiscal_year_of(meeting.starts_at)
    meeting.series.save()
    url = reverse("meetings:update", kwargs={"pk": meeting.pk})
    form = staff_client.get(url).context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data["starts_at"] = timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M")
    data["ends_at"] = timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M")
    late = (timezone.localtime(meeting.starts_at) + datetime.timedelta(days=1)).date()
    response = staff_client.post(url, {**data, "answer_deadline": late.isoformat()})
    assert response.status_code == 200 and "回答期限は開催日以前の日にしてください。" in response.content.decode()
    good = (timezone.localtime(meeting.starts_at) - datetime.timedelta(days=7)).date()
    assert staff_client.post(url, {**data, "answer_deadline": good.isoformat()}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.answer_deadline == good


def test_due_reminders_go_once_to_those_who_have_not_answered(world, settings, deliver_mail):
    settings.PORTAL_REMINDER_DAYS_BEFORE = 3
    today = timezone.localdate()
    due = MeetingFactory(answer_deadline=today + datetime.timedelta(days=2))
    later = MeetingFactory(answer_deadline=today + datetime.timedelta(days=10))
    past = MeetingFactory(answer_deadline=today - datetime.timedelta(days=1))
    for meeting in (due, later, past):
        InvitationFactory(meeting=meeting, corporation=world.corp_a)
        InvitationFactory(meeting=meeting, corporation=world.corp_b, answer="absent", answered_at=timezone.now())
    call_command("send_due_reminders")
    outbox = deliver_mail()
    assert sorted(m.to[0] for m in outbox) == sorted([world.corp_a.email, "editor_a@example.jp"])
    assert all(str(due) in m.subject for m in outbox)
    assert set(MeetingMail.objects.values_list("meeting", "kind")) == {(due.pk, "reminder")}
    # The next day's run mails nobody again.
    call_command("send_due_reminders")
    assert len(deliver_mail()) == 2


def test_the_mail_log_shows_each_mail_and_whether_it_went(world, staff_client, settings, deliver_mail):
    meeting = MeetingFactory()
    services.invitations_send(meeting=meeting, corporations=[world.corp_a, world.corp_b], acting_user=world.staff)
    url = reverse("meetings:mail_log", kwargs={"pk": meeting.pk})
    before = staff_client.get(url)
    assert before.context["totals"] == {"sent": 0, "waiting": 4, "failed": 0}
    deliver_mail()
    page = staff_client.get(url)
    assert page.context["totals"] == {"sent": 4, "waiting": 0, "failed": 0}
    text = page.content.decode()
    assert "editor_b@example.jp" in text and world.corp_a.email in text and "送信済み" in text
    assert f"{meeting}のご案内" in text
    # Another meeting's mails are not on this one's log.
    other = MeetingFactory()
    services.invitations_send(meeting=other, corporations=[world.corp_a], acting_user=world.staff)
    assert staff_client.get(url).context["page"].paginator.count == 4


def test_the_mail_log_takes_the_same_queries_at_ten_times_the_mail(world, staff_client, django_assert_num_queries):
    area = AreaFactory(name="大泉")
    for size in (10, 100):
        meeting = MeetingFactory()
        corporations = Corporation.objects.bulk_create([
            Corporation(name=f"社会福祉法人記録{size}-{n}会", name_kana=f"キロク{size}{n:04d}", home_area=area,
                        email=f"log{size}-{n}@example.jp") for n in range(size)
        ])
        services.invitations_send(meeting=meeting, corporations=corporations, acting_user=world.staff)
        # session, user, meeting, totals, the page's count and rows (with mail and corporation)
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(7):
            assert staff_client.get(reverse("meetings:mail_log", kwargs={"pk": meeting.pk})).status_code == 200


def test_the_letters_are_for_those_no_mail_reached_with_the_corporations_name(world, staff_client, settings):
    settings.PORTAL_LETTERHEAD = "社会福祉法人 練馬区社会福祉協議会\n事務局 地域福祉係"
    settings.PORTAL_REPLY_FAX = "03-0000-0000"
    paper = CorporationFactory(name="社会福祉法人紙の会", email="")
    meeting = MeetingFactory(answer_deadline=datetime.date(2035, 10, 20))
    ProgramItemFactory(meeting=meeting, title="地域公益活動の報告")
    services.invitations_send(meeting=meeting, corporations=[world.corp_a, paper], acting_user=world.staff)
    page = staff_client.get(reverse("meetings:letters", kwargs={"pk": meeting.pk})).content.decode()
    assert page.count('class="print-page letter-page"') == 1 and page.count("fax-page") == 1
    assert "社会福祉法人紙の会" in page and world.corp_a.name not in page
    assert "事務局 地域福祉係" in page and "FAX 03-0000-0000" in page and "地域公益活動の報告" in page
    assert "令和17年10月20日（土）までに" in page
    assert re.search(r"令和\d+年\d+月\d+日", page)  # today's date in 和暦
    # One corporation's letter, for any invited corporation (a mailed one that asks for paper too).
    invitation = meeting.invitations.get(corporation=world.corp_a)
    one = staff_client.get(reverse("meetings:letter", kwargs={"pk": meeting.pk, "invitation_pk": invitation.pk}))
    assert world.corp_a.name in one.content.decode()
    other = InvitationFactory(corporation=world.corp_b)  # another meeting's invitation: not this one's
    assert staff_client.get(
        reverse("meetings:letter", kwargs={"pk": meeting.pk, "invitation_pk": other.pk})
    ).status_code == 404


def test_the_letters_take_the_same_queries_for_ten_times_the_corporations(
    world, staff_client, django_assert_num_queries
):
    area = AreaFactory(name="関町")
    for size in (3, 30):
        meeting = MeetingFactory()
        corporations = Corporation.objects.bulk_create([
            Corporation(name=f"社会福祉法人手紙{size}-{n}会", name_kana=f"テガミ{size}{n:03d}", home_area=area)
            for n in range(size)
        ])
        services.invitations_send(meeting=meeting, corporations=corporations, acting_user=world.staff)
        # session, user, meeting (with series), the unreached invitations with corporations,
        # the programme
        # + the data generation, read once by the page's first cached fragment (core/fragments.py)
        with django_assert_num_queries(6):
            response = staff_client.get(reverse("meetings:letters", kwargs={"pk": meeting.pk}))
        assert response.content.decode().count("fax-page") == size
