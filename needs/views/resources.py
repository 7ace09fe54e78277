"""Each corporation's resources (地域資源) and the area table (地区別一覧)."""
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.policies import (
    get_membership,
    member_or_staff_required,
)
from core.exports import XlsxBook, ascii_filename
from core.fragments import generation_first
from core.paging import lazy_page
from corporations.selectors import get_corporation_for_user

from .. import policies, services
from .. import table as area_table_module
from ..filters import ResourceFilter
from ..forms import (
    ResourceForm,
)
from ..selectors import (
    get_resource_for_user,
    resource_directory,
    visible_needs,
)
from .common import PAGE_SIZE


@generation_first  # reads what its cached fragments show (core/fragments.py)
@require_GET
@member_or_staff_required
def resource_list(request):
    resources = ResourceFilter(request.GET or None, queryset=resource_directory())
    page, query = lazy_page(request, lambda: resources.qs, PAGE_SIZE)
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
    return render(request, "needs/resource_form.html", {
        "form": form, "corporation": corporation, "resource": None, "heading": _("社会資源を登録"),
    })


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
        "form": form, "corporation": resource.corporation, "resource": resource, "heading": _("社会資源を編集"),
    })


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
