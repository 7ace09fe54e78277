"""Writes of the attendance record and the area groups of a meeting.

See meetings/services/__init__.py for how every write here is checked and saved.
"""
from dataclasses import dataclass
from typing import TypedDict, Unpack

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core import mail
from core.concurrency import StaleEdit
from core.saving import save_recorded, set_fields
from core.wareki import format_wareki

from .. import policies
from ..models import (
    AreaGroup,
    Attendee,
    Guest,
    Invitation,
    Meeting,
    RsvpPerson,
)


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

UPDATE_BATCH = 50  # the guests' and 回答どおり's few rows: bulk_update in statements of this many


def _adapter(field):
    """How a value of this field goes to the driver: as it is for text, numbers, booleans and
    keys (the drivers take them), through Django for the rest (dates, times)."""
    if field.get_internal_type() in _PLAIN_TYPES:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


_PLAIN_TYPES = {
    "CharField", "TextField", "BooleanField", "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField", "BigIntegerField", "AutoField", "BigAutoField", "ForeignKey",
}


def _values(obj, fields, adapters, extra=None) -> list:
    values = []
    for field, adapt in zip(fields, adapters, strict=True):
        value = extra[field.attname] if extra and field.attname in extra else getattr(obj, field.attname)
        values.append(adapt(value) if adapt else value)
    return values


def update_rows(model, objects: list, field_names: list[str]) -> None:
    """Write the changed rows with one parametrised `UPDATE … WHERE id = %s`, executed for every
    row in one call (executemany), inside the caller's transaction.

    Not bulk_update: its single statement is a CASE with a WHEN per row in every SET column,
    which Django compiles in Python and the database evaluates in time growing with rows × rows
    (benchmarks/attendance.md: 630 rows). One plain statement run per row grows linearly; the
    driver sends them together. No signals are sent, as with bulk_update; the history rows are
    written by the caller (record_history)."""
    if not objects:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names] + [meta.pk]
    adapters = [_adapter(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table), ", ".join(f"{quote(f.column)} = %s" for f in fields[:-1]), quote(meta.pk.column)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_values(obj, fields, adapters) for obj in objects])


def insert_rows(model, objects: list, *, key: tuple[str, ...], scope: dict) -> None:
    """Insert new rows with one parametrised INSERT executed per row (executemany), then read
    their ids back in one query by a unique key within `scope` (bulk_create compiles one
    statement with a placeholder for every value of every row: slower than the insert itself)."""
    if not objects:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    for obj in objects:
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                field.pre_save(obj, add=True)
    adapters = [_adapter(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_values(obj, fields, adapters) for obj in objects])
    ids = {
        tuple(row[:-1]): row[-1]
        for row in model._base_manager.filter(**scope).values_list(*key, "pk")
    }
    for obj in objects:
        obj.pk = ids[tuple(getattr(obj, name) for name in key)]
        obj._state.adding = False


def record_history(model, objects: list, *, acting_user, history_type: str) -> None:
    """The history rows (django-simple-history's table) of rows written in bulk: "+" created,
    "~" changed; one INSERT executed per row in one call, as update_rows. The same columns as
    simple_history's bulk_history_create writes, without building a model instance per row."""
    if not objects or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    extra = {
        "history_date": timezone.now(), "history_change_reason": "", "history_type": history_type,
        "history_user_id": acting_user.pk if acting_user is not None else None,
    }
    columns = [f for f in history._meta.concrete_fields if f.attname != history._meta.pk.attname]
    adapters = [_adapter(f) for f in columns]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(history._meta.db_table), ", ".join(quote(f.column) for f in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_values(obj, columns, adapters, extra) for obj in objects])


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
