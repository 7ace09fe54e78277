"""The fiscal year's participation (matrix of corporations × held meetings, paged, with its
exports) and the outreach list (声かけ先, paged, with its exports). Staff only."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.policies import allowed_if
from core.fragments import generation_first
from core.wareki import current_fiscal_year, format_fiscal_year, format_wareki

from .. import participation_exports as exports
from .. import policies, selectors
from ..forms.participation import ParticipationForm

# The participation page names the first few corporations to call; the outreach page pages them all.
OUTREACH_PREVIEW = 10
OUTREACH_PER_PAGE = 50


def _choices(request):
    """The form and what it chose: fiscal year, outreach threshold, area (or None)."""
    years = selectors.fiscal_years()
    labels = {fy: format_fiscal_year(fy) for fy in years}
    form = ParticipationForm(request.GET or None, fiscal_years=years, labels=labels)
    fiscal_year, after_missed, area = None, selectors.OUTREACH_AFTER_MISSED, None
    if form.is_bound and form.is_valid():
        fiscal_year = form.cleaned_data.get("fy")
        after_missed = form.cleaned_data.get("n") or after_missed
        area = form.cleaned_data.get("area")
    if fiscal_year is None:
        # Opened without a choice: the newest year that has held meetings, not an empty new one.
        fiscal_year = selectors.latest_fiscal_year_held() or (years[0] if years else current_fiscal_year())
    return form, fiscal_year, after_missed, area


def _query(request, fiscal_year, after_missed, area) -> str:
    """The chosen filters as a query string (for page links and export links)."""
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("mp", None)
    query["fy"], query["n"] = fiscal_year, after_missed
    if area is not None:
        query["area"] = area.pk
    return query.urlencode()


def _column_links(matrix) -> list[tuple[int, str]]:
    """A year with more meetings than fit across a page: its pages of columns, each named by
    the dates of its first and last meeting (H27.7.29〜H27.10.29)."""
    if not matrix.columns.has_other_pages():
        return []
    meetings, per_page = matrix.all_meetings, matrix.columns.paginator.per_page
    links = []
    for number in matrix.columns.paginator.page_range:
        block = meetings[(number - 1) * per_page:number * per_page]
        links.append((number, f"{format_wareki(block[0].starts_at, short=True)}〜"
                              f"{format_wareki(block[-1].starts_at, short=True)}"))
    return links


@require_GET
@allowed_if(policies.can_see_reports)
def participation(request):
    form, fiscal_year, after_missed, area = _choices(request)
    matrix = selectors.matrix_page(
        fiscal_year, area=area, page_number=request.GET.get("page"), columns_page=request.GET.get("mp"),
    )
    # The outreach list looks back across fiscal years: before a year's first meeting it
    # already names those who missed the last ones of the year before.
    outreach_count, preview = selectors.outreach_list(fiscal_year, after_missed, area).preview(OUTREACH_PREVIEW)
    query = _query(request, fiscal_year, after_missed, area)
    return render(
        request, "meetings/participation.html",
        {"form": form, "fiscal_year": fiscal_year, "last_n": after_missed, "area": area,
         "meetings": matrix.meetings, "totals": matrix.totals, "page": matrix.page, "rows": matrix.rows,
         "areas": matrix.areas, "columns": matrix.columns,
         "held_count": len(matrix.all_meetings), "column_links": _column_links(matrix),
         "page_query": f"{query}&mp={matrix.columns.number}" if matrix.columns.has_other_pages() else query,
         "columns_query": f"{query}&page={matrix.page.number}", "outreach": preview, "outreach_count": outreach_count,
         "outreach_more": outreach_count - len(preview),
         "query": query},
    )


@require_GET
@allowed_if(policies.can_see_reports)
def participation_xlsx(request):
    _form, fiscal_year, _n, area = _choices(request)
    return exports.matrix_xlsx_response(fiscal_year, area)


@require_GET
@allowed_if(policies.can_see_reports)
def participation_csv(request):
    _form, fiscal_year, _n, area = _choices(request)
    return exports.matrix_csv_response(fiscal_year, area)


@generation_first  # reads what its cached fragments show (core/fragments.py)
@require_GET
@allowed_if(policies.can_see_reports)
def outreach(request):
    form, fiscal_year, after_missed, area = _choices(request)
    page = Paginator(selectors.outreach_list(fiscal_year, after_missed, area), OUTREACH_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(
        request, "meetings/participation_outreach.html",
        {"form": form, "fiscal_year": fiscal_year, "last_n": after_missed, "area": area, "page": page,
         "query": _query(request, fiscal_year, after_missed, area)},
    )


@require_GET
@allowed_if(policies.can_see_reports)
def outreach_xlsx(request):
    _form, fiscal_year, after_missed, area = _choices(request)
    return exports.outreach_xlsx_response(fiscal_year, after_missed, area)


@require_GET
@allowed_if(policies.can_see_reports)
def outreach_csv(request):
    _form, fiscal_year, after_missed, area = _choices(request)
    return exports.outreach_csv_response(fiscal_year, after_missed, area)
