"""The board (波及効果 × 実現可能性), the overdue reviews and the project report with their exports.

The board and the report are limited the same way: a 年度 (projects whose period touches it),
an area, a pattern, and published projects only unless staff ask for every state
(`?projects=all`). The exports take the same limits and stream the whole set they select.
"""
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.policies import allowed_if
from core.exports import XlsxBook, ascii_filename, csv_response
from core.fragments import generation_first
from core.ids import parse_id
from core.wareki import fiscal_year_bounds, format_fiscal_year
from corporations.models import Area

from .. import board as board_layout
from .. import report as project_report
from ..models import NetworkPattern, PublicationState
from ..policies import (
    can_moderate,
    can_see_board,
    can_see_overdue,
    can_see_report,
)
from ..selectors import (
    FIRST_REVIEW_DAYS,
    active_in_period_q,
    board_columns,
    board_projects,
    board_ranking,
    overdue_projects,
    project_fiscal_years,
    report_counts,
    report_page_columns,
    report_projects_filtered,
)
from .common import render_page

# A page of the board (dots and ranked rows) and of the report's lists: one 年度 of a large
# ward holds hundreds of projects; the exports hold every one of them.
BOARD_PAGE_SIZE = 50
REPORT_PAGE_SIZE = 50


@dataclass
class Limits:
    """What a board or report page is limited to, read from the query string; odd values are ignored."""

    years: list
    areas: list
    patterns: list
    fiscal_year: int | None = None
    area: Area | None = None
    pattern: NetworkPattern | None = None
    published_only: bool = True
    may_include_unpublished: bool = False

    @property
    def query(self) -> str:
        """The same limits for the export links ("" when none)."""
        return self._query(with_year=True)

    @property
    def page_query(self) -> str:
        """The same limits for the links to the other pages (without the "?")."""
        return self._query(with_year=True).lstrip("?")

    @property
    def every_year_query(self) -> str:
        """The same limits but every 年度: the whole set, which only the exports hold."""
        return self._query(with_year=False)

    def _query(self, *, with_year: bool) -> str:
        params = {}
        if self.fiscal_year and with_year:
            params["year"] = self.fiscal_year
        if self.area:
            params["area"] = self.area.pk
        if self.pattern:
            params["pattern"] = self.pattern.pk
        if not self.published_only:
            params["projects"] = "all"
        return "?" + urlencode(params) if params else ""

    @property
    def year_label(self) -> str:
        return format_fiscal_year(self.fiscal_year) if self.fiscal_year else ""


def _limits(request, *, active_areas_only: bool = False, page: bool = True) -> Limits:
    """Three queries: the projects' fiscal years, the areas, the patterns.

    A page always shows one 年度 (the newest with projects unless ?year= names another), so it
    never grows with every project ever registered; an export without ?year= holds them all.
    """
    areas = Area.objects.order_by("sort_order", "name")
    if active_areas_only:
        areas = areas.filter(is_active=True)
    limits = Limits(
        years=project_fiscal_years(), areas=list(areas), patterns=list(NetworkPattern.objects.order_by("number")),
        may_include_unpublished=can_moderate(request.user),
    )
    year = parse_id(request.GET.get("year"))
    limits.fiscal_year = year if year in limits.years else None
    if page and limits.fiscal_year is None and limits.years:
        limits.fiscal_year = limits.years[0]
    area_id, pattern_id = parse_id(request.GET.get("area")), parse_id(request.GET.get("pattern"))
    limits.area = next((a for a in limits.areas if a.pk == area_id), None)
    limits.pattern = next((p for p in limits.patterns if p.pk == pattern_id), None)
    limits.published_only = not (request.GET.get("projects") == "all" and limits.may_include_unpublished)
    return limits


def _board_page(request) -> dict:
    """What the board shows (five queries: the limits' three, the ranking's count and page)."""
    limits = _limits(request, active_areas_only=True)
    projects = board_projects(request.user, limits.area)
    if limits.fiscal_year:
        projects = projects.filter(active_in_period_q(*fiscal_year_bounds(limits.fiscal_year)))
    if limits.pattern:
        projects = projects.filter(pattern=limits.pattern)
    if limits.may_include_unpublished and limits.published_only:
        projects = projects.filter(publication_state=PublicationState.PUBLISHED)
    # A page of the ranking: its dots and its rows, numbered by their place in the whole ranking.
    page = Paginator(board_ranking(board_columns(projects)), BOARD_PAGE_SIZE).get_page(request.GET.get("page"))
    ranking = list(page.object_list)
    board_layout.describe(ranking, start=page.start_index())
    dots = board_layout.layout(ranking, {p.pk: p.board_rank for p in ranking})
    return {
        "dots": dots,
        "dots_markup": board_layout.dots_markup(dots),
        "ranking": ranking,
        "ranking_rows": board_layout.ranking_rows(ranking),
        "page": page,
        "axes": board_layout.axes(),
        "legend": board_layout.legend(limits.patterns),
        "area": limits.area,
        "limits": limits,
    }


@generation_first  # reads what its cached fragment shows (core/fragments.py)
@require_GET
@allowed_if(can_see_board)
def board(request):
    """Staff see every corporation's projects, published ones unless they ask for all; a member
    its own and joint projects, in every state (its working board).

    ?area=<id> limits the board to the projects of one active area (for the area groups), ?year=
    to a 年度, ?pattern= to a pattern; a value that names none of them is ignored. The page is
    read when the template renders it: not at all when its fragment is cached.
    """
    return render_page(request, "contributions/board.html", {"board": SimpleLazyObject(lambda: _board_page(request))})


@require_GET
@allowed_if(can_see_overdue)
def overdue(request):
    return render_page(request, "contributions/overdue.html", {
        "projects": overdue_projects(), "first_review_days": FIRST_REVIEW_DAYS, "today": timezone.localdate(),
    })


def overdue_header():
    return [_("事業名"), _("実施法人"), _("ネットワークのパターン"), _("実施状況"), _("最終振り返り日"),
            _("次回振り返り予定日")]


def overdue_rows(projects):
    statuses = None
    for p in projects:
        if statuses is None:
            statuses = dict(p._meta.get_field("status").flatchoices)
        yield [p.title, p.owner.name, str(p.pattern), str(statuses.get(p.status, p.status)), p.last_reviewed_on,
               p.next_review_on]


def _overdue_names(extension):
    day = timezone.localdate().strftime("%Y%m%d")
    japanese = _("振り返りの期限切れ_%(date)s.%(ext)s") % {"date": day, "ext": extension}
    return japanese, ascii_filename(f"overdue-reviews-{day}", extension)


@require_GET
@allowed_if(can_see_overdue)
def overdue_csv(request):
    filename, fallback = _overdue_names("csv")
    rows = overdue_rows(overdue_projects().iterator(chunk_size=EXPORT_CHUNK_SIZE))
    return csv_response(filename, overdue_header(), rows, ascii_name=fallback)


@require_GET
@allowed_if(can_see_overdue)
def overdue_xlsx(request):
    filename, fallback = _overdue_names("xlsx")
    book = XlsxBook()
    caption = _("振り返りの期限切れ（%(day)s 現在）") % {"day": timezone.localdate().isoformat()}
    book.add_sheet(_("振り返りの期限切れ"), overdue_header(),
                   overdue_rows(overdue_projects().iterator(chunk_size=EXPORT_CHUNK_SIZE)),
                   caption=caption, widths=[30, 26, 22, 10, 16, 18])
    return book.response(filename, ascii_name=fallback)


def _selected(limits: Limits):
    return report_projects_filtered(
        fiscal_year=limits.fiscal_year, published_only=limits.published_only, area=limits.area,
        pattern=limits.pattern,
    )


def _report(limits: Limits):
    return project_report.build(_selected(limits), limits.areas, limits.patterns)


def _export_names(extension, limits: Limits):
    """社会貢献事業報告_20261127.csv (with the 年度 when limited to one), and an ASCII fallback."""
    day = timezone.localdate().strftime("%Y%m%d")
    if limits.fiscal_year:
        japanese = _("社会貢献事業報告_%(year)s_%(date)s.%(ext)s") % {
            "year": limits.year_label, "date": day, "ext": extension,
        }
        return japanese, ascii_filename(f"contribution-report-fy{limits.fiscal_year}-{day}", extension)
    japanese = _("社会貢献事業報告_%(date)s.%(ext)s") % {"date": day, "ext": extension}
    return japanese, ascii_filename(f"contribution-report-{day}", extension)


def _caption(limits: Limits) -> str:
    parts = [_("社会貢献事業報告")]
    if limits.fiscal_year:
        parts.append(limits.year_label)
    if limits.area:
        parts.append(limits.area.name)
    if limits.pattern:
        parts.append(str(limits.pattern))
    parts.append(_("公開中のみ") if limits.published_only else _("すべての公開状態"))
    return "　".join(parts)


EXPORT_CHUNK_SIZE = 500


def _report_page(request) -> dict:
    """The pattern × area table over every selected project (counted in SQL), and the lists per
    area and per pattern of one page of them (in pattern order): eight queries."""
    limits = _limits(request)
    selected = _selected(limits)
    rows, column_totals, total = report_counts(selected, limits.areas, limits.patterns)
    paginator = Paginator(report_page_columns(selected), REPORT_PAGE_SIZE)
    paginator.count = total  # counted already, with the table
    page = paginator.get_page(request.GET.get("page"))
    result = project_report.build(page.object_list, limits.areas, limits.patterns)
    result.rows, result.column_totals, result.total = rows, column_totals, total
    by_area, by_pattern = project_report.page_tables(result)
    return {"report": result, "by_area": by_area, "by_pattern": by_pattern, "page": page, "limits": limits,
            "caption": _caption(limits)}


@generation_first  # reads what its cached fragment shows (core/fragments.py)
@require_GET
@allowed_if(can_see_report)
def report(request):
    """The report of the chosen 年度, area and pattern; read when the template renders it: not at
    all when its fragment is cached."""
    return render_page(request, "contributions/report.html", {
        "report_page": SimpleLazyObject(lambda: _report_page(request)), "today": timezone.localdate(),
    })


@require_GET
@allowed_if(can_see_report)
def report_csv(request):
    # Streamed: projects are read a chunk at a time (their areas and partners per chunk).
    limits = _limits(request, page=False)
    rows = project_report.export_rows(_selected(limits).iterator(chunk_size=EXPORT_CHUNK_SIZE))
    filename, fallback = _export_names("csv", limits)
    return csv_response(filename, project_report.export_header(), rows, ascii_name=fallback)


@require_GET
@allowed_if(can_see_report)
def report_xlsx(request):
    # The crosstab needs every project before its first row: the report is built as for the
    # page, and the book is still written row by row (write-only).
    limits = _limits(request, page=False)
    result = _report(limits)
    caption = _caption(limits)
    book = XlsxBook()
    book.add_sheet(
        _("パターン×地域"),
        [_("ネットワークのパターン"), *[area.name for area in result.areas], _("事業数")],
        project_report.crosstab_rows(result), caption=caption, widths=[26],
    )
    book.add_sheet(_("事業一覧"), project_report.export_header(), project_report.export_rows(
        [p for _pattern, projects in result.by_pattern for p in projects]
    ), caption=caption, widths=[30, 26, 26, 22, 16, 16, 10, 10, 16, 16, 8, 8, 6, 16, 16])
    filename, fallback = _export_names("xlsx", limits)
    return book.response(filename, ascii_name=fallback)
