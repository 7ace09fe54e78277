"""Writes of the meetings app. Each runs in a transaction and is recorded in the history.

Each asks meetings/policies.py again before it writes (PermissionDenied, or ValidationError
for an answer that comes too late). Single rows are saved with core.saving.save_recorded
(checked, as the acting user, only the changed fields); bulk writes use
django-simple-history's bulk helpers so that a 63-row attendance save stays a handful of
queries and still leaves a history row per attendee.

Create services take every field as a keyword argument; update services take only what
changed (`**changes`, typed by a TypedDict).
"""

import datetime
from dataclasses import dataclass
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.policies import is_council_staff
from accounts.selectors import mailable_editors
from core import mail
from core.concurrency import StaleEdit
from core.saving import save_recorded, set_fields
from corporations.models import Corporation, Facility

from . import policies
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


def _check_manager(acting_user) -> None:
    if not policies.can_manage_meetings(acting_user):
        raise PermissionDenied


# --- Series and meetings -------------------------------------------------------------------


class MeetingChanges(TypedDict, total=False):
    """What an edit may change on a meeting (never its series)."""

    number: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str
    status: str
    notes: str


@transaction.atomic
def series_create(*, acting_user, title: str, fiscal_year: int, description: str = "") -> MeetingSeries:
    _check_manager(acting_user)
    series = MeetingSeries(title=title, fiscal_year=fiscal_year, description=description)
    save_recorded(series, acting_user=acting_user)
    return series


@transaction.atomic
def meeting_create(
    *, acting_user, series: MeetingSeries, number: int, starts_at: datetime.datetime, ends_at: datetime.datetime,
    venue: str = "", status: str = Meeting.Status.PLANNED, notes: str = "",
) -> Meeting:
    _check_manager(acting_user)
    meeting = Meeting(
        series=series, number=number, starts_at=starts_at, ends_at=ends_at, venue=venue, status=status, notes=notes
    )
    save_recorded(meeting, acting_user=acting_user)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, acting_user, expected_version: int | None = None, **changes: Unpack[MeetingChanges]
) -> Meeting:
    """Save what changed; with expected_version (the edit form's), StaleEdit if another save came first."""
    _check_manager(acting_user)
    save_recorded(
        meeting, acting_user=acting_user, update_fields=set_fields(meeting, changes), expected_version=expected_version
    )
    return meeting


@transaction.atomic
def meeting_copy(
    *, series: MeetingSeries, acting_user, starts_at: datetime.datetime, ends_at: datetime.datetime,
    venue: str = "", notes: str = "",
) -> Meeting:
    """The next meeting of a series, with the last meeting's programme copied."""
    last = series.last_meeting()
    meeting = meeting_create(
        series=series, acting_user=acting_user, number=(last.number + 1) if last else 1,
        starts_at=starts_at, ends_at=ends_at, venue=venue, status=Meeting.Status.PLANNED, notes=notes,
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


class ProgramItemChanges(TypedDict, total=False):
    order: int
    kind: str
    title: str
    speaker: str
    corporation: Corporation | None
    facility: Facility | None
    notes: str


@transaction.atomic
def program_save(
    *, meeting: Meeting, acting_user, rows: list[tuple[ProgramItem | None, ProgramItemChanges]],
    delete: list[ProgramItem], versions: dict[int, int] | None = None,
) -> None:
    """Save the programme: each row is (an existing item and what changed on it) or (None and a new
    item's fields); the items in `delete` go.

    versions: item pk → the version the screen showed, for every existing item on it. If any
    item changed or went since, nothing is saved: StaleEdit(rows={pk: version now or None}).
    """
    _check_manager(acting_user)
    versions = versions or {}
    if versions:
        now = dict(
            ProgramItem.objects.select_for_update().filter(meeting=meeting).values_list("pk", "version")
        )
        stale = {pk: now.get(pk) for pk, version in versions.items() if now.get(pk) != version}
        if stale:
            raise StaleEdit(rows=stale)
    for item in delete:
        item._history_user = acting_user
        item.delete()
    kept = [item for item, _changes in rows if item is not None]
    # Orders are unique per meeting: move the kept rows out of the way first, so that
    # swapping two items never meets the constraint half-way; each is then saved with its order.
    for offset, item in enumerate(kept):
        ProgramItem.objects.filter(pk=item.pk).update(order=30000 + offset)
    for item, changes in rows:
        if item is None:
            item = ProgramItem(meeting=meeting)
            set_fields(item, changes)
            save_recorded(item, acting_user=acting_user, validate_unique=False)
        else:
            changed = set_fields(item, changes)
            save_recorded(
                item, acting_user=acting_user, update_fields=[*changed, "order"], validate_unique=False,
                expected_version=versions.get(item.pk),
            )


@transaction.atomic
def attachment_add(*, meeting: Meeting, acting_user, upload, content_type: str) -> Attachment:
    _check_manager(acting_user)
    attachment = Attachment(
        meeting=meeting, original_name=upload.name[:200], content_type=content_type, size=upload.size,
        uploaded_by=acting_user,
    )
    attachment.file.save(upload.name, upload, save=False)
    try:
        save_recorded(attachment, acting_user=acting_user)
    except Exception:
        # The row did not make it: the file on disk must not stay behind.
        attachment.file.delete(save=False)
        raise
    return attachment


# --- Invitations and answers ------------------------------------------------------------------


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
    _check_manager(acting_user)
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
    _check_manager(acting_user)
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


# --- Attendance on the day ------------------------------------------------------------------


class AttendanceConflict(Exception):
    """Another save recorded the same person at the same time; nothing of this save was kept."""


@dataclass
class AttendanceResult:
    created: int
    updated: int
    present: int


def attendance_save(*, meeting: Meeting, rows: list[dict], acting_user) -> AttendanceResult:
    """Save the whole attendance screen at once, all or nothing, in a bounded number of queries.

    rows: dicts with attendee_id (or None), corporation_id, facility_id, name, title,
    area_id, present, walk_in, and the recorded attendee's version the screen showed (optional).
    If a recorded row changed since the screen was opened, nothing is saved:
    StaleEdit(rows={attendee pk: version now}). A new row whose (corporation, name) is already recorded —
    because another staff member saved first — updates that record instead of adding a
    second one; the meeting row is locked so that two saves run one after the other, and
    the database's unique constraint refuses a duplicate whatever happens.
    """
    if not policies.can_take_attendance(acting_user):
        raise PermissionDenied
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
    stale = {
        attendee.pk: attendee.version
        for row in rows
        if (attendee := existing.get(row.get("attendee_id"))) is not None
        and row.get("version") is not None and row["version"] != attendee.version
    }
    if stale:
        raise StaleEdit(rows=stale)
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
            to_create.append(
                Attendee(meeting=meeting, corporation_id=row["corporation_id"], walk_in=row["walk_in"], **values)
            )
        elif attendee.corporation_id == row["corporation_id"]:
            if any(getattr(attendee, k) != v for k, v in values.items()):
                for key, value in values.items():
                    setattr(attendee, key, value)
                attendee.version += 1  # the meeting row is locked: no other save changes it meanwhile
                to_update[attendee.pk] = attendee
    if to_update:
        bulk_update_with_history(
            list(to_update.values()), Attendee, ["facility", "name", "title", "area", "present", "order", "version"],
            default_user=acting_user,
        )
    if to_create:
        bulk_create_with_history(to_create, Attendee, default_user=acting_user)
    present = sum(1 for a in existing.values() if a.present and a.pk not in to_update)
    present += sum(1 for a in to_update.values() if a.present) + sum(1 for a in to_create if a.present)
    return AttendanceResult(created=len(to_create), updated=len(to_update), present=present)


# --- Area groups ---------------------------------------------------------------------------------


class AreaGroupChanges(TypedDict, total=False):
    facilitator: str
    recorder: str
    notes: str
    report_back: str


@transaction.atomic
def area_groups_save(
    *, meeting: Meeting, acting_user, groups: list[tuple[AreaGroup, AreaGroupChanges]],
    versions: dict[int, int | None] | None = None,
) -> int:
    """Save each area's group record: (the group, what changed on it). A new group nobody typed
    anything for is not created. Returns how many were saved.

    versions: area pk → the group's version the screen showed (None: not recorded yet). If a
    group to be saved changed (or was created) since, nothing is saved: StaleEdit(rows={area pk:
    version now}). Groups left untouched on this screen are not checked: they are not written."""
    if not policies.can_take_attendance(acting_user):
        raise PermissionDenied
    to_save = [
        (group, changes) for group, changes in groups
        if (changes and group.pk) or (group.pk is None and any(changes.values()))
    ]
    if versions is not None:
        now = dict(AreaGroup.objects.filter(meeting=meeting).values_list("area_id", "version"))
        stale = {
            group.area_id: now[group.area_id] for group, _changes in to_save
            if group.area_id in now and now[group.area_id] != versions.get(group.area_id)
        }
        if stale:
            raise StaleEdit(rows=stale)
    for group, changes in to_save:
        changed = set_fields(group, changes)
        group.meeting = meeting
        save_recorded(
            group, acting_user=acting_user, update_fields=changed if group.pk else None,
            expected_version=versions.get(group.area_id) if versions and group.pk else None,
        )
    return len(to_save)
