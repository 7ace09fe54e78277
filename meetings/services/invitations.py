"""Writes of invitations, reminders and answers (出欠回答).

See meetings/services/__init__.py for how every write here is checked and saved.
"""
import datetime
from dataclasses import dataclass, field
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.policies import is_council_staff
from accounts.selectors import mailable_editors
from core import mail
from core.saving import save_recorded, set_fields

from .. import policies
from ..models import (
    Invitation,
    Meeting,
    MeetingMail,
    RsvpPerson,
)
from .meetings import check_manager


@dataclass(frozen=True)
class MailingResult:
    """What an invitation or reminder round did: how many corporations it concerned, which of them
    got at least one mail (their registered address or an editor's), and which have no address
    at all and need the printed letter (案内文 and FAX返信票)."""

    count: int
    mailed: list = field(default_factory=list)
    unreached: list = field(default_factory=list)


def _addresses(corporations, editors) -> dict[int, list[tuple[str, object]]]:
    """Each corporation's addresses: its registered one (Corporation.email), then its editors'
    (mailable_editors), each address once whatever its case: [(address, user or None)]."""
    by_corporation: dict[int, list[tuple[str, object]]] = {c.pk: [] for c in corporations}
    seen: dict[int, set[str]] = {c.pk: set() for c in corporations}
    for corporation in corporations:
        if corporation.email:
            by_corporation[corporation.pk].append((corporation.email, None))
            seen[corporation.pk].add(corporation.email.casefold())
    for membership in editors:
        address = membership.user.email
        if address.casefold() not in seen[membership.corporation_id]:
            by_corporation[membership.corporation_id].append((address, membership.user))
            seen[membership.corporation_id].add(address.casefold())
    return by_corporation


def _mail_corporations(
    meeting: Meeting, corporations: list, *, kind: str, template: str, subject: str
) -> MailingResult:
    """Queue one mail per address of each corporation (core/mail.py) and link each to the meeting
    (MeetingMail). Queries: the editors (1), the queue's rows and their links (1 INSERT each, in
    batches of the database's parameter limit), however many corporations."""
    url = settings.PORTAL_SITE_URL.rstrip("/") + reverse("meetings:rsvp", kwargs={"pk": meeting.pk})
    addresses = _addresses(corporations, mailable_editors(c.pk for c in corporations))
    messages, links, mailed, unreached = [], [], [], []
    for corporation in corporations:
        if not addresses[corporation.pk]:
            unreached.append(corporation)
            continue
        mailed.append(corporation)
        for address, user in addresses[corporation.pk]:
            body = render_to_string(template, {
                "meeting": meeting, "corporation": corporation, "user": user, "url": url,
                "council_name": settings.PORTAL_COUNCIL_NAME,
            })
            messages.append(mail.message(subject=subject, body=body, to=[address]))
            links.append(corporation.pk)
    emails = mail.queue(messages)
    now = timezone.now()
    MeetingMail.objects.bulk_create([
        MeetingMail(meeting=meeting, corporation_id=corporation_id, kind=kind, email=email, created_at=now)
        for corporation_id, email in zip(links, emails, strict=True)
    ])
    return MailingResult(count=len(corporations), mailed=mailed, unreached=unreached)


@transaction.atomic
def invitations_send(
    *, meeting: Meeting, corporations, acting_user, invited_at: datetime.datetime | None = None, notify: bool = True
) -> MailingResult:
    """Invite the corporations not invited yet; each gets an e-mail at its registered address and
    at its editors' (unless notify is False: the demo's past invitations went out on paper).
    Returns how many were invited, which were mailed and which need the printed letter."""
    check_manager(acting_user)
    already = set(meeting.invitations.values_list("corporation_id", flat=True))
    invited_at = invited_at or timezone.now()
    chosen = [c for c in corporations if c.pk not in already]
    if not chosen:
        return MailingResult(count=0)
    new = [
        Invitation(meeting=meeting, corporation=c, invited_at=invited_at, invited_by=acting_user) for c in chosen
    ]
    bulk_create_with_history(new, Invitation, default_user=acting_user)
    if not notify:
        return MailingResult(count=len(chosen), unreached=chosen)
    subject = _("【%(council)s】%(meeting)sのご案内") % {"council": settings.PORTAL_COUNCIL_NAME, "meeting": meeting}
    return _mail_corporations(
        meeting, chosen, kind=MeetingMail.Kind.INVITATION, template="meetings/email/invitation.txt", subject=subject
    )


def _remind(meeting: Meeting, pending: list[Invitation], acting_user) -> MailingResult:
    now = timezone.now()
    for invitation in pending:
        invitation.reminded_at = now
    bulk_update_with_history(pending, Invitation, ["reminded_at"], default_user=acting_user)
    subject = _("【%(council)s】%(meeting)sの出欠のご回答のお願い") % {
        "council": settings.PORTAL_COUNCIL_NAME, "meeting": meeting,
    }
    return _mail_corporations(
        meeting, [i.corporation for i in pending], kind=MeetingMail.Kind.REMINDER,
        template="meetings/email/reminder.txt", subject=subject,
    )


@transaction.atomic
def invitations_remind(*, meeting: Meeting, acting_user) -> MailingResult:
    """Remind the corporations that have not answered, by mail where they have an address.
    Returns how many corporations, which were mailed and which were not."""
    check_manager(acting_user)
    pending = list(meeting.invitations.filter(answer=Invitation.Answer.PENDING).select_related("corporation"))
    if not pending:
        return MailingResult(count=0)
    return _remind(meeting, pending, acting_user)


@transaction.atomic
def reminders_send_due(*, today: datetime.date | None = None) -> dict[Meeting, MailingResult]:
    """The scheduled reminders (manage.py send_due_reminders, run daily): for each planned meeting
    whose answer deadline is PORTAL_REMINDER_DAYS_BEFORE days away or nearer and not past, remind
    the corporations that have not answered and were not reminded in that window. Run by the
    system, not a person: the history records no user. Running it twice a day mails nobody twice."""
    today = today or timezone.localdate()
    window = datetime.timedelta(days=settings.PORTAL_REMINDER_DAYS_BEFORE)
    meetings = Meeting.objects.filter(
        status=Meeting.Status.PLANNED, starts_at__gt=timezone.now(),
        answer_deadline__gte=today, answer_deadline__lte=today + window,
    ).select_related("series")
    results = {}
    for meeting in meetings:
        window_start = timezone.make_aware(datetime.datetime.combine(meeting.answer_deadline - window, datetime.time()))
        pending = list(
            meeting.invitations.filter(answer=Invitation.Answer.PENDING)
            .filter(Q(reminded_at__isnull=True) | Q(reminded_at__lt=window_start))
            .select_related("corporation")
        )
        if pending:
            results[meeting] = _remind(meeting, pending, None)
    return results


class PersonFields(TypedDict, total=False):
    name: str
    title: str
    facility_id: int | None
    area_id: int


@transaction.atomic
def rsvp_answer(
    *, invitation: Invitation, acting_user, answer: str, comment: str, persons: list[PersonFields],
    answered_at: datetime.datetime | None = None, expected_version: int | None = None,
) -> Invitation:
    """A corporation's answer with the people who will come. Staff answering is 代理入力.

    answered_at defaults to now (the demo gives the day the secretariat took the answer).
    expected_version: the invitation's version when the answer page was opened; another answer
    saved since (two members of one corporation at once) refuses this one with StaleEdit."""
    if not policies.can_answer(acting_user, invitation):
        if policies.members_may_answer(invitation.meeting):
            raise PermissionDenied
        raise ValidationError(policies.answers_closed_message(invitation.meeting))
    if answer == Invitation.Answer.PENDING:
        raise ValidationError(_("出席・欠席・未定のいずれかを選んでください。"))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    changed = set_fields(invitation, {
        "answer": answer, "comment": comment, "answered_by": acting_user,
        "answered_at": answered_at or timezone.now(), "is_proxy": is_council_staff(acting_user),
    })
    save_recorded(invitation, acting_user=acting_user, update_fields=changed, expected_version=expected_version)
    for person in invitation.persons.all():
        person._history_user = acting_user
        person.delete()
    keep = persons if answer != Invitation.Answer.ABSENT else []
    bulk_create_with_history(
        [RsvpPerson(invitation=invitation, order=index, **person) for index, person in enumerate(keep)],
        RsvpPerson, default_user=acting_user,
    )
    return invitation
