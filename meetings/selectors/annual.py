"""A fiscal year's held meetings for the year's report (事業報告), and the meetings each
corporation's people attended (each corporation's yearly sheet).

A fixed number of queries whatever the number of meetings, corporations or attendees: the
counts are made in SQL from the year's records as the participation matrix reads them
(participation.pairs_sql; records.py says what invited and attended mean).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from corporations.models import Area, Corporation

from ..models import Attendee, Meeting, ProgramItem
from .outreach import OUTREACH_AFTER_MISSED, outreach_list
from .participation import (
    Participation,
    ParticipationRow,
    Turnout,
    YearCorporations,
    _row,
    held_meetings,
    pairs_sql,
)
from .records import attended, fetch, present_guests, table


@dataclass(kw_only=True)
class AreaCount(Turnout):
    """A meeting's corporations of one area (their home area): invited, attended, people present."""

    area: Area
    people: int = 0  # people present for the area's corporations


@dataclass(kw_only=True)
class YearMeeting(Turnout):
    """One held meeting as the year's report prints it: its corporations invited (walk-ins
    included) and present, the people present for them, its programme and its areas."""

    meeting: Meeting
    programme: list = field(default_factory=list)  # titles, in order
    people: int = 0  # people present for a corporation
    # Guests (来賓・関係者: people present who belong to no corporation, meetings.Guest) are
    # counted apart and never in the corporations' figures.
    guests: int = 0
    areas: list = field(default_factory=list)  # AreaCount per area, in the areas' order


@dataclass(frozen=True)
class CorporationName:
    """A corporation as the year's report names it in a row (name, home area): thousands of
    rows for a big year, so no model instance each."""

    pk: int
    name: str
    home_area: Area | None


@dataclass
class YearCounts:
    """The year's records counted for the report, in one query (year_counts)."""

    corporations: list  # (corporation id, home area id, meetings invited to, came to, name), 五十音 order
    meetings: dict  # meeting id → {home area id: (corporations invited, attended, people present)}
    marks: dict  # (corporation id, meeting id) → someone came, when asked for


def year_counts(meetings: list[Meeting], *, marks: bool) -> YearCounts:
    """Per corporation and per meeting and area, the participation matrix's counts
    (YearCorporations.numbers, meeting_totals) from the matrix's own records (pairs_sql),
    counted in SQL in one query: the records are computed once (a CTE read two times, or three
    with the (corporation, meeting) marks); and the people present per meeting and area (1 query)."""
    if not meetings:
        return YearCounts([], {}, {})
    records, params = pairs_sql(meetings)
    corporations = table(Corporation)
    parts = [
        "SELECT 0 AS kind, g.corporation_id, c.home_area_id, NULL AS meeting_id, g.invited, g.came,"
        " c.name_kana, c.name FROM (SELECT corporation_id, COUNT(*) AS invited, SUM(came) AS came"
        f" FROM j GROUP BY corporation_id) g JOIN {corporations} c ON c.id = g.corporation_id",
        "SELECT 1, NULL, area_id, meeting_id, COUNT(*), SUM(came), NULL, NULL FROM j GROUP BY meeting_id, area_id",
    ]
    if marks:
        parts.append("SELECT 2, corporation_id, NULL, meeting_id, NULL, came, NULL, NULL FROM j")
    sql = (
        "WITH j AS (SELECT r.corporation_id, r.meeting_id, r.came, c.home_area_id AS area_id"
        f" FROM ({records}) r JOIN {corporations} c ON c.id = r.corporation_id) "
        + " UNION ALL ".join(parts) + " ORDER BY 1, 7, 8, 2"
    )
    people = {
        (meeting_id, area_id): n for meeting_id, area_id, n in attended(meeting_id__in=[m.pk for m in meetings])
        .order_by().values_list("meeting_id", "corporation__home_area_id").annotate(n=Count("pk"))
    }
    counts = YearCounts([], defaultdict(dict), {})
    for kind, corporation_id, area_id, meeting_id, invited, came, _kana, name in fetch(sql, params):
        if kind == 0:
            counts.corporations.append((corporation_id, area_id, invited, came or 0, name))
        elif kind == 1:
            counts.meetings[meeting_id][area_id] = (invited, came or 0, people.get((meeting_id, area_id), 0))
        else:
            counts.marks[corporation_id, meeting_id] = bool(came)
    return counts


def year_participation(fiscal_year: int, areas: list[Area], *, marks_up_to: int,
                       outreach_after_missed: int = OUTREACH_AFTER_MISSED) -> tuple[Participation, YearCounts]:
    """What participation() (participation.py) gives for a whole year, the same figures from the
    same records, read for a report of thousands of corporations, with the year's counts (for
    year_meetings): the records counted once (year_counts), the corporations named by plain
    values, and (corporation, meeting) marks only for a year of at most `marks_up_to` held
    meetings (past it the report shows counts and rates, not marks: rows carry no marks then,
    and no run of misses; the outreach list has its own).
    Queries: held meetings, the counts, areas' rates (their areas), outreach (one CTE) and its
    corporations (one more for each further 500).
    """
    meetings = held_meetings(fiscal_year)
    marked = len(meetings) <= marks_up_to
    counts = year_counts(meetings, marks=marked)
    area_of = {area.pk: area for area in areas}
    rows = []
    for pk, area_id, invited, came, name in counts.corporations:
        corporation = CorporationName(pk, name, area_of.get(area_id))
        if marked:
            rows.append(_row(corporation, meetings, counts.marks, invited, came))
        else:
            rows.append(ParticipationRow(corporation, [], came, 0, invited))
    year = YearCorporations(meetings)
    year.numbers = [numbers[:4] for numbers in counts.corporations]  # the areas' rates sum these
    area_rows = year.areas() if meetings else []
    outreach = list(outreach_list(fiscal_year, outreach_after_missed))
    return Participation(meetings, rows, area_rows, outreach), counts


def held_meetings_of_year(fiscal_year: int):
    return (
        Meeting.objects.select_related("series")
        .filter(series__fiscal_year=fiscal_year, status=Meeting.Status.HELD)
        .order_by("starts_at", "number")
    )


def year_meetings(fiscal_year: int, meetings: list[Meeting] | None = None, areas: list[Area] | None = None,
                  counts: YearCounts | None = None) -> list[YearMeeting]:
    """The held meetings of a fiscal year with their programme titles and counts, overall and
    per area (of the corporation's home area), counted from the year's records as the
    participation matrix counts them (records.py). 2 queries: programme titles, present guests
    per meeting; one more each for the meetings (held_meetings_of_year's, in its order), the
    areas (in their order) and the counts (year_counts) unless given.
    """
    areas = list(Area.objects.order_by("sort_order", "name")) if areas is None else areas
    meetings = list(held_meetings_of_year(fiscal_year)) if meetings is None else meetings
    if not meetings:
        return []
    ids = [m.pk for m in meetings]
    titles = defaultdict(list)
    items = ProgramItem.objects.filter(meeting_id__in=ids).order_by("meeting_id", "order")
    for meeting_id, title in items.values_list("meeting_id", "title"):
        titles[meeting_id].append(title)
    counted = (counts or year_counts(meetings, marks=False)).meetings  # meeting → area → (invited, attended, people)
    guests = dict(
        present_guests(meeting_id__in=ids).order_by().values("meeting_id").annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    result = []
    for meeting in meetings:
        of_meeting = counted.get(meeting.pk, {})
        per_area = []
        for area in areas:
            invited, attended, people = of_meeting.get(area.pk, (0, 0, 0))
            per_area.append(AreaCount(invited, attended, area=area, people=people))
        result.append(YearMeeting(
            meeting=meeting, programme=titles[meeting.pk], invited=sum(c.invited for c in per_area),
            attended=sum(c.attended for c in per_area), people=sum(c.people for c in per_area),
            guests=guests.get(meeting.pk, 0), areas=[c for c in per_area if c.invited or c.area.is_active],
        ))
    return result


def attendance_by_corporation(fiscal_year: int, corporation_ids=None) -> dict:
    """{corporation id: [(meeting, [names of its people present])]} for the held meetings of a
    fiscal year (2 queries); only the given corporations when corporation_ids is not None."""
    meetings = {m.pk: m for m in held_meetings_of_year(fiscal_year)}
    if not meetings:
        return {}
    rows = Attendee.objects.filter(meeting_id__in=list(meetings), present=True, corporation__isnull=False)
    if corporation_ids is not None:
        rows = rows.filter(corporation_id__in=list(corporation_ids))
    grouped = defaultdict(lambda: defaultdict(list))
    for corporation_id, meeting_id, name in rows.order_by("meeting__starts_at", "order", "pk").values_list(
        "corporation_id", "meeting_id", "name"
    ):
        grouped[corporation_id][meeting_id].append(name)
    return {
        corporation_id: [(meetings[meeting_id], names) for meeting_id, names in by_meeting.items()]
        for corporation_id, by_meeting in grouped.items()
    }


def fiscal_years_held() -> list[int]:
    """Fiscal years with at least one held meeting, newest first (1 query)."""
    return list(
        Meeting.objects.filter(status=Meeting.Status.HELD).order_by("-series__fiscal_year")
        .values_list("series__fiscal_year", flat=True).distinct()
    )
