"""The day of the meeting: the attendance screen, the sign-in sheet and the area groups (minutes: views/minutes.py)."""

from functools import wraps
from urllib.parse import parse_qsl

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import TooManyFieldsSent
from django.http import Http404, JsonResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import allowed_if
from core.concurrency import STALE_MESSAGE, StaleEdit, changes_since, refresh_untouched, review_stale, set_version
from core.fragments import cached_html, generation_first
from core.ids import parse_id
from corporations.models import Area

from .. import policies, selectors, services
from ..forms.attendance import AreaGroupForm, GuestForm, attendance_formset, guest_formset
from ..models import AreaGroup, Attendee, Guest

# The attendance screen posts about eight fields a person: a 630-person meeting is some 5,000
# fields. Django's limit (DATA_UPLOAD_MAX_NUMBER_FIELDS) guards every other form; this view
# alone reads its body with a higher one (2,000 rows of the formset, guests and management).
ATTENDANCE_MAX_FIELDS = 2000 * 9 + 500 * 8 + 20


def _status(request, stale_changes) -> int:
    """409 after a save refused as stale, 400 after a post that did not validate, else 200."""
    if stale_changes is not None:
        return 409
    return 400 if request.method == "POST" else 200


def many_fields(limit: int):
    """Read a urlencoded POST with `limit` fields at most for this view only, then check CSRF as the
    middleware would (the middleware reads request.POST first, under the site-wide limit, so the
    view is exempt from it and protected here instead). A multipart POST keeps Django's parser."""

    def decorator(view):
        protected = csrf_protect(view)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.method == "POST" and request.content_type == "application/x-www-form-urlencoded":
                encoding = request.encoding or settings.DEFAULT_CHARSET
                post = QueryDict(mutable=True, encoding=encoding)
                try:
                    pairs = parse_qsl(
                        request.body.decode(encoding, errors="replace"), keep_blank_values=True,
                        max_num_fields=limit,
                    )
                except ValueError as error:
                    raise TooManyFieldsSent(str(error)) from error
                for key, value in pairs:
                    post.appendlist(key, value)
                post._mutable = False
                request._post, request._files = post, MultiValueDict()
            return protected(request, *args, **kwargs)

        return csrf_exempt(wrapped)

    return decorator


@many_fields(ATTENDANCE_MAX_FIELDS)
@generation_first  # a GET's rows are kept as fragments (core/fragments.py): read before the data
@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_take_attendance)
def attendance(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if request.method == "GET":
        # Read and built only when the kept rows are not found (_render_attendance): no queries then.
        return _render_attendance(request, meeting, SimpleLazyObject(lambda: _screen(meeting, None)), cache=True)
    screen = _screen(meeting, request.POST)
    formset, guests = screen["formset"], screen["guest_formset"]
    stale_changes = None
    if formset.is_valid() and (not guests.is_bound or guests.is_valid()):
        try:
            result = services.attendance_save(
                meeting=meeting, rows=formset.rows(), guest_rows=guests.rows(), acting_user=request.user
            )
        except StaleEdit as stale:
            stale_changes = _refuse_stale_rows(formset, guests, stale.rows)
        except services.AttendanceConflict:
            messages.error(request, _(
                "他の職員が同時に保存したため、保存できませんでした。画面を読み込み直してから、もう一度保存してください。"
            ))
        else:
            saved = _("出席を保存しました（出席 %(present)s人、来賓等 %(guests)s人、追加 %(created)s件、"
                      "変更 %(updated)s件）。")
            messages.success(
                request,
                saved % {"present": result.present, "guests": result.guests_present, "created": result.created,
                   "updated": result.updated},
            )
            return redirect("meetings:attendance", pk=meeting.pk)
    return _render_attendance(
        request, meeting, screen, cache=False, stale_changes=stale_changes, status=_status(request, stale_changes)
    )


def _screen(meeting, data) -> dict:
    """The screen's rows: its formsets (bound to `data` when posted) and the count of invited corporations."""
    screen = selectors.attendance_screen(meeting)
    area_choices = selectors.active_area_choices()
    return {"formset": attendance_formset(data, screen, area_choices), "guest_formset": guest_formset(
        data, screen, area_choices), "invited_count": screen.invited_count}


def _render_attendance(request, meeting, screen, *, cache: bool, stale_changes=None, status: int = 200):
    """The page around its rows. With `cache` (a GET: unbound forms, nothing typed, no errors) the
    heading lines and the rows inside the form are fragments kept under the data's generation
    (core/fragments.py) — the CSRF tokens stay outside them, in attendance.html. A posted screen
    is drawn afresh every time: its errors and what was typed are never kept."""
    def part(template_name):
        def draw():
            # The screen (formset, guest_formset, invited_count) is read here, on a GET only when not kept.
            context = {"meeting": meeting, "stale_changes": stale_changes, **dict(screen.items())}
            return render_to_string(template_name, context, request)

        html = cached_html(request, template_name, [meeting.pk], draw) if cache else draw()
        return mark_safe(html)  # noqa: S308 - HTML drawn by the project's own templates

    return render(
        request, "meetings/attendance.html",
        {"meeting": meeting, "screen_head": part("meetings/_attendance_head.html"),
         "screen_form": part("meetings/_attendance_form.html"),
         # Not drawn here: for what reads a response's context (tests), built then if it was kept.
         "formset": SimpleLazyObject(lambda: screen["formset"]),
         "guest_formset": SimpleLazyObject(lambda: screen["guest_formset"])},
        status=status,
    )


ATTENDEE_FIELDS = {"name": "name", "title": "title", "facility": "facility", "area": "area", "present": "present"}
GUEST_FIELDS = {"area": "area", "present": "present"}


def _refuse_stale_rows(formset, guests, stale_rows: dict) -> list:
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
    for form in guests.forms if guests.is_bound else []:
        pk = form.cleaned_data.get("guest") if form.cleaned_data else None
        if ("guest", pk) not in stale_rows:
            continue
        version = form.cleaned_data.get("version")
        row = f"{form.cleaned_data.get('organisation', '')} {form.cleaned_data.get('name', '')}".strip()
        changes += changes_since(Guest, pk, version, GUEST_FIELDS.values(), row=row)
        refresh_untouched(form, Guest, pk, version, GUEST_FIELDS)
        set_version(form, stale_rows[("guest", pk)])
    formset._non_form_errors.append(STALE_MESSAGE)
    return changes


@require_POST
@allowed_if(policies.can_take_attendance)
def attendance_as_answered(request, pk):
    """回答どおり without JavaScript: tick, and save, everyone of one area (or the guests) who
    answered 出席. With JavaScript the screen ticks the boxes itself and nothing is posted here."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    raw = request.POST.get("area", "")
    if raw == "guests":
        area_id, anchor = None, "guest-rows"
    else:
        area_id = parse_id(raw)
        if area_id is None or not Area.objects.filter(pk=area_id).exists():
            raise Http404
        anchor = f"area-{area_id}"
    ticked = services.attendance_mark_as_answered(meeting=meeting, area_id=area_id, acting_user=request.user)
    done = _("回答どおりに %(count)s人を出席にしました。来なかった人がいれば印を外して保存してください。")
    messages.success(request, done % {"count": ticked})
    return redirect(f"{reverse('meetings:attendance', kwargs={'pk': meeting.pk})}#{anchor}")


@require_GET
@allowed_if(policies.can_take_attendance)
def attendance_facilities(request, pk):
    """JSON for a walk-in row: the facilities of the corporation chosen on it (`?corporation=`)."""
    selectors.get_meeting_for_user(request.user, pk)
    corporation_id = parse_id(request.GET.get("corporation"))
    facilities = selectors.facilities_of([corporation_id]).get(corporation_id, []) if corporation_id else []
    return JsonResponse({"results": [{"id": pk_, "text": name} for pk_, name in facilities]})


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_take_attendance)
def guests(request, pk):
    """来賓・関係者: the meeting's guests (no corporation), and a form to add one."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = GuestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        guest = services.guest_add(
            meeting=meeting, acting_user=request.user, name=data["name"], organisation=data["organisation"],
            title=data["title"], email=data["email"], answer=data["answer"], area=data["area"],
            send_invitation=data.get("send_invitation", False),
        )
        if data.get("send_invitation") and guest.email:
            messages.success(request, _("%(guest)s を登録し、案内をメールで送りました。") % {"guest": guest})
        else:
            messages.success(request, _("%(guest)s を登録しました。") % {"guest": guest})
        return redirect("meetings:guests", pk=meeting.pk)
    return render(
        request, "meetings/guests.html",
        {"meeting": meeting, "form": form, "guests": list(meeting.guests.select_related("area"))},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_take_attendance)
def guest_update(request, pk, guest_pk):
    """A guest's details and the answer staff record for them."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    guest = selectors.get_guest_for_meeting(meeting, guest_pk)
    form = GuestForm(request.POST or None, instance=guest)
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        try:
            services.guest_update(
                guest=guest, acting_user=request.user, expected_version=form.cleaned_data.get("version"),
                **{name: form.cleaned_data[name] for name in form.changed_data},
            )
        except StaleEdit as stale:
            stale_changes = review_stale(form, Guest, guest.pk, current=stale.current)
        else:
            messages.success(request, _("%(guest)s を保存しました。") % {"guest": guest})
            return redirect("meetings:guests", pk=meeting.pk)
    status = _status(request, stale_changes)
    return render(
        request, "meetings/guest_form.html",
        {"meeting": meeting, "form": form, "guest": guest, "stale_changes": stale_changes}, status=status,
    )


@require_GET
@allowed_if(policies.can_take_attendance)
def signin_sheet(request, pk):
    """受付名簿: one A4 page per area, expected people and blank rows for walk-ins; then the guests."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(
        request, "meetings/signin_sheet.html",
        {"meeting": meeting, "pages": selectors.signin_sheet_pages(meeting), "guests": selectors.signin_guests(meeting),
         "blank_rows": range(8)},
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
    guests = selectors.area_group_guests(meeting)
    for form in forms:
        form.group_guests = guests.get(form.instance.area_id, [])  # guests present (no corporation), shown apart
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

