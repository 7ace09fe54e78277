"""The per-area attendance report of one meeting."""

from dataclasses import dataclass, field

from corporations.models import Area

from ..models import Meeting


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

