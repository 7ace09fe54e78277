"""Writes of the meetings app. Each runs in a transaction and is recorded in the history.

`_history_user` names who acted; bulk writes use django-simple-history's bulk helpers so
that a 63-row attendance save stays a handful of queries and still leaves a history row
per attendee.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.models import Membership
from accounts.policies import is_council_staff
from core.changes import apply_fields

from .models import (
    AreaGroup,
    Attachment,
    Attendee,
    Invitation,
    Meeting,
    MeetingSeries,
    ProgramItem,
    RsvpPerson,
)

# --- Series and meetings -------------------------------------------------------------------


@transaction.atomic
def series_create(*, acting_user, fields: dict) -> MeetingSeries:
    series = MeetingSeries(**fields)
    series.full_clean()
    series._history_user = acting_user
    series.save()
    return series


@transaction.atomic
def meeting_create(*, series: MeetingSeries, acting_user, fields: dict) -> Meeting:
    fields = {k: v for k, v in fields.items() if k != "series"}
    meeting = Meeting(series=series, **fields)
    meeting.full_clean()
    meeting._history_user = acting_user
    meeting.save()
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, acting_user, fields: dict) -> Meeting:
    fields = {k: v for k, v in fields.items() if k != "series"}  # never moves between series
    changed = apply_fields(meeting, fields)
    if changed:
        meeting.full_clean()
        meeting._history_user = acting_user
        meeting.save(update_fields=[*changed, "updated_at"])
    return meeting


@transaction.atomic
def meeting_copy(*, series: MeetingSeries, acting_user, fields: dict) -> Meeting:
    """The next meeting of a series, with the last meeting's venue and programme copied."""
    last = series.meetings.order_by("-number").first()
    fields = {k: v for k, v in fields.items() if k not in ("series", "number", "status")}
    meeting = meeting_create(
        series=series, acting_user=acting_user,
        fields={"number": (last.number + 1) if last else 1, "status": Meeting.Status.PLANNED, **fields},
    )
    if last:
        items = [
            ProgramItem(
                meeting=meeting, order=item.order, kind=item.kind, title=item.title, speaker=item.speaker,
                corporation_id=item.corporation_id, facility_id=item.facility_id, notes="",
            )
            for item in last.program_items.all()
        ]
        bulk_create_with_history(items, ProgramItem, default_user=acting_user)
    return meeting


@transaction.atomic
def program_save(*, meeting: Meeting, acting_user, items: list[dict], delete: list[ProgramItem]) -> None:
    """Replace the programme with the rows given (each {"instance": item or None, "fields": …})."""
    for item in delete:
        item._history_user = acting_user
        item.delete()
    existing = [row["instance"] for row in items if row["instance"] is not None]
    # Orders are unique per meeting: move the kept rows out of the way first, so that
    # swapping two items never meets the constraint half-way.
    if existing:
        for offset, item in enumerate(existing):
            ProgramItem.objects.filter(pk=item.pk).update(order=30000 + offset)
    for row in items:
        item = row["instance"] or ProgramItem(meeting=meeting)
        fields = {k: v for k, v in row["fields"].items() if k != "meeting"}
        apply_fields(item, fields)
        item.meeting = meeting
        item.full_clean(validate_unique=False)
        item._history_user = acting_user
        item.save()


@transaction.atomic
def attachment_add(*, meeting: Meeting, acting_user, upload, content_type: str) -> Attachment:
    attachment = Attachment(
        meeting=meeting, original_name=upload.name[:200], content_type=content_type, size=upload.size,
        uploaded_by=acting_user,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        attachment.full_clean()
        attachment._history_user = acting_user
        attachment.save()
    except Exception:
        # The row did not make it: the file on disk must not stay behind.
        attachment.file.delete(save=False)
        raise
    return attachment


# --- Invitations and answers ------------------------------------------------------------------


def _member_messages(meeting: Meeting, corporation_ids, template: str, subject: str) -> list[EmailMessage]:
    url = settings.PORTAL_SITE_URL.rstrip("/") + reverse("meetings:rsvp", kwargs={"pk": meeting.pk})
    memberships = (
        Membership.objects.filter(corporation_id__in=list(corporation_ids), user__is_active=True)
        .exclude(user__email="")
        .select_related("user", "corporation")
    )
    mails = []
    for membership in memberships:
        body = render_to_string(
            template,
            {"meeting": meeting, "corporation": membership.corporation, "user": membership.user, "url": url,
             "council_name": settings.PORTAL_COUNCIL_NAME},
        )
        # A mail header must be one line, whatever a series title holds.
        mails.append(EmailMessage(subject=" ".join(subject.split()), body=body, to=[membership.user.email]))
    return mails


def _send_after_commit(mails: list[EmailMessage]) -> None:
    # Sent after commit: invitations rolled back must not have been mailed.
    if mails:
        transaction.on_commit(lambda: get_connection().send_messages(mails))


@transaction.atomic
def invitations_send(*, meeting: Meeting, corporations, acting_user) -> int:
    """Invite the corporations not invited yet; their members get an e-mail. Returns how many."""
    already = set(meeting.invitations.values_list("corporation_id", flat=True))
    now = timezone.now()
    new = [
        Invitation(meeting=meeting, corporation=c, invited_at=now, invited_by=acting_user)
        for c in corporations if c.pk not in already
    ]
    if not new:
        return 0
    bulk_create_with_history(new, Invitation, default_user=acting_user)
    subject = _("【%(council)s】%(meeting)sのご案内") % {"council": settings.PORTAL_COUNCIL_NAME, "meeting": meeting}
    _send_after_commit(_member_messages(meeting, [i.corporation_id for i in new], "meetings/email/invitation.txt", subject))
    return len(new)


@transaction.atomic
def invitations_remind(*, meeting: Meeting, acting_user) -> int:
    """Remind the corporations that have not answered. Returns how many corporations."""
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
    _send_after_commit(
        _member_messages(meeting, [i.corporation_id for i in pending], "meetings/email/reminder.txt", subject)
    )
    return len(pending)


def can_still_answer(user, meeting: Meeting) -> bool:
    """Members may change their answer until the meeting starts; staff at any time."""
    return is_council_staff(user) or meeting.accepts_answers


@transaction.atomic
def rsvp_answer(*, invitation: Invitation, acting_user, answer: str, comment: str, persons: list[dict]) -> Invitation:
    """A corporation's answer with the people who will come. Staff answering is 代理入力."""
    if not can_still_answer(acting_user, invitation.meeting):
        raise ValidationError(_("連絡会が始まったため、回答は変更できません。事務局にご連絡ください。"))
    if answer == Invitation.Answer.PENDING:
        raise ValidationError(_("出席・欠席・未定のいずれかを選んでください。"))
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    invitation.answer = answer
    invitation.comment = comment
    invitation.answered_by = acting_user
    invitation.answered_at = timezone.now()
    invitation.is_proxy = is_council_staff(acting_user)
    invitation.full_clean()
    invitation._history_user = acting_user
    invitation.save(update_fields=["answer", "comment", "answered_by", "answered_at", "is_proxy"])
    for person in invitation.persons.all():
        person._history_user = acting_user
        person.delete()
    keep = persons if answer != Invitation.Answer.ABSENT else []
    bulk_create_with_history(
        [RsvpPerson(invitation=invitation, order=index, **person) for index, person in enumerate(keep)],
        RsvpPerson, default_user=acting_user,
    )
    return invitation


# --- Attendance on the day ------------------------------------------------------------------


class AttendanceConflict(Exception):
    """Another save recorded the same person at the same time; nothing of this save was kept."""


@dataclass
class AttendanceResult:
    created: int
    updated: int
    present: int


ATTENDEE_FIELDS = ["facility_id", "name", "title", "area_id", "present", "order"]


def attendance_save(*, meeting: Meeting, rows: list[dict], acting_user) -> AttendanceResult:
    """Save the whole attendance screen at once, all or nothing, in a bounded number of queries.

    rows: dicts with attendee_id (or None), corporation_id, facility_id, name, title,
    area_id, present, walk_in. A new row whose (corporation, name) is already recorded —
    because another staff member saved first — updates that record instead of adding a
    second one; the meeting row is locked so that two saves run one after the other, and
    the database's unique constraint refuses a duplicate whatever happens.
    """
    try:
        with transaction.atomic():
            return _attendance_save(meeting=meeting, rows=rows, acting_user=acting_user)
    except IntegrityError as error:
        raise AttendanceConflict(str(error)) from error


def _attendance_save(*, meeting, rows, acting_user) -> AttendanceResult:
    Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
    existing = {a.pk: a for a in meeting.attendees.all()}
    by_person = {(a.corporation_id, a.name): a for a in existing.values()}
    to_update: dict[int, Attendee] = {}
    to_create: list[Attendee] = []
    order_of = {}
    for row in rows:
        attendee = existing.get(row.get("attendee_id")) or by_person.get((row["corporation_id"], row["name"]))
        if attendee is None and not row["present"] and not row["name"]:
            continue  # an empty row nobody filled in
        order = order_of[row["corporation_id"]] = order_of.get(row["corporation_id"], -1) + 1
        values = {
            "facility_id": row.get("facility_id"), "name": row["name"], "title": row["title"],
            "area_id": row["area_id"], "present": row["present"], "order": order,
        }
        if attendee is None:
            to_create.append(Attendee(meeting=meeting, corporation_id=row["corporation_id"], walk_in=row["walk_in"], **values))
        elif attendee.corporation_id == row["corporation_id"]:
            if any(getattr(attendee, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(attendee, key, value)
                to_update[attendee.pk] = attendee
    if to_update:
        bulk_update_with_history(list(to_update.values()), Attendee, ["facility", "name", "title", "area", "present", "order"], default_user=acting_user)
    if to_create:
        bulk_create_with_history(to_create, Attendee, default_user=acting_user)
    present = sum(1 for a in existing.values() if a.present and a.pk not in to_update)
    present += sum(1 for a in to_update.values() if a.present) + sum(1 for a in to_create if a.present)
    return AttendanceResult(created=len(to_create), updated=len(to_update), present=present)


# --- Area groups ---------------------------------------------------------------------------------


@transaction.atomic
def area_groups_save(*, meeting: Meeting, acting_user, groups: list[tuple[AreaGroup, dict]]) -> int:
    saved = 0
    for group, fields in groups:
        if not fields and group.pk:
            continue
        if group.pk is None and not any(fields.values()):
            continue  # nothing typed for a new area
        apply_fields(group, fields)
        group.meeting = meeting
        group.full_clean()
        group._history_user = acting_user
        if group.pk:
            group.save(update_fields=list(fields))
        else:
            group.save()
        saved += 1
    return saved
