"""A fiscal year's held meetings for the year's report (事業報告), and the meetings each
corporation's people attended (each corporation's yearly sheet).

A fixed number of queries whatever the number of meetings, corporations or attendees: the
counts are made in SQL from the year's records (records.py: the one definition of invited
and attended, shared with the participation matrix and the list of meetings).
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count

from corporations.models import Area

from ..models import Attendee, Meeting, ProgramItem
from .records import counts_by_meeting_and_area, present_guests
from .reports import percentage


@dataclass
class AreaCount:
    area: Area
    invited: int = 0  # corporations of the area invited (or come uninvited)
    attended: int = 0  # corporations of the area with someone present
    people: int = 0  # people present for the area's corporations

    @property
    def rate(self) -> float:
        return percentage(self.attended, self.invited)


@dataclass
class YearMeeting:
    """One held meeting as the year's report prints it."""

    meeting: Meeting
    programme: list = field(default_factory=list)  # titles, in order
    invited: int = 0  # invited corporations and uninvited ones that came (walk-ins)
    attended: int = 0  # corporations with someone present
    people: int = 0  # people present for a corporation
    # Guests (来賓・関係者: people present who belong to no corporation, meetings.Guest) are
    # counted apart and never in the corporations' figures.
    guests: int = 0
    areas: list = field(default_factory=list)  # AreaCount per area, in the areas' order

    @property
    def rate(self) -> float:
        """出席率: corporations that came ÷ corporations invited (walk-in ones counted in both)."""
        return percentage(self.attended, self.invited)


def held_meetings_of_year(fiscal_year: int):
    return (
        Meeting.objects.select_related("series")
        .filter(series__fiscal_year=fiscal_year, status=Meeting.Status.HELD)
        .order_by("starts_at", "number")
    )


def year_meetings(fiscal_year: int, meetings: list[Meeting] | None = None) -> list[YearMeeting]:
    """The held meetings of a fiscal year with their programme titles and counts, overall and
    per area (of the corporation's home area), counted from the year's records as the
    participation matrix counts them (records.py). 4 queries: areas, programme titles, counts
    per meeting and area, present guests per meeting; one more for the meetings unless given
    (held_meetings_of_year's, in its order).
    """
    areas = list(Area.objects.order_by("sort_order", "name"))
    meetings = list(held_meetings_of_year(fiscal_year)) if meetings is None else meetings
    if not meetings:
        return []
    ids = [m.pk for m in meetings]
    titles = defaultdict(list)
    items = ProgramItem.objects.filter(meeting_id__in=ids).order_by("meeting_id", "order")
    for meeting_id, title in items.values_list("meeting_id", "title"):
        titles[meeting_id].append(title)
    counted = defaultdict(dict)  # meeting → area → (invited, attended, people)
    for meeting_id, area_id, invited, attended, people in counts_by_meeting_and_area(meetings):
        counted[meeting_id][area_id] = (invited, attended, people)
    guests = dict(
        present_guests(meeting_id__in=ids).order_by().values("meeting_id").annotate(n=Count("pk"))
        .values_list("meeting_id", "n")
    )
    result = []
    for meeting in meetings:
        per_area = [AreaCount(area, *counted[meeting.pk].get(area.pk, (0, 0, 0))) for area in areas]
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
