"""How many rows of each kind: the demo's, the issue's 100×, and what a factor adds."""

from __future__ import annotations

from dataclasses import dataclass, fields

from contributions.models import Project
from corporations.models import Corporation, Facility
from meetings.models import Attendee, Meeting
from needs.models import Need, Resource


@dataclass(frozen=True)
class Shape:
    corporations: int = 0
    facilities: int = 0
    meetings: int = 0
    attendees: int = 0
    projects: int = 0
    needs: int = 0
    resources: int = 0

    def scaled(self, by: float) -> Shape:
        return Shape(**{f.name: round(getattr(self, f.name) * by) for f in fields(self)})

    def minus(self, other: Shape) -> Shape:
        return Shape(**{f.name: max(0, getattr(self, f.name) - getattr(other, f.name)) for f in fields(self)})

    def plus(self, other: Shape) -> Shape:
        return Shape(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})


# The Nerima demo (portal/management/commands/load_demo.py), counted.
DEMO_SHAPE = Shape(corporations=63, facilities=130, meetings=4, attendees=96, projects=51, needs=7, resources=110)
# The issue named no needs or resources: 100 times the demo's, as for the register.
ISSUE_100X = Shape(
    corporations=21_000, facilities=100_000, meetings=750, attendees=1_000_000, projects=5_000, needs=700,
    resources=11_000,
)


def issue_shape(factor: float, base: Shape) -> Shape:
    """The rows to add to `base` (the demo, counted) for `load_scale --factor`: the demo at 1,
    the issue's 100× at 100, a straight line between."""
    share = max(0.0, (factor - 1) / 99)
    return base.plus(ISSUE_100X.minus(base).scaled(share)).minus(base)


def count_rows() -> Shape:
    return Shape(
        corporations=Corporation.objects.count(), facilities=Facility.objects.count(),
        meetings=Meeting.objects.count(), attendees=Attendee.objects.count(), projects=Project.objects.count(),
        needs=Need.objects.count(), resources=Resource.objects.count(),
    )

