"""Invitations and answers: invite, remind, the replies at a glance, a corporation's answer."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import allowed_if
from core import mail
from core.concurrency import StaleEdit, changes_since, refresh_untouched, refuse_stale
from core.paging import without_page

from .. import policies, selectors, services
from ..forms.invitations import InviteFilterForm, InviteForm, RsvpForm, RsvpPersonFormSet
from ..models import Invitation


def _say_mailed(request, result, done_message: str) -> None:
    """Tell exactly what a round of mail did: how many corporations, how many reached by mail, how
    many without any address that need the printed letter."""
    messages.success(request, done_message % {"count": result.count, "mailed": len(result.mailed)})
    if result.unreached:
        messages.warning(request, _(
            "%(paper)s法人はメールアドレスが登録されていないため、メールは届いていません。"
            "案内文とFAX返信票を印刷して郵送またはFAXしてください。"
        ) % {"paper": len(result.unreached)})


@require_http_methods(["GET", "POST"])
@allowed_if(policies.can_manage_meetings)
def invite(request, pk):
    """Choose whom to invite by area, kind or name: a page of the candidates to tick, every one the
    filter finds, or every active corporation not invited yet. Never the whole register at once."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    filter_form = InviteFilterForm(request.GET)
    filters = filter_form.filters()
    candidates = selectors.invite_candidates(meeting, **filters)
    form = InviteForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        result = services.invitations_send(
            meeting=meeting, corporations=form.chosen(selectors.invite_candidates(meeting)), acting_user=request.user
        )
        if result.count:
            _say_mailed(request, result, _("%(count)s法人を案内しました。うちメールで届けたのは%(mailed)s法人です。"))
        else:
            messages.info(request, _("案内していない法人はありませんでした。"))
        return redirect("meetings:replies", pk=meeting.pk)
    page = Paginator(candidates, selectors.INVITE_PAGE_SIZE).get_page(request.GET.get("page"))
    # Unfiltered, the candidates are every corporation not invited: the page's count says how many.
    filtered = any(value not in (None, "") for value in filters.values())
    return render(request, "meetings/invite.html", {
        "meeting": meeting, "form": form, "filter_form": filter_form, "page": page,
        "invited_count": meeting.invitations.count(),
        "not_invited_count": selectors.invite_candidates(meeting).count() if filtered else page.paginator.count,
        "query": request.GET.urlencode(),
        "page_query": without_page(request.GET),
    })


@require_POST
@allowed_if(policies.can_manage_meetings)
def remind(request, pk):
    meeting = selectors.get_meeting_for_user(request.user, pk)
    result = services.invitations_remind(meeting=meeting, acting_user=request.user)
    if result.count:
        _say_mailed(
            request, result, _("未回答の%(count)s法人に催促しました。うちメールで届けたのは%(mailed)s法人です。")
        )
    else:
        messages.info(request, _("未回答の法人はありません。"))
    return redirect("meetings:replies", pk=meeting.pk)


@require_GET
@allowed_if(policies.can_see_mail_log)
def mail_log(request, pk):
    """The meeting's mails: to whom, which corporation, invitation or reminder, when, and whether
    the mail server took it (sent), it waits (queued, or to retry) or it failed."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    page = Paginator(selectors.mail_log(meeting), selectors.MAIL_LOG_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "meetings/mail_log.html", {
        "meeting": meeting, "page": page, "totals": selectors.mail_totals(meeting),
        "statuses": {"sent": mail.SENT, "failed": mail.FAILED},
    })


@require_GET
@allowed_if(policies.can_see_mail_log)
def letters(request, pk, invitation_pk=None):
    """The printed invitation (案内文) and FAX reply form (FAX返信票), one A4 page each: for one
    corporation, or for every invited corporation that no mail reached."""
    meeting = selectors.get_meeting_for_user(request.user, pk)
    invitations = selectors.letter_invitations(meeting, invitation_pk)
    if invitation_pk is not None and not invitations:
        raise Http404
    return render(request, "meetings/letters.html", {
        "meeting": meeting, "invitations": invitations, "single": invitation_pk is not None,
        "letterhead": settings.PORTAL_LETTERHEAD.splitlines(), "reply_fax": settings.PORTAL_REPLY_FAX,
        "council_name": settings.PORTAL_COUNCIL_NAME, "today": timezone.localdate(),
        "programme": selectors.programme(meeting), "person_rows": range(4),
    })


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
         "unreached": list(selectors.unreached_invitations(meeting)),
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
            messages.error(request, policies.answers_closed_message(meeting))
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
         "is_proxy": is_proxy, "answers_closed_message": policies.answers_closed_message(meeting),
         "stale_changes": stale_changes},
        status=409 if stale_changes is not None else 200,
    )
