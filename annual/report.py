"""The fiscal year's report (事業報告): meetings, participation, projects, needs, reviews and
the council's narrative, read through each app's selectors.

Every section is built in Python from a fixed number of reads, so the report's query count
does not grow with the register (tests/annual/test_report.py counts them at 1× and 10×).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from contributions import report as project_report
from contributions.models import NetworkPattern, Theme
from contributions.selectors import overdue_as_of, project_fiscal_years, projects_of_year, reviews_of_year
from core.wareki import fiscal_year_bounds, format_fiscal_year
from corporations.models import Area
from meetings.selectors.annual import fiscal_years_held, year_meetings, year_participation
from needs.models import OPEN_STATUSES
from needs.selectors import need_fiscal_years, needs_of_year

from . import charts
from .models import YearNarrative

NEW, CONTINUING, ENDED = "new", "continuing", "ended"


def phase_labels() -> dict:
    return {NEW: _("新規"), CONTINUING: _("継続"), ENDED: _("終了")}


def report_years() -> list[int]:
    """The fiscal years that have data (meetings held, projects, needs), newest first (3 queries)."""
    return sorted(set(fiscal_years_held()) | set(project_fiscal_years()) | set(need_fiscal_years()), reverse=True)


def project_phase(project, first: datetime.date, last: datetime.date) -> str:
    """新規 when it started in the year (a project without a start date starts when registered),
    終了 when it started earlier and ended in the year, otherwise 継続."""
    start = project.period_start or timezone.localdate(project.created_at)
    if start >= first:
        return NEW
    if project.period_end and project.period_end <= last:
        return ENDED
    return CONTINUING


@dataclass
class Tally:
    label: str
    received: int = 0
    answered: int = 0
    open: int = 0


@dataclass
class ProjectSection:
    published_only: bool
    crosstab: project_report.Report
    projects: list
    phases: list  # [(label, count)]
    themes: list  # [(theme name, count)]
    joint: list  # projects with partners, most corporations first
    joint_sizes: list  # [(corporations working together, projects)]
    without_theme: int = 0


@dataclass
class NeedSection:
    received: int = 0
    answered: int = 0
    open: int = 0
    by_area: list = field(default_factory=list)  # [Tally]
    by_theme: list = field(default_factory=list)
    corporations: list = field(default_factory=list)  # [(corporation, needs taken on)]


@dataclass
class ReviewRow:
    pattern: object
    reviews: int = 0
    projects: int = 0
    overdue: int = 0


@dataclass
class ReviewSection:
    as_of: datetime.date
    rows: list
    overdue: list
    total_reviews: int = 0
    total_projects: int = 0


# Per-meeting marks (○ ×) per corporation when a year has at most this many held meetings (one a
# month); past it, a corporation's row shows its count and rate only, so that the table stays a
# table and not a grid of thousands of marks.
MARKS_UP_TO = 12


@dataclass
class ParticipationSection:
    meetings: list
    rows: list
    areas: list
    outreach: list
    never_came: list
    # Every row of each list, also when only the first few were read (the page: build(shown=…)).
    rows_total: int = 0
    never_came_total: int = 0
    outreach_total: int = 0

    @property
    def show_marks(self) -> bool:
        return len(self.meetings) <= MARKS_UP_TO


@dataclass
class ReportYear:
    """The 年度 a report covers (first and last day) and its label; a built and a stored report alike."""

    fiscal_year: int
    first: datetime.date
    last: datetime.date

    @property
    def label(self) -> str:
        return format_fiscal_year(self.fiscal_year)


@dataclass
class YearReport(ReportYear):
    meetings: list
    participation: ParticipationSection
    projects: ProjectSection
    needs: NeedSection
    reviews: ReviewSection
    narrative: YearNarrative
    charts: dict


def _project_section(fiscal_year, first, last, areas, patterns, *, published_only) -> ProjectSection:
    projects = list(projects_of_year(fiscal_year, published_only=published_only, details=False))
    crosstab = project_report.build(projects, areas, patterns)
    labels = phase_labels()
    phases = Counter()
    themes = Counter()
    without_theme = 0
    for project in projects:
        project.phase = project_phase(project, first, last)
        project.phase_label = labels[project.phase]
        phases[project.phase] += 1
        project_themes = list(project.themes.all())
        project.theme_names = "、".join(theme.name for theme in project_themes)
        project.corporation_count = 1 + len(project.partners.all())
        if not project_themes:
            without_theme += 1
        for theme in project_themes:
            themes[theme.pk] += 1
    theme_rows = [(theme.name, themes[theme.pk]) for theme in Theme.objects.all() if themes[theme.pk]]
    joint = sorted((p for p in projects if p.corporation_count > 1), key=lambda p: (-p.corporation_count, p.title))
    sizes = Counter(p.corporation_count for p in joint)
    return ProjectSection(
        published_only=published_only, crosstab=crosstab, projects=projects,
        phases=[(labels[key], phases[key]) for key in (NEW, CONTINUING, ENDED)],
        themes=theme_rows, joint=joint, joint_sizes=sorted(sizes.items()), without_theme=without_theme,
    )


def _need_section(fiscal_year, areas) -> NeedSection:
    needs = list(needs_of_year(fiscal_year))
    section = NeedSection(received=len(needs))
    ward = Tally(label=_("区全域"))
    by_area = {area.pk: Tally(label=area.name) for area in areas}
    by_theme: dict = {}
    no_theme = Tally(label=_("テーマなし"))
    taken = Counter()
    corporations = {}
    for need in needs:
        takers = {offer.corporation_id: offer.corporation for offer in need.taken_offers}
        takers.update({link.project.owner_id: link.project.owner for link in need.project_links.all()})
        answered = bool(takers)
        is_open = need.status in OPEN_STATUSES
        section.answered += answered
        section.open += is_open
        for corporation_id, corporation in takers.items():
            taken[corporation_id] += 1
            corporations[corporation_id] = corporation
        tallies = [by_area[a.pk] for a in need.areas.all() if a.pk in by_area] or [ward]
        themes = list(need.themes.all())
        tallies += [by_theme.setdefault(t.pk, Tally(label=t.name)) for t in themes] or [no_theme]
        for tally in tallies:
            tally.received += 1
            tally.answered += answered
            tally.open += is_open
    section.by_area = [*by_area.values(), *([ward] if ward.received else [])]
    section.by_theme = sorted(by_theme.values(), key=lambda t: (-t.received, t.label)) + (
        [no_theme] if no_theme.received else []
    )
    section.corporations = sorted(
        ((corporations[pk], count) for pk, count in taken.items()),
        key=lambda pair: (-pair[1], pair[0].name_kana, pair[0].name),
    )
    return section


def _review_section(fiscal_year, last, patterns) -> ReviewSection:
    as_of = min(last, timezone.localdate())
    rows = {pattern.pk: ReviewRow(pattern=pattern) for pattern in patterns}
    reviewed = reviews_of_year(fiscal_year)
    projects_per_pattern: dict = {}
    for project_id, pattern_id in reviewed:
        row = rows.get(pattern_id)
        if row is not None:
            row.reviews += 1
            projects_per_pattern.setdefault(pattern_id, set()).add(project_id)
    for pattern_id, ids in projects_per_pattern.items():
        rows[pattern_id].projects = len(ids)
    overdue = list(overdue_as_of(as_of))
    for project in overdue:
        if project.pattern_id in rows:
            rows[project.pattern_id].overdue += 1
    return ReviewSection(
        as_of=as_of, rows=list(rows.values()), overdue=overdue, total_reviews=len(reviewed),
        total_projects=len({project_id for project_id, _pattern in reviewed}),
    )


def narrative_of(fiscal_year: int) -> YearNarrative:
    """The year's narrative, or an unsaved empty one (1 query)."""
    return YearNarrative.objects.filter(fiscal_year=fiscal_year).first() or YearNarrative(fiscal_year=fiscal_year)


def build(fiscal_year: int, *, published_only: bool = True, shown: int | None = None) -> YearReport:
    """The whole report of a fiscal year. About 30 queries whatever the size of the register
    (listed in tests/annual/test_report.py). With `shown` (the page), the participation's lists
    (corporations, those that never came, the outreach list) hold their first `shown` rows only
    and their totals; the exports read every row."""
    first, last = fiscal_year_bounds(fiscal_year)
    areas = list(Area.objects.order_by("sort_order", "name"))
    patterns = list(NetworkPattern.objects.order_by("number"))
    year = year_participation(fiscal_year, areas, marks_up_to=MARKS_UP_TO, shown=shown)
    held, rows, area_rows, outreach = year.participation
    meetings = year_meetings(fiscal_year, held, areas, year.counts)
    participation_section = ParticipationSection(
        meetings=held, rows=rows, areas=area_rows, outreach=outreach, never_came=year.never_came,
        rows_total=year.counts.total, never_came_total=year.counts.never_came, outreach_total=year.outreach_total,
    )
    projects = _project_section(fiscal_year, first, last, areas, patterns, published_only=published_only)
    report = YearReport(
        fiscal_year=fiscal_year, first=first, last=last, meetings=meetings, participation=participation_section,
        projects=projects, needs=_need_section(fiscal_year, areas),
        reviews=_review_section(fiscal_year, last, patterns),
        narrative=narrative_of(fiscal_year), charts={},
    )
    report.charts = {
        "attendance": charts.attendance_chart(meetings),
        "patterns": charts.pattern_area_chart(projects.crosstab),
    }
    return report
