"""Helpers shared by the project pages."""

from django.contrib import messages
from django.shortcuts import render
from django.utils.translation import gettext as _

from ..models import PublicationState
from ..policies import can_moderate


def note_retraction(request, project, was_submitted: bool) -> None:
    """Tell the editor that the change withdrew the submission (Project.retract_submission)."""
    if was_submitted and project.publication_state != PublicationState.SUBMITTED:
        messages.warning(request, _("申請中の内容を変更したため、申請を取り下げました。もう一度申請してください。"))


def render_page(request, template: str, context: dict, **kwargs):
    """Render a projects page. Each knows whether the user sees every corporation's projects
    (staff) or its own and joint ones, so that titles and breadcrumbs say which."""
    return render(request, template, {"sees_all_projects": can_moderate(request.user), **context}, **kwargs)
