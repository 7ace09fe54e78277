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
    Guest,
    Invitation,
    Meeting,
    RsvpPerson,
)
from .rows import UPDATE_BATCH, insert_rows, record_history, update_rows


class AttendanceConflict(Exception):
    """Another save recorded the same person at the same time; nothing of this save was kept."""


@dataclass
class AttendanceResult:
    created: int
    updated: int
    present: int
    guests_present: int = 0


ATTENDEE_FIELDS = ["facility_id", "name", "title", "area_id", "present", "order", "version"]


GUEST_FIELDS = ["area", "present", "version"]


def attendance_save(
    *, meeting: Meeting, rows: list[dict], acting_user, guest_rows: list[dict] | None = None
) -> AttendanceResult:
    """Save the whole attendance screen at once, all or nothing, in a bounded number of queries.

    rows: dicts with attendee_id (or None), corporation_id, facility_id, name, title,
    area_id, present, walk_in, and the recorded attendee's version the screen showed (optional).
    guest_rows: dicts with guest_id and version (a recorded guest: area_id, present), or
    guest_id None and name, organisation, title, area_id, present (a guest who came unannounced).
    If a recorded row changed since the screen was opened, nothing is saved:
    StaleEdit(rows={attendee pk or ("guest", guest pk): version now}). A new row whose (corporation, name)
    is already recorded — because another staff member saved first — updates that record instead of
    adding a second one; the meeting row is locked so that two saves run one after the other, and
    the database's unique constraints refuse a duplicate whatever happens.
    """
    if not policies.can_take_attendance(acting_user):
        raise PermissionDenied
    try:
        with transaction.atomic():
            Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
            result = _attendance_save(meeting=meeting, rows=rows, acting_user=acting_user)
            if guest_rows is not None:
                result.guests_present = _guests_save(meeting=meeting, rows=guest_rows, acting_user=acting_user)
            else:
                result.guests_present = meeting.guests.filter(present=True).count()
            return result
    except IntegrityError as error:
        raise AttendanceConflict(str(error)) from error


def _attendance_save(*, meeting, rows, acting_user) -> AttendanceResult:
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
        changed = list(to_update.values())
        update_rows(Attendee, changed, ATTENDEE_FIELDS)
        record_history(Attendee, changed, acting_user=acting_user, history_type="~")
    if to_create:
        insert_rows(Attendee, to_create, key=("corporation_id", "name"), scope={"meeting": meeting})
        record_history(Attendee, to_create, acting_user=acting_user, history_type="+")
    present = sum(1 for a in existing.values() if a.present and a.pk not in to_update)
    present += sum(1 for a in to_update.values() if a.present) + sum(1 for a in to_create if a.present)
    return AttendanceResult(created=len(to_create), updated=len(to_update), present=present)


def _guests_save(*, meeting, rows, acting_user) -> int:
    """The guests' presence (and the guests who came unannounced); returns how many are present."""
    existing = {g.pk: g for g in meeting.guests.all()}
    by_person = {(g.organisation, g.name): g for g in existing.values()}
    stale = {
        ("guest", guest.pk): guest.version
        for row in rows
        if (guest := existing.get(row.get("guest_id"))) is not None
        and row.get("version") is not None and row["version"] != guest.version
    }
    if stale:
        raise StaleEdit(rows=stale)
    to_update, to_create = {}, []
    for row in rows:
        guest = existing.get(row.get("guest_id"))
        if guest is None and row.get("name"):
            guest = by_person.get((row["organisation"], row["name"]))
        if guest is None:
            if not row.get("name"):
                continue
            guest = Guest(
                meeting=meeting, name=row["name"], organisation=row["organisation"], title=row.get("title", ""),
                area_id=row.get("area_id"), present=row["present"], walk_in=True,
            )
            guest.full_clean(exclude=["meeting", "area"], validate_unique=False, validate_constraints=False)
            to_create.append(guest)
            by_person[(guest.organisation, guest.name)] = guest
            continue
        values = {"area_id": row.get("area_id", guest.area_id), "present": row["present"]}
        if any(getattr(guest, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(guest, key, value)
            guest.version += 1
            to_update[guest.pk] = guest
    if to_update:
        bulk_update_with_history(
            list(to_update.values()), Guest, GUEST_FIELDS, batch_size=UPDATE_BATCH, default_user=acting_user
        )
    if to_create:
        bulk_create_with_history(to_create, Guest, default_user=acting_user)
    # The updated guests are the very objects of `existing`: their presence is the one saved.
    return sum(1 for g in existing.values() if g.present) + sum(1 for g in to_create if g.present)


@transaction.atomic
def attendance_mark_as_answered(*, meeting: Meeting, area_id: int | None, acting_user) -> int:
    """回答どおり for one area (area_id: the corporations' home area) or for the guests (None):
    everyone who answered 出席 is ticked present. Ticks only: nobody is unticked and names
    already recorded are kept. Returns how many people were newly ticked.

    A corporation that answered 出席 without names gets one 氏名未記入 row, unless the clerk has
    recorded its people already."""
    if not policies.can_take_attendance(acting_user):
        raise PermissionDenied
    Meeting.objects.select_for_update().only("pk").get(pk=meeting.pk)
    if area_id is None:
        guests = list(meeting.guests.filter(answer=Invitation.Answer.ATTEND, present=False))
        for guest in guests:
            guest.present = True
            guest.version += 1
        if guests:
            bulk_update_with_history(
                guests, Guest, ["present", "version"], batch_size=UPDATE_BATCH, default_user=acting_user
            )
        return len(guests)
    invitations = list(
        meeting.invitations.filter(answer=Invitation.Answer.ATTEND, corporation__home_area_id=area_id)
        .select_related("corporation")
    )
    persons = {}
    for person in RsvpPerson.objects.filter(invitation__in=invitations).order_by("order", "pk"):
        persons.setdefault(person.invitation_id, []).append(person)
    recorded = {
        (a.corporation_id, a.name): a
        for a in meeting.attendees.filter(corporation_id__in=[i.corporation_id for i in invitations])
    }
    next_order = {}
    for attendee in recorded.values():
        next_order[attendee.corporation_id] = max(next_order.get(attendee.corporation_id, 0), attendee.order + 1)
    to_update, to_create = [], []
    for invitation in invitations:
        corporation = invitation.corporation
        people = persons.get(invitation.pk)
        if not people:
            if (corporation.pk, "") not in recorded and corporation.pk in next_order:
                continue  # answered without names, and the clerk has recorded its people: theirs to tick
            people = [None]
        for person in people:
            name = person.name if person else ""
            attendee = recorded.get((corporation.pk, name))
            if attendee is not None:
                if not attendee.present:
                    attendee.present = True
                    attendee.version += 1
                    to_update.append(attendee)
                continue
            order = next_order.get(corporation.pk, 0)
            next_order[corporation.pk] = order + 1
            attendee = Attendee(
                meeting=meeting, corporation=corporation, name=name, title=person.title if person else "",
                facility_id=person.facility_id if person else None,
                area_id=person.area_id if person else corporation.home_area_id, present=True, order=order,
            )
            recorded[(corporation.pk, name)] = attendee
            to_create.append(attendee)
    if to_update:
        bulk_update_with_history(
            to_update, Attendee, ["present", "version"], batch_size=UPDATE_BATCH, default_user=acting_user
        )
    if to_create:
        bulk_create_with_history(to_create, Attendee, default_user=acting_user)
    return len(to_update) + len(to_create)


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
