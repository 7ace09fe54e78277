"""The portal's outgoing mail: services write it to a queue kept in the database; a worker sends it.

Every mail of the portal (invitations, reminders, offer requests, welcome and reset links, a
project sent back) is written here as a row of django-post-office's `Email` (status queued)
inside the request's transaction: a write that rolls back leaves no mail, and the page never
waits for the mail server. `manage.py mail_worker` (started by `make run`) sends the queue,
records each attempt (post_office `Log`: sent or failed, with the error) and retries a failed
mail `POST_OFFICE["MAX_RETRIES"]` times before marking it failed. Tests deliver the queue
with `deliver_queued()` (tests/conftest.py `deliver_mail`).
"""

from collections.abc import Sequence

from django.conf import settings
from django.core.mail import EmailMessage
from post_office import mail as post_office_mail
from post_office.models import STATUS, Email
from post_office.utils import parse_priority

# The statuses a clerk reads on the mail log (post_office stores small integers).
SENT, FAILED, QUEUED, REQUEUED = STATUS.sent, STATUS.failed, STATUS.queued, STATUS.requeued


def message(*, subject: str, body: str, to: list[str]) -> EmailMessage:
    # A mail header must be one line, whatever a title typed into the portal holds.
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=to)


def queue(mails: Sequence[EmailMessage]) -> list[Email]:
    """Write the mails to the queue in one INSERT (per batch of the database's parameter limit)
    and return the rows, with their ids. Nothing is sent here: the worker sends once the
    transaction has committed (it cannot see the rows before)."""
    rows = [
        Email(
            from_email=mail.from_email or settings.DEFAULT_FROM_EMAIL,
            to=list(mail.to), cc=list(mail.cc), bcc=list(mail.bcc),
            subject=mail.subject, message=mail.body, html_message="",
            headers=dict(mail.extra_headers) or None, status=QUEUED,
            priority=parse_priority(None),
        )
        for mail in mails
    ]
    if rows:
        Email.objects.bulk_create(rows)
    return rows


def send_after_commit(mails: Sequence[EmailMessage]) -> None:
    """Queue the mails: they leave after the transaction commits, and not at all if it rolls back.
    (The name is the one existing callers use; the queue is what makes it true.)"""
    queue(mails)


def deliver_queued() -> tuple[int, int, int]:
    """Send every mail that is due (queued, or requeued and its retry time come); record each
    attempt. Returns (sent, failed for good, requeued for a retry). The worker and the tests
    call this; it sends batch after batch until none is due (a requeued mail is due again only
    when its retry time comes, so this ends)."""
    totals = [0, 0, 0]
    while post_office_mail.get_queued().exists():
        sent, failed, requeued = post_office_mail.send_queued(processes=1)
        totals = [totals[0] + sent, totals[1] + failed, totals[2] + requeued]
    return totals[0], totals[1], totals[2]
