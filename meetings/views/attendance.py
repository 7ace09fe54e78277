"""The day of the meeting: the attendance screen, the sign-in sheet and the area groups (minutes: views/minutes.py)."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.policies import allowed_if
from core.concurrency import STALE_MESSAGE, StaleEdit, changes_since, refresh_untouched, set_version

from .. import policies, selectors, services
from ..forms.attendance import AreaGroupForm, attendance_formset
from ..models import AreaGroup, Attendee


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_take_attendance)
def attendance(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    screen = selectors.attendance_screen(meeting)
    data = request.POST if request.method == "POST" else None
    formset = attendance_formset(data, screen, selectors.active_area_choices())
    stale_changes = None
    if request.method == "POST" and formset.is_valid():
        try:
            result = services.attendance_save(meeting=meeting, rows=formset.rows(), acting_user=request.user)
        except StaleEdit as stale:
            stale_changes = _refuse_stale_rows(formset, stale.rows)
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
    if stale_changes is not None:
        status = 409
    return render(
        request, "meetings/attendance.html",
        {"meeting": meeting, "formset": formset, "invited_count": screen.invited_count,
         "stale_changes": stale_changes},
        status=status,
    )


ATTENDEE_FIELDS = {"name": "name", "title": "title", "facility": "facility", "area": "area", "present": "present"}


def _refuse_stale_rows(formset, stale_rows: dict) -> list:
    """The attendance rows changed since the screen was opened: what changed on each, the rest of
    the row refreshed where nothing was typed, and the version now, so that saving again goes through."""
    changes = []
    for form in formset.forms:
        pk = form.cleaned_data.get("attendee") if form.cleaned_data else None
        if pk not in stale_rows:
            continue
        version = form.cleaned_data.get("version")
        row = f"{form.corporation_name} {form.cleaned_data.get('name', '')}".strip()
        changes += changes_since(Attendee, pk, version, ATTENDEE_FIELDS.values(), row=row)
        refresh_untouched(form, Attendee, pk, version, ATTENDEE_FIELDS)
        set_version(form, stale_rows[pk])
    formset._non_form_errors.append(STALE_MESSAGE)
    return changes


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
    stale_changes = None
    if request.method == "POST" and all(form.is_valid() for form in forms):
        try:
            services.area_groups_save(
                meeting=meeting, acting_user=request.user,
                groups=[
                    (form.instance, {name: form.cleaned_data[name] for name in form.changed_data}) for form in forms
                ],
                versions={form.instance.area_id: form.cleaned_data.get("version") for form in forms},
            )
        except StaleEdit as stale:
            stale_changes, data = _stale_groups(meeting, forms, stale.rows)
            # Built again from the groups now: a group another person created has its version to carry.
            forms = [
                AreaGroupForm(data, instance=g, prefix=f"area-{g.area_id}")
                for g in selectors.area_group_rows(meeting)
            ]
        else:
            messages.success(request, _("グループの記録を保存しました。"))
            return redirect("meetings:minutes", pk=meeting.pk)
    members = {area.pk: people for area, _group, people in selectors.area_groups(meeting)}
    rows = [(form, form.instance.area, members.get(form.instance.area_id, [])) for form in forms]
    return render(
        request, "meetings/area_groups.html",
        {"meeting": meeting, "rows": rows, "stale_changes": stale_changes, "stale_message": STALE_MESSAGE},
        status=409 if stale_changes is not None else 200,
    )


def _stale_groups(meeting, forms, stale_areas: dict):
    """(the changes to the outdated groups since the screen was opened, the posted data with the
    untouched fields of those groups refreshed and their versions now)."""
    now = {g.area_id: g for g in AreaGroup.objects.filter(meeting=meeting, area_id__in=stale_areas)}
    data = forms[0].data.copy()
    changes = []
    for form in forms:
        group = now.get(form.instance.area_id)
        if group is None:
            continue
        version = form.cleaned_data.get("version")
        fields = {name: name for name in AreaGroupForm.Meta.fields}
        changes += changes_since(AreaGroup, group.pk, version, fields.values(), row=group.area.name)
        form.data = data
        refresh_untouched(form, AreaGroup, group.pk, version, fields)
        data = form.data
        data[form.add_prefix("version")] = str(group.version)
    return changes, data

