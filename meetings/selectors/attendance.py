"""The attendance screen's rows, the sign-in sheet and the area groups of one meeting."""

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404

from core.ids import parse_id
from corporations.models import Area, Corporation, Facility
from corporations.selectors import corporations_matching

from ..models import AreaGroup, Attendee, Guest, Invitation, Meeting, RsvpPerson

# A walk-in's corporation typed as text: this many matches are read, enough to name a few in the
# message that asks for a longer name when several match.
MATCH_LIMIT = 6


def _row(model, db: str, values: dict):
    """A model instance from the columns read (by attname), the others deferred: read if ever asked
    for, as .only() leaves them."""
    names = [f.attname for f in model._meta.concrete_fields if f.attname in values]
    return model.from_db(db, names, [values[name] for name in names])


def attendance_context(meeting: Meeting):
    """What the attendance screen reads, in 5 queries whatever the number of rows: invitations
    with corporation and home area, RSVP persons, attendees (with their corporation and home area,
    for the walk-ins of corporations not invited), the facilities of those corporations only, guests.

    The invitations and attendees are read as the columns the screen uses, and each corporation
    and area made once (a 63-corporation meeting's rows were some 450 model rows, a corporation
    and an area again for each invitation and each attendee: half of drawing the screen afresh).
    """
    areas, corporations = {}, {}

    def corporation_of(db, corporation_id, name, name_kana, area_id, area_name, area_order):
        if corporation_id not in corporations:
            if area_id not in areas:
                areas[area_id] = _row(Area, db, {"id": area_id, "name": area_name, "sort_order": area_order})
            corporation = _row(Corporation, db, {"id": corporation_id, "name": name, "name_kana": name_kana})
            corporation.home_area = areas[area_id]
            corporations[corporation_id] = corporation
        return corporations[corporation_id]

    read = meeting.invitations.order_by("corporation__home_area__sort_order", "corporation__name_kana")
    invitations = []
    for pk, answer, corporation_id, *corporation in read.values_list(
        "pk", "answer", "corporation_id", "corporation__name", "corporation__name_kana", "corporation__home_area_id",
        "corporation__home_area__name", "corporation__home_area__sort_order",
    ):
        invitation = _row(Invitation, read.db, {"id": pk, "meeting_id": meeting.pk, "answer": answer})
        invitation.corporation = corporation_of(read.db, corporation_id, *corporation)
        invitations.append(invitation)
    persons = defaultdict(list)
    for person in RsvpPerson.objects.filter(invitation__meeting=meeting).order_by("order", "pk"):
        persons[person.invitation_id].append(person)
    attendees = defaultdict(list)
    read = meeting.attendees.order_by("order", "pk")
    columns = ("id", "version", "corporation_id", "facility_id", "name", "title", "area_id", "walk_in", "present")
    for *values, name, name_kana, area_id, area_name, area_order in read.values_list(
        *columns, "corporation__name", "corporation__name_kana", "corporation__home_area_id",
        "corporation__home_area__name", "corporation__home_area__sort_order",
    ):
        attendee = _row(Attendee, read.db, {"meeting_id": meeting.pk, **dict(zip(columns, values, strict=True))})
        corporation_of(read.db, attendee.corporation_id, name, name_kana, area_id, area_name, area_order)
        attendees[attendee.corporation_id].append(attendee)
    facilities = facilities_of(list(corporations))
    # One meeting's: ordered as the model orders them, without joining the meeting to do so.
    guests = list(meeting.guests.order_by("organisation", "name", "pk"))
    return invitations, persons, attendees, corporations, facilities, guests


class Facilities(defaultdict):
    """corporation pk → [(facility pk, name)], and in .areas: corporation pk → the areas of its
    facilities (the area groups its people may sit in besides its home area's)."""

    def __init__(self):
        super().__init__(list)
        self.areas = defaultdict(set)


def facilities_of(corporation_ids) -> Facilities:
    """corporation pk → [(facility pk, name)] for these corporations only, with their areas (1 query)."""
    facilities = Facilities()
    if corporation_ids:
        # Tuples, not model rows: a 63-corporation meeting's corporations have hundreds of facilities.
        for pk, name, corporation_id, area_id in Facility.objects.filter(corporation__in=corporation_ids).order_by(
            "name_kana", "name"
        ).values_list("pk", "name", "corporation_id", "area_id"):
            facilities[corporation_id].append((pk, name))
            facilities.areas[corporation_id].add(area_id)
    return facilities


@dataclass
class AttendanceScreen:
    """The attendance screen's rows and the choices every row shares (read once, not per row).

    Only the meeting's own corporations are here (invited, or recorded as walk-ins): a walk-in
    from another corporation is added with add_walk_ins() when a posted screen names it."""

    rows: list  # initial values of each row, people of one corporation together
    corporations: dict  # pk → Corporation (with home_area)
    facilities: dict  # corporation pk → [(facility pk, name)]
    invited_count: int
    guests: list = field(default_factory=list)
    # What a posted screen's walk-in rows typed for their corporation → the corporations it matches
    # (match_corporations): one means found, none or several are the row's error.
    matches: dict = field(default_factory=dict)

    def matched(self, text: str) -> list:
        return self.matches.get(lookup_key(text), [])

    def match_walk_ins(self, texts) -> None:
        """Match the corporations the walk-in rows typed (one query each) and take in the ones
        found alone, with their facilities (add_walk_ins, 1 query more)."""
        self.matches.update(match_corporations(texts))
        found = {rows[0].pk: rows[0] for rows in self.matches.values() if len(rows) == 1}
        self.add_walk_ins(found, known=found)

    def add_walk_ins(self, corporation_ids, known=None) -> None:
        """The corporations a posted screen names on its walk-in rows that this meeting has not
        seen yet, with their facilities (2 queries, none when there are none; 1 when `known` holds
        them already read). Unknown or retired ones stay out, and the row's choice is refused."""
        missing = {pk for pk in corporation_ids if pk not in self.corporations}
        if not missing:
            return
        known = known or {}
        found = {pk: known[pk] for pk in missing if pk in known}
        if missing - set(found):
            found.update(
                (c.pk, c) for c in Corporation.objects.select_related("home_area").filter(
                    pk__in=missing - set(found), is_active=True
                )
            )
        self.corporations.update(found)
        found_facilities = facilities_of(list(found))
        self.facilities.update(found_facilities)
        if hasattr(self.facilities, "areas"):
            self.facilities.areas.update(found_facilities.areas)


def lookup_key(text: str) -> str:
    """A typed corporation as it is matched: full-width letters and digits folded, spaces trimmed."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def match_corporations(texts, *, limit: int = MATCH_LIMIT) -> dict:
    """lookup_key(text) → the active corporations a walk-in row's text names, best first, `limit`
    at most: a number is the corporation's number (its id, as the register's address shows it); a
    name the one of that name, else those whose name or フリガナ holds the text. One query a text."""
    found = {}
    for key in {lookup_key(text) for text in texts} - {""}:
        active = Corporation.objects.select_related("home_area").filter(is_active=True)
        if key.isdigit():
            number = parse_id(key)
            found[key] = list(active.filter(pk=number)) if number is not None else []
            continue
        exact = Case(When(name=key, then=Value(0)), default=Value(1), output_field=IntegerField())
        named = corporations_matching(key).select_related("home_area").annotate(exact=exact)
        rows = list(named.order_by("exact", "name_kana", "name")[:limit])
        found[key] = rows[:1] if rows and rows[0].exact == 0 else rows
    return found


def _attendee_row(attendee: Attendee, answer=None) -> dict:
    return {"attendee": attendee.pk, "corporation": attendee.corporation_id, "name": attendee.name,
            "title": attendee.title, "facility": attendee.facility_id, "area": attendee.area_id,
            "present": attendee.present, "walk_in": attendee.walk_in, "version": attendee.version,
            "answer": answer if not attendee.walk_in else None}


def attendance_rows(invitations, persons, attendees, corporations) -> list[dict]:
    """One row per person: recorded attendees first, else the people the answer named, else one
    blank row per invited corporation; then the people recorded for corporations not invited.
    Sorted by area and 五十音.

    The presence tick is the clerk's: a row comes ticked only if the clerk recorded it so.
    What the corporation answered is shown beside it ("answer"), never taken for presence, so a
    person who said 出席 and did not come is not counted present."""
    rows = []
    invited = set()
    for invitation in invitations:
        corporation = invitation.corporation
        invited.add(corporation.pk)
        answer = invitation.answer
        if attendees.get(corporation.pk):
            named = {p.name for p in persons.get(invitation.pk, [])} or {""}
            for attendee in attendees[corporation.pk]:
                row = _attendee_row(attendee, answer)
                # 回答どおり ticks the people the answer named (services.attendance_mark_as_answered).
                row["named_in_answer"] = attendee.name in named
                rows.append(row)
        elif persons.get(invitation.pk):
            rows += [
                {"corporation": corporation.pk, "name": p.name, "title": p.title, "facility": p.facility_id,
                 "area": p.area_id, "present": False, "answer": answer, "named_in_answer": True}
                for p in persons[invitation.pk]
            ]
        else:
            rows.append(
                {"corporation": corporation.pk, "name": "", "title": "", "area": corporation.home_area_id,
                 "present": False, "answer": answer, "named_in_answer": True}
            )
    for corporation_id, recorded in attendees.items():
        if corporation_id not in invited:
            rows += [_attendee_row(a) for a in recorded]

    def key(row):
        corporation = corporations[row["corporation"]]
        return (corporation.home_area.sort_order, corporation.home_area.name, corporation.name_kana, corporation.name)

    rows.sort(key=key)  # stable: the people of one corporation keep their order
    return rows


def attendance_screen(meeting: Meeting) -> AttendanceScreen:
    """The attendance screen (5 queries, see attendance_context)."""
    invitations, persons, attendees, corporations, facilities, guests = attendance_context(meeting)
    return AttendanceScreen(
        rows=attendance_rows(invitations, persons, attendees, corporations),
        corporations=corporations,
        facilities=facilities,
        invited_count=len(invitations),
        guests=guests,
    )


@dataclass
class SigninPage:
    area: Area
    rows: list  # (corporation, invitation, [(name, title)])


def signin_sheet_pages(meeting: Meeting) -> list:
    """受付名簿: per home area, each invited corporation with the people expected (none for a
    corporation that said it would not come). 2 queries: invitations with corporation and
    home area, RSVP persons. The attendance screen's selector is not used: the sheet needs no
    attendees, facilities or walk-ins."""
    invitations = list(
        meeting.invitations.select_related("corporation__home_area").order_by(
            "corporation__home_area__sort_order", "corporation__home_area__name", "corporation__name_kana",
            "corporation__name",
        )
    )
    persons = defaultdict(list)
    for name, title, invitation_id in RsvpPerson.objects.filter(invitation__meeting=meeting).order_by(
        "order", "pk"
    ).values_list("name", "title", "invitation_id"):
        persons[invitation_id].append((name, title))
    pages: dict = {}
    for invitation in invitations:
        corporation = invitation.corporation
        expected = [] if invitation.answer == Invitation.Answer.ABSENT else persons.get(invitation.pk, [])
        pages.setdefault(corporation.home_area, []).append((corporation, invitation, expected))
    return list(pages.items())


def signin_guests(meeting: Meeting) -> list:
    """The guests expected on the sign-in sheet: all but those who said they would not come (1 query)."""
    return list(meeting.guests.exclude(answer=Invitation.Answer.ABSENT))


def area_groups(meeting: Meeting):
    """Each area's group with the people present who sat in it (2 queries + areas)."""
    groups = {g.area_id: g for g in meeting.area_groups.select_related("area")}
    members = defaultdict(list)
    for attendee in meeting.attendees.filter(present=True).select_related("corporation").order_by(
        "corporation__name_kana", "order"
    ):
        members[attendee.area_id].append(attendee)
    result = []
    for area in Area.objects.all():
        if area.pk in groups or members[area.pk] or area.is_active:
            result.append((area, groups.get(area.pk), members[area.pk]))
    return result


def area_group_rows(meeting: Meeting):
    """The group records to edit: one per active area, existing or new (2 queries)."""
    groups = {g.area_id: g for g in meeting.area_groups.all()}
    return [
        groups.get(area.pk) or AreaGroup(meeting=meeting, area=area) for area in Area.objects.filter(is_active=True)
    ]


def area_group_guests(meeting: Meeting) -> dict:
    """area pk → the guests present who sat in that area's group (1 query)."""
    members = defaultdict(list)
    for guest in meeting.guests.filter(present=True, area__isnull=False):
        members[guest.area_id].append(guest)
    return members


def get_guest_for_meeting(meeting: Meeting, pk) -> Guest:
    """A guest of this meeting only: another meeting's guest answers 404."""
    return get_object_or_404(meeting.guests.all(), pk=pk)
