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
    guests: list = field(default_factory=list)  # present Guest rows who sat in this area's group

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
    guests: list = field(default_factory=list)  # every guest present (no corporation), counted apart

    @property
    def guest_count(self) -> int:
        return len(self.guests)

    @property
    def guests_without_group(self) -> list:
        return [g for g in self.guests if g.area_id is None]

    @property
    def absent_count(self):
        return self.total_count - self.attended_count

    @property
    def attendance_rate(self) -> float:
        """出席率: corporations that came ÷ corporations invited (walk-in ones counted in both)."""
        return percentage(self.attended_count, self.total_count)


def area_report(meeting: Meeting) -> MeetingReport:
    """Per-area attendance: invited corporations (and uninvited walk-in ones) by home area,
    who came, who did not, and the people present; guests present (no corporation) apart,
    by the group they sat in. 4 queries: areas, invitations with corporations, present
    attendees with corporation/facility/area, present guests.

    Counts: a corporation attended when at least one of its people is ticked present
    (Attendee.present); guests are never counted as corporations, nor in 出席者 (people of
    corporations): they have their own count.
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
    guests = list(meeting.guests.filter(present=True).select_related("area"))
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
    for guest in guests:
        if guest.area_id is not None:
            areas[guest.area_id].guests.append(guest)
    shown = [r for r in areas.values() if r.invited or r.guests or r.area.is_active]
    return MeetingReport(
        meeting=meeting, areas=shown, attended_count=len(came), total_count=len(everyone),
        attendee_count=len(present), guests=guests,
    )

