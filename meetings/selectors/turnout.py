"""The rows and totals that participation is counted into: a corporation's row of the matrix,
an area's sums, a meeting's turnout, one page of the matrix (meetings/selectors/participation.py
counts them; the year's report, meetings/selectors/annual.py, reads them too)."""

from dataclasses import dataclass, field
from typing import NamedTuple

from corporations.models import Area, Corporation

from ..models import Meeting
from .reports import percentage


@dataclass
class ParticipationRow:
    corporation: Corporation
    marks: list  # per meeting shown: True (○ came), False (× invited, did not come), None (－ not invited)
    attended: int  # held meetings of the year it came to
    missed_in_a_row: int  # meetings shown it was invited to and missed, at the end, newest first
    invited: int | None = None  # held meetings of the year it was invited to (or came to)

    def __post_init__(self):
        if self.invited is None:
            self.invited = sum(1 for mark in self.marks if mark is not None)

    @property
    def participation_rate(self) -> float:
        """参加率: held meetings this corporation came to ÷ held meetings it was invited to."""
        return percentage(self.attended, self.invited)


@dataclass
class AreaParticipation:
    area: Area
    corporations: int  # corporations of the area invited to at least one held meeting of the year
    attendances: int  # 延べ出席: (corporation, held meeting) pairs with someone present
    possible: int  # 延べ案内: (corporation, held meeting) pairs invited (walk-ins included)

    @property
    def participation_rate(self) -> float:
        """参加率: attendances ÷ invitations of the area's corporations to held meetings."""
        return percentage(self.attendances, self.possible)


@dataclass
class Turnout:
    """Corporations invited to a meeting (walk-ins included) and those that came, and the rate
    between them: a meeting's total row in the matrix, a meeting and its areas in the year's report."""

    invited: int = 0
    attended: int = 0

    @property
    def absent(self) -> int:
        return self.invited - self.attended

    @property
    def rate(self) -> float:
        """出席率: corporations that came ÷ corporations invited."""
        return percentage(self.attended, self.invited)

    attendance_rate = rate


@dataclass(kw_only=True)
class MeetingTotal(Turnout):
    """The matrix's total row for one meeting."""

    meeting: Meeting


class Participation(NamedTuple):
    """What participation() returns; unpacks as (meetings, rows, areas, outreach)."""

    meetings: list
    rows: list
    areas: list
    outreach: list


@dataclass
class MatrixPage:
    """One page of the matrix: a page of corporations × a page of the year's meetings."""

    fiscal_year: int
    meetings: list  # the meetings shown (columns)
    totals: list  # MeetingTotal per meeting shown, of the area chosen (or all)
    page: object  # a Page of ParticipationRow
    areas: list  # AreaParticipation of the whole year (every area)
    area: Area | None = None
    rows: list = field(default_factory=list)
    all_meetings: list = field(default_factory=list)  # every held meeting of the year
    columns: object = None  # a Page of the year's meetings
