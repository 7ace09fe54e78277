"""Invitations and answers: invite, remind, the replies at a glance, a corporation's answer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import allowed_if
from core.concurrency import StaleEdit, changes_since, refresh_untouched, refuse_stale

from .. import policies, selectors, services
from ..forms.invitations import InviteForm, RsvpForm, RsvpPersonFormSet
from ..models import Invitation


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_manage_meetings)
def invite(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        count = services.invitations_send(meeting=meeting, corporations=form.chosen(), acting_user=request.user)
        messages.success(request, _("%(count)s法人に案内を送りました。") % {"count": count})
        return redirect("meetings:replies", pk=meeting.pk)
    invited = set(meeting.invitations.values_list("corporation_id", flat=True))
    return render(request, "meetings/invite.html", {"meeting": meeting, "form": form, "invited": invited})


@require_POST
@allowed_if(policies.can_manage_meetings)
def remind(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    count = services.invitations_remind(meeting=meeting, acting_user=request.user)
    messages.success(request, _("未回答の%(count)s法人に催促のメールを送りました。") % {"count": count})
    return redirect("meetings:replies", pk=meeting.pk)


@require_GET
@allowed_if(policies.can_see_replies)
def replies(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    invitations, totals, by_area = selectors.replies_overview(meeting)
    answers = Invitation.Answer
    return render(
        request, "meetings/replies.html",
        {"meeting": meeting, "invitations": invitations, "by_area": by_area,
         "totals": [(label, totals[value]) for value, label in answers.choices],
         "pending": [i for i in invitations if i.answer == answers.PENDING],
         "can_manage": policies.can_manage_meetings(request.user)},
    )


@require_GET
@login_required
def my_answer(request, pk):
    """The link in the e-mail: a member lands on its own corporation's answer, staff on the replies."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    if policies.can_see_replies(request.user):
        return redirect("meetings:replies", pk=meeting.pk)
    invitation = selectors.visible_invitations(request.user, meeting).first()
    if invitation is None:
        raise Http404
    return redirect("meetings:answer", pk=meeting.pk, invitation_pk=invitation.pk)


ANSWER_FIELDS = {"answer": "answer", "comment": "comment"}


def _save_answer(request, invitation, form, formset) -> tuple[bool, list | None]:
    """Save a valid answer: (saved, the changes since the page was opened if it was outdated).
    Not saved: the errors are on the form."""
    people = formset.persons()
    if form.cleaned_data["answer"] == Invitation.Answer.ATTEND and not people:
        form.add_error("answer", _("出席の場合は、出席する人の氏名を1人以上入力してください。"))
        return False, None
    version = form.cleaned_data["version"]
    try:
        services.rsvp_answer(
            invitation=invitation, acting_user=request.user, answer=form.cleaned_data["answer"],
            comment=form.cleaned_data["comment"], persons=people, expected_version=version,
        )
    except ValidationError as error:
        form.add_error(None, error)
        return False, None
    except StaleEdit as stale:
        # Another member of the corporation (or staff) answered since this page was opened.
        changes = changes_since(
            Invitation, invitation.pk, version, ["answer", "comment", "answered_by", "answered_at"]
        )
        refresh_untouched(form, Invitation, invitation.pk, version, ANSWER_FIELDS)
        refuse_stale(form, current=stale.current)
        return False, changes
    return True, None


@require_http_methods(["GET", "POST"])
@login_required
def answer(request, pk, invitation_pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    invitation = selectors.get_invitation_for_user(request.user, meeting, invitation_pk, for_edit=True)
    corporation = invitation.corporation
    facility_choices, persons = selectors.answer_rows(invitation)
    kwargs = {"facility_choices": facility_choices, "area_choices": selectors.active_area_choices(),
              "default_area": corporation.home_area_id}
    answer_initial = {} if invitation.answer == Invitation.Answer.PENDING else {"answer": invitation.answer}
    form = RsvpForm(
        request.POST or None, initial={**answer_initial, "comment": invitation.comment, "version": invitation.version}
    )
    formset = RsvpPersonFormSet(request.POST or None, initial=persons, prefix="persons", form_kwargs=kwargs)
    can_answer = policies.can_answer(request.user, invitation)
    is_proxy = policies.can_see_replies(request.user)  # staff answer on a corporation's behalf
    stale_changes = None
    if request.method == "POST":
        if not can_answer:
            messages.error(request, policies.ANSWERS_CLOSED_MESSAGE)
            return redirect("meetings:detail", pk=meeting.pk)
        if form.is_valid() and formset.is_valid():
            saved, stale_changes = _save_answer(request, invitation, form, formset)
            if saved:
                messages.success(
                    request, _("%(corporation)sの出欠回答を保存しました。") % {"corporation": corporation.name}
                )
                return redirect("meetings:replies" if is_proxy else "meetings:detail", pk=meeting.pk)
    return render(
        request, "meetings/answer.html",
        {"meeting": meeting, "invitation": invitation, "form": form, "formset": formset, "can_answer": can_answer,
         "is_proxy": is_proxy, "answers_closed_message": policies.ANSWERS_CLOSED_MESSAGE,
         "stale_changes": stale_changes},
        status=409 if stale_changes is not None else 200,
    )
