"""Candidates and offer requests: staff ask corporations to take a need on; their editors answer."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import (
    member_or_staff_required,
    staff_required,
)
from contributions.selectors import visible_projects
from core.feedback import attempt
from core.fragments import generation_first
from core.paging import lazy_page, paginate

from .. import policies, services
from ..forms import (
    AnswerForm,
    CandidateFilterForm,
    LinkForm,
    OfferSendForm,
    ProjectStartForm,
    TakeOnForm,
)
from ..models import OfferStatus
from ..selectors import (
    candidate_corporations,
    candidate_reasons,
    get_need_for_user,
    get_offer_for_user,
    need_detail_prefetch,
    offers_for_user,
)
from .common import PAGE_SIZE, need_form_page, need_labels

CANDIDATES_PAGE_SIZE = 20


@require_GET
@staff_required
def candidates(request, pk):
    need = need_detail_prefetch(get_need_for_user(request.user, pk), with_offers=False)
    filters = CandidateFilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    ranked = candidate_corporations(
        need,
        area=chosen.get("area"),
        resource_kind=chosen.get("resource_kind"),
        service_type=chosen.get("service_type"),
    )
    page, query = paginate(request, ranked, CANDIDATES_PAGE_SIZE)
    candidate_reasons(need, page.object_list)
    return render(request, "needs/candidates.html", {
        "need": need, "filters": filters, "page": page, "query": query, "send_form": OfferSendForm(),
        "can_send": need.is_open,
    })


@require_POST
@staff_required
def offers_send(request, pk):
    need = get_need_for_user(request.user, pk)
    form = OfferSendForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("needs:candidates", pk=need.pk)
    attempt(
        request,
        lambda: services.offers_send(need=need, corporations=form.cleaned_data["corporations"],
                                     acting_user=request.user, message=form.cleaned_data["message"]),
        lambda count: _("%(count)d法人に打診し、編集者にメールで知らせました。") % {"count": count},
    )
    return redirect("needs:detail", pk=need.pk)


@require_POST
@staff_required
def offers_remind(request, pk):
    need = get_need_for_user(request.user, pk)
    count = services.offers_remind(need=need, acting_user=request.user)
    messages.success(request, _("未回答の%(count)d法人に催促のメールを送りました。") % {"count": count})
    return redirect("needs:detail", pk=need.pk)


@require_http_methods(["GET", "POST"])
@staff_required
def need_take_on(request, pk):
    need = get_need_for_user(request.user, pk)
    form = TakeOnForm(request.POST or None, need=need)
    return need_form_page(
        request, need, form, template="needs/take_on.html", heading=_("対応中にする"), refused_on_need_page=True,
        save=lambda: services.need_take_on(need=need, corporations=form.cleaned_data["corporations"],
                                           acting_user=request.user, note=form.cleaned_data["note"]),
        done=_("「対応中」にしました。"),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def project_start(request, pk):
    need = need_detail_prefetch(get_need_for_user(request.user, pk), with_offers=False)
    form = ProjectStartForm(request.POST or None, need=need)
    return need_form_page(
        request, need, form, template="needs/project_start.html", heading=_("このニーズから事業をつくる"),
        save=lambda: services.project_start_from_need(
            need=need, owner=form.cleaned_data["owner"], acting_user=request.user, title=form.cleaned_data["title"],
            summary=form.cleaned_data["summary"], pattern=form.cleaned_data["pattern"],
        ),
        done=_("下書きの事業をつくり、このニーズに関連づけました。内容を仕上げてください。"),
        then="contributions:update",
    )


@require_POST
@staff_required
def project_link(request, pk):
    need = get_need_for_user(request.user, pk)
    form = LinkForm(request.POST)
    if form.is_valid():
        project = get_object_or_404(visible_projects(request.user), pk=form.cleaned_data["project"])
        services.need_link_project(need=need, project=project, acting_user=request.user)
        messages.success(request, _("事業「%(title)s」を関連づけました。") % {"title": project.title})
    else:
        messages.error(request, _("事業の番号を入れてください。"))
    return redirect("needs:detail", pk=need.pk)


@generation_first  # reads what its cached fragments show (core/fragments.py)
@require_GET
@member_or_staff_required
def offer_list(request):
    def offers():
        return offers_for_user(request.user).annotate(
            pending_first=Case(
                When(status=OfferStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField(),
            )
        ).order_by("pending_first", "-sent_at", "-pk")

    page, query = lazy_page(request, offers, PAGE_SIZE)
    return render(request, "needs/offers.html", {
        "page": page, "query": query, "sees_all_offers": policies.can_manage_needs(request.user),
    })


@require_http_methods(["GET", "POST"])
@login_required
def offer_answer(request, pk):
    user = request.user
    offer = get_offer_for_user(user, pk)
    if not policies.can_open_answer_page(user, offer):
        raise PermissionDenied
    need = need_detail_prefetch(offer.need, with_offers=False)
    need.sent_to_me = True
    need_labels(user, [need])
    can_answer = policies.can_answer_offer(user, offer)
    form = AnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            attempt(
                request,
                lambda: services.offer_answer(offer=offer, acting_user=user,
                                              accept=form.cleaned_data["answer"] == OfferStatus.ACCEPTED,
                                              message=form.cleaned_data["message"]),
                _("回答しました。事務局からの連絡をお待ちください。"),
            )
            return redirect("needs:answer", pk=offer.pk)
    elif need.is_case:
        services.case_view_record(need=need, user=user)
    return render(request, "needs/answer.html", {
        "offer": offer, "need": need, "form": form, "sees_all_offers": policies.can_manage_needs(user),
    })
