"""Reports: one meeting's per-area attendance (page, print, .xlsx, CSV). The fiscal year's
participation is in views/participation.py."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from accounts.policies import allowed_if

from .. import exports, policies, selectors


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
