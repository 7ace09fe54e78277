"""Reads that join across models, and the access helpers scoped to what a user may see.

Meetings themselves (date, venue, programme, material) are seen by staff and by every
member corporation. Answers and attendees are personal data: a member sees its own
corporation's answer only; staff see all.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from accounts.policies import get_membership
from corporations.models import Area, Corporation, Facility
from corporations.policies import can_edit_corporation

from . import policies
from .models import AreaGroup, Attendee, Invitation, Meeting, MeetingSeries, RsvpPerson

# The outreach list (声かけ先): corporations that missed this many held meetings in a row.
OUTREACH_AFTER_MISSED = 2


def needs_outreach(missed_in_a_row: int, *, after_missed: int = OUTREACH_AFTER_MISSED) -> bool:
    """A corporation to call on: it missed the last `after_missed` held meetings (or more)."""
    return bool(after_missed) and missed_in_a_row >= after_missed


def meetings_queryset():
    return Meeting.objects.select_related("series")


def get_meeting_for_user(user, pk) -> Meeting:
    """Any meeting, for staff and members (the views' decorators keep others out)."""
    if not policies.can_view_meetings(user):
        raise PermissionDenied
    return get_object_or_404(meetings_queryset(), pk=pk)


def get_series_for_user(user, pk) -> MeetingSeries:
    if not policies.can_manage_meetings(user):
        raise PermissionDenied
    return get_object_or_404(MeetingSeries, pk=pk)


def visible_invitations(user, meeting: Meeting):
    """Staff see every corporation's invitation; a member its own corporation's."""
    if policies.can_see_replies(user):
        return meeting.invitations.all()
    membership = get_membership(user)
    if membership:
        return meeting.invitations.filter(corporation_id=membership.corporation_id)
    return Invitation.objects.none()


def get_invitation_for_user(user, meeting: Meeting, pk, *, for_edit: bool = False) -> Invitation:
    """Another corporation's invitation answers 404; a viewer asking to answer gets 403."""
    invitation = get_object_or_404(
        visible_invitations(user, meeting).select_related("corporation__home_area", "answered_by"), pk=pk
    )
    if for_edit and not can_edit_corporation(user, invitation.corporation_id):
        raise PermissionDenied
    return invitation


def get_attachment_for_user(meeting: Meeting, pk):
    """Material of this meeting only: another meeting's attachment answers 404."""
    return get_object_or_404(meeting.attachments.all(), pk=pk)


def meetings_by_fiscal_year(fiscal_year: int | None):
    """The list page: meetings of a fiscal year with their answer counts (1 query)."""
    queryset = meetings_queryset().annotate(
        invited_count=Count("invitations", distinct=True),
        attend_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ATTEND), distinct=True),
    )
    if fiscal_year:
        queryset = queryset.filter(series__fiscal_year=fiscal_year)
    return queryset.order_by("starts_at", "number")


def fiscal_years() -> list[int]:
    return sorted(set(MeetingSeries.objects.values_list("fiscal_year", flat=True)), reverse=True)


def latest_fiscal_year_held() -> int | None:
    """The newest fiscal year with a meeting held: where participation has something to show."""
    return (
        MeetingSeries.objects.filter(meetings__status=Meeting.Status.HELD)
        .order_by("-fiscal_year")
        .values_list("fiscal_year", flat=True)
        .first()
    )


def programme(meeting: Meeting) -> list:
    """A meeting's programme items with who reports (1 query)."""
    return list(meeting.program_items.select_related("corporation", "facility"))


def meeting_detail(meeting: Meeting):
    """Programme and material of a meeting (2 queries)."""
    attachments = list(meeting.attachments.select_related("uploaded_by"))
    return programme(meeting), attachments


def next_meeting(now):
    return (
        meetings_queryset()
        .filter(starts_at__gte=now, status=Meeting.Status.PLANNED)
        .annotate(
            invited_count=Count("invitations", distinct=True),
            attend_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ATTEND), distinct=True),
            absent_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ABSENT), distinct=True),
            undecided_count=Count(
                "invitations", filter=Q(invitations__answer=Invitation.Answer.UNDECIDED), distinct=True
            ),
            pending_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.PENDING), distinct=True),
        )
        .order_by("starts_at")
        .first()
    )


def corporation_invitations(corporation: Corporation):
    """A corporation's invitations with their meetings and persons (2 queries)."""
    return (
        corporation.meeting_invitations.select_related("meeting__series", "answered_by")
        .prefetch_related("persons")
        .order_by("-meeting__starts_at")
    )


# --- Replies at a glance -------------------------------------------------------------------


@dataclass
class AreaReplies:
    area: Area
    counts: dict = field(default_factory=lambda: {a: 0 for a in Invitation.Answer.values})
    persons: int = 0

    @property
    def total(self):
        return sum(self.counts.values())


def replies_overview(meeting: Meeting):
    """Every invitation with its corporation and persons, counts by answer and by area (2 queries)."""
    invitations = list(
        meeting.invitations.select_related("corporation__home_area", "answered_by")
        .prefetch_related(Prefetch("persons", queryset=RsvpPerson.objects.select_related("area", "facility")))
        .order_by("corporation__home_area__sort_order", "corporation__name_kana", "corporation__name")
    )
    totals = {a: 0 for a in Invitation.Answer.values}
    by_area: dict[int, AreaReplies] = {}
    for invitation in invitations:
        totals[invitation.answer] += 1
        area = invitation.corporation.home_area
        row = by_area.setdefault(area.pk, AreaReplies(area=area))
        row.counts[invitation.answer] += 1
        row.persons += len(invitation.persons.all())
    return invitations, totals, list(by_area.values())


# --- Attendance screen ------------------------------------------------------------------------


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


# --- Per-area report ----------------------------------------------------------------------------


def percentage(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


@dataclass
class AreaReport:
    area: Area
    invited: list = field(default_factory=list)  # corporations
    attended: list = field(default_factory=list)
    absent: list = field(default_factory=list)
    attendees: list = field(default_factory=list)  # present Attendee rows

    @property
    def total(self):
        return len(self.attended) + len(self.absent)

    @property
    def attendance_rate(self) -> float:
        """出席率: corporations that came ÷ corporations invited, in this area, at one meeting."""
        return percentage(len(self.attended), self.total)


@dataclass
class MeetingReport:
    meeting: Meeting
    areas: list
    attended_count: int
    total_count: int
    attendee_count: int

    @property
    def absent_count(self):
        return self.total_count - self.attended_count

    @property
    def attendance_rate(self) -> float:
        """出席率: corporations that came ÷ corporations invited (walk-in ones counted in both)."""
        return percentage(self.attended_count, self.total_count)


def area_report(meeting: Meeting) -> MeetingReport:
    """Per-area attendance: invited corporations (and uninvited walk-in ones) by home area,
    who came, who did not, and the people present. 3 queries: areas, invitations with
    corporations, present attendees with corporation/facility.
    """
    areas = {a.pk: AreaReport(area=a) for a in Area.objects.all()}
    invited = {
        i.corporation_id: i.corporation
        for i in meeting.invitations.select_related("corporation").order_by("corporation__name_kana")
    }
    present = list(
        meeting.attendees.filter(present=True)
        .select_related("corporation", "facility", "area")
        .order_by("corporation__name_kana", "order", "pk")
    )
    came = {}
    for attendee in present:
        came.setdefault(attendee.corporation_id, attendee.corporation)
    everyone = {**invited, **came}
    for corporation in sorted(everyone.values(), key=lambda c: (c.name_kana, c.name)):
        report = areas[corporation.home_area_id]
        report.invited.append(corporation)
        (report.attended if corporation.pk in came else report.absent).append(corporation)
    for attendee in present:
        areas[attendee.corporation.home_area_id].attendees.append(attendee)
    shown = [r for r in areas.values() if r.invited or r.area.is_active]
    return MeetingReport(
        meeting=meeting, areas=shown, attended_count=len(came), total_count=len(everyone),
        attendee_count=len(present),
    )


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


def minutes_context(meeting: Meeting):
    return {
        "items": programme(meeting),
        "report": area_report(meeting),
        "groups": area_groups(meeting),
    }


# --- Fiscal-year participation ---------------------------------------------------------------


@dataclass
class ParticipationRow:
    corporation: Corporation
    marks: list  # True (○) / False (×) per held meeting
    attended: int
    missed_in_a_row: int

    @property
    def participation_rate(self) -> float:
        """参加率: held meetings this corporation came to ÷ held meetings of the year."""
        return percentage(self.attended, len(self.marks))


@dataclass
class AreaParticipation:
    area: Area
    corporations: int
    attendances: int  # 延べ出席: (corporation, held meeting) pairs with someone present
    possible: int  # corporations × held meetings

    @property
    def participation_rate(self) -> float:
        """参加率: attendances ÷ (corporations × held meetings) of the area."""
        return percentage(self.attendances, self.possible)


def participation(fiscal_year: int, outreach_after_missed: int = OUTREACH_AFTER_MISSED):
    """Corporations × held meetings of a fiscal year, in 3 queries: meetings, corporations
    with their areas, (corporation, meeting) pairs with someone present.
    """
    meetings = list(
        meetings_queryset().filter(series__fiscal_year=fiscal_year, status=Meeting.Status.HELD).order_by("starts_at")
    )
    pairs = set(
        Attendee.objects.filter(meeting__in=meetings, present=True)
        .values_list("corporation_id", "meeting_id").distinct()
    ) if meetings else set()
    attended_ids = {c for c, _m in pairs}
    corporations = Corporation.objects.select_related("home_area").filter(
        Q(is_active=True) | Q(pk__in=attended_ids)
    ).order_by("home_area__sort_order", "home_area__name", "name_kana", "name")
    rows = []
    by_area: dict[int, list] = {}
    for corporation in corporations:
        marks = [(corporation.pk, m.pk) in pairs for m in meetings]
        streak = 0
        for mark in reversed(marks):
            if mark:
                break
            streak += 1
        row = ParticipationRow(corporation, marks, sum(marks), streak)
        rows.append(row)
        by_area.setdefault(corporation.home_area_id, []).append(row)
    areas = [
        AreaParticipation(
            area=area_rows[0].corporation.home_area, corporations=len(area_rows),
            attendances=sum(r.attended for r in area_rows), possible=len(area_rows) * len(meetings),
        )
        for area_rows in by_area.values()
    ]
    outreach = [
        r for r in rows if meetings and needs_outreach(r.missed_in_a_row, after_missed=outreach_after_missed)
    ]
    outreach.sort(key=lambda r: (r.corporation.name_kana, r.corporation.name))
    return meetings, rows, areas, outreach


# --- Choices shared by forms ---------------------------------------------------------------------


def active_area_choices() -> list[tuple[int, str]]:
    """The areas people can sit in (1 query)."""
    return [(a.pk, a.name) for a in Area.objects.filter(is_active=True)]


def answer_rows(invitation: Invitation) -> tuple[list, list]:
    """The answer page: the corporation's active facilities as choices and the people already
    named, as the person formset's initial rows (2 queries)."""
    facility_choices = [(f.pk, f.name) for f in invitation.corporation.facilities.filter(is_active=True)]
    persons = [
        {"name": p.name, "title": p.title, "facility": p.facility_id, "area": p.area_id}
        for p in invitation.persons.all()
    ]
    return facility_choices, persons
