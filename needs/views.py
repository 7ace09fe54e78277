"""Needs, offer requests and resources behind the log-in.

Staff record and follow needs, see candidates, send offer requests; a corporation's
editors answer them and keep their resources; members read the directory and the needs
published to them or sent to their corporation.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import (
    get_membership,
    is_council_staff,
    member_or_staff_required,
    staff_required,
)
from contributions.selectors import visible_projects
from core.exports import XlsxBook, ascii_filename
from corporations.selectors import get_corporation_for_user

from . import policies, services
from . import table as area_table_module
from .filters import NeedFilter, ResourceFilter
from .forms import (
    AnswerForm,
    CandidateFilterForm,
    LinkForm,
    NeedForm,
    OfferSendForm,
    ProjectStartForm,
    PublishForm,
    ResourceForm,
    StatusForm,
    TakeOnForm,
)
from .models import OfferStatus
from .selectors import (
    candidate_corporations,
    candidate_reasons,
    case_views_of,
    get_need_for_user,
    get_offer_for_user,
    get_resource_for_user,
    need_detail_prefetch,
    need_list_queryset,
    offers_for_user,
    resource_directory,
    visible_needs,
)

PAGE_SIZE = 50
CANDIDATES_PAGE_SIZE = 20


def _refusal(request, error: ValidationError):
    for message in error.messages:
        messages.error(request, message)


def _page(request, queryset, size=PAGE_SIZE):
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _full_access(user, need) -> bool:
    """Staff, and the corporations the need was sent to, read the working text; other
    members read only the text staff approved for them."""
    if is_council_staff(user):
        return True
    membership = get_membership(user)
    return bool(membership and getattr(need, "sent_to_me", None))


def _label(user, needs):
    """What each need shows this viewer: its working text or its approved public text."""
    for need in needs:
        need.full_access = _full_access(user, need)
        need.shown_title = need.title if need.full_access else need.public_title
        need.shown_description = need.description if need.full_access else need.public_description
    return needs


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


# --- Needs -------------------------------------------------------------------------------------


def _filtered_needs(request):
    return NeedFilter(request.GET or None, queryset=need_list_queryset(request.user))


@require_GET
@member_or_staff_required
def need_list(request):
    needs = _filtered_needs(request)
    page, query = _page(request, needs.qs)
    _label(request.user, page.object_list)
    return render(request, "needs/list.html", {
        "filter": needs, "page": page, "query": query, "can_manage": policies.can_manage_needs(request.user),
    })


@require_GET
@member_or_staff_required
def need_list_xlsx(request):
    """The needs this user may read, as filtered (a case only for staff and those it was sent to)."""
    needs = _label(request.user, list(_filtered_needs(request).qs))
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
    if request.method == "POST" and form.is_valid():
        need = services.need_create(acting_user=request.user, details=form.details())
        messages.success(request, _("ニーズを登録しました。"))
        return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/form.html", {"form": form, "need": None})


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
    _label(user, [need])
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
    if request.method == "POST" and form.is_valid():
        try:
            services.need_update(need=need, acting_user=request.user, details=form.details())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("保存しました。"))
            return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/form.html", {"form": form, "need": need})


@require_http_methods(["GET", "POST"])
@staff_required
def need_status(request, pk):
    need = get_need_for_user(request.user, pk)
    form = StatusForm(request.POST or None, need=need)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_change_status(need=need, acting_user=request.user, status=form.cleaned_data["status"],
                                        note=form.cleaned_data["note"], outcome=form.cleaned_data["outcome"])
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("状況を「%(status)s」にしました。") % {"status": need.get_status_display()})
        return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/status_form.html", {"form": form, "need": need})


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
    page, query = _page(request, ranked, CANDIDATES_PAGE_SIZE)
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
    try:
        count = services.offers_send(need=need, corporations=form.cleaned_data["corporations"],
                                     acting_user=request.user, message=form.cleaned_data["message"])
    except ValidationError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("%(count)d法人に打診し、編集者にメールで知らせました。") % {"count": count})
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
    if request.method == "POST" and form.is_valid():
        try:
            services.need_take_on(need=need, corporations=form.cleaned_data["corporations"], acting_user=request.user,
                                  note=form.cleaned_data["note"])
        except ValidationError as error:
            _refusal(request, error)
        else:
            messages.success(request, _("「対応中」にしました。"))
        return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/take_on.html", {"form": form, "need": need})


@require_http_methods(["GET", "POST"])
@staff_required
def project_start(request, pk):
    need = need_detail_prefetch(get_need_for_user(request.user, pk), with_offers=False)
    form = ProjectStartForm(request.POST or None, need=need)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            project = services.project_start_from_need(
                need=need, owner=data["owner"], acting_user=request.user, title=data["title"],
                summary=data["summary"], pattern=data["pattern"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("下書きの事業をつくり、このニーズに関連づけました。内容を仕上げてください。"))
            return redirect("contributions:update", pk=project.pk)
    return render(request, "needs/project_start.html", {"form": form, "need": need})


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


@require_http_methods(["GET", "POST"])
@staff_required
def need_publish(request, pk):
    need = get_need_for_user(request.user, pk)
    if not policies.can_publish_need(request.user, need):
        raise PermissionDenied
    form = PublishForm(request.POST or None, need=need)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.need_publish(need=need, acting_user=request.user, visibility=data["visibility"],
                              public_title=data["public_title"], public_description=data["public_description"])
        messages.success(request, _("承認した文章で公開しました。"))
        return redirect("needs:detail", pk=need.pk)
    return render(request, "needs/publish.html", {"form": form, "need": need})


@require_POST
@staff_required
def need_unpublish(request, pk):
    need = get_need_for_user(request.user, pk)
    services.need_unpublish(need=need, acting_user=request.user)
    messages.success(request, _("公開をやめました。"))
    return redirect("needs:detail", pk=need.pk)


# --- Offer requests ----------------------------------------------------------------------------


@require_GET
@member_or_staff_required
def offer_list(request):
    offers = offers_for_user(request.user).annotate(
        pending_first=Case(
            When(status=OfferStatus.PENDING, then=Value(0)), default=Value(1), output_field=IntegerField(),
        )
    ).order_by("pending_first", "-sent_at", "-pk")
    page, query = _page(request, offers)
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
    _label(user, [need])
    can_answer = policies.can_answer_offer(user, offer)
    form = AnswerForm(request.POST or None) if can_answer else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.offer_answer(offer=offer, acting_user=user,
                                      accept=form.cleaned_data["answer"] == OfferStatus.ACCEPTED,
                                      message=form.cleaned_data["message"])
            except ValidationError as error:
                _refusal(request, error)
            else:
                messages.success(request, _("回答しました。事務局からの連絡をお待ちください。"))
            return redirect("needs:answer", pk=offer.pk)
    elif need.is_case:
        services.case_view_record(need=need, user=user)
    return render(request, "needs/answer.html", {
        "offer": offer, "need": need, "form": form, "sees_all_offers": policies.can_manage_needs(user),
    })


# --- Resources ---------------------------------------------------------------------------------


@require_GET
@member_or_staff_required
def resource_list(request):
    resources = ResourceFilter(request.GET or None, queryset=resource_directory())
    page, query = _page(request, resources.qs)
    membership = get_membership(request.user)
    return render(request, "needs/resources.html", {
        "filter": resources, "page": page, "query": query,
        "add_for": membership.corporation if membership and membership.is_editor else None,
    })


@require_http_methods(["GET", "POST"])
@login_required
def resource_create(request, corporation_pk):
    corporation = get_corporation_for_user(request.user, corporation_pk)
    if not policies.can_add_resource(request.user, corporation.pk):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, corporation=corporation)
    if request.method == "POST" and form.is_valid():
        resource = services.resource_create(corporation=corporation, acting_user=request.user, details=form.details())
        messages.success(request, _("社会資源を登録しました。"))
        return redirect("needs:resource", pk=resource.pk)
    return render(request, "needs/resource_form.html", {"form": form, "corporation": corporation, "resource": None})


@require_GET
@login_required
def resource_detail(request, pk):
    resource = get_resource_for_user(request.user, pk)
    return render(request, "needs/resource_detail.html", {
        "resource": resource, "can_edit": policies.can_edit_resource(request.user, resource),
    })


@require_http_methods(["GET", "POST"])
@login_required
def resource_update(request, pk):
    resource = get_resource_for_user(request.user, pk)
    # Another corporation's resource is read-only for members: only its own editors change it.
    get_corporation_for_user(request.user, resource.corporation_id)
    if not policies.can_edit_resource(request.user, resource):
        raise PermissionDenied
    form = ResourceForm(request.POST or None, instance=resource, corporation=resource.corporation)
    if request.method == "POST" and form.is_valid():
        services.resource_update(resource=resource, acting_user=request.user, details=form.details())
        messages.success(request, _("保存しました。"))
        return redirect("needs:resource", pk=resource.pk)
    return render(request, "needs/resource_form.html", {
        "form": form, "corporation": resource.corporation, "resource": resource,
    })


# --- The area table ----------------------------------------------------------------------------


def _area_table(request):
    return area_table_module.build(visible_needs(request.user), axis=request.GET.get("by", area_table_module.THEME))


@require_GET
@member_or_staff_required
def area_table(request):
    return render(request, "needs/areas.html", {
        "table": _area_table(request), "today": timezone.localdate(),
        "axes": [(area_table_module.THEME, _("テーマ別")), (area_table_module.KIND, _("資源の種類別"))],
    })


@require_GET
@member_or_staff_required
def area_table_xlsx(request):
    table = _area_table(request)
    book = XlsxBook()
    book.add_sheet(
        _("地域別ニーズと資源"), area_table_module.export_header(table), area_table_module.export_rows(table),
    )
    book.add_sheet(_("地域別の合計"), area_table_module.export_totals_header(), area_table_module.export_totals(table))
    today = timezone.localdate().strftime("%Y%m%d")
    return book.response(
        _("地域別ニーズと資源_%(date)s.xlsx") % {"date": today},
        ascii_name=ascii_filename(f"needs-and-resources-by-area-{today}", "xlsx"),
    )

