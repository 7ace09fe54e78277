"""Projects behind the log-in: the owner's editors and staff change them; partners read."""

from functools import partial
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import allowed_if, get_membership
from core.concurrency import edit_page
from core.feedback import attempt
from core.fragments import generation_first
from core.history_views import history_views
from core.ids import parse_id
from core.paging import lazy_page

from .. import services
from ..filters import ProjectFilter
from ..forms import ProjectForm, SendBackForm, StaffProjectForm
from ..models import PublicationState
from ..policies import (
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
    can_see_report,
    can_send_back_project,
    can_submit_project,
    can_withdraw_project,
)
from ..selectors import (
    get_project_for_edit,
    get_project_for_user,
    project_detail_prefetch,
    project_list_queryset,
)
from .common import note_retraction, render_page

PAGE_SIZE = 50


def _own_corporation_id(user) -> int | None:
    membership = get_membership(user)
    return membership.corporation_id if membership else None


def _form_class(user):
    return StaffProjectForm if can_give_staff_scores(user) else ProjectForm


def _state_change(request, project, service, success: str, **arguments):
    """One step of the publication through its service, said how it went, back to the project: a step the
    project's state does not allow is refused by the service with its reason."""
    attempt(request, lambda: service(project=project, acting_user=request.user, **arguments), success)
    return redirect("contributions:detail", pk=project.pk)


def _reviewed_version(request) -> int | None:
    """The project's version as the page that posted showed it (the publish button's field)."""
    return parse_id(request.POST.get("version", ""))




@generation_first  # reads what its cached fragments show (core/fragments.py)
@require_GET
@allowed_if(can_list_projects)
def project_list(request):
    projects = ProjectFilter(request.GET or None, queryset=project_list_queryset(request.user))
    page, query = lazy_page(request, lambda: projects.qs, PAGE_SIZE)
    return render_page(request, "contributions/list.html", {
        "filter": projects, "page": page, "query": query,
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
    return render_page(request, "contributions/form.html", {"form": form, "project": None})


@require_GET
@login_required
def project_detail(request, pk):
    project = project_detail_prefetch(get_project_for_user(request.user, pk))
    user = request.user
    return render_page(request, "contributions/detail.html", {
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
    was_submitted = project.publication_state == PublicationState.SUBMITTED

    def saved():
        note_retraction(request, project, was_submitted)
        if project.has_pending_changes:
            return _("保存しました。公開中の内容は、変更を申請して承認されるまでそのままです。")
        return _("保存しました。")

    return edit_page(
        request, form, partial(services.project_update, project=project, acting_user=request.user),
        done=saved, then=reverse("contributions:detail", kwargs={"pk": project.pk}),
        template="contributions/form.html", context={"project": project}, render=render_page,
    )


@require_POST
@login_required
def project_submit(request, pk):
    project = get_project_for_edit(request.user, pk)
    return _state_change(
        request, project, services.project_submit, _("公開を申請しました。事務局の確認をお待ちください。")
    )


# Deciding on submissions is staff's (403 for others, before any project is looked up); the
# service refuses a project that is not 申請中 with a message.
@require_POST
@allowed_if(can_moderate)
def project_publish(request, pk):
    project = get_project_for_user(request.user, pk)
    return _state_change(
        request, project, services.project_publish, _("「%(title)s」を公開しました。") % {"title": project.title},
        expected_version=_reviewed_version(request),
    )


@require_http_methods(["GET", "POST"])
@allowed_if(can_moderate)
def project_send_back(request, pk):
    project = get_project_for_user(request.user, pk)
    form = SendBackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        return _state_change(
            request, project, services.project_send_back, _("差し戻し、法人の編集者にメールで知らせました。"),
            comment=form.cleaned_data["comment"],
        )
    return render_page(
        request, "contributions/project_form_page.html", {"form": form, "project": project, "heading": _("差し戻す")}
    )


@require_POST
@login_required
def project_withdraw(request, pk):
    project = get_project_for_edit(request.user, pk)
    return _state_change(request, project, services.project_withdraw, _("カタログから外し、非公開にしました。"))


# A restore goes through project_update: a public project's change then waits for approval, as any edit.
project_history, project_restore = history_views(
    guard=allowed_if(can_read_project_history), find=get_project_for_user, find_for_restore=get_project_for_edit,
    accepted=services.ProjectChanges.__optional_keys__,
    update=lambda project, user, changes: services.project_update(project=project, acting_user=user, **changes),
    heading=attrgetter("title"), back_label=attrgetter("title"),
    back_url=lambda project: reverse("contributions:detail", kwargs={"pk": project.pk}),
    history="contributions:history", restore="contributions:restore",
)
