"""Browser journey of invitations for the whole demo network: mail where there is an address, paper
(案内文 and FAX返信票, one A4 page each) where there is none, and the FAX answer entered as 代理入力."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from core.mail import deliver_queued
from corporations.models import Corporation
from meetings.models import Invitation, Meeting, MeetingMail
from tests.e2e.accessibility import axe_violations
from tests.e2e.conftest import log_in
from tests.e2e.test_accessibility import SEED_MIGRATIONS
from tests.e2e.test_meetings_journeys import _pdf_pages

pytestmark = pytest.mark.e2e


@pytest.fixture
def demo_meeting(transactional_db):
    """The Nerima demo (load_demo) and a new planned meeting of its current series, nobody invited yet."""
    import importlib

    from django.apps import apps
    from django.core.management import call_command
    from django.utils import timezone

    from accounts.models import User
    from meetings import services

    for module in SEED_MIGRATIONS:
        importlib.import_module(module).seed(apps, None)
    call_command("load_demo")
    upcoming = Meeting.objects.filter(starts_at__gt=timezone.now()).get()
    starts_at = upcoming.starts_at + datetime.timedelta(days=14)
    return services.meeting_create(
        acting_user=User.objects.get(username="staff"), series=upcoming.series, number=2, starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2), venue="練馬区役所 本庁舎19階 会議室",
        answer_deadline=timezone.localdate(starts_at) - datetime.timedelta(days=7),
    )


def test_staff_invite_all_63_by_mail_and_on_paper(page, demo_meeting):
    meeting = demo_meeting
    active = Corporation.objects.filter(is_active=True)
    without_address = active.filter(email="").count()
    assert active.count() == 63 and 0 < without_address < 63
    # Corporations with no registered address but an editor on the portal are still reached by mail.
    reached_by_editor = active.filter(email="", memberships__role="editor").distinct().count()
    need_paper = without_address - reached_by_editor

    log_in(page, "staff", "nerima-demo-2015")
    page.goto(f"/meetings/{meeting.pk}/")
    expect(page.get_by_test_id("answer-deadline")).to_contain_text("日")
    page.get_by_role("link", name="案内を送る").click()
    expect(page.get_by_test_id("invite-counts")).to_contain_text("活動中でまだ案内していない法人: 63法人")
    assert not axe_violations(page), axe_violations(page)
    page.get_by_role("button", name=re.compile("まだ案内していない活動中のすべての法人")).click()
    expect(page.get_by_text(f"63法人を案内しました。うちメールで届けたのは{63 - need_paper}法人です。")).to_be_visible()
    expect(page.get_by_text(f"{need_paper}法人はメールアドレスが登録されていないため")).to_be_visible()
    assert meeting.invitations.count() == 63

    # The replies page lists those that need paper; their letters print on A4, one page each.
    unreached = page.get_by_test_id("unreached")
    expect(unreached).to_contain_text(f"メールが届いていない法人（紙で案内）: {need_paper}法人")
    assert not axe_violations(page), axe_violations(page)
    unreached.get_by_role("link", name="これらの法人の案内文とFAX返信票を印刷する").click()
    expect(page.locator("article.letter-page").first).to_be_visible()
    assert not axe_violations(page), axe_violations(page)
    assert _pdf_pages(page.pdf(format="A4", print_background=False)) == 2 * need_paper

    # One corporation's letter: the 案内文 on one A4 page, the FAX返信票 on the next.
    paper = meeting.invitations.filter(corporation__email="").exclude(
        corporation__memberships__role="editor"
    ).select_related("corporation").first()
    page.goto(f"/meetings/{meeting.pk}/letters/{paper.pk}/")
    expect(page.locator("article.fax-page")).to_contain_text(paper.corporation.name)
    expect(page.locator("article.letter-page").first).to_contain_text("開催のご案内")
    assert _pdf_pages(page.pdf(format="A4", print_background=False)) == 2

    # The worker sends the queue; the mail log shows every mail as sent.
    deliver_queued()
    page.goto(f"/meetings/{meeting.pk}/")
    page.get_by_role("link", name="メール送信記録").click()
    sent = MeetingMail.objects.filter(meeting=meeting).count()
    expect(page.get_by_test_id("mail-totals")).to_contain_text(f"送信済み {sent}")
    assert not axe_violations(page), axe_violations(page)

    # The FAX comes back: staff enter it as 代理入力.
    page.goto(f"/meetings/{meeting.pk}/invitations/{paper.pk}/")
    page.get_by_label("欠席", exact=True).check()
    page.get_by_role("button", name="回答を保存する").click()
    expect(page.get_by_text(f"{paper.corporation.name}の出欠回答を保存しました。")).to_be_visible()
    paper.refresh_from_db()
    assert paper.answer == Invitation.Answer.ABSENT and paper.is_proxy
