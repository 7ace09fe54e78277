"""Projects behind the log-in: the owner's editors and staff change them; partners read."""


from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import (
    get_membership,
    is_council_staff,
    member_or_staff_required,
    staff_required,
)
from core.exports import XlsxBook, csv_response
from core.uploads import stored_file_response
from corporations.models import Area

from . import board as board_layout
from . import report as project_report
from . import services
from .filters import ProjectFilter
from .forms import PhotoForm, ProjectForm, ReviewForm, SendBackForm, StaffProjectForm
from .models import NetworkPattern
from .selectors import (
    FIRST_REVIEW_DAYS,
    board_projects,
    can_edit_project,
    get_photo_for_user,
    get_project_for_edit,
    get_project_for_user,
    overdue_projects,
    project_detail_prefetch,
    project_list_queryset,
    report_projects,
)

PAGE_SIZE = 50


def _changed(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.changed_data if name in form.Meta.fields}


def _form_class(user):
    return StaffProjectForm if is_council_staff(user) else ProjectForm


def _refusal(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


@require_GET
@member_or_staff_required
def project_list(request):
    projects = ProjectFilter(request.GET or None, queryset=project_list_queryset(request.user))
    page = Paginator(projects.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    membership = get_membership(request.user)
    return render(request, "contributions/list.html", {
        "filter": projects, "page": page, "query": query.urlencode(),
        "can_create": is_council_staff(request.user) or bool(membership and membership.is_editor),
    })


@require_http_methods(["GET", "POST"])
@member_or_staff_required
def project_create(request):
    staff = is_council_staff(request.user)
    membership = get_membership(request.user)
    if not staff and not membership.is_editor:
        raise PermissionDenied
    owner = None if staff else membership.corporation
    # Staff coming from a corporation's page find that corporation already chosen.
    initial = {"owner_choice": request.GET.get("owner")} if staff and request.GET.get("owner", "").isdigit() else {}
    form = _form_class(request.user)(request.POST or None, owner=owner, initial=initial)
    if request.method == "POST" and form.is_valid():
        fields = _changed(form)
        project = services.project_create(
            owner=owner or form.cleaned_data["owner_choice"], acting_user=request.user, fields=fields
        )
        messages.success(request, _("「%(title)s」を下書きとして保存しました。公開するには申請してください。") % {"title": project.title})
        return redirect("contributions:detail", pk=project.pk)
    return render(request, "contributions/form.html", {"form": form, "project": None})


@require_GET
@login_required
def project_detail(request, pk):
    project = project_detail_prefetch(get_project_for_user(request.user, pk))
    return render(request, "contributions/detail.html", {
        "project": project,
        "can_edit": can_edit_project(request.user, project),
        "is_public": hasattr(project, "published") and project.published.is_public,
    })


@require_http_methods(["GET", "POST"])
@login_required
def project_update(request, pk):
    project = get_project_for_edit(request.user, pk)
    form = _form_class(request.user)(request.POST or None, instance=project, owner=project.owner)
    if request.method == "POST" and form.is_valid():
        services.project_update(project=project, acting_user=request.user, fields=_changed(form))
        if project.has_pending_changes:
            messages.success(request, _("保存しました。公開中の内容は、変更を申請して承認されるまでそのままです。"))
        else:
            messages.success(request, _("保存しました。"))
        return redirect("contributions:detail", pk=project.pk)
    return render(request, "contributions/form.html", {"form": form, "project": project})


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


@require_POST
@staff_required
def project_publish(request, pk):
    project = get_project_for_user(request.user, pk)
    try:
        services.project_publish(project=project, acting_user=request.user)
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("「%(title)s」を公開しました。") % {"title": project.title})
    return redirect("contributions:detail", pk=project.pk)


@require_http_methods(["GET", "POST"])
@staff_required
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
    return render(request, "contributions/send_back.html", {"form": form, "project": project})


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
    project = get_project_for_edit(request.user, pk)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.photo_add(
            project=project, acting_user=request.user, image=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"], content_type=form.content_type,
        )
        messages.success(request, _("写真を追加しました。"))
        return redirect("contributions:detail", pk=project.pk)
    return render(request, "contributions/photo_form.html", {"form": form, "project": project})


def photo_response(photo):
    return stored_file_response(photo.image, content_type=photo.content_type)


@require_GET
@login_required
def photo_file(request, pk, photo_pk):
    project = get_project_for_user(request.user, pk)
    return photo_response(get_photo_for_user(request.user, project, photo_pk))


@require_POST
@login_required
def photo_delete(request, pk, photo_pk):
    project = get_project_for_edit(request.user, pk)
    photo = get_photo_for_user(request.user, project, photo_pk)
    services.photo_delete(photo=photo, acting_user=request.user)
    messages.success(request, _("写真を削除しました。"))
    return redirect("contributions:detail", pk=project.pk)


@require_http_methods(["GET", "POST"])
@login_required
def review_create(request, pk):
    project = get_project_for_edit(request.user, pk)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.review_create(project=project, acting_user=request.user, fields=form.cleaned_data)
        messages.success(request, _("振り返りを記録しました。"))
        return redirect("contributions:detail", pk=project.pk)
    return render(request, "contributions/review_form.html", {"form": form, "project": project})


@require_GET
@member_or_staff_required
def board(request):
    """Staff see every project; a member its own and its joint projects (any state)."""
    projects = list(board_projects(request.user))
    patterns = list(NetworkPattern.objects.order_by("number"))
    return render(request, "contributions/board.html", {
        "dots": board_layout.layout(projects),
        "ranking": board_layout.ranked(projects),
        "axes": board_layout.axes(),
        "patterns": patterns,
    })


@require_GET
@staff_required
def overdue(request):
    return render(request, "contributions/overdue.html", {
        "projects": overdue_projects(), "first_review_days": FIRST_REVIEW_DAYS, "today": timezone.localdate(),
    })


def _report():
    areas = Area.objects.order_by("sort_order", "name")
    patterns = NetworkPattern.objects.order_by("number")
    return project_report.build(report_projects(), areas, patterns)


def _export_name(extension):
    return _("社会貢献事業報告_%(date)s.%(ext)s") % {"date": timezone.localdate().strftime("%Y%m%d"), "ext": extension}


@require_GET
@staff_required
def report(request):
    return render(request, "contributions/report.html", {"report": _report(), "today": timezone.localdate()})


@require_GET
@staff_required
def report_csv(request):
    return csv_response(_export_name("csv"), project_report.export_header(), project_report.export_rows(report_projects()))


@require_GET
@staff_required
def report_xlsx(request):
    result = _report()
    book = XlsxBook()
    book.add_sheet(
        _("パターン×地域"),
        [_("ネットワークのパターン"), *[area.name for area in result.areas], _("事業数")],
        project_report.crosstab_rows(result),
    )
    book.add_sheet(_("事業一覧"), project_report.export_header(), project_report.export_rows(
        [p for _pattern, projects in result.by_pattern for p in projects]
    ))
    return book.response(_export_name("xlsx"))

