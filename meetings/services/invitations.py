"""Writes of invitations, reminders and answers (出欠回答).

See meetings/services/__init__.py for how every write here is checked and saved.
"""
import datetime
from typing import TypedDict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
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
    RsvpPerson,
)
from .meetings import check_manager


def _member_messages(meeting: Meeting, corporation_ids, template: str, subject: str) -> list[EmailMessage]:
    """One mail per editor of the corporations. Viewers get none: the mail's link leads to the
    answer page, which only those who may answer open (policies.can_answer), so a viewer would
    land on a 403."""
    url = settings.PORTAL_SITE_URL.rstrip("/") + reverse("meetings:rsvp", kwargs={"pk": meeting.pk})
    mails = []
    for membership in mailable_editors(corporation_ids):
        body = render_to_string(
            template,
            {"meeting": meeting, "corporation": membership.corporation, "user": membership.user, "url": url,
             "council_name": settings.PORTAL_COUNCIL_NAME},
        )
        mails.append(mail.message(subject=subject, body=body, to=[membership.user.email]))
    return mails


@transaction.atomic
def invitations_send(
    *, meeting: Meeting, corporations, acting_user, invited_at: datetime.datetime | None = None, notify: bool = True
) -> int:
    """Invite the corporations not invited yet; their editors get an e-mail (unless notify is
    False: the demo's past invitations went out on paper). Returns how many."""
    check_manager(acting_user)
    already = set(meeting.invitations.values_list("corporation_id", flat=True))
    invited_at = invited_at or timezone.now()
    new = [
        Invitation(meeting=meeting, corporation=c, invited_at=invited_at, invited_by=acting_user)
        for c in corporations if c.pk not in already
    ]
    if not new:
        return 0
    bulk_create_with_history(new, Invitation, default_user=acting_user)
    if notify:
        subject = _("【%(council)s】%(meeting)sのご案内") % {
            "council": settings.PORTAL_COUNCIL_NAME, "meeting": meeting,
        }
        mail.send_after_commit(
            _member_messages(meeting, [i.corporation_id for i in new], "meetings/email/invitation.txt", subject)
        )
    return len(new)


@transaction.atomic
def invitations_remind(*, meeting: Meeting, acting_user) -> int:
    """Remind the corporations that have not answered. Returns how many corporations."""
    check_manager(acting_user)
    pending = list(meeting.invitations.filter(answer=Invitation.Answer.PENDING))
    if not pending:
        return 0
    now = timezone.now()
    for invitation in pending:
        invitation.reminded_at = now
    bulk_update_with_history(pending, Invitation, ["reminded_at"], default_user=acting_user)
    subject = _("【%(council)s】%(meeting)sの出欠のご回答のお願い") % {
        "council": settings.PORTAL_COUNCIL_NAME, "meeting": meeting,
    }
    mail.send_after_commit(
        _member_messages(meeting, [i.corporation_id for i in pending], "meetings/email/reminder.txt", subject)
    )
    return len(pending)


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
        if invitation.meeting.accepts_answers:
            raise PermissionDenied
        raise ValidationError(policies.ANSWERS_CLOSED_MESSAGE)
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
