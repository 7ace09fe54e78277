"""Writes of a meeting's guests (来賓・関係者: people who belong to no corporation).

See meetings/services/__init__.py for how every write here is checked and saved.
"""
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from core import mail
from core.saving import save_recorded, set_fields
from core.wareki import format_wareki

from .. import policies
from ..models import (
    Guest,
    Invitation,
    Meeting,
)


class GuestChanges(TypedDict, total=False):
    name: str
    organisation: str
    title: str
    email: str
    answer: str
    area: object  # corporations.Area or None


def _guest_invitation_mail(guest: Guest):
    meeting = guest.meeting
    body = gettext(
        "%(name)s 様\n\n%(meeting)s を次のとおり開催します。ご出席くださいますようご案内いたします。\n\n"
        "日時: %(date)s %(time)s\n会場: %(venue)s\n\nご出欠を事務局までお知らせください。\n"
    ) % {
        "name": guest.name, "meeting": meeting, "date": format_wareki(meeting.starts_at, weekday=True),
        "time": timezone.localtime(meeting.starts_at).strftime("%H:%M"), "venue": meeting.venue,
    }
    return mail.message(subject=gettext("【ご案内】%(meeting)s") % {"meeting": meeting}, body=body, to=[guest.email])


@transaction.atomic
def guest_add(
    *, meeting: Meeting, acting_user, name: str, organisation: str, title: str = "", email: str = "",
    answer: str = Invitation.Answer.PENDING, area=None, send_invitation: bool = False,
) -> Guest:
    """A guest (no corporation) invited to the meeting; mailed the invitation when asked and
    an address is known (after commit, core/mail.py)."""
    if not policies.can_take_attendance(acting_user):
        raise PermissionDenied
    guest = Guest(
        meeting=meeting, name=name, organisation=organisation, title=title, email=email, answer=answer, area=area,
        answered_at=None if answer == Invitation.Answer.PENDING else timezone.now(),
    )
    save_recorded(guest, acting_user=acting_user)
    if send_invitation and guest.email:
        mail.send_after_commit([_guest_invitation_mail(guest)])
    return guest


@transaction.atomic
def guest_update(
    *, guest: Guest, acting_user, expected_version: int | None = None, **changes: Unpack[GuestChanges]
) -> Guest:
    """Save what changed on a guest (its answer among them: 回答日時 follows the answer)."""
    if not policies.can_take_attendance(acting_user):
        raise PermissionDenied
    fields = set_fields(guest, changes)
    if "answer" in changes:
        guest.answered_at = None if guest.answer == Invitation.Answer.PENDING else timezone.now()
        fields.append("answered_at")
    save_recorded(guest, acting_user=acting_user, update_fields=fields, expected_version=expected_version)
    return guest
