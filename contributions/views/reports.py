"""The board (波及効果 × 実現可能性), the overdue reviews and the project report with its exports."""
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accounts.policies import allowed_if
from core.exports import XlsxBook, ascii_filename, csv_response
from core.ids import parse_id
from corporations.models import Area

from .. import board as board_layout
from .. import report as project_report
from ..models import NetworkPattern
from ..policies import (
    can_see_board,
    can_see_overdue,
    can_see_report,
)
from ..selectors import (
    FIRST_REVIEW_DAYS,
    board_projects,
    overdue_projects,
    report_projects,
)
from .common import render_page


@require_GET
@allowed_if(can_see_board)
def board(request):
    """Staff see every project; a member its own and its joint projects (any state).

    ?area=<id> limits the board to the projects of one active area (for the area groups);
    a value that is no active area's id shows every area.
    """
    areas = list(Area.objects.filter(is_active=True).order_by("sort_order", "name"))
    area_id = parse_id(request.GET.get("area"))
    area = next((a for a in areas if a.pk == area_id), None)
    ranking = board_layout.ranked(list(board_projects(request.user, area)))
    patterns = list(NetworkPattern.objects.order_by("number"))
    return render_page(request, "contributions/board.html", {
        "dots": board_layout.layout(ranking, {p.pk: p.board_rank for p in ranking}),
        "ranking": ranking,
        "axes": board_layout.axes(),
        "patterns": patterns,
        "legend": board_layout.legend(patterns),
        "areas": areas,
        "area": area,
    })


@require_GET
@allowed_if(can_see_overdue)
def overdue(request):
    return render_page(request, "contributions/overdue.html", {
        "projects": overdue_projects(), "first_review_days": FIRST_REVIEW_DAYS, "today": timezone.localdate(),
    })


def _report():
    areas = Area.objects.order_by("sort_order", "name")
    patterns = NetworkPattern.objects.order_by("number")
    return project_report.build(report_projects(), areas, patterns)


def _export_names(extension):
    """社会貢献事業報告_20261127.csv, and contribution-report-20261127.csv for browsers without filename*."""
    day = timezone.localdate().strftime("%Y%m%d")
    japanese = _("社会貢献事業報告_%(date)s.%(ext)s") % {"date": day, "ext": extension}
    return japanese, ascii_filename(f"contribution-report-{day}", extension)


EXPORT_CHUNK_SIZE = 500


@require_GET
@allowed_if(can_see_report)
def report(request):
    return render_page(request, "contributions/report.html", {"report": _report(), "today": timezone.localdate()})


@require_GET
@allowed_if(can_see_report)
def report_csv(request):
    # Streamed: projects are read a chunk at a time (their areas and partners per chunk).
    rows = project_report.export_rows(report_projects().iterator(chunk_size=EXPORT_CHUNK_SIZE))
    filename, fallback = _export_names("csv")
    return csv_response(filename, project_report.export_header(), rows, ascii_name=fallback)


@require_GET
@allowed_if(can_see_report)
def report_xlsx(request):
    # The crosstab needs every project before its first row: the report is built as for the
    # page (three queries), and the book is still written row by row (write-only).
    result = _report()
    caption = _("社会貢献事業報告")
    book = XlsxBook()
    book.add_sheet(
        _("パターン×地域"),
        [_("ネットワークのパターン"), *[area.name for area in result.areas], _("事業数")],
        project_report.crosstab_rows(result), caption=caption, widths=[26],
    )
    book.add_sheet(_("事業一覧"), project_report.export_header(), project_report.export_rows(
        [p for _pattern, projects in result.by_pattern for p in projects]
    ), caption=caption, widths=[30, 26, 26, 22, 16, 16, 10, 10, 16, 16, 8, 8, 6, 16, 16])
    filename, fallback = _export_names("xlsx")
    return book.response(filename, ascii_name=fallback)
