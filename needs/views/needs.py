"""Local needs (地域ニーズ): staff record, follow and publish them; members read those sent or published to them."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import (
    get_membership,
    member_or_staff_required,
    staff_required,
)
from core.exports import XlsxBook, ascii_filename
from core.fragments import generation_first
from core.paging import lazy_page

from .. import policies, services
from ..filters import NeedFilter
from ..forms import (
    LinkForm,
    NeedForm,
    PublishForm,
    StatusForm,
)
from ..models import OfferStatus
from ..selectors import (
    case_views_of,
    get_need_for_user,
    need_detail_prefetch,
    need_list_queryset,
)
from .common import PAGE_SIZE, need_form_page, need_labels


def _answering_projects(staff: bool, need) -> list[tuple[str, str, str]]:
    """(title, url, owner) of the projects answering the need: staff see every linked
    project (its working page); members only those in the public catalogue, as published."""
    rows = []
    for link in need.project_links.all():
        project = link.project
        published = getattr(project, "published", None)
        if staff:
            rows.append((project.title, reverse("contributions:detail", kwargs={"pk": project.pk}), project.owner.name))
        elif published is not None and published.is_public:
            rows.append((published.title, reverse("catalogue:detail", kwargs={"pk": project.pk}), project.owner.name))
    return rows


def _filtered_needs(request):
    return NeedFilter(request.GET or None, queryset=need_list_queryset(request.user))


@generation_first  # reads what its cached fragments show (core/fragments.py)
@require_GET
@member_or_staff_required
def need_list(request):
    needs = _filtered_needs(request)
    page, query = lazy_page(request, lambda: needs.qs, PAGE_SIZE, then=lambda rows: need_labels(request.user, rows))
    return render(request, "needs/list.html", {
        "filter": needs, "page": page, "query": query, "can_manage": policies.can_manage_needs(request.user),
    })


@require_GET
@member_or_staff_required
def need_list_xlsx(request):
    """The needs this user may read, as filtered (a case only for staff and those it was sent to)."""
    needs = need_labels(request.user, list(_filtered_needs(request).qs))
    header = [_("番号"), _("件名"), _("種類"), _("状況"), _("地域"), _("テーマ"), _("求められる資源"), _("受付日"),
              _("緊急度"), _("担当者"), _("打診"), _("応諾")]
    rows = ([
        n.pk, n.shown_title, n.get_kind_display(), n.get_status_display(),
        "、".join(a.name for a in n.areas.all()) or _("区全域"), "、".join(t.name for t in n.themes.all()),
        "、".join(k.name for k in n.resource_kinds.all()), n.received_on, n.get_urgency_display(),
        str(n.in_charge) if n.full_access else "", n.offer_count, n.accepted_count,
    ] for n in needs)
    book = XlsxBook()
    today = timezone.localdate().strftime("%Y%m%d")
    book.add_sheet(_("地域ニーズ"), header, rows, caption=_("地域ニーズ"))
    return book.response(
        _("地域ニーズ_%(date)s.xlsx") % {"date": today}, ascii_name=ascii_filename(f"local-needs-{today}", "xlsx")
    )


@require_http_methods(["GET", "POST"])
@staff_required
def need_create(request):
    form = NeedForm(request.POST or None, initial={"in_charge": request.user.pk})
    return need_form_page(
        request, None, form, template="needs/form.html", heading=_("ニーズを登録"), done=_("ニーズを登録しました。"),
        save=lambda: services.need_create(acting_user=request.user, details=form.details()),
    )


@require_GET
@login_required
def need_detail(request, pk):
    user = request.user
    need = get_need_for_user(user, pk)
    staff = policies.can_manage_needs(user)
    membership = get_membership(user)
    own_offer = None
    if not staff and membership:
        own_offer = need.offers.filter(corporation_id=membership.corporation_id).first()
        need.sent_to_me = own_offer is not None
    need_detail_prefetch(need, with_offers=staff)
    need_labels(user, [need])
    if need.is_case:
        services.case_view_record(need=need, user=user)
    offers = list(need.offers.all()) if staff else []
    return render(request, "needs/detail.html", {
        "need": need,
        "can_manage": staff,
        "can_publish": policies.can_publish_need(user, need),
        "offers": offers,
        "has_pending": any(o.status == OfferStatus.PENDING for o in offers),
        "has_accepted": any(o.status == OfferStatus.ACCEPTED for o in offers),
        "own_offer": own_offer,
        "can_answer_own": bool(own_offer and policies.can_answer_offer(user, own_offer)),
        "case_views": list(case_views_of(need)) if need.is_case and policies.can_see_case_views(user) else [],
        "answering_projects": _answering_projects(staff, need),
        "link_form": LinkForm() if staff else None,
    })


@require_http_methods(["GET", "POST"])
@staff_required
def need_update(request, pk):
    need = get_need_for_user(request.user, pk)
    form = NeedForm(request.POST or None, instance=need)
    return need_form_page(
        request, need, form, template="needs/form.html", heading=_("ニーズを編集"), done=_("保存しました。"),
        save=lambda: services.need_update(need=need, acting_user=request.user, details=form.details()),
    )


@require_http_methods(["GET", "POST"])
@staff_required
def need_status(request, pk):
    need = get_need_for_user(request.user, pk)
    form = StatusForm(request.POST or None, need=need)
    return need_form_page(
        request, need, form, template="needs/status_form.html", heading=_("状況を変える"), refused_on_need_page=True,
        save=lambda: services.need_change_status(
            need=need, acting_user=request.user, status=form.cleaned_data["status"],
            note=form.cleaned_data["note"], outcome=form.cleaned_data["outcome"],
        ),
        done=lambda changed: _("状況を「%(status)s」にしました。") % {"status": need.get_status_display()},
    )


@require_http_methods(["GET", "POST"])
@staff_required
def need_publish(request, pk):
    need = get_need_for_user(request.user, pk)
    if not policies.can_publish_need(request.user, need):
        raise PermissionDenied
    form = PublishForm(request.POST or None, need=need)
    return need_form_page(
        request, need, form, template="needs/publish.html", heading=_("公開する"),
        done=_("承認した文章で公開しました。"),
        save=lambda: services.need_publish(
            need=need, acting_user=request.user, visibility=form.cleaned_data["visibility"],
            public_title=form.cleaned_data["public_title"], public_description=form.cleaned_data["public_description"],
        ),
    )


@require_POST
@staff_required
def need_unpublish(request, pk):
    need = get_need_for_user(request.user, pk)
    services.need_unpublish(need=need, acting_user=request.user)
    messages.success(request, _("公開をやめました。"))
    return redirect("needs:detail", pk=need.pk)
