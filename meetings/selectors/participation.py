"""Participation across a fiscal year's held meetings, and the outreach list (声かけ先)."""

from dataclasses import dataclass

from django.db.models import Q

from corporations.models import Area, Corporation

from ..models import Attendee, Meeting
from .meetings import meetings_queryset
from .reports import percentage

# The outreach list (声かけ先): corporations that missed this many held meetings in a row.
OUTREACH_AFTER_MISSED = 2


def needs_outreach(missed_in_a_row: int, *, after_missed: int = OUTREACH_AFTER_MISSED) -> bool:
    """A corporation to call on: it missed the last `after_missed` held meetings (or more)."""
    return bool(after_missed) and missed_in_a_row >= after_missed


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
