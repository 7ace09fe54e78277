"""A meeting's minutes (議事録): the page that prints on A4, its editor, and the .docx."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.policies import allowed_if
from core.concurrency import STALE_MESSAGE, StaleEdit, changes_since, review_stale, set_version

from .. import policies, selectors, services
from ..forms.minutes import DecisionFormSet, FollowUpFormSet, MinutesForm
from ..minutes_docx import minutes_docx_response
from ..models import Minutes, MinutesDecision, MinutesFollowUp


def _minutes_of(user, pk):
    """The meeting, as the user may see it, and what its minutes say: the page and the .docx show the same."""
    meeting = selectors.get_meeting_for_user(user, pk)
    return meeting, selectors.minutes_context(meeting)


@require_GET
@allowed_if(policies.can_read_minutes)
def minutes(request, pk):
    meeting, context = _minutes_of(request.user, pk)
    return render(
        request, "meetings/minutes.html",
        {"meeting": meeting, "can_write_minutes": policies.can_write_minutes(request.user), **context},
    )


@require_GET
@allowed_if(policies.can_read_minutes)
def minutes_docx(request, pk):
    return minutes_docx_response(*_minutes_of(request.user, pk))


def _forms(data, meeting):
    """The minutes as they are (None until someone writes them) and the forms that edit them."""
    minutes = selectors.get_minutes(meeting)
    form = MinutesForm(data, instance=minutes or Minutes(meeting=meeting))
    decisions = DecisionFormSet(
        data, queryset=minutes.decisions.all() if minutes else MinutesDecision.objects.none(), prefix="decisions"
    )
    follow_ups = FollowUpFormSet(
        data, queryset=minutes.follow_ups.all() if minutes else MinutesFollowUp.objects.none(), prefix="followups"
    )
    return minutes, form, decisions, follow_ups


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_write_minutes)
def minutes_edit(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    data = request.POST if request.method == "POST" else None
    minutes, form, decisions, follow_ups = _forms(data, meeting)
    stale_changes = None
    if data is not None and minutes is not None and not data.get("version"):
        # The page was opened before anyone wrote these minutes: what they wrote is shown, what was
        # typed stays, and saving again goes over the minutes as they are now.
        stale_changes = changes_since(Minutes, minutes.pk, None, MinutesForm.Meta.fields)
        set_version(form, minutes.version)
        form.add_error(None, STALE_MESSAGE)
    elif data is not None and all([form.is_valid(), decisions.is_valid(), follow_ups.is_valid()]):
        decision_rows, delete_decisions = decisions.rows()
        follow_up_rows, delete_follow_ups = follow_ups.rows()
        names = form.changed_data if minutes else form.Meta.fields
        try:
            services.minutes_save(
                meeting=meeting, acting_user=request.user,
                expected_version=form.opened_version if minutes else None,
                changes={name: form.cleaned_data[name] for name in names},
                decisions=decision_rows, delete_decisions=delete_decisions,
                follow_ups=follow_up_rows, delete_follow_ups=delete_follow_ups,
            )
        except StaleEdit as stale:
            if minutes is not None:
                stale_changes = review_stale(form, Minutes, minutes.pk, current=stale.current)
            else:
                # Written by someone else between this request's read and its save (a split second).
                messages.error(request, STALE_MESSAGE)
                return redirect("meetings:minutes_edit", pk=meeting.pk)
        else:
            messages.success(request, _("議事録を保存しました。"))
            return redirect("meetings:minutes", pk=meeting.pk)
    return render(
        request, "meetings/minutes_form.html",
        {"meeting": meeting, "form": form, "decisions": decisions, "follow_ups": follow_ups,
         "items": selectors.programme(meeting), "stale_changes": stale_changes},
        status=409 if stale_changes is not None else 200,
    )
