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
from .participation import _area_rows, _row, held_meetings, pairs_sql
from .records import fetch, present_guests, table
from .turnout import Participation, ParticipationRow, Turnout


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

    corporations: list  # (corporation id, home area id, meetings invited to, came to, name, rank), 五十音 order
    meetings: dict  # meeting id → {home area id: (corporations invited, attended, people present)}
    marks: dict  # (corporation id, meeting id) → someone came, when asked for
    areas: list = field(default_factory=list)  # (home area id, corporations, attendances, invitations, never came)

    @property
    def total(self) -> int:
        """Corporations of the year (every one, also when only the first few were read)."""
        return sum(area[1] for area in self.areas)

    @property
    def never_came(self) -> int:
        return sum(area[4] for area in self.areas)


def year_counts(meetings: list[Meeting], *, marks: bool, shown: int | None = None) -> YearCounts:
    """Per corporation, per meeting and area (with the people present) and per area, the
    participation matrix's counts (YearCorporations.numbers, meeting_totals) from the matrix's
    own records (pairs_sql), counted in SQL in one query: the records are computed once (a CTE
    read two or three times, or four with the (corporation, meeting) marks).

    With `shown` (a page), only the first `shown` corporations in 五十音 order and the first
    `shown` of those that never came are read, not a row for every corporation of the year: the
    areas' sums give the counts."""
    if not meetings:
        return YearCounts([], {}, {})
    records, params = pairs_sql(meetings)
    corporations = table(Corporation)
    named = f"g JOIN {corporations} c ON c.id = g.corporation_id"
    # Typed NULLs in the first part of the UNION: PostgreSQL takes each column's type from it.
    none = "CAST(NULL AS BIGINT)"
    numbers = f"{{0}}.corporation_id, {{0}}.area_id, {none}, {{0}}.invited, {{0}}.came, {none}, {none}, {none}"
    if shown is None:
        first = f"SELECT 0, {numbers.format('g')}, 0, c.name_kana, c.name FROM {named}"
    else:
        # Ranked in SQL in one sort, each row by 五十音 among all (n) and among those that never
        # came (m: a running count); only the first `shown` of either are sent.
        order = "ORDER BY c.name_kana, c.name, c.id"
        first = (
            f"SELECT 0, {numbers.format('w')}, w.n, w.name_kana, w.name FROM (SELECT g.*, c.name_kana, c.name,"
            f" ROW_NUMBER() OVER ({order}) AS n,"
            f" SUM(CASE WHEN g.came = 0 THEN 1 ELSE 0 END) OVER ({order} ROWS UNBOUNDED PRECEDING) AS m"
            f" FROM {named}) w WHERE w.n <= %s OR (w.came = 0 AND w.m <= %s)"
        )
        params = params + [shown, shown]
    parts = [
        first,
        "SELECT 1, NULL, area_id, meeting_id, COUNT(*), SUM(came), CAST(SUM(people) AS INTEGER), NULL, NULL,"
        " NULL, NULL, NULL FROM j GROUP BY meeting_id, area_id",
        "SELECT 3, NULL, area_id, NULL, CAST(SUM(invited) AS INTEGER), CAST(SUM(came) AS INTEGER), NULL, COUNT(*),"
        " SUM(CASE WHEN came = 0 THEN 1 ELSE 0 END), NULL, NULL, NULL FROM g GROUP BY area_id",
    ]
    if marks:
        parts.append(
            "SELECT 2, corporation_id, NULL, meeting_id, NULL, came, NULL, NULL, NULL, NULL, NULL, NULL FROM j"
        )
    sql = (
        "WITH j AS (SELECT r.corporation_id, r.meeting_id, r.came, r.people, c.home_area_id AS area_id"
        f" FROM ({records}) r JOIN {corporations} c ON c.id = r.corporation_id),"
        " g AS (SELECT corporation_id, area_id, COUNT(*) AS invited, SUM(came) AS came FROM j"
        " GROUP BY corporation_id, area_id) "
        + " UNION ALL ".join(parts) + " ORDER BY 1, 11, 12, 2"
    )
    counts = YearCounts([], defaultdict(dict), {})
    for kind, corporation_id, area_id, meeting_id, invited, came, people, n, never, rank, _kana, name in fetch(
        sql, params
    ):
        if kind == 0:
            counts.corporations.append((corporation_id, area_id, invited, came or 0, name, rank))
        elif kind == 1:
            counts.meetings[meeting_id][area_id] = (invited, came or 0, people or 0)
        elif kind == 2:
            counts.marks[corporation_id, meeting_id] = bool(came)
        else:
            counts.areas.append((area_id, n, came or 0, invited, never))
    return counts


@dataclass
class YearParticipation:
    """What year_participation() returns: participation() for a whole year, with the
    corporations that never came and the totals of lists that may be read only in part."""

    participation: Participation
    counts: YearCounts
    never_came: list  # ParticipationRow of corporations that came to none of the year's meetings
    outreach_total: int = 0


def year_participation(fiscal_year: int, areas: list[Area], *, marks_up_to: int, shown: int | None = None,
                       outreach_after_missed: int = OUTREACH_AFTER_MISSED) -> YearParticipation:
    """What participation() (participation.py) gives for a whole year, the same figures from the
    same records, read for a report of thousands of corporations, with the year's counts (for
    year_meetings): the records counted once (year_counts), the corporations named by plain
    values, and (corporation, meeting) marks only for a year of at most `marks_up_to` held
    meetings (past it the report shows counts and rates, not marks: rows carry no marks then,
    and no run of misses; the outreach list has its own). With `shown` (the page), only the
    first `shown` rows of each list (corporations, those that never came, the outreach list)
    are read; the counts are the whole year's.
    Queries: held meetings, the counts, outreach (one CTE) and its corporations (one more for
    each further 500).
    """
    meetings = held_meetings(fiscal_year)
    marked = len(meetings) <= marks_up_to
    counts = year_counts(meetings, marks=marked, shown=shown)
    area_of = {area.pk: area for area in areas}
    rows, never_came = [], []
    for pk, area_id, invited, came, name, rank in counts.corporations:
        corporation = CorporationName(pk, name, area_of.get(area_id))
        if marked:
            row = _row(corporation, meetings, counts.marks, invited, came)
        else:
            row = ParticipationRow(corporation, [], came, 0, invited)
        if shown is None or rank <= shown:
            rows.append(row)
        if not came:
            never_came.append(row)
    area_rows = _area_rows([area[:4] for area in counts.areas], area_of)
    if shown is None:
        outreach = list(outreach_list(fiscal_year, outreach_after_missed))
        outreach_total = len(outreach)
    else:
        outreach_total, outreach = outreach_list(fiscal_year, outreach_after_missed).preview(shown)
    return YearParticipation(Participation(meetings, rows, area_rows, outreach), counts, never_came, outreach_total)


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
