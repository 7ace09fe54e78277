"""A meeting's minutes (議事録): its own text, decisions and follow-ups, next to the programme
notes, the attendance by area and the area groups' records."""

from dataclasses import dataclass

from ..models import Meeting, Minutes, MinutesDecision, MinutesFollowUp
from .attendance import area_groups
from .meetings import programme
from .reports import area_report


def get_minutes(meeting: Meeting) -> Minutes | None:
    """The meeting's minutes, or None before anyone wrote them (1 query)."""
    return Minutes.objects.filter(meeting=meeting).first()


def minutes_rows(minutes: Minutes | None) -> tuple[list[MinutesDecision], list[MinutesFollowUp]]:
    """Decisions and follow-ups in order (2 queries; none without minutes)."""
    if minutes is None:
        return [], []
    return list(minutes.decisions.all()), list(minutes.follow_ups.all())


@dataclass
class ProgrammeLine:
    """A programme item as the minutes print it: each name once."""

    item: object
    who: list[str]


def _who(item) -> list[str]:
    # The demo (and clerks) often type the facility's name as the speaker: print a name once only,
    # and the corporation only when neither the speaker nor the facility already names it.
    names = []
    for name in (item.speaker, item.facility.name if item.facility else "",
                 item.corporation.name if item.corporation else ""):
        if name and not any(name in shown for shown in names):
            names.append(name)
    return names


def minutes_context(meeting: Meeting) -> dict:
    """Everything the minutes print. Queries: programme (1), attendance by area (3), area groups
    (3: groups, people present, areas), the minutes (1), decisions (1), follow-ups (1)."""
    minutes = get_minutes(meeting)
    decisions, follow_ups = minutes_rows(minutes)
    return {
        "items": [ProgrammeLine(item=item, who=_who(item)) for item in programme(meeting)],
        "report": area_report(meeting),
        "groups": area_groups(meeting),
        "minutes": minutes,
        "decisions": decisions,
        "follow_ups": follow_ups,
    }
