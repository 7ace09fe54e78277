"""core/mail.py: mail is written to the queue in the database, sent by the worker, retried on failure."""

import datetime
import smtplib

import pytest
from django.core import mail as django_mail
from django.core.management import call_command
from django.db import transaction
from post_office.models import Email, Log

from core import mail


def _queue(*addresses):
    return mail.queue([mail.message(subject="件名\nの改行", body="本文", to=[address]) for address in addresses])


def test_it_writes_rows_and_sends_nothing_until_delivered(db):
    rows = _queue("a@example.jp", "b@example.jp")
    assert [row.pk is not None for row in rows] == [True, True]
    assert django_mail.outbox == []
    assert set(Email.objects.values_list("status", flat=True)) == {mail.QUEUED}
    assert mail.deliver_queued() == (2, 0, 0)
    assert sorted(m.to[0] for m in django_mail.outbox) == ["a@example.jp", "b@example.jp"]
    assert django_mail.outbox[0].subject == "件名 の改行"  # one header line
    assert set(Email.objects.values_list("status", flat=True)) == {mail.SENT}
    assert Log.objects.filter(status=mail.SENT).count() == 2  # each attempt recorded
    assert mail.deliver_queued() == (0, 0, 0) and len(django_mail.outbox) == 2  # sent once


def test_a_rolled_back_write_leaves_no_mail(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        _queue("a@example.jp")
        raise RuntimeError
    assert not Email.objects.exists()
    mail.deliver_queued()
    assert django_mail.outbox == []


class _RefusingBackend:
    """A mail server that is down: every send raises, as smtplib does."""

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        pass

    def close(self):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("connection refused")


def test_a_failed_mail_is_retried_then_marked_failed(db, settings):
    settings.EMAIL_BACKEND = f"{__name__}._RefusingBackend"
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 1, "RETRY_INTERVAL": datetime.timedelta(0)}
    (row,) = _queue("a@example.jp")
    assert mail.deliver_queued() == (0, 1, 1)  # tried, requeued for a retry, tried again, failed
    row.refresh_from_db()
    assert row.status == mail.FAILED and row.number_of_retries == 1
    assert list(Log.objects.filter(email=row).values_list("status", "exception_type")) == [
        (mail.FAILED, "SMTPServerDisconnected"), (mail.FAILED, "SMTPServerDisconnected"),
    ]


def test_a_mail_that_failed_once_is_sent_on_the_retry(db, settings):
    settings.POST_OFFICE = {**settings.POST_OFFICE, "MAX_RETRIES": 2, "RETRY_INTERVAL": datetime.timedelta(minutes=10)}
    settings.EMAIL_BACKEND = f"{__name__}._RefusingBackend"
    (row,) = _queue("a@example.jp")
    assert mail.deliver_queued() == (0, 0, 1)
    row.refresh_from_db()
    assert row.status == mail.REQUEUED and row.scheduled_time is not None
    # The server is back and the retry time has come.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    Email.objects.filter(pk=row.pk).update(scheduled_time=row.scheduled_time - datetime.timedelta(minutes=11))
    assert mail.deliver_queued() == (1, 0, 0)
    row.refresh_from_db()
    assert row.status == mail.SENT and [m.to for m in django_mail.outbox] == [["a@example.jp"]]


def test_the_worker_command_sends_the_queue(db):
    _queue("a@example.jp")
    call_command("mail_worker", "--once")
    assert [m.to for m in django_mail.outbox] == [["a@example.jp"]]
    assert Email.objects.get().status == mail.SENT


def test_staff_read_the_queue_in_the_admin_in_japanese(client, world):
    world.staff.is_superuser = True
    world.staff.save()
    client.force_login(world.staff)
    _queue("a@example.jp", "b@example.jp")
    mail.deliver_queued()
    _queue("c@example.jp")
    page = client.get("/admin/core/outgoingmail/").content.decode()
    assert "送信メール" in page and "a@example.jp" in page and page.count("送信済み") >= 2 and "送信待ち" in page
    assert client.get("/admin/core/outgoingmail/", {"status": str(mail.QUEUED)}).context["cl"].result_count == 1
    assert client.get("/admin/post_office/email/").status_code == 404  # the English one is not offered
