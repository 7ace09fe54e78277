"""Writes of meetings, series, programmes and material.

See meetings/services/__init__.py for how every write here is checked and saved.
"""
import datetime
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from core.concurrency import StaleEdit
from core.saving import save_recorded, set_fields
from corporations.models import Corporation, Facility

from .. import policies
from ..models import (
    Attachment,
    Meeting,
    MeetingSeries,
    ProgramItem,
)


def check_manager(acting_user) -> None:
    if not policies.can_manage_meetings(acting_user):
        raise PermissionDenied


class MeetingChanges(TypedDict, total=False):
    """What an edit may change on a meeting (never its series)."""

    number: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    venue: str
    status: str
    notes: str
    answer_deadline: datetime.date | None


@transaction.atomic
def series_create(*, acting_user, title: str, fiscal_year: int, description: str = "") -> MeetingSeries:
    check_manager(acting_user)
    series = MeetingSeries(title=title, fiscal_year=fiscal_year, description=description)
    save_recorded(series, acting_user=acting_user)
    return series


@transaction.atomic
def meeting_create(
    *, acting_user, series: MeetingSeries, number: int, starts_at: datetime.datetime, ends_at: datetime.datetime,
    venue: str = "", status: str = Meeting.Status.PLANNED, notes: str = "",
    answer_deadline: datetime.date | None = None,
) -> Meeting:
    check_manager(acting_user)
    meeting = Meeting(
        series=series, number=number, starts_at=starts_at, ends_at=ends_at, venue=venue, status=status, notes=notes,
        answer_deadline=answer_deadline,
    )
    save_recorded(meeting, acting_user=acting_user)
    return meeting


@transaction.atomic
def meeting_update(
    *, meeting: Meeting, acting_user, expected_version: int | None = None, **changes: Unpack[MeetingChanges]
) -> Meeting:
    """Save what changed; with expected_version (the edit form's), StaleEdit if another save came first."""
    check_manager(acting_user)
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
    check_manager(acting_user)
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
    check_manager(acting_user)
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
