"""The outreach list (声かけ先): corporations to call because they keep missing the meetings
they are invited to, with whom to call (代表者, 電話番号) and since when they have not come.

A run of misses is read over held meetings across fiscal years (the first meeting of a year
is read with the last ones of the year before). A meeting a corporation was not invited to
is skipped: it neither counts as missed nor breaks the run. Counted in SQL; a page is one
query for the numbers and one for the corporations, whatever the size of the register.
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.utils import timezone

from core.wareki import fiscal_year_bounds
from corporations.models import Area, Corporation

from ..models import Attendee, Invitation, Meeting
from .records import fetch, table

# The outreach list (声かけ先): corporations that missed this many held meetings in a row.
OUTREACH_AFTER_MISSED = 2
EXPORT_CHUNK_SIZE = 500


def needs_outreach(missed_in_a_row: int, *, after_missed: int = OUTREACH_AFTER_MISSED) -> bool:
    """A corporation to call on: it missed the last `after_missed` held meetings (or more)."""
    return bool(after_missed) and missed_in_a_row >= after_missed


@dataclass
class OutreachRow:
    """A corporation to call on, with its run of misses and its last attendance."""

    corporation: Corporation
    missed_in_a_row: int
    last_attended_at: datetime.datetime | None = None


def outreach_cutoff(fiscal_year: int) -> datetime.datetime:
    """The end of the fiscal year: a year's outreach list reads the meetings held up to it."""
    last_day = fiscal_year_bounds(fiscal_year)[1]
    return timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time()))


class OutreachList:
    """Active corporations that missed the last `after_missed` held meetings they were invited
    to, up to the end of `fiscal_year`, in 五十音 order. Only corporations invited to one of
    the last `after_missed` meetings held overall are listed: one no longer invited drops off.

    A Paginator takes it as its object list (count() and slices); iterating it reads every row
    a chunk at a time (the exports).
    """

    def __init__(self, fiscal_year: int, after_missed: int = OUTREACH_AFTER_MISSED, area: Area | None = None):
        self.fiscal_year, self.area = fiscal_year, area
        self.after_missed = max(int(after_missed or 0), 1)

    def _sql(self, extra_column: str = "") -> tuple[str, list]:
        held = f"SELECT id, starts_at, number FROM {table(Meeting)} WHERE status = %s AND starts_at < %s"
        cutoff = connection.ops.adapt_datetimefield_value(outreach_cutoff(self.fiscal_year))
        area = " AND c.home_area_id = %s" if self.area is not None else ""
        # Candidates: active corporations (of the area) invited to one of the last N meetings
        # held and present at none of them (one that came to one of them missed fewer than N
        # since). Then, for each candidate only, by index: its latest meeting with someone
        # present (last), and its invitations to held meetings after that one (all of them if
        # it never came), each a meeting missed in a row. Nothing reads the whole history of
        # the register: the work grows with the last N meetings' invitations.
        sql = (
            f"WITH held AS ({held}),"
            " recent AS (SELECT id FROM held ORDER BY starts_at DESC, number DESC LIMIT %s),"
            " candidate AS (SELECT DISTINCT i.corporation_id"
            f"  FROM {table(Invitation)} i JOIN {table(Corporation)} c ON c.id = i.corporation_id"
            f"  WHERE i.meeting_id IN (SELECT id FROM recent) AND c.is_active = %s{area}"
            f"  AND NOT EXISTS (SELECT 1 FROM {table(Attendee)} a WHERE a.corporation_id = i.corporation_id"
            "   AND a.present = %s AND a.meeting_id IN (SELECT id FROM recent))),"
            " last AS (SELECT k.corporation_id, MAX(h.starts_at) AS last_at FROM candidate k"
            f"  JOIN {table(Attendee)} a ON a.corporation_id = k.corporation_id AND a.present = %s"
            "  JOIN held h ON h.id = a.meeting_id GROUP BY k.corporation_id),"
            " missed AS (SELECT k.corporation_id, COUNT(*) AS n FROM candidate k"
            f"  JOIN {table(Invitation)} i ON i.corporation_id = k.corporation_id"
            "  JOIN held h ON h.id = i.meeting_id LEFT JOIN last l ON l.corporation_id = k.corporation_id"
            "  WHERE l.last_at IS NULL OR h.starts_at > l.last_at GROUP BY k.corporation_id)"
            f" SELECT c.id, m.n, l.last_at{extra_column}"
            f" FROM missed m JOIN {table(Corporation)} c ON c.id = m.corporation_id"
            " LEFT JOIN last l ON l.corporation_id = m.corporation_id"
            " WHERE m.n >= %s"
        )
        params = [Meeting.Status.HELD.value, cutoff, self.after_missed, True]
        if self.area is not None:
            params.append(self.area.pk)
        params += [True, True, self.after_missed]
        return sql, params

    @cached_property
    def listed(self) -> list[tuple]:
        """Every row's numbers, read once (1 query) for the count and the page: a few numbers a
        corporation to call, never more than the last N meetings invited."""
        return self.numbers()

    def count(self) -> int:
        return len(self.listed)

    def numbers(self, offset: int = 0, limit: int | None = None) -> list[tuple]:
        """(corporation id, missed in a row, last attended at), in 五十音 order."""
        sql, params = self._sql()
        sql += " ORDER BY c.name_kana, c.name, c.id"
        if limit is not None:
            sql += " LIMIT %s OFFSET %s"
            params = params + [limit, offset]
        return fetch(sql, params)

    def preview(self, limit: int) -> tuple[int, list[OutreachRow]]:
        """How many there are and the first `limit`, in one query (and one for their corporations)."""
        # The window is counted before LIMIT: every row of the list, not the `limit` shown.
        sql, params = self._sql(", COUNT(*) OVER ()")
        found = fetch(f"{sql} ORDER BY c.name_kana, c.name, c.id LIMIT %s", params + [limit])
        return (found[0][-1] if found else 0), self.rows([row[:-1] for row in found])

    @staticmethod
    def rows(numbers: list[tuple]) -> list[OutreachRow]:
        corporations = Corporation.objects.select_related("home_area").in_bulk([pk for pk, *_rest in numbers])
        return [OutreachRow(corporations[pk], missed, _aware(last)) for pk, missed, last in numbers]

    def __getitem__(self, index: slice) -> list[OutreachRow]:
        return self.rows(self.listed[index])

    def __iter__(self) -> Iterator[OutreachRow]:
        numbers = self.listed
        for start in range(0, len(numbers), EXPORT_CHUNK_SIZE):
            yield from self.rows(numbers[start:start + EXPORT_CHUNK_SIZE])


def _aware(value):
    """A MAX() over a timestamp comes back as text on SQLite; a datetime on PostgreSQL."""
    if value is None or isinstance(value, datetime.datetime):
        return value
    parsed = datetime.datetime.fromisoformat(str(value))
    return parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed, datetime.UTC)


def outreach_list(fiscal_year: int, after_missed: int = OUTREACH_AFTER_MISSED,
                  area: Area | None = None) -> OutreachList:
    return OutreachList(fiscal_year, after_missed, area)


def outreach_rows(rows) -> list[OutreachRow]:
    """The rows of an outreach list (or of a slice of one) as a list."""
    return list(rows)
