"""Participation across a fiscal year's held meetings, and the outreach list (声かけ先).

Who counts is who was INVITED to each meeting (an Invitation row), never today's register:
a corporation that joined later, or was invited to none of a year's meetings, is no row of
that year's matrix and lowers no rate; a corporation not invited to one meeting is "not
invited" there (neither present nor absent). A corporation that came to a meeting it was
not invited to (a walk-in) counts as invited and present at that meeting, as in the
per-area report. Only attendees with a corporation count (guests have none).

Everything is counted in SQL, a page of corporations at a time: the page and its query
count do not grow with the register; the exports read the whole set in chunks.
"""

import datetime
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from django.core.paginator import Paginator
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.wareki import fiscal_year_bounds
from corporations.models import Area, Corporation

from ..models import Attendee, Invitation, Meeting
from .meetings import meetings_queryset
from .reports import percentage

# The outreach list (声かけ先): corporations that missed this many held meetings in a row.
OUTREACH_AFTER_MISSED = 2
# Rows of the matrix on one page, and corporations read per chunk by the exports.
CORPORATIONS_PER_PAGE = 50
EXPORT_CHUNK_SIZE = 500


def needs_outreach(missed_in_a_row: int, *, after_missed: int = OUTREACH_AFTER_MISSED) -> bool:
    """A corporation to call on: it missed the last `after_missed` held meetings (or more)."""
    return bool(after_missed) and missed_in_a_row >= after_missed


@dataclass
class ParticipationRow:
    corporation: Corporation
    marks: list  # per held meeting: True (○ came), False (× invited, did not come), None (not invited)
    attended: int
    missed_in_a_row: int  # invited meetings missed at the end of the year, newest first
    invited: int | None = None  # held meetings of the year it was invited to (or came to)

    def __post_init__(self):
        if self.invited is None:
            self.invited = sum(1 for mark in self.marks if mark is not None)

    @property
    def not_invited(self) -> int:
        return len(self.marks) - self.invited

    @property
    def participation_rate(self) -> float:
        """参加率: held meetings this corporation came to ÷ held meetings it was invited to."""
        return percentage(self.attended, self.invited)


@dataclass
class AreaParticipation:
    area: Area
    corporations: int  # corporations of the area invited to at least one held meeting of the year
    attendances: int  # 延べ出席: (corporation, held meeting) pairs with someone present
    possible: int  # 延べ案内: (corporation, held meeting) pairs invited (walk-ins included)

    @property
    def participation_rate(self) -> float:
        """参加率: attendances ÷ invitations of the area's corporations to held meetings."""
        return percentage(self.attendances, self.possible)


@dataclass
class MeetingTotal:
    """The matrix's total row for one meeting: corporations invited, corporations that came."""

    meeting: Meeting
    invited: int
    attended: int

    @property
    def absent(self) -> int:
        return self.invited - self.attended

    @property
    def attendance_rate(self) -> float:
        """出席率: corporations that came ÷ corporations invited, at this meeting."""
        return percentage(self.attended, self.invited)


@dataclass
class OutreachRow:
    """A corporation to call on, with whom to call and since when it has not come."""

    corporation: Corporation
    missed_in_a_row: int
    last_attended_at: datetime.datetime | None = None


class Participation(NamedTuple):
    """What participation() returns; unpacks as (meetings, rows, areas, outreach)."""

    meetings: list
    rows: list
    areas: list
    outreach: list


@dataclass
class MatrixPage:
    """One page of the matrix for the participation page."""

    fiscal_year: int
    meetings: list  # held meetings, with the totals of the rows chosen (area) in .total
    totals: list  # MeetingTotal per meeting
    page: object  # a Page of ParticipationRow
    areas: list  # AreaParticipation of the whole year (every area)
    area: Area | None = None
    rows: list = field(default_factory=list)


# --- the year's held meetings and what was recorded at them -----------------------------

def held_meetings(fiscal_year: int) -> list[Meeting]:
    """The year's held meetings in date order (1 query)."""
    return list(
        meetings_queryset().filter(series__fiscal_year=fiscal_year, status=Meeting.Status.HELD)
        .order_by("starts_at", "number")
    )


def _invitations(meeting_ids) -> QuerySet:
    return Invitation.objects.filter(meeting_id__in=meeting_ids)


def _present(meeting_ids) -> QuerySet:
    # Guests (attendees with no corporation) are no corporation's participation.
    return Attendee.objects.filter(meeting_id__in=meeting_ids, present=True, corporation__isnull=False)


def _count(queryset: QuerySet, group: str, counted: str):
    """COUNT(DISTINCT counted) of a correlated subquery, 0 when it finds nothing."""
    return Coalesce(
        Subquery(
            queryset.order_by().values(group).annotate(n=Count(counted, distinct=True)).values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def _walk_ins(queryset: QuerySet) -> QuerySet:
    """Present attendees whose corporation was not invited to that meeting."""
    invited = Invitation.objects.filter(meeting_id=OuterRef("meeting_id"), corporation_id=OuterRef("corporation_id"))
    return queryset.filter(~Exists(invited))


def meeting_totals(meetings: list[Meeting], area: Area | None = None) -> list[MeetingTotal]:
    """Per meeting, the corporations invited (walk-ins included) and the corporations that
    came, of one area or of all (1 query)."""
    if not meetings:
        return []
    by_area = Q(corporation__home_area=area) if area else Q()
    invitations = Invitation.objects.filter(by_area, meeting_id=OuterRef("pk"))
    present = Attendee.objects.filter(by_area, meeting_id=OuterRef("pk"), present=True, corporation__isnull=False)
    counted = {
        m.pk: m for m in Meeting.objects.filter(pk__in=[m.pk for m in meetings]).annotate(
            invited_n=_count(invitations, "meeting_id", "corporation_id"),
            walk_in_n=_count(_walk_ins(present), "meeting_id", "corporation_id"),
            attended_n=_count(present, "meeting_id", "corporation_id"),
        ).only("pk")
    }
    return [
        MeetingTotal(meeting, counted[meeting.pk].invited_n + counted[meeting.pk].walk_in_n,
                     counted[meeting.pk].attended_n)
        for meeting in meetings
    ]


# --- corporations of the year --------------------------------------------------------------

def participating_corporations(meetings: list[Meeting], area: Area | None = None) -> QuerySet:
    """The corporations invited to (or present at) at least one of these meetings, in 五十音
    order, each with `invited_meetings` and `attended_meetings` counted in SQL. Today's
    register does not enter: a corporation invited to none of them is not here."""
    meeting_ids = [m.pk for m in meetings]
    invitations = _invitations(meeting_ids).filter(corporation_id=OuterRef("pk"))
    present = _present(meeting_ids).filter(corporation_id=OuterRef("pk"))
    queryset = (
        Corporation.objects.select_related("home_area")
        .filter(Q(Exists(invitations)) | Q(Exists(present)))
        .annotate(
            invited_meetings=_count(invitations, "corporation_id", "meeting_id")
            + _count(_walk_ins(present), "corporation_id", "meeting_id"),
            attended_meetings=_count(present, "corporation_id", "meeting_id"),
        )
        .order_by("name_kana", "name", "pk")
    )
    if area is not None:
        queryset = queryset.filter(home_area=area)
    return queryset


def area_participation(meetings: list[Meeting]) -> list[AreaParticipation]:
    """Rates per area over the whole year (2 queries: the sums per area, the areas)."""
    if not meetings:
        return []
    sums = list(
        participating_corporations(meetings).order_by().values("home_area_id").annotate(
            n=Count("pk"), attendances=Sum("attended_meetings"), possible=Sum("invited_meetings"),
        ).values_list("home_area_id", "n", "attendances", "possible")
    )
    areas = Area.objects.in_bulk([area_id for area_id, *_rest in sums])
    rows = [
        AreaParticipation(area=areas[area_id], corporations=n, attendances=attendances or 0, possible=possible or 0)
        for area_id, n, attendances, possible in sums
    ]
    rows.sort(key=lambda r: (r.area.sort_order, r.area.name))
    return rows


def marks_of(corporation_ids: Iterable[int], meetings: list[Meeting]) -> dict[tuple[int, int], bool]:
    """(corporation, meeting) → True if someone came, False if invited and nobody came (1 query).
    Pairs missing from the answer were not invited."""
    corporation_ids, meeting_ids = list(corporation_ids), [m.pk for m in meetings]
    if not corporation_ids or not meeting_ids:
        return {}
    invited = _invitations(meeting_ids).filter(corporation_id__in=corporation_ids).order_by().values_list(
        "corporation_id", "meeting_id", Value(False, output_field=BooleanField()))
    came = _present(meeting_ids).filter(corporation_id__in=corporation_ids).order_by().values_list(
        "corporation_id", "meeting_id", Value(True, output_field=BooleanField()))
    marks: dict[tuple[int, int], bool] = {}
    for corporation_id, meeting_id, present in invited.union(came):
        marks[corporation_id, meeting_id] = marks.get((corporation_id, meeting_id), False) or bool(present)
    return marks


def _row(corporation, meetings, marks) -> ParticipationRow:
    row_marks = [marks.get((corporation.pk, m.pk)) for m in meetings]
    streak = 0
    for mark in reversed(row_marks):
        if mark is None:
            continue  # not invited: neither breaks nor lengthens a run of misses
        if mark:
            break
        streak += 1
    attended = getattr(corporation, "attended_meetings", None)
    invited = getattr(corporation, "invited_meetings", None)
    return ParticipationRow(
        corporation, row_marks, sum(1 for m in row_marks if m) if attended is None else attended, streak, invited,
    )


def participation_rows(corporations: Iterable[Corporation], meetings: list[Meeting]) -> list[ParticipationRow]:
    """Rows for a page of corporations (1 query for their marks)."""
    corporations = list(corporations)
    marks = marks_of((c.pk for c in corporations), meetings)
    return [_row(c, meetings, marks) for c in corporations]


def iter_participation_rows(meetings: list[Meeting], area: Area | None = None,
                            chunk_size: int = EXPORT_CHUNK_SIZE) -> Iterator[ParticipationRow]:
    """Every row of the year, read a chunk of corporations at a time (for the exports)."""
    if not meetings:
        return
    chunk = []
    for corporation in participating_corporations(meetings, area).iterator(chunk_size=chunk_size):
        chunk.append(corporation)
        if len(chunk) == chunk_size:
            yield from participation_rows(chunk, meetings)
            chunk = []
    if chunk:
        yield from participation_rows(chunk, meetings)


def matrix_page(fiscal_year: int, *, area: Area | None = None, page_number=None,
                per_page: int = CORPORATIONS_PER_PAGE) -> MatrixPage:
    """The participation page: 6 queries whatever the size of the register (meetings; their
    totals; the page's count and rows; the page's marks; the areas' sums and areas)."""
    meetings = held_meetings(fiscal_year)
    totals = meeting_totals(meetings, area)
    queryset = participating_corporations(meetings, area) if meetings else Corporation.objects.none()
    page = Paginator(queryset, per_page).get_page(page_number)
    rows = participation_rows(page.object_list, meetings)
    page.object_list = rows
    return MatrixPage(fiscal_year=fiscal_year, meetings=meetings, totals=totals, page=page,
                      areas=area_participation(meetings), area=area, rows=rows)


# --- the outreach list (声かけ先) ----------------------------------------------------------

def outreach_cutoff(fiscal_year: int) -> datetime.datetime:
    """The end of the fiscal year: the outreach list of a year looks at meetings held up to it."""
    last_day = fiscal_year_bounds(fiscal_year)[1]
    return timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time()))


def outreach_queryset(fiscal_year: int, after_missed: int = OUTREACH_AFTER_MISSED,
                      area: Area | None = None) -> QuerySet:
    """Active corporations that missed the last `after_missed` held meetings they were invited
    to, up to the end of `fiscal_year` and looking back into earlier years (the first meeting
    of a year is read with the last ones of the year before). Meetings a corporation was not
    invited to are skipped: they neither count as missed nor break the run. Only corporations
    invited to one of the last `after_missed` meetings held are listed, so one no longer
    invited drops off. Each row carries `missed_in_a_row` (its run of misses, newest first)
    and `last_attended_at`, in 五十音 order. One query for a page, one for its count.
    """
    after_missed = max(int(after_missed or 0), 1)
    cutoff = outreach_cutoff(fiscal_year)
    held = Meeting.objects.filter(status=Meeting.Status.HELD, starts_at__lt=cutoff)
    window = held.order_by("-starts_at", "-number").values("pk")[:after_missed]
    last_attended = Subquery(
        Attendee.objects.filter(corporation_id=OuterRef("pk"), present=True, meeting__in=held)
        .order_by().values("corporation_id").annotate(last=Max("meeting__starts_at")).values("last")[:1]
    )
    # Invitations to held meetings after the last attendance (or all, if it never came):
    # each one a meeting missed, in a row.
    after_last = Invitation.objects.filter(
        corporation_id=OuterRef("pk"), meeting__in=held, meeting__starts_at__gt=OuterRef("last_attended_at")
    )
    every = Invitation.objects.filter(corporation_id=OuterRef("pk"), meeting__in=held)
    queryset = (
        Corporation.objects.select_related("home_area")
        .filter(is_active=True)
        .filter(Exists(Invitation.objects.filter(corporation_id=OuterRef("pk"), meeting_id__in=window)))
        .annotate(last_attended_at=last_attended)
        .annotate(missed_in_a_row=Case(
            When(last_attended_at__isnull=True, then=_count(every, "corporation_id", "meeting_id")),
            default=_count(after_last, "corporation_id", "meeting_id"),
        ))
        .filter(missed_in_a_row__gte=after_missed)
        .order_by("name_kana", "name", "pk")
    )
    if area is not None:
        queryset = queryset.filter(home_area=area)
    return queryset


def outreach_rows(corporations: Iterable[Corporation]) -> list[OutreachRow]:
    return [OutreachRow(c, c.missed_in_a_row, c.last_attended_at) for c in corporations]


def iter_outreach_rows(fiscal_year: int, after_missed: int = OUTREACH_AFTER_MISSED, area: Area | None = None,
                       chunk_size: int = EXPORT_CHUNK_SIZE) -> Iterator[OutreachRow]:
    for corporation in outreach_queryset(fiscal_year, after_missed, area).iterator(chunk_size=chunk_size):
        yield OutreachRow(corporation, corporation.missed_in_a_row, corporation.last_attended_at)


# --- the whole year at once (the fiscal-year report) ----------------------------------------

def participation(fiscal_year: int, outreach_after_missed: int = OUTREACH_AFTER_MISSED) -> Participation:
    """The year's held meetings, every row of the matrix, the areas' rates and the outreach
    list, unpaged: (meetings, rows, areas, outreach). For reports of a whole year; pages use
    matrix_page() and outreach_queryset(). The rows are those of corporations invited to
    (or present at) the year's meetings only; each meeting carries its totals in `.total`.
    """
    meetings = held_meetings(fiscal_year)
    for total in meeting_totals(meetings):
        total.meeting.total = total
    rows = list(iter_participation_rows(meetings))
    outreach = outreach_rows(outreach_queryset(fiscal_year, outreach_after_missed))
    return Participation(meetings, rows, area_participation(meetings), outreach)
