"""Meetings and their programme: the list, series, create, copy, detail, edit, material, calendars."""

from functools import partial
from operator import attrgetter

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import allowed_if, get_membership
from core.concurrency import (
    STALE_MESSAGE,
    StaleEdit,
    changes_since,
    edit_page,
    model_fields_of,
    refresh_untouched,
    set_version,
)
from core.history_views import history_views
from core.ids import parse_id
from core.uploads import stored_file_response
from core.wareki import current_fiscal_year, is_printable_fiscal_year
from corporations.models import Facility

from .. import calendar, policies, selectors, services
from ..forms.meetings import (
    MAX_PROGRAM_ITEMS,
    PROGRAM_BLANK_ROWS,
    AttachmentForm,
    MeetingCopyForm,
    MeetingForm,
    ProgramFormSet,
    SeriesForm,
)
from ..models import MeetingSeries, ProgramItem


def _chosen_fiscal_year(raw, years) -> int:
    try:
        fiscal_year = int(raw or 0) or None
    except ValueError:
        fiscal_year = None
    if not is_printable_fiscal_year(fiscal_year):
        # Outside the years a series can have (its CheckConstraint): 和暦 cannot print them.
        fiscal_year = years[0] if years else current_fiscal_year()
    return fiscal_year


@require_GET
@allowed_if(policies.can_view_meetings)
def meeting_list(request):
    years = selectors.fiscal_years()
    fiscal_year = _chosen_fiscal_year(request.GET.get("fy"), years)
    can_manage = policies.can_manage_meetings(request.user)
    return render(
        request, "meetings/list.html",
        {"meetings": list(selectors.meetings_by_fiscal_year(fiscal_year)), "fiscal_year": fiscal_year,
         "fiscal_years": years, "can_manage": can_manage,
         "can_see_replies": policies.can_see_replies(request.user),
         "can_see_reports": policies.can_see_reports(request.user),
         "series_list": MeetingSeries.objects.filter(fiscal_year=fiscal_year) if can_manage else []},
    )


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_manage_meetings)
def series_create(request):
    form = SeriesForm(request.POST or None, initial={"fiscal_year": current_fiscal_year()})
    if request.method == "POST" and form.is_valid():
        series = services.series_create(acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("「%(title)s」を登録しました。") % {"title": series.title})
        return redirect(f"{reverse('meetings:list')}?fy={series.fiscal_year}")
    return render(request, "meetings/form.html", {"form": form, "heading": _("連絡会シリーズを登録")})


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_manage_meetings)
def meeting_create(request):
    initial = {}
    if parse_id(request.GET.get("series")):
        initial["series"] = parse_id(request.GET["series"])
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_create(acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("%(meeting)sを登録しました。") % {"meeting": meeting})
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "heading": _("連絡会を登録")})


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_manage_meetings)
def meeting_copy(request, series_pk):
    """The next meeting of a series, from the last one: its venue, times and programme."""
    series = selectors.get_series_for_user(request.user, series_pk)
    last = series.last_meeting()
    initial = {}
    if last:
        initial = {"venue": last.venue, "starts_at": timezone.localtime(last.starts_at),
                   "ends_at": timezone.localtime(last.ends_at)}
    form = MeetingCopyForm(request.POST or None, initial=initial, series=series, copies=last is not None)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_copy(series=series, acting_user=request.user, **form.cleaned_data)
        if last is None:
            # Nothing was copied: said so, not "copied from the last one".
            messages.success(request, _(
                "%(meeting)sを作成しました。このシリーズには前回の連絡会がないため、次第はコピーしていません。"
            ) % {"meeting": meeting})
        else:
            messages.success(request, _("%(meeting)sを作成しました。次第も%(last)sからコピーしました。") % {
                "meeting": meeting, "last": last.short_title,
            })
        return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/copy.html",
        {"form": form, "series": series, "last": last, "next_number": (last.number + 1) if last else 1},
    )


def _detail_context(user, meeting, attachment_form=None) -> dict:
    items, attachments = selectors.meeting_detail(meeting)
    can_manage = policies.can_manage_meetings(user)
    my_invitation = None
    shows_own_answer = get_membership(user) is not None  # a member sees its corporation's answer here
    if shows_own_answer:
        my_invitation = selectors.visible_invitations(user, meeting).prefetch_related("persons__area").first()
    return {
        "meeting": meeting, "items": items, "attachments": attachments, "my_invitation": my_invitation,
        "shows_own_answer": shows_own_answer,
        "attachment_form": attachment_form or (AttachmentForm() if can_manage else None),
        "can_manage": can_manage,
        "can_see_replies": policies.can_see_replies(user),
        "can_take_attendance": policies.can_take_attendance(user),
        "can_see_reports": policies.can_see_reports(user),
        "can_answer_mine": bool(my_invitation and policies.can_answer(user, my_invitation)),
        "can_read_history": policies.can_read_meeting_history(user),
        "can_see_mail_log": policies.can_see_mail_log(user),
    }


@require_GET
@allowed_if(policies.can_view_meetings)
def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/detail.html", _detail_context(request.user, meeting))


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_manage_meetings)
def meeting_update(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    return edit_page(
        request, form, partial(services.meeting_update, meeting=meeting, acting_user=request.user),
        done=_("連絡会の情報を保存しました。"), then=reverse("meetings:detail", kwargs={"pk": meeting.pk}),
        template="meetings/form.html", context={"heading": _("連絡会を編集"), "meeting": meeting},
    )


meeting_history, meeting_restore = history_views(
    guard=allowed_if(policies.can_read_meeting_history), find=selectors.get_meeting_for_user,
    accepted=services.MeetingChanges.__optional_keys__,
    update=lambda meeting, user, changes: services.meeting_update(meeting=meeting, acting_user=user, **changes),
    heading=str, back_label=attrgetter("short_title"),
    back_url=lambda meeting: reverse("meetings:detail", kwargs={"pk": meeting.pk}),
    history="meetings:history", restore="meetings:restore",
)


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_manage_meetings)
def program_edit(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    adding = request.method == "POST" and "add_rows" in request.POST
    data = _with_blank_rows(request) if adding else request.POST or None
    formset = ProgramFormSet(data, queryset=meeting.program_items.all(), prefix="items")
    stale_changes = None
    if request.method == "POST" and not adding and formset.is_valid():
        rows, delete = formset.rows()
        versions = {form.instance.pk: form.cleaned_data["version"] for form in formset.initial_forms}
        try:
            services.program_save(
                meeting=meeting, acting_user=request.user, rows=rows, delete=delete, versions=versions
            )
        except StaleEdit as stale:
            stale_changes = _refuse_stale_rows(formset, stale.rows)
        except ValidationError as error:
            # An order another save took meanwhile (a page opened before it): said, not a 500.
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("次第を保存しました。"))
            return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/program_form.html",
        {"meeting": meeting, "formset": formset, "stale_changes": stale_changes, "rows_added": adding},
        status=409 if stale_changes is not None else 200,
    )


def _with_blank_rows(request):
    """行を追加 (a submit button, so that it works without JavaScript; with it, the page shows its
    own hidden blank rows first): the rows as typed, nothing saved, and PROGRAM_BLANK_ROWS blank
    rows more, up to MAX_PROGRAM_ITEMS."""
    data = request.POST.copy()
    total = parse_id(data.get("items-TOTAL_FORMS")) or 0
    if total >= MAX_PROGRAM_ITEMS:
        messages.info(request, _("一度に追加できる行はここまでです。保存してから続けて追加してください。"))
    else:
        data["items-TOTAL_FORMS"] = str(min(total + PROGRAM_BLANK_ROWS, MAX_PROGRAM_ITEMS))
        messages.info(request, _("空の行を追加しました。次第はまだ保存されていません。"))
    return data


# A corporation has a handful of facilities; a picker never offers more than this.
PROGRAMME_FACILITY_LIMIT = 200


@require_GET
@allowed_if(policies.can_manage_meetings)
def programme_facilities(request):
    """JSON for the programme editor (static/js/programme.js): the active facilities of the
    corporation `?corporation=` chosen on a row, `{"results": [{"id": 1, "text": "…"}]}` (1 query)."""
    corporation_id = parse_id(request.GET.get("corporation"))
    facilities = (
        Facility.objects.filter(corporation_id=corporation_id, is_active=True).order_by("name_kana", "name")
        .only("pk", "name")[:PROGRAMME_FACILITY_LIMIT] if corporation_id else []
    )
    return JsonResponse({"results": [{"id": f.pk, "text": f.name} for f in facilities]})


def _refuse_stale_rows(formset, stale_rows: dict) -> list:
    """The programme's outdated rows: what changed on each, the rest of the row refreshed where
    nothing was typed, and the version now, so that saving again goes through."""
    changes = []
    for number, form in enumerate(formset.initial_forms, start=1):
        pk = form.instance.pk
        if pk not in stale_rows:
            continue
        version = form.cleaned_data.get("version")
        fields = model_fields_of(form, ProgramItem)
        changes += changes_since(ProgramItem, pk, version, fields.values(), row=str(number))
        refresh_untouched(form, ProgramItem, pk, version, fields)
        set_version(form, stale_rows[pk])
    formset._non_form_errors.append(STALE_MESSAGE)
    return changes


@require_POST
@allowed_if(policies.can_manage_meetings)
def attachment_upload(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(
            meeting=meeting, acting_user=request.user, upload=form.cleaned_data["file"], content_type=form.content_type
        )
        messages.success(request, _("資料を登録しました。"))
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/detail.html", _detail_context(request.user, meeting, form), status=400)


@require_GET
@allowed_if(policies.can_view_meetings)
def attachment_download(request, pk, attachment_pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    attachment = selectors.get_attachment_for_user(meeting, attachment_pk)
    # Material is for logged-in users only: never kept in a shared cache.
    return stored_file_response(
        attachment.file, content_type=attachment.content_type, download_name=attachment.original_name,
        cache_control="private, no-store",
    )


@require_GET
def calendar_feed(request):
    """Public iCal feed of the meetings: titles, times, venues and status only — no names."""
    meetings = selectors.meetings_queryset().order_by("starts_at")
    return calendar.ics_response(meetings, "meetings.ics")


@require_GET
@allowed_if(policies.can_view_meetings)
def meeting_ics(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return calendar.ics_response([meeting], f"meeting-{meeting.pk}.ics")
