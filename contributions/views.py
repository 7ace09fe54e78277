"""Projects behind the log-in: the owner's editors and staff change them; partners read."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import allowed_if, get_membership
from core.concurrency import StaleEdit, review_stale
from core.exports import XlsxBook, ascii_filename, csv_response
from core.history_views import history_response, restore_response
from core.ids import parse_id
from core.uploads import stored_file_response
from corporations.models import Area

from . import board as board_layout
from . import report as project_report
from . import services
from .filters import ProjectFilter
from .forms import PhotoForm, ProjectForm, ReviewForm, SendBackForm, StaffProjectForm
from .models import NetworkPattern, Project, PublicationState
from .policies import (
    can_add_photo,
    can_choose_project_owner,
    can_create_project,
    can_delete_photo,
    can_edit_project,
    can_give_staff_scores,
    can_list_projects,
    can_moderate,
    can_publish_project,
    can_read_project_history,
    can_review_project,
    can_see_board,
    can_see_overdue,
    can_see_report,
    can_send_back_project,
    can_submit_project,
    can_withdraw_project,
)
from .selectors import (
    FIRST_REVIEW_DAYS,
    board_projects,
    get_photo_of,
    get_project_for_edit,
    get_project_for_user,
    overdue_projects,
    project_detail_prefetch,
    project_list_queryset,
    report_projects,
)

PAGE_SIZE = 50


def _own_corporation_id(user) -> int | None:
    membership = get_membership(user)
    return membership.corporation_id if membership else None


def _form_class(user):
    return StaffProjectForm if can_give_staff_scores(user) else ProjectForm


def _refusal(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def _note_retraction(request, project, was_submitted: bool) -> None:
    """Tell the editor that the change withdrew the submission (Project.retract_submission)."""
    if was_submitted and project.publication_state != PublicationState.SUBMITTED:
        messages.warning(request, _("申請中の内容を変更したため、申請を取り下げました。もう一度申請してください。"))


def _reviewed_version(request) -> datetime.datetime | None:
    """The project's updated_at as the page that posted showed it (the publish button's field)."""
    try:
        return datetime.datetime.fromisoformat(request.POST.get("version", ""))
    except ValueError:
        return None



def _page(request, template: str, context: dict, **kwargs):
    """Render a projects page. Each knows whether the user sees every corporation's projects
    (staff) or its own and joint ones, so that titles and breadcrumbs say which."""
    return render(request, template, {"sees_all_projects": can_moderate(request.user), **context}, **kwargs)

@require_GET
@allowed_if(can_list_projects)
def project_list(request):
    projects = ProjectFilter(request.GET or None, queryset=project_list_queryset(request.user))
    page = Paginator(projects.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return _page(request, "contributions/list.html", {
        "filter": projects, "page": page, "query": query.urlencode(),
        "can_create": can_create_project(request.user, _own_corporation_id(request.user)),
        "can_see_report": can_see_report(request.user),
    })


@require_http_methods(["GET", "POST"])
@allowed_if(can_list_projects)
def project_create(request):
    # Staff register a project for any corporation and choose it in the form; a member its own.
    chooses_owner = can_choose_project_owner(request.user)
    owner = None if chooses_owner else get_membership(request.user).corporation
    if not can_create_project(request.user, None if owner is None else owner.pk):
        raise PermissionDenied
    # Staff coming from a corporation's page find that corporation already chosen.
    owner_id = parse_id(request.GET.get("owner"))
    initial = {"owner_choice": owner_id} if chooses_owner and owner_id else {}
    form = _form_class(request.user)(request.POST or None, owner=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        project = services.project_create(
            owner=owner or form.cleaned_data["owner_choice"], acting_user=request.user, **fields
        )
        messages.success(
            request,
            _("「%(title)s」を下書きとして保存しました。公開するには申請してください。") % {"title": project.title},
        )
        return redirect("contributions:detail", pk=project.pk)
    return _page(request, "contributions/form.html", {"form": form, "project": None})


@require_GET
@login_required
def project_detail(request, pk):
    project = project_detail_prefetch(get_project_for_user(request.user, pk))
    user = request.user
    return _page(request, "contributions/detail.html", {
        "project": project,
        "is_public": project.is_public,
        "can_edit": can_edit_project(user, project),
        "can_read_history": can_read_project_history(user),
        "can_submit": can_submit_project(user, project),
        "can_publish": can_publish_project(user, project),
        "can_send_back": can_send_back_project(user, project),
        "can_withdraw": can_withdraw_project(user, project),
        "can_add_photo": can_add_photo(user, project),
        "can_delete_photo": can_delete_photo(user, project),
        "can_review": can_review_project(user, project),
    })


@require_http_methods(["GET", "POST"])
@login_required
def project_update(request, pk):
    project = get_project_for_edit(request.user, pk)
    form = _form_class(request.user)(request.POST or None, instance=project, owner=project.owner)
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        was_submitted = project.publication_state == PublicationState.SUBMITTED
        try:
            services.project_update(
                project=project, acting_user=request.user, expected_version=form.opened_version, **changes
            )
        except StaleEdit as stale:
            stale_changes = review_stale(form, Project, project.pk, current=stale.current)
        else:
            _note_retraction(request, project, was_submitted)
            if project.has_pending_changes:
                messages.success(request, _("保存しました。公開中の内容は、変更を申請して承認されるまでそのままです。"))
            else:
                messages.success(request, _("保存しました。"))
            return redirect("contributions:detail", pk=project.pk)
    return _page(request, "contributions/form.html", {"form": form, "project": project, "stale_changes": stale_changes},
        status=409 if stale_changes is not None else 200,
    )


@require_POST
@login_required
def project_submit(request, pk):
    project = get_project_for_edit(request.user, pk)
    try:
        services.project_submit(project=project, acting_user=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("公開を申請しました。事務局の確認をお待ちください。"))
    return redirect("contributions:detail", pk=project.pk)


# Deciding on submissions is staff's (403 for others, before any project is looked up); the
# service refuses a project that is not 申請中 with a message.
@require_POST
@allowed_if(can_moderate)
def project_publish(request, pk):
    project = get_project_for_user(request.user, pk)
    try:
        services.project_publish(
            project=project, acting_user=request.user, reviewed_version=_reviewed_version(request)
        )
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("「%(title)s」を公開しました。") % {"title": project.title})
    return redirect("contributions:detail", pk=project.pk)


@require_http_methods(["GET", "POST"])
@allowed_if(can_moderate)
def project_send_back(request, pk):
    project = get_project_for_user(request.user, pk)
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.project_send_back(project=project, acting_user=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("差し戻し、法人の編集者にメールで知らせました。"))
        return redirect("contributions:detail", pk=project.pk)
    return _page(request, "contributions/send_back.html", {"form": form, "project": project})


@require_POST
@login_required
def project_withdraw(request, pk):
    project = get_project_for_edit(request.user, pk)
    try:
        services.project_withdraw(project=project, acting_user=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("カタログから外し、非公開にしました。"))
    return redirect("contributions:detail", pk=project.pk)


@require_http_methods(["GET", "POST"])
@login_required
def photo_create(request, pk):
    project = get_project_for_user(request.user, pk)
    if not can_add_photo(request.user, project):
        raise PermissionDenied
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        was_submitted = project.publication_state == PublicationState.SUBMITTED
        services.photo_add(
            project=project, acting_user=request.user, image=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"], content_type=form.content_type,
        )
        messages.success(request, _("写真を追加しました。"))
        _note_retraction(request, project, was_submitted)
        return redirect("contributions:detail", pk=project.pk)
    return _page(request, "contributions/photo_form.html", {"form": form, "project": project})


def photo_response(photo):
    return stored_file_response(photo.image, content_type=photo.content_type)


@require_GET
@login_required
def photo_file(request, pk, photo_pk):
    project = get_project_for_user(request.user, pk)
    return photo_response(get_photo_of(project, photo_pk))


@require_POST
@login_required
def photo_delete(request, pk, photo_pk):
    project = get_project_for_user(request.user, pk)
    if not can_delete_photo(request.user, project):
        raise PermissionDenied
    was_submitted = project.publication_state == PublicationState.SUBMITTED
    # The photo's project is this very instance (read through project.photos): the service's
    # change of state shows on it.
    services.photo_delete(photo=get_photo_of(project, photo_pk), acting_user=request.user)
    messages.success(request, _("写真を削除しました。"))
    _note_retraction(request, project, was_submitted)
    return redirect("contributions:detail", pk=project.pk)


@require_http_methods(["GET", "POST"])
@login_required
def review_create(request, pk):
    project = get_project_for_user(request.user, pk)
    if not can_review_project(request.user, project):
        raise PermissionDenied
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.review_create(project=project, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("振り返りを記録しました。"))
        return redirect("contributions:detail", pk=project.pk)
    return _page(request, "contributions/review_form.html", {"form": form, "project": project})


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
    return _page(request, "contributions/board.html", {
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
    return _page(request, "contributions/overdue.html", {
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
    return _page(request, "contributions/report.html", {"report": _report(), "today": timezone.localdate()})


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



@require_GET
@allowed_if(can_read_project_history)
def project_history(request, pk):
    project = get_project_for_user(request.user, pk)
    return history_response(
        request, project, heading=project.title, back_label=project.title,
        back_url=reverse("contributions:detail", kwargs={"pk": pk}),
        restore_url=lambda record: reverse(
            "contributions:restore", kwargs={"pk": pk, "history_id": record.history_id}
        ),
    )


@require_http_methods(["GET", "POST"])
@allowed_if(can_read_project_history)
def project_restore(request, pk, history_id):
    """Restore through project_update: a public project's change then waits for approval, as any edit."""
    project = get_project_for_edit(request.user, pk)
    return restore_response(
        request, project, history_id, accepted=services.ProjectChanges.__optional_keys__,
        update=lambda changes: services.project_update(project=project, acting_user=request.user, **changes),
        heading=project.title, back_url=reverse("contributions:detail", kwargs={"pk": pk}),
        history_url=reverse("contributions:history", kwargs={"pk": pk}),
    )
