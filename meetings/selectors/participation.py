"""Participation across a fiscal year's held meetings: the matrix of corporations × meetings,
its totals per meeting and its rates per corporation and per area.

Who counts is who was INVITED to each meeting (an Invitation row), never today's register:
a corporation that joined later, or was invited to none of a year's meetings, is no row of
that year's matrix and lowers no rate; a corporation not invited to one meeting is "not
invited" there (neither present nor absent). A corporation that came to a meeting it was
not invited to (a walk-in) counts as invited and present at that meeting, as in the
per-area report. Only attendees with a corporation count (guests have none).

Everything is counted in SQL over the year's records: one row per (corporation, meeting)
invited or present, with whether someone came. A page of the matrix counts them per area
(the areas' rates and the count of corporations: a few rows, never a row per corporation),
walks the corporations in 五十音 order to the page shown, and reads the records of that
page's corporations only; its queries and its HTML do not grow with the register. The
exports read the year's numbers per corporation once and the rows a chunk at a time.
"""

from collections.abc import Iterator
from functools import cached_property

from django.core.paginator import Paginator
from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL

from corporations.models import Area, Corporation

from ..models import Attendee, Invitation, Meeting
from .meetings import meetings_queryset
from .outreach import OUTREACH_AFTER_MISSED, outreach_list
from .records import fetch, of_area, table
from .turnout import AreaParticipation, MatrixPage, MeetingTotal, Participation, ParticipationRow

# Rows of the matrix on one page, meetings (columns) on one page, and corporations read per
# chunk by the exports. A year of Nerima's has 3 meetings: one page of columns.
CORPORATIONS_PER_PAGE = 50
MEETINGS_PER_PAGE = 12
EXPORT_CHUNK_SIZE = 500


# --- the year's held meetings and what was recorded at them -----------------------------

def held_meetings(fiscal_year: int) -> list[Meeting]:
    """The year's held meetings in date order (1 query)."""
    return list(
        meetings_queryset().filter(series__fiscal_year=fiscal_year, status=Meeting.Status.HELD)
        .order_by("starts_at", "number")
    )


def pairs_sql(meetings: list[Meeting]) -> tuple[str, list]:
    """The year's records (corporation_id, meeting_id, came; records.py), as a full join of the
    meetings' invitations with the (meeting, corporation) pairs present, and the people present
    of each pair (people). Both sides are read in (meeting, corporation) order from an index
    alone (the invitations' unique constraint, attendee_came_meeting_idx), so PostgreSQL merges
    them in one pass instead of hashing every attendee row of the year."""
    ids = [m.pk for m in meetings]
    marks = ", ".join(["%s"] * len(ids))
    sql = (
        "SELECT COALESCE(i.corporation_id, p.corporation_id) AS corporation_id,"
        " COALESCE(i.meeting_id, p.meeting_id) AS meeting_id,"
        " CASE WHEN p.corporation_id IS NULL THEN 0 ELSE 1 END AS came, COALESCE(p.people, 0) AS people"
        f" FROM (SELECT meeting_id, corporation_id FROM {table(Invitation)} WHERE meeting_id IN ({marks})) i"
        " FULL OUTER JOIN (SELECT meeting_id, corporation_id, COUNT(*) AS people"
        f"  FROM {table(Attendee)} WHERE meeting_id IN ({marks}) AND present = %s"
        "  GROUP BY meeting_id, corporation_id) p"
        " ON p.meeting_id = i.meeting_id AND p.corporation_id = i.corporation_id"
    )
    return sql, [*ids, *ids, True]


def meeting_totals(meetings: list[Meeting], area: Area | None = None) -> list[MeetingTotal]:
    """Per meeting, the corporations invited (walk-ins included) and those that came, of one
    area or of all (1 query)."""
    if not meetings:
        return []
    records, params = pairs_sql(meetings)
    join, area_params = of_area(area)
    counted = {
        meeting_id: (invited, attended or 0) for meeting_id, invited, attended in fetch(
            f"SELECT r.meeting_id, COUNT(*), SUM(r.came) FROM ({records}) r{join} GROUP BY r.meeting_id",
            params + area_params,
        )
    }
    return [MeetingTotal(*counted.get(meeting.pk, (0, 0)), meeting=meeting) for meeting in meetings]


def _area_rows(sums, areas: dict | None = None) -> list[AreaParticipation]:
    """AreaParticipation rows from (area id, corporations, attendances, invitations) sums (1 query
    for their areas, unless given by id)."""
    if areas is None:
        areas = Area.objects.in_bulk([area_id for area_id, *_rest in sums])
    rows = [
        AreaParticipation(area=areas[area_id], corporations=n, attendances=attendances or 0, possible=possible)
        for area_id, n, attendances, possible in sums
    ]
    rows.sort(key=lambda r: (r.area.sort_order, r.area.name))
    return rows


# --- the corporations of the year, a page or a chunk at a time ----------------------------

class YearCorporations:
    """The corporations invited to (or present at) the year's held meetings, in 五十音 order,
    each with the meetings of the year it was invited to and came to. Today's register does
    not enter: a corporation invited to none of them is not here.

    One query aggregates the year's records per corporation (id, area, invited, came: a few
    numbers a corporation, never its attendees), read once and shared by the count, the page
    and the areas' sums: the year's records are scanned once a request, not three times.
    A Paginator takes it as its object list; a page's rows cost one query for their
    corporations and areas and one for their marks in the meetings shown.
    """

    def __init__(self, meetings: list[Meeting], area: Area | None = None, shown: list[Meeting] | None = None):
        self.meetings, self.area = meetings, area
        self.shown = meetings if shown is None else shown

    def _over_year(self, select: str, rest: str, *, per_corporation: bool = False) -> list[tuple]:
        """One query over the year's records (pairs_sql) joined to their corporations; with
        per_corporation, over their sums per corporation (corporation_id, came, n) instead."""
        if not self.meetings:
            return []
        records, params = pairs_sql(self.meetings)
        if per_corporation:
            records = (
                "SELECT corporation_id, SUM(came) AS came, COUNT(*) AS n"
                f" FROM ({records}) pairs GROUP BY corporation_id"
            )
        join, _none = of_area(None)
        return fetch(f"SELECT {select} FROM ({records}) r{join} {rest}", params)

    @cached_property
    def sums(self) -> list[tuple[int, int, int, int]]:
        """(area id, corporations, attendances, invitations) of the year, per home area (1 query:
        a row an area, whatever the size of the register; summed per corporation first, which
        PostgreSQL hashes, rather than counting distinct corporations, which it sorts)."""
        return self._over_year(
            "c.home_area_id, COUNT(*), CAST(SUM(r.came) AS INTEGER), CAST(SUM(r.n) AS INTEGER)",
            "GROUP BY c.home_area_id", per_corporation=True,
        )

    @cached_property
    def numbers(self) -> list[tuple[int, int, int, int]]:
        """(corporation id, area id, meetings invited to, meetings came to) of every corporation
        of the year (of every area), in 五十音 order (1 query; for the exports)."""
        return self._over_year(
            "c.id, c.home_area_id, COUNT(*), SUM(r.came)",
            "GROUP BY c.id, c.home_area_id, c.name_kana, c.name ORDER BY c.name_kana, c.name, c.id",
        )

    @cached_property
    def chosen(self) -> list[tuple[int, int, int, int]]:
        if self.area is None:
            return self.numbers
        return [n for n in self.numbers if n[1] == self.area.pk]

    def count(self) -> int:
        if "numbers" in self.__dict__:
            return len(self.chosen)
        return sum(n for area_id, n, *_rest in self.sums if self.area is None or area_id == self.area.pk)

    def areas(self) -> list[AreaParticipation]:
        """The areas' rates over the whole year (1 query for the areas, and the sums' query
        unless the year's numbers per corporation were read already, by an export)."""
        if "numbers" not in self.__dict__:
            return _area_rows([row for row in self.sums if row[0] is not None]) if self.sums else []
        sums: dict[int, list[int]] = {}
        for _pk, area_id, invited, attended in self.numbers:
            area_sums = sums.setdefault(area_id, [0, 0, 0])
            area_sums[0] += 1
            area_sums[1] += attended or 0
            area_sums[2] += invited
        return _area_rows([(area_id, *values) for area_id, values in sums.items()]) if sums else []

    def corporations(self):
        """The year's corporations (of the area chosen) in 五十音 order, as a queryset: a page of it
        walks the register's 五十音 index and asks each corporation's invitations and attendances
        of the year (by index) whether it belongs, up to the page; nothing is counted per row."""
        ids = [m.pk for m in self.meetings]
        marks = ", ".join(["%s"] * len(ids)) or "NULL"
        corporation = f"{table(Corporation)}.{connection.ops.quote_name('id')}"
        # One EXISTS over both tables (not two OR'ed): PostgreSQL then probes the two indexes by
        # corporation for each row walked, instead of hashing every record of the year first.
        belongs = RawSQL(
            f"EXISTS (SELECT 1 FROM {table(Invitation)} i WHERE i.corporation_id = {corporation}"
            f" AND i.meeting_id IN ({marks}) UNION ALL SELECT 1 FROM {table(Attendee)} a"
            f" WHERE a.corporation_id = {corporation} AND a.present = %s AND a.meeting_id IN ({marks}))",
            [*ids, True, *ids], output_field=BooleanField(),
        )
        corporations = Corporation.objects.filter(belongs)
        if self.area is not None:
            corporations = corporations.filter(home_area=self.area)
        return corporations.select_related("home_area").order_by("name_kana", "name", "pk")

    def page_rows(self, corporations: list[Corporation]) -> list[ParticipationRow]:
        """The rows of these corporations: their year's numbers and their marks in the meetings
        shown, from their own records (1 query: at most a record a corporation and meeting)."""
        if not corporations or not self.meetings:
            return []
        ids, meeting_ids = [c.pk for c in corporations], [m.pk for m in self.meetings]
        corporation_marks, meeting_marks = ", ".join(["%s"] * len(ids)), ", ".join(["%s"] * len(meeting_ids))
        marks = {(corporation_id, meeting_id): bool(came) for corporation_id, meeting_id, came in fetch(
            "SELECT corporation_id, meeting_id, MAX(came) FROM ("
            f" SELECT corporation_id, meeting_id, 0 AS came FROM {table(Invitation)}"
            f"  WHERE corporation_id IN ({corporation_marks}) AND meeting_id IN ({meeting_marks})"
            " UNION ALL"
            f" SELECT corporation_id, meeting_id, 1 AS came FROM {table(Attendee)}"
            f"  WHERE corporation_id IN ({corporation_marks}) AND meeting_id IN ({meeting_marks}) AND present = %s"
            ") recorded GROUP BY corporation_id, meeting_id",
            [*ids, *meeting_ids, *ids, *meeting_ids, True],
        )}
        invited, attended = {}, {}
        for (corporation_id, _meeting_id), came in marks.items():
            invited[corporation_id] = invited.get(corporation_id, 0) + 1
            attended[corporation_id] = attended.get(corporation_id, 0) + came
        return [
            _row(c, self.shown, marks, invited.get(c.pk, 0), attended.get(c.pk, 0)) for c in corporations
        ]

    def __getitem__(self, index: slice) -> list[ParticipationRow]:
        return self.page_rows(list(self.corporations()[index]))

    def __iter__(self) -> Iterator[ParticipationRow]:
        """Every row, for the exports and the year's report: one query over the year's records
        joined with their corporations in 五十音 order (a mark a corporation and meeting, never
        its attendees), read a chunk at a time: one query whatever the size of the register. The
        counts are over every held meeting of the year, the marks over the meetings shown.
        Without an area, the numbers it counted are kept for areas() (no second pass over the
        records)."""
        if not self.meetings:
            return
        records, params = pairs_sql(self.meetings)
        join, area_params = of_area(self.area)
        column = {meeting.pk: index for index, meeting in enumerate(self.shown)}
        areas = Area.objects.in_bulk()
        fields = ["id", "name", "name_kana", "home_area_id"]  # in the model's order (Model.from_db)
        numbers = []
        current = None
        # A plain cursor, not a server-side one: PostgreSQL plans a cursor for its first rows
        # (cursor_tuple_fraction), a plan four times slower here than the whole sorted join; the
        # driver holds the records (a few small columns each: 8 MB at 100×) and Python reads them
        # a chunk at a time.
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT c.id, c.name, c.name_kana, c.home_area_id, r.meeting_id, r.came FROM ({records}) r{join}"
                " ORDER BY c.name_kana, c.name, c.id",
                params + area_params,
            )
            while chunk := cursor.fetchmany(EXPORT_CHUNK_SIZE * 4):
                for corporation_id, name, name_kana, area_id, meeting_id, came in chunk:
                    if current is None or current[0] != corporation_id:
                        if current is not None:
                            yield _finished(current, areas, fields, numbers)
                        current = [corporation_id, name, name_kana, area_id, [None] * len(column), 0, 0]
                    if meeting_id in column:
                        current[4][column[meeting_id]] = bool(came)
                    current[5] += 1
                    current[6] += 1 if came else 0
        if current is not None:
            yield _finished(current, areas, fields, numbers)
        if self.area is None:
            self.__dict__["numbers"] = numbers  # the cached_property's value, as its query gives it


def _finished(current, areas, fields, numbers) -> ParticipationRow:
    corporation_id, name, name_kana, area_id, marks, invited, attended = current
    numbers.append((corporation_id, area_id, invited, attended))
    # Only the columns read here are loaded: any other field of the corporation is deferred
    # (read from the database if asked for), never a wrong default.
    corporation = Corporation.from_db(connection.alias, fields, (corporation_id, name, name_kana, area_id))
    corporation.home_area = areas[area_id]
    return ParticipationRow(corporation, marks, attended, _missed_in_a_row(marks), invited)


def _missed_in_a_row(marks) -> int:
    streak = 0
    for mark in reversed(marks):
        if mark is None:
            continue  # not invited: neither breaks nor lengthens a run of misses
        if mark:
            break
        streak += 1
    return streak


def _row(corporation, meetings, marks, invited: int, attended: int) -> ParticipationRow:
    row_marks = [marks.get((corporation.pk, m.pk)) for m in meetings]
    return ParticipationRow(corporation, row_marks, attended, _missed_in_a_row(row_marks), invited)


def matrix_page(fiscal_year: int, *, area: Area | None = None, page_number=None, columns_page=None,
                per_page: int = CORPORATIONS_PER_PAGE, meetings_per_page: int = MEETINGS_PER_PAGE) -> MatrixPage:
    """The participation page, in the same 6 queries whatever the size of the register and of
    the year: the meetings; the year's sums per area (the count and the areas' rates); the
    page's corporations; their records; the totals of the meetings shown; the areas."""
    meetings = held_meetings(fiscal_year)
    columns = Paginator(meetings, meetings_per_page).get_page(columns_page)
    shown = list(columns.object_list)
    year = YearCorporations(meetings, area, shown)
    page = Paginator(year, per_page).get_page(page_number)
    totals = meeting_totals(shown, area) if shown else []
    return MatrixPage(
        fiscal_year=fiscal_year, meetings=shown, totals=totals, page=page, areas=year.areas(),
        area=area, rows=list(page.object_list), all_meetings=meetings, columns=columns,
    )


# --- the whole year at once (the fiscal-year report) ----------------------------------------

def participation(fiscal_year: int, outreach_after_missed: int = OUTREACH_AFTER_MISSED) -> Participation:
    """The year's held meetings, every row of the matrix, the areas' rates and the outreach
    list, unpaged: (meetings, rows, areas, outreach). For reports of a whole year; pages use
    matrix_page() and outreach_list(). The rows are those of corporations invited to (or
    present at) the year's meetings only, and a row's mark is None for a meeting it was not
    invited to (show it as 案内なし, not ×); each meeting carries its totals in `.total`.
    7 queries, whatever the size of the year.
    """
    meetings = held_meetings(fiscal_year)
    for total in meeting_totals(meetings):
        total.meeting.total = total
    year = YearCorporations(meetings)
    rows = list(year)
    outreach = list(outreach_list(fiscal_year, outreach_after_missed))
    return Participation(meetings, rows, year.areas(), outreach)
