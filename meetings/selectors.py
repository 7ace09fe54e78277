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

from accounts.policies import get_membership, is_council_staff
from corporations.models import Area, Corporation, Facility
from corporations.policies import can_edit_corporation

from .models import AreaGroup, Attendee, Invitation, Meeting, MeetingSeries, RsvpPerson


def meetings_queryset():
    return Meeting.objects.select_related("series")


def get_meeting_for_user(user, pk) -> Meeting:
    """Any meeting, for staff and members (the views' decorators keep others out)."""
    if not (is_council_staff(user) or get_membership(user)):
        raise PermissionDenied
    return get_object_or_404(meetings_queryset(), pk=pk)


def get_series_for_user(user, pk) -> MeetingSeries:
    if not is_council_staff(user):
        raise PermissionDenied
    return get_object_or_404(MeetingSeries, pk=pk)


def visible_invitations(user, meeting: Meeting):
    if is_council_staff(user):
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


def get_attachment_for_user(user, meeting: Meeting, pk):
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


def meeting_detail(meeting: Meeting):
    """Programme and material of a meeting (2 queries)."""
    items = list(meeting.program_items.select_related("corporation", "facility"))
    attachments = list(meeting.attachments.select_related("uploaded_by"))
    return items, attachments


def next_meeting(now):
    return (
        meetings_queryset()
        .filter(starts_at__gte=now, status=Meeting.Status.PLANNED)
        .annotate(
            invited_count=Count("invitations", distinct=True),
            attend_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ATTEND), distinct=True),
            absent_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.ABSENT), distinct=True),
            undecided_count=Count("invitations", filter=Q(invitations__answer=Invitation.Answer.UNDECIDED), distinct=True),
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


# --- Per-area report ----------------------------------------------------------------------------


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
    def rate(self):
        return rate(len(self.attended), self.total)


def rate(part: int, whole: int) -> float:
    return round(part * 100 / whole, 1) if whole else 0.0


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
    def rate(self):
        return rate(self.attended_count, self.total_count)


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


# --- Fiscal-year participation ---------------------------------------------------------------


@dataclass
class ParticipationRow:
    corporation: Corporation
    marks: list  # True (○) / False (×) per meeting
    attended: int
    missed_in_a_row: int

    @property
    def rate(self):
        return rate(self.attended, len(self.marks))


def participation(fiscal_year: int, last_n: int):
    """Corporations × held meetings of a fiscal year, in 3 queries: meetings, corporations
    with their areas, (corporation, meeting) pairs with someone present.
    """
    meetings = list(
        meetings_queryset().filter(series__fiscal_year=fiscal_year, status=Meeting.Status.HELD).order_by("starts_at")
    )
    pairs = set(
        Attendee.objects.filter(meeting__in=meetings, present=True).values_list("corporation_id", "meeting_id").distinct()
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
    area_rates = []
    for area_rows in by_area.values():
        attended = sum(r.attended for r in area_rows)
        possible = len(area_rows) * len(meetings)
        area_rates.append((area_rows[0].corporation.home_area, len(area_rows), attended, possible, rate(attended, possible)))
    outreach = [r for r in rows if meetings and last_n and r.missed_in_a_row >= last_n]
    outreach.sort(key=lambda r: (r.corporation.name_kana, r.corporation.name))
    return meetings, rows, area_rates, outreach


def minutes_context(meeting: Meeting):
    items, attachments = meeting_detail(meeting)
    return {
        "items": items,
        "report": area_report(meeting),
        "groups": area_groups(meeting),
    }


def area_group_rows(meeting: Meeting):
    """The group records to edit: one per active area, existing or new (2 queries)."""
    groups = {g.area_id: g for g in meeting.area_groups.all()}
    return [groups.get(area.pk) or AreaGroup(meeting=meeting, area=area) for area in Area.objects.filter(is_active=True)]
