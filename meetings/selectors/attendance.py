"""The attendance screen's rows, the sign-in sheet and the area groups of one meeting."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from corporations.models import Area, Corporation, Facility

from ..models import AreaGroup, Attendee, Invitation, Meeting, RsvpPerson


def attendance_context(meeting: Meeting):
    """Everything the attendance screen needs, in 5 queries whatever the number of rows:
    invitations+corporation+area, RSVP persons, attendees, active corporations, facilities.
    """
    invitations = list(
        meeting.invitations.select_related("corporation__home_area").order_by(
            "corporation__home_area__sort_order", "corporation__name_kana"
        )
    )
    persons = defaultdict(list)
    for person in RsvpPerson.objects.filter(invitation__meeting=meeting).order_by("order", "pk"):
        persons[person.invitation_id].append(person)
    attendees = defaultdict(list)
    for attendee in meeting.attendees.order_by("order", "pk"):
        attendees[attendee.corporation_id].append(attendee)
    corporations = {
        c.pk: c for c in Corporation.objects.select_related("home_area").filter(
            Q(is_active=True) | Q(pk__in=list(attendees)) | Q(pk__in=[i.corporation_id for i in invitations])
        )
    }
    facilities = defaultdict(list)
    for facility in Facility.objects.filter(corporation__in=list(corporations)).order_by("name_kana", "name").only(
        "pk", "name", "corporation_id"
    ):
        facilities[facility.corporation_id].append((facility.pk, facility.name))
    return invitations, persons, attendees, corporations, facilities


@dataclass
class AttendanceScreen:
    """The attendance screen's rows and the choices every row shares (read once, not per row)."""

    rows: list  # initial values of each row, people of one corporation together
    corporations: dict  # pk → Corporation (with home_area)
    corporation_choices: list
    facilities: dict  # corporation pk → [(facility pk, name)]
    home_areas: dict  # corporation pk → home area pk
    invited_count: int


def _attendee_row(attendee: Attendee) -> dict:
    return {"attendee": attendee.pk, "corporation": attendee.corporation_id, "name": attendee.name,
            "title": attendee.title, "facility": attendee.facility_id, "area": attendee.area_id,
            "present": attendee.present, "walk_in": attendee.walk_in, "version": attendee.version}


def attendance_rows(invitations, persons, attendees, corporations) -> list[dict]:
    """One row per person: recorded attendees first, else the people the answer named (those
    who said they would come start ticked), else one blank row per invited corporation;
    then the people recorded for corporations not invited. Sorted by area and 五十音."""
    rows = []
    invited = set()
    for invitation in invitations:
        corporation = invitation.corporation
        invited.add(corporation.pk)
        if attendees.get(corporation.pk):
            rows += [_attendee_row(a) for a in attendees[corporation.pk]]
        elif persons.get(invitation.pk):
            rows += [
                {"corporation": corporation.pk, "name": p.name, "title": p.title, "facility": p.facility_id,
                 "area": p.area_id, "present": invitation.answer == Invitation.Answer.ATTEND}
                for p in persons[invitation.pk]
            ]
        else:
            rows.append(
                {"corporation": corporation.pk, "name": "", "title": "", "area": corporation.home_area_id,
                 "present": False}
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
    invitations, persons, attendees, corporations, facilities = attendance_context(meeting)
    return AttendanceScreen(
        rows=attendance_rows(invitations, persons, attendees, corporations),
        corporations=corporations,
        corporation_choices=[
            (c.pk, c.name) for c in sorted(corporations.values(), key=lambda c: (c.name_kana, c.name))
        ],
        facilities=facilities,
        home_areas={c.pk: c.home_area_id for c in corporations.values()},
        invited_count=len(invitations),
    )


def signin_sheet_pages(meeting: Meeting) -> list:
    """受付名簿: per home area, each invited corporation with the people expected
    (none for a corporation that said it would not come)."""
    invitations, persons, _attendees, _corporations, _facilities = attendance_context(meeting)
    pages: dict = {}
    for invitation in invitations:
        corporation = invitation.corporation
        if invitation.answer == Invitation.Answer.ABSENT:
            expected = []
        else:
            expected = [(p.name, p.title) for p in persons.get(invitation.pk, [])]
        pages.setdefault(corporation.home_area, []).append((corporation, invitation, expected))
    return list(pages.items())


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
