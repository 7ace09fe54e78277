"""Mail that services send: built in the request, sent once the transaction commits."""

from django.core.mail import EmailMessage, get_connection
from django.db import transaction


def message(*, subject: str, body: str, to: list[str]) -> EmailMessage:
    # A mail header must be one line, whatever a title typed into the portal holds.
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=to)


def send_after_commit(mails: list[EmailMessage]) -> None:
    """Send on commit: a write that rolls back must not have been mailed."""
    if mails:
        transaction.on_commit(lambda: get_connection().send_messages(mails))
