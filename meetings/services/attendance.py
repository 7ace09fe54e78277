"""Writes of the attendance record and the area groups of a meeting.

See meetings/services/__init__.py for how every write here is checked and saved.
"""
from dataclasses import dataclass
from typing import TypedDict

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core.concurrency import StaleEdit
from core.saving import save_recorded, set_fields

from .. import policies
from ..models import (
    AreaGroup,
    Attendee,
    Meeting,
)


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
