"""The day of the meeting: the attendance screen, the sign-in sheet, the area groups and the minutes."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.policies import allowed_if

from .. import policies, selectors, services
from ..forms.attendance import AreaGroupForm, attendance_formset


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_take_attendance)
def attendance(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    screen = selectors.attendance_screen(meeting)
    data = request.POST if request.method == "POST" else None
    formset = attendance_formset(data, screen, selectors.active_area_choices())
    if request.method == "POST" and formset.is_valid():
        try:
            result = services.attendance_save(meeting=meeting, rows=formset.rows(), acting_user=request.user)
        except services.AttendanceConflict:
            messages.error(request, _(
                "他の職員が同時に保存したため、保存できませんでした。画面を読み込み直してから、もう一度保存してください。"
            ))
        else:
            messages.success(
                request,
                _("出席を保存しました（出席 %(present)s人、追加 %(created)s件、変更 %(updated)s件）。")
                % {"present": result.present, "created": result.created, "updated": result.updated},
            )
            return redirect("meetings:attendance", pk=meeting.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "meetings/attendance.html",
        {"meeting": meeting, "formset": formset, "invited_count": screen.invited_count}, status=status,
    )


@require_GET
@allowed_if(policies.can_take_attendance)
def signin_sheet(request, pk):
    """受付名簿: one A4 page per area, expected people and blank rows for walk-ins."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(
        request, "meetings/signin_sheet.html",
        {"meeting": meeting, "pages": selectors.signin_sheet_pages(meeting), "blank_rows": range(8)},
    )


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_take_attendance)
def area_groups(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    groups = selectors.area_group_rows(meeting)
    forms = [AreaGroupForm(request.POST or None, instance=g, prefix=f"area-{g.area_id}") for g in groups]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        services.area_groups_save(
            meeting=meeting, acting_user=request.user,
            groups=[(form.instance, {name: form.cleaned_data[name] for name in form.changed_data}) for form in forms],
        )
        messages.success(request, _("グループの記録を保存しました。"))
        return redirect("meetings:minutes", pk=meeting.pk)
    members = {area.pk: people for area, _group, people in selectors.area_groups(meeting)}
    rows = [(form, form.instance.area, members.get(form.instance.area_id, [])) for form in forms]
    return render(request, "meetings/area_groups.html", {"meeting": meeting, "rows": rows})


@require_GET
@allowed_if(policies.can_take_attendance)
def minutes(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/minutes.html", {"meeting": meeting, **selectors.minutes_context(meeting)})
