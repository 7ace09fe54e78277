"""Reports: one meeting's per-area attendance (page, print, .xlsx, CSV) and the fiscal year's participation."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.policies import allowed_if
from core.wareki import current_fiscal_year, format_fiscal_year

from .. import exports, policies, selectors
from ..forms.reports import ParticipationForm


@require_GET
@allowed_if(policies.can_see_reports)
def report(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/report.html", {"meeting": meeting, "report": selectors.area_report(meeting)})


@require_GET
@allowed_if(policies.can_see_reports)
def report_print(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/report_print.html", {"meeting": meeting, "report": selectors.area_report(meeting)})


@require_GET
@allowed_if(policies.can_see_reports)
def report_xlsx(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return exports.report_xlsx_response(selectors.area_report(meeting))


@require_GET
@allowed_if(policies.can_see_reports)
def report_csv(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return exports.report_csv_response(selectors.area_report(meeting))


@require_GET
@allowed_if(policies.can_see_reports)
def participation(request):
    years = selectors.fiscal_years()
    labels = {fy: format_fiscal_year(fy) for fy in years}
    form = ParticipationForm(request.GET or None, fiscal_years=years, labels=labels)
    fiscal_year, after_missed = None, selectors.OUTREACH_AFTER_MISSED
    if form.is_bound and form.is_valid():
        fiscal_year = form.cleaned_data.get("fy")
        after_missed = form.cleaned_data.get("n") or after_missed
    if fiscal_year is None:
        # Opened without a choice: the newest year that has held meetings, not an empty new one.
        fiscal_year = selectors.latest_fiscal_year_held() or (years[0] if years else current_fiscal_year())
    meetings, rows, areas, outreach = selectors.participation(fiscal_year, after_missed)
    return render(
        request, "meetings/participation.html",
        {"form": form, "fiscal_year": fiscal_year, "last_n": after_missed, "meetings": meetings, "rows": rows,
         "areas": areas, "outreach": outreach},
    )
