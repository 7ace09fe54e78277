"""A project's photos and PDCA reviews, changed by the owner's editors and staff."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.uploads import stored_file_response

from .. import services
from ..forms import PhotoForm, ReviewForm
from ..models import PublicationState
from ..policies import (
    can_add_photo,
    can_delete_photo,
    can_review_project,
)
from ..selectors import (
    get_photo_of,
    get_project_for_edit,
    get_project_for_user,
)
from .common import note_retraction, render_page


@require_http_methods(["GET", "POST"])
@login_required
def photo_create(request, pk):
    project = get_project_for_edit(request.user, pk, allowed=can_add_photo)
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        was_submitted = project.publication_state == PublicationState.SUBMITTED
        services.photo_add(
            project=project, acting_user=request.user, image=form.cleaned_data["image"],
            caption=form.cleaned_data["caption"], content_type=form.content_type,
        )
        messages.success(request, _("写真を追加しました。"))
        note_retraction(request, project, was_submitted)
        return redirect("contributions:detail", pk=project.pk)
    return render_page(
        request, "contributions/project_form_page.html", {"form": form, "project": project, "heading": _("写真を追加")}
    )


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
    project = get_project_for_edit(request.user, pk, allowed=can_delete_photo)
    was_submitted = project.publication_state == PublicationState.SUBMITTED
    # The photo's project is this very instance (read through project.photos): the service's
    # change of state shows on it.
    services.photo_delete(photo=get_photo_of(project, photo_pk), acting_user=request.user)
    messages.success(request, _("写真を削除しました。"))
    note_retraction(request, project, was_submitted)
    return redirect("contributions:detail", pk=project.pk)


@require_http_methods(["GET", "POST"])
@login_required
def review_create(request, pk):
    project = get_project_for_edit(request.user, pk, allowed=can_review_project)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.review_create(project=project, acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("振り返りを記録しました。"))
        return redirect("contributions:detail", pk=project.pk)
    return render_page(
        request, "contributions/project_form_page.html",
        {"form": form, "project": project, "heading": _("振り返りを記録")},
    )
