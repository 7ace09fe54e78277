"""The register as staff keep it: the list, its exports, creating and importing corporations, and the
pickers' search."""

import json

from django.contrib import messages
from django.http import JsonResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts.policies import allowed_if, staff_required
from core.exports import XlsxBook, ascii_filename, csv_response
from core.fragments import generation_first
from core.paging import lazy_page

from .. import services
from ..filters import CorporationFilter
from ..forms import RegisterImportForm, StaffCorporationForm
from ..models import Corporation
from ..policies import (
    can_manage_register,
    can_search_corporations,
)
from ..selectors import (
    corporation_page_queryset,
    register_export_rows,
    search_corporations,
    with_facility_rows,
)

PAGE_SIZE = 100


@require_GET
@allowed_if(can_search_corporations)
def corporation_search(request):
    """JSON for the pickers (core.widgets.SearchSelect): `?q=` name or フリガナ, 20 at most.
    Staff may add `inactive=1` to find corporations whose activity ended."""
    include_inactive = request.GET.get("inactive") == "1" and can_manage_register(request.user)
    found = search_corporations(request.GET.get("q", ""), include_inactive=include_inactive)
    return JsonResponse({"results": [{"id": c.pk, "text": c.name} for c in found]})


def _filtered(request, queryset):
    return CorporationFilter(request.GET or None, queryset=queryset)


@generation_first  # reads what its cached fragments show (core/fragments.py)
@require_GET
@staff_required
def corporation_list(request):
    register = _filtered(request, corporation_page_queryset())
    page, query = lazy_page(request, lambda: register.qs, PAGE_SIZE, then=with_facility_rows)
    return render(
        request,
        "corporations/list.html",
        {
            "filter": register, "page": page, "query": query,
            "can_manage_register": can_manage_register(request.user),
        },
    )


def _exported(request):
    """The corporations the register's filter chose, for an export (register_export_rows reads them)."""
    return _filtered(request, Corporation.objects.all()).qs


def _export_row(corporation, facilities, kinds, states):
    return [
        corporation.name, corporation.name_kana, kinds[corporation.kind],
        corporation.representative, corporation.postal_code, corporation.address,
        corporation.phone, corporation.email, corporation.website, corporation.home_area__name,
        len(facilities), "、".join(f.facilities__name for f in facilities),
        "、".join(sorted({f.facilities__service_type__name for f in facilities})), states[corporation.is_active],
    ]


def _kinds():
    return {value: str(label) for value, label in Corporation.Kind.choices}


def _export_rows(corporations):
    # Labels made here, not in the view: a streamed body is written in the request's language
    # after the view has returned (core.exports).
    kinds, states = _kinds(), {True: _("活動中"), False: _("活動終了")}
    for corporation, facilities in register_export_rows(corporations):
        yield _export_row(corporation, facilities, kinds, states)


def _export_header():
    return [
        _("法人名"), _("フリガナ"), _("法人種別"), _("代表者"), _("郵便番号"), _("所在地"),
        _("電話番号"), _("メールアドレス"), _("ホームページ"), _("主な地域"), _("施設数"),
        _("施設・事業所"), _("種別"), _("状態"),
    ]


EXPORT_WIDTHS = [30, 20, 14, 14, 10, 40, 14, 26, 26, 10, 8, 40, 20, 10]


FACILITY_WIDTHS = [30, 30, 20, 12, 10, 10, 40, 14, 8, 12]


def _export_names(extension):
    """The Japanese file name and its ASCII fallback: 法人名簿_20261127.csv, register-20261127.csv."""
    day = timezone.localdate().strftime("%Y%m%d")
    japanese = _("法人名簿_%(date)s.%(ext)s") % {"date": day, "ext": extension}
    return japanese, ascii_filename(f"register-{day}", extension)


@require_GET
@staff_required
def corporation_export_csv(request):
    filename, fallback = _export_names("csv")
    return csv_response(filename, _export_header(), _export_rows(_exported(request)), ascii_name=fallback)


@require_GET
@staff_required
def corporation_export_xlsx(request):
    caption = _("法人名簿")
    book = XlsxBook()
    # Both sheets are written in one pass over the register.
    corporations = book.sheet(_("法人"), _export_header(), caption=caption, widths=EXPORT_WIDTHS)
    facilities = book.sheet(
        _("施設・事業所"),
        [_("法人名"), _("施設・事業所名"), _("フリガナ"), _("種別"), _("地域"), _("郵便番号"),
         _("所在地"), _("電話番号"), _("定員"), _("状態")],
        caption=_("法人名簿（施設・事業所）"), widths=FACILITY_WIDTHS,
    )
    kinds, states = _kinds(), {True: _("活動中"), False: _("活動終了")}
    facility_states = {True: _("運営中"), False: _("休止・廃止")}
    for corporation, its_facilities in register_export_rows(_exported(request)):
        corporations.append(_export_row(corporation, its_facilities, kinds, states))
        for f in its_facilities:
            facilities.append([
                corporation.name, f.facilities__name, f.facilities__name_kana, f.facilities__service_type__name,
                f.facilities__area__name, f.facilities__postal_code, f.facilities__address, f.facilities__phone,
                f.facilities__capacity, facility_states[f.facilities__is_active],
            ])
    filename, fallback = _export_names("xlsx")
    return book.response(filename, ascii_name=fallback)


@require_http_methods(["GET", "POST"])
@staff_required
def corporation_create(request):
    form = StaffCorporationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        corporation = services.corporation_create(acting_user=request.user, **form.cleaned_data)
        messages.success(request, _("「%(name)s」を登録しました。") % {"name": corporation.name})
        return redirect("corporations:detail", pk=corporation.pk)
    return render(
        request, "corporations/form.html",
        {"form": form, "corporation": None, "can_manage_register": can_manage_register(request.user)},
    )


# The import page's script (static/js/register_import.js) sends the form with this header and
# reads the answer as it comes: a line of JSON per chunk of rows checked or saved, then the page.
PROGRESS_HEADER = "X-Import-Progress"


@require_http_methods(["GET", "POST"])
@staff_required
def corporation_import(request):
    """Bring the register in from Excel: check first, then save all rows or none.

    Without the script, the answer comes when the import is done: the result, or the register
    after a save. With it, the page shows how far the check and the save have come.
    """
    form = RegisterImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        dry_run = form.cleaned_data["dry_run"]
        if request.headers.get(PROGRESS_HEADER) == "1":
            steps = services.corporation_import_steps(
                rows=form.sheet.rows, acting_user=request.user, dry_run=dry_run
            )
            response = StreamingHttpResponse(
                _import_progress(request, form, steps), content_type="application/x-ndjson"
            )
            response["Cache-Control"] = "no-store"
            response["X-Accel-Buffering"] = "no"  # a proxy passes each line on at once
            return response
        result = services.corporation_import(rows=form.sheet.rows, acting_user=request.user, dry_run=dry_run)
        if not result.errors and not dry_run:
            messages.success(request, _imported_message(result))
            return redirect("corporations:list")
    return render(request, "corporations/import.html", {"form": form, "result": result})


def _imported_message(result) -> str:
    return _("取り込みました: 新規 %(created)s件、更新 %(updated)s件、変更なし %(unchanged)s件。") % {
        "created": result.created, "updated": result.updated, "unchanged": result.unchanged,
    }


def _import_progress(request, form, steps):
    """Lines of JSON: {"phase", "done", "total"} per chunk, then {"html": the page with the result}."""
    labels = {"check": _("確認中"), "save": _("保存中")}
    while True:
        try:
            step = next(steps)
        except StopIteration as finished:
            result = finished.value
            break
        yield json.dumps({"phase": step.phase, "label": labels[step.phase], "done": step.done,
                          "total": step.total}) + "\n"
    saved = not result.errors and not form.cleaned_data["dry_run"]
    page = render_to_string(
        "corporations/import.html",
        {"form": RegisterImportForm() if saved else form, "result": result,
         "saved_message": _imported_message(result) if saved else ""},
        request=request,
    )
    yield json.dumps({"html": page}) + "\n"
