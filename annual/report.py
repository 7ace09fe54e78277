"""The fiscal year's report (事業報告): meetings, participation, projects, needs, reviews and
the council's narrative, read through each app's selectors.

Every section is built from a fixed number of reads, so the report's query count does not grow
with the register (tests/annual/test_report.py counts them at 1× and 10×). Built for the page
(`shown`), no section reads more rows than it shows: the participation's and the projects'
figures are counted in SQL, and only the first rows of each list are read as objects, so that
the first request after a write (annual/open_year.py) costs about the same Python at 100× the
data as at 1× (benchmarks/annual.md).
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from contributions import report as project_report
from contributions.models import NetworkPattern, Theme
from contributions.selectors import (
    overdue_as_of,
    project_fiscal_years,
    projects_of_year,
    report_counts,
    reviews_of_year,
    year_project_counts,
    year_report_rows,
)
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
    # Every project of each list, also when only the first few were read (the page: build(shown=…)).
    projects_total: int = 0
    joint_total: int = 0


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


def _project_section(fiscal_year, first, last, areas, patterns, *, published_only, shown=None) -> ProjectSection:
    """The year's projects: every figure counted in SQL over all of them (year_project_counts,
    report_counts), and as instances the projects the section lists: every one for the exports, or
    with `shown` (the page) the first `shown` of the list and of the joint projects only, so that a
    year of thousands of projects builds no instance for each (the page's cold request at 100×,
    benchmarks/annual.md)."""
    selected = projects_of_year(fiscal_year, published_only=published_only, details=False)
    counts = year_project_counts(selected, first, last)
    rows, column_totals, total = report_counts(selected, areas, patterns)
    crosstab = project_report.Report(patterns=list(patterns), areas=list(areas), rows=rows,
                                     column_totals=column_totals, total=total)
    # Most corporations first, then by title; ties keep the list's order (a stable sort, as before).
    joint_rows = sorted(counts["joint"], key=lambda row: (-row[2], row[1]))
    if shown is None:
        projects = list(selected)
        loaded = {project.pk: project for project in projects}
    else:
        first_ids = list(selected.prefetch_related(None).select_related(None).values_list("pk", flat=True)[:shown])
        wanted = {*first_ids, *(pk for pk, _title, _partners in joint_rows[:shown])}
        loaded = {project.pk: project for project in year_report_rows(selected.filter(pk__in=wanted))}
        projects = [loaded[pk] for pk in first_ids if pk in loaded]  # (one deleted in between: left out)
    project_report.label_projects(loaded.values(), patterns)
    labels = phase_labels()
    for project in loaded.values():
        project.phase = project_phase(project, first, last)
        project.phase_label = labels[project.phase]
        project.corporation_count = 1 + len(project.partners_list)
        if shown is None:  # the exports' column (the page prints no themes per project)
            project.theme_names = "、".join(theme.name for theme in project.themes.all())
    joint = [loaded[pk] for pk, _title, _partners in (joint_rows if shown is None else joint_rows[:shown])
             if pk in loaded]
    themes = counts["themes"]
    theme_rows = [(theme.name, themes[theme.pk]) for theme in Theme.objects.all() if themes.get(theme.pk)]
    continuing = counts["total"] - counts["new"] - counts["ended"]
    return ProjectSection(
        published_only=published_only, crosstab=crosstab, projects=projects,
        phases=[(labels[NEW], counts["new"]), (labels[CONTINUING], continuing), (labels[ENDED], counts["ended"])],
        themes=theme_rows, joint=joint,
        joint_sizes=sorted(Counter(1 + partners for _pk, _title, partners in joint_rows).items()),
        without_theme=counts["without_theme"], projects_total=counts["total"], joint_total=len(joint_rows),
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
        takers.update({link.project.owner_id: link.project.owner for link in need.answering_links})
        answered = bool(takers)
        is_open = need.status in OPEN_STATUSES
        section.answered += answered
        section.open += is_open
        for corporation_id, corporation in takers.items():
            taken[corporation_id] += 1
            corporations[corporation_id] = corporation
        tallies = [by_area[a.pk] for a in need.area_list if a.pk in by_area] or [ward]
        themes = need.theme_list
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
    projects = _project_section(fiscal_year, first, last, areas, patterns, published_only=published_only, shown=shown)
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
