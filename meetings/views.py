
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import (
    get_membership,
    is_council_staff,
    member_or_staff_required,
    staff_required,
)
from core.changes import changed_fields
from core.exports import XlsxBook, csv_response
from core.uploads import stored_file_response
from core.wareki import fiscal_year_of, format_fiscal_year

from . import calendar, selectors, services
from .forms import (
    AreaGroupForm,
    AttachmentForm,
    AttendanceFormSet,
    InviteForm,
    MeetingCopyForm,
    MeetingForm,
    ParticipationForm,
    ProgramFormSet,
    RsvpForm,
    RsvpPersonFormSet,
    SeriesForm,
    area_choices,
)
from .models import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, Invitation, MeetingSeries

# --- Meetings and their programme --------------------------------------------------------------


@require_GET
@member_or_staff_required
def meeting_list(request):
    years = selectors.fiscal_years()
    try:
        fiscal_year = int(request.GET.get("fy") or 0) or None
    except ValueError:
        fiscal_year = None
    if fiscal_year is None or not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
        # Outside the years a series can have (its CheckConstraint): 和暦 cannot print them.
        fiscal_year = years[0] if years else fiscal_year_of(timezone.localdate())
    meetings = list(selectors.meetings_by_fiscal_year(fiscal_year))
    return render(
        request, "meetings/list.html",
        {"meetings": meetings, "fiscal_year": fiscal_year, "fiscal_years": years,
         "series_list": MeetingSeries.objects.filter(fiscal_year=fiscal_year) if is_council_staff(request.user) else []},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def series_create(request):
    form = SeriesForm(request.POST or None, initial={"fiscal_year": fiscal_year_of(timezone.localdate())})
    if request.method == "POST" and form.is_valid():
        series = services.series_create(acting_user=request.user, fields=form.cleaned_data)
        messages.success(request, _("「%(title)s」を登録しました。") % {"title": series.title})
        return redirect(f"{reverse('meetings:list')}?fy={series.fiscal_year}")
    return render(request, "meetings/form.html", {"form": form, "heading": _("連絡会シリーズを登録")})


@require_http_methods(["GET", "POST"])
@staff_required
def meeting_create(request):
    initial = {}
    if request.GET.get("series"):
        initial["series"] = request.GET["series"]
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        meeting = services.meeting_create(series=data.pop("series"), acting_user=request.user, fields=data)
        messages.success(request, _("%(meeting)sを登録しました。") % {"meeting": meeting})
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "heading": _("連絡会を登録")})


@require_http_methods(["GET", "POST"])
@staff_required
def meeting_copy(request, series_pk):
    """The next meeting of a series, from the last one: its venue, times and programme."""
    series = selectors.get_series_for_user(request.user, series_pk)
    last = series.last_meeting()
    initial = {}
    if last:
        initial = {"venue": last.venue, "starts_at": timezone.localtime(last.starts_at), "ends_at": timezone.localtime(last.ends_at)}
    form = MeetingCopyForm(request.POST or None, initial=initial, series=series)
    if request.method == "POST" and form.is_valid():
        meeting = services.meeting_copy(series=series, acting_user=request.user, fields=form.cleaned_data)
        messages.success(request, _("%(meeting)sを作成しました。次第も前回からコピーしました。") % {"meeting": meeting})
        return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/copy.html",
        {"form": form, "series": series, "last": last, "next_number": (last.number + 1) if last else 1},
    )


@require_GET
@member_or_staff_required
def meeting_detail(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    items, attachments = selectors.meeting_detail(meeting)
    my_invitation = None
    membership = get_membership(request.user)
    if membership:
        my_invitation = selectors.visible_invitations(request.user, meeting).prefetch_related("persons__area").first()
    return render(
        request, "meetings/detail.html",
        {"meeting": meeting, "items": items, "attachments": attachments, "my_invitation": my_invitation,
         "attachment_form": AttachmentForm() if is_council_staff(request.user) else None,
         "can_answer": services.can_still_answer(request.user, meeting)},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def meeting_update(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        services.meeting_update(meeting=meeting, acting_user=request.user, fields=changed_fields(form))
        messages.success(request, _("連絡会の情報を保存しました。"))
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/form.html", {"form": form, "heading": _("連絡会を編集"), "meeting": meeting})


@require_http_methods(["GET", "POST"])
@staff_required
def program_edit(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    queryset = meeting.program_items.all()
    formset = ProgramFormSet(request.POST or None, queryset=queryset, prefix="items")
    if request.method == "POST" and formset.is_valid():
        rows, delete = [], []
        for form in formset.forms:
            if formset.can_delete and formset._should_delete_form(form):
                if form.instance.pk:
                    delete.append(form.instance)
                continue
            if not form.instance.pk and not form.has_changed():
                continue
            rows.append({"instance": form.instance if form.instance.pk else None, "fields": form.cleaned_data})
        services.program_save(
            meeting=meeting, acting_user=request.user,
            items=[{"instance": r["instance"], "fields": {k: v for k, v in r["fields"].items() if k not in ("id", "DELETE")}} for r in rows],
            delete=delete,
        )
        messages.success(request, _("次第を保存しました。"))
        return redirect("meetings:detail", pk=meeting.pk)
    return render(request, "meetings/program_form.html", {"meeting": meeting, "formset": formset})


@require_POST
@staff_required
def attachment_upload(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        services.attachment_add(
            meeting=meeting, acting_user=request.user, upload=form.cleaned_data["file"], content_type=form.content_type
        )
        messages.success(request, _("資料を登録しました。"))
        return redirect("meetings:detail", pk=meeting.pk)
    items, attachments = selectors.meeting_detail(meeting)
    return render(
        request, "meetings/detail.html",
        {"meeting": meeting, "items": items, "attachments": attachments, "attachment_form": form,
         "can_answer": True},
        status=400,
    )


@require_GET
@member_or_staff_required
def attachment_download(request, pk, attachment_pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    attachment = selectors.get_attachment_for_user(request.user, meeting, attachment_pk)
    # Material is for logged-in users only: never kept in a shared cache.
    return stored_file_response(
        attachment.file, content_type=attachment.content_type, download_name=attachment.original_name,
        cache_control="private, no-store",
    )


@require_GET
def calendar_feed(request):
    """Public iCal feed of the meetings: titles, times, venues and status only — no names."""
    meetings = selectors.meetings_queryset().order_by("starts_at")
    return calendar.ics_response(meetings, "meetings.ics", request)


@require_GET
@member_or_staff_required
def meeting_ics(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return calendar.ics_response([meeting], f"meeting-{meeting.pk}.ics", request)


# --- Invitations and answers ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def invite(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = InviteForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        count = services.invitations_send(meeting=meeting, corporations=form.chosen(), acting_user=request.user)
        messages.success(request, _("%(count)s法人に案内を送りました。") % {"count": count})
        return redirect("meetings:replies", pk=meeting.pk)
    invited = set(meeting.invitations.values_list("corporation_id", flat=True))
    return render(request, "meetings/invite.html", {"meeting": meeting, "form": form, "invited": invited})


@require_POST
@staff_required
def remind(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    count = services.invitations_remind(meeting=meeting, acting_user=request.user)
    messages.success(request, _("未回答の%(count)s法人に催促のメールを送りました。") % {"count": count})
    return redirect("meetings:replies", pk=meeting.pk)


@require_GET
@staff_required
def replies(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    invitations, totals, by_area = selectors.replies_overview(meeting)
    answers = Invitation.Answer
    return render(
        request, "meetings/replies.html",
        {"meeting": meeting, "invitations": invitations, "by_area": by_area,
         "totals": [(label, totals[value]) for value, label in answers.choices],
         "pending": [i for i in invitations if i.answer == answers.PENDING]},
    )


@require_GET
@login_required
def my_answer(request, pk):
    """The link in the e-mail: a member lands on its own corporation's answer."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if is_council_staff(request.user):
        return redirect("meetings:replies", pk=meeting.pk)
    invitation = selectors.visible_invitations(request.user, meeting).first()
    if invitation is None:
        raise Http404
    return redirect("meetings:answer", pk=meeting.pk, invitation_pk=invitation.pk)


@require_http_methods(["GET", "POST"])
@login_required
def answer(request, pk, invitation_pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    invitation = selectors.get_invitation_for_user(request.user, meeting, invitation_pk, for_edit=True)
    corporation = invitation.corporation
    facility_choices = [(f.pk, f.name) for f in corporation.facilities.filter(is_active=True)]
    kwargs = {"facility_choices": facility_choices, "area_choices": area_choices(), "default_area": corporation.home_area_id}
    persons = [
        {"name": p.name, "title": p.title, "facility": p.facility_id, "area": p.area_id}
        for p in invitation.persons.all()
    ]
    answer_initial = {} if invitation.answer == Invitation.Answer.PENDING else {"answer": invitation.answer}
    form = RsvpForm(request.POST or None, initial={**answer_initial, "comment": invitation.comment})
    formset = RsvpPersonFormSet(request.POST or None, initial=persons, prefix="persons", form_kwargs=kwargs)
    can_answer = services.can_still_answer(request.user, meeting)
    if request.method == "POST":
        if not can_answer:
            messages.error(request, _("連絡会が始まったため、回答は変更できません。事務局にご連絡ください。"))
            return redirect("meetings:detail", pk=meeting.pk)
        if form.is_valid() and formset.is_valid():
            people = formset.persons()
            if form.cleaned_data["answer"] == Invitation.Answer.ATTEND and not people:
                form.add_error("answer", _("出席の場合は、出席する人の氏名を1人以上入力してください。"))
            else:
                try:
                    services.rsvp_answer(
                        invitation=invitation, acting_user=request.user, answer=form.cleaned_data["answer"],
                        comment=form.cleaned_data["comment"], persons=people,
                    )
                except ValidationError as error:
                    form.add_error(None, error)
                else:
                    messages.success(request, _("%(corporation)sの出欠回答を保存しました。") % {"corporation": corporation.name})
                    if is_council_staff(request.user):
                        return redirect("meetings:replies", pk=meeting.pk)
                    return redirect("meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/answer.html",
        {"meeting": meeting, "invitation": invitation, "form": form, "formset": formset, "can_answer": can_answer,
         "is_proxy": is_council_staff(request.user)},
    )


# --- Attendance on the day ------------------------------------------------------------------------


def _attendance_initial(invitations, persons, attendees, corporations):
    def from_attendee(a):
        return {"attendee": a.pk, "corporation": a.corporation_id, "name": a.name, "title": a.title,
                "facility": a.facility_id, "area": a.area_id, "present": a.present, "walk_in": a.walk_in}

    rows = []
    invited = set()
    for invitation in invitations:
        corporation = invitation.corporation
        invited.add(corporation.pk)
        if attendees.get(corporation.pk):
            rows += [from_attendee(a) for a in attendees[corporation.pk]]
        elif persons.get(invitation.pk):
            # Prefilled from the answer: those who said they would come start ticked.
            rows += [
                {"corporation": corporation.pk, "name": p.name, "title": p.title, "facility": p.facility_id,
                 "area": p.area_id, "present": invitation.answer == Invitation.Answer.ATTEND}
                for p in persons[invitation.pk]
            ]
        else:
            rows.append({"corporation": corporation.pk, "name": "", "title": "", "area": corporation.home_area_id, "present": False})
    for corporation_id, recorded in attendees.items():
        if corporation_id not in invited:
            rows += [from_attendee(a) for a in recorded]

    def key(row):
        corporation = corporations[row["corporation"]]
        return (corporation.home_area.sort_order, corporation.home_area.name, corporation.name_kana, corporation.name)

    rows.sort(key=key)  # stable: the people of one corporation keep their order
    return rows


def _attendance_formset(request, meeting):
    invitations, persons, attendees, corporations, facilities = selectors.attendance_context(meeting)
    initial = _attendance_initial(invitations, persons, attendees, corporations)
    corporation_choices = [(c.pk, c.name) for c in sorted(corporations.values(), key=lambda c: (c.name_kana, c.name))]
    formset = AttendanceFormSet(
        request.POST if request.method == "POST" else None, initial=initial, prefix="rows",
        form_kwargs={
            "corporation_choices": corporation_choices, "facilities": facilities, "area_choices": area_choices(),
            "home_areas": {c.pk: c.home_area_id for c in corporations.values()},
        },
    )
    for form in formset.forms:
        raw = form["corporation"].value()
        try:
            corporation = corporations.get(int(raw))
        except (TypeError, ValueError):
            corporation = None
        form.group_name = corporation.home_area.name if (corporation and form.is_fixed) else ""
    return formset, len(invitations)


@require_http_methods(["GET", "POST"])
@staff_required
def attendance(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    formset, invited_count = _attendance_formset(request, meeting)
    if request.method == "POST" and formset.is_valid():
        try:
            result = services.attendance_save(meeting=meeting, rows=formset.rows(), acting_user=request.user)
        except services.AttendanceConflict:
            messages.error(request, _("他の職員が同時に保存したため、保存できませんでした。画面を読み込み直してから、もう一度保存してください。"))
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
        {"meeting": meeting, "formset": formset, "invited_count": invited_count}, status=status,
    )


@require_GET
@staff_required
def signin_sheet(request, pk):
    """受付名簿: one A4 page per area, expected people and blank rows for walk-ins."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    invitations, persons, attendees, corporations, _facilities = selectors.attendance_context(meeting)
    pages = {}
    for invitation in invitations:
        corporation = invitation.corporation
        if invitation.answer == Invitation.Answer.ABSENT:
            expected = []
        else:
            expected = [(p.name, p.title) for p in persons.get(invitation.pk, [])]
        pages.setdefault(corporation.home_area, []).append((corporation, invitation, expected))
    return render(
        request, "meetings/signin_sheet.html",
        {"meeting": meeting, "pages": list(pages.items()), "blank_rows": range(8)},
    )


# --- Area groups and minutes ------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@staff_required
def area_groups(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    groups = selectors.area_group_rows(meeting)
    forms = [AreaGroupForm(request.POST or None, instance=g, prefix=f"area-{g.area_id}") for g in groups]
    if request.method == "POST" and all(form.is_valid() for form in forms):
        services.area_groups_save(
            meeting=meeting, acting_user=request.user, groups=[(form.instance, changed_fields(form)) for form in forms]
        )
        messages.success(request, _("グループの記録を保存しました。"))
        return redirect("meetings:minutes", pk=meeting.pk)
    members = {area.pk: people for area, _group, people in selectors.area_groups(meeting)}
    rows = [(form, form.instance.area, members.get(form.instance.area_id, [])) for form in forms]
    return render(request, "meetings/area_groups.html", {"meeting": meeting, "rows": rows})


@require_GET
@staff_required
def minutes(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/minutes.html", {"meeting": meeting, **selectors.minutes_context(meeting)})


# --- Reports --------------------------------------------------------------------------------------------


@require_GET
@staff_required
def report(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/report.html", {"meeting": meeting, "report": selectors.area_report(meeting)})


@require_GET
@staff_required
def report_print(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    return render(request, "meetings/report_print.html", {"meeting": meeting, "report": selectors.area_report(meeting)})


def _attendee_header():
    return [_("地域"), _("法人名"), _("施設・事業所"), _("氏名"), _("役職"), _("グループ"), _("当日参加")]


def _attendee_row(area, attendee):
    return [
        area.name, attendee.corporation.name, attendee.facility.name if attendee.facility else "",
        attendee.name, attendee.title, attendee.area.name, _("はい") if attendee.walk_in else "",
    ]


def _export_name(meeting, extension):
    return _("出席報告_%(number)s回_%(date)s.%(ext)s") % {
        "number": meeting.number, "date": timezone.localtime(meeting.starts_at).strftime("%Y%m%d"), "ext": extension,
    }


@require_GET
@staff_required
def report_xlsx(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    result = selectors.area_report(meeting)
    book = XlsxBook()
    book.add_sheet(
        _("集計"),
        [_("地域"), _("案内した法人数"), _("出席法人数"), _("欠席法人数"), _("出席率（%）"), _("出席者数")],
        [[r.area.name, r.total, len(r.attended), len(r.absent), r.rate, len(r.attendees)] for r in result.areas]
        + [[_("合計"), result.total_count, result.attended_count, result.absent_count,
            result.rate, result.attendee_count]],
    )
    for area_report in result.areas:
        rows = [_attendee_row(area_report.area, a) for a in area_report.attendees]
        rows += [[area_report.area.name, c.name, "", _("（欠席）"), "", "", ""] for c in area_report.absent]
        book.add_sheet(area_report.area.name, _attendee_header(), rows)
    return book.response(_export_name(meeting, "xlsx"))


@require_GET
@staff_required
def report_csv(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    result = selectors.area_report(meeting)
    rows = (_attendee_row(r.area, a) for r in result.areas for a in r.attendees)
    return csv_response(_export_name(meeting, "csv"), _attendee_header(), rows)


@require_GET
@staff_required
def participation(request):
    years = selectors.fiscal_years()
    labels = {fy: format_fiscal_year(fy) for fy in years}
    form = ParticipationForm(request.GET or None, fiscal_years=years, labels=labels)
    fiscal_year, last_n = None, 2
    if form.is_bound and form.is_valid():
        fiscal_year = form.cleaned_data.get("fy")
        last_n = form.cleaned_data.get("n") or last_n
    if fiscal_year is None:
        # Opened without a choice: the newest year that has held meetings, not an empty new one.
        fiscal_year = selectors.latest_fiscal_year_held() or (years[0] if years else fiscal_year_of(timezone.localdate()))
    meetings, rows, area_rates, outreach = selectors.participation(fiscal_year, last_n)
    return render(
        request, "meetings/participation.html",
        {"form": form, "fiscal_year": fiscal_year, "last_n": last_n, "meetings": meetings, "rows": rows,
         "area_rates": area_rates, "outreach": outreach},
    )
