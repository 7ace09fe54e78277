"""The fiscal year's report (page, print, .xlsx, .docx), its narrative, and the yearly sheets."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accounts.policies import allowed_if, get_membership, is_council_staff
from core.concurrency import StaleEdit, changes_since, model_fields_of, refresh_untouched, refuse_stale
from core.exports import ascii_filename
from core.fragments import generation_first
from core.history_views import history_response
from core.ids import parse_id
from core.wareki import fiscal_year_bounds, format_fiscal_year
from core.widgets import SearchSelect
from corporations.models import Corporation

from . import closing, exports, open_year, services
from . import report as year_report
from . import sheets as year_sheets
from .forms import NarrativeForm, SheetChoiceForm
from .models import YearNarrative
from .policies import (
    can_close_year,
    can_download_all_sheets,
    can_edit_narrative,
    can_include_unpublished,
    can_list_sheets,
    can_see_annual_report,
)
from .selectors import checked_fiscal_year, get_sheet_corporation_for_user

PAGE_ROWS = closing.PAGE_ROWS


def _published_only(request) -> bool:
    """Published projects only, unless staff ask for all (?projects=all)."""
    return not (request.GET.get("projects") == "all" and can_include_unpublished(request.user))


@require_GET
@allowed_if(can_see_annual_report)
def index(request):
    """The fiscal years that have data; ?year= (the report page's chooser) opens that year's report."""
    years = year_report.report_years()
    chosen = parse_id(request.GET.get("year"))
    if chosen in years:
        return redirect("annual:report", fiscal_year=chosen)
    return render(request, "annual/index.html", {"years": [(year, format_fiscal_year(year)) for year in years]})


def _names(fiscal_year: int, stem: str, ascii_stem: str, extension: str):
    return (
        _("%(what)s_%(year)s.%(ext)s") % {"what": stem, "year": format_fiscal_year(fiscal_year), "ext": extension},
        ascii_filename(f"{ascii_stem}-fy{fiscal_year}", extension),
    )


def _year_report(fiscal_year: int, published_only: bool, *, exports: bool = False):
    """A closed year's stored report (1 query), or the open year's built from its records; and the closing."""
    closed = closing.closed_year(fiscal_year, exports=exports)
    if closed is not None:
        return closing.stored_report(closed, published_only=published_only, exports=exports), closed
    return year_report.build(fiscal_year, published_only=published_only), None


@require_GET
@generation_first
@allowed_if(can_see_annual_report)
def report(request, fiscal_year):
    """The year's report: computed from the records while the year is open, kept under the data
    generation until the data change (annual/open_year.py); a closed year's stored figures
    (annual/closing.py), read without a query on the year's records."""
    fiscal_year = checked_fiscal_year(fiscal_year)
    published_only = _published_only(request)
    # Lists that grow with the register (corporations, projects) show PAGE_ROWS rows on the page and
    # in its print; the exports hold them all.
    closed = closing.closed_year(fiscal_year)
    if closed is not None:
        result = closing.stored_report(closed, published_only=published_only)
        figures_html = result.figures_html
    else:
        result, figures_html = open_year.open_report(request, fiscal_year, published_only=published_only,
                                                     rows=PAGE_ROWS)
    form = NarrativeForm(instance=result.narrative) if closed is None and can_edit_narrative(request.user) else None
    query = "" if published_only else "?projects=all"
    return render(request, "annual/report.html", {
        **closing.page_context(result, PAGE_ROWS), "years": year_report.report_years(), "narrative_form": form,
        "query": query, "can_include_unpublished": can_include_unpublished(request.user),
        "today": timezone.localdate(), "closed": closed,
        "closed_on": timezone.localdate(closed.closed_at) if closed else None,
        "figures_html": figures_html,
        "can_close": can_close_year(request.user) and fiscal_year_bounds(fiscal_year)[1] < timezone.localdate(),
    })


@require_POST
@allowed_if(can_close_year)
def close(request, fiscal_year):
    """年度の締め: the form on the report page (with its confirmation box)."""
    return _close_or_reopen(request, checked_fiscal_year(fiscal_year), services.year_close,
                            _("%(year)sを締めました。この年度の数字は今後変わりません。"))


@require_POST
@allowed_if(can_close_year)
def reopen(request, fiscal_year):
    return _close_or_reopen(request, checked_fiscal_year(fiscal_year), services.year_reopen,
                            _("%(year)sの締めを解除しました。数字は現在の記録から集計されます。"))


def _close_or_reopen(request, fiscal_year: int, service, done: str):
    if request.POST.get("confirm") != "on":
        messages.error(request, _("確認のチェックを入れてから、もう一度押してください。"))
    else:
        try:
            service(fiscal_year=fiscal_year, acting_user=request.user)
        except ValidationError as refused:
            messages.error(request, " ".join(refused.messages))
        else:
            messages.success(request, done % {"year": format_fiscal_year(fiscal_year)})
    return redirect("annual:report", fiscal_year=fiscal_year)


def _report_export(request, fiscal_year, extension: str):
    """The year's report to export (published projects only unless all are asked for; a closed year's stored
    figures), and the file's names."""
    fiscal_year = checked_fiscal_year(fiscal_year)
    result, _closed = _year_report(fiscal_year, _published_only(request), exports=True)
    return result, *_names(fiscal_year, _("事業報告"), "annual-report", extension)


@require_GET
@allowed_if(can_see_annual_report)
def report_xlsx(request, fiscal_year):
    result, filename, fallback = _report_export(request, fiscal_year, "xlsx")
    return exports.report_workbook(result).response(filename, ascii_name=fallback)


@require_GET
@allowed_if(can_see_annual_report)
def report_docx(request, fiscal_year):
    result, filename, fallback = _report_export(request, fiscal_year, "docx")
    return exports.report_document_response(result, filename, ascii_name=fallback)


@require_http_methods(["GET", "POST"])
@allowed_if(can_edit_narrative)
def narrative(request, fiscal_year):
    """総括 and 次年度の課題 of a year: the form (also on the report page) and its save."""
    fiscal_year = checked_fiscal_year(fiscal_year)
    if closing.is_closed(fiscal_year):
        messages.error(request, closing.frozen_narrative())
        return redirect(reverse("annual:report", args=[fiscal_year]) + "#narrative")
    current = year_report.narrative_of(fiscal_year)
    form = NarrativeForm(request.POST or None, instance=current)
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        version = form.opened_version if current.pk else None
        try:
            services.narrative_save(
                fiscal_year=fiscal_year, summary=form.cleaned_data["summary"],
                next_issues=form.cleaned_data["next_issues"], acting_user=request.user, expected_version=version,
            )
        except StaleEdit as stale:
            stale_changes = changes_since(YearNarrative, current.pk, version, ["summary", "next_issues"])
            refresh_untouched(form, YearNarrative, current.pk, version, model_fields_of(form, YearNarrative))
            refuse_stale(form, current=stale.current)
        else:
            messages.success(request, _("総括と次年度の課題を保存しました。"))
            return redirect(reverse("annual:report", args=[fiscal_year]) + "#narrative")
    status = 409 if stale_changes is not None else (400 if request.method == "POST" else 200)
    return render(request, "annual/narrative.html", {
        "form": form, "fiscal_year": fiscal_year, "label": format_fiscal_year(fiscal_year),
        "stale_changes": stale_changes, "narrative": current,
    }, status=status)


@require_GET
@allowed_if(can_edit_narrative)
def narrative_history(request, fiscal_year):
    fiscal_year = checked_fiscal_year(fiscal_year)
    current = year_report.narrative_of(fiscal_year)
    label = format_fiscal_year(fiscal_year)
    back_url = reverse("annual:report", args=[fiscal_year])
    if current.pk is None:
        return render(request, "includes/history_page.html", {
            "heading": _("%(year)sの総括・次年度の課題") % {"year": label}, "back_url": back_url,
            "back_label": label, "rows": [], "page": None, "query": "",
        })
    return history_response(
        request, current, heading=_("%(year)sの総括・次年度の課題") % {"year": label}, back_url=back_url,
        back_label=label,
    )


def _corporation_field():
    return forms.ModelChoiceField(
        label=_("法人"), queryset=Corporation.objects.all(),
        widget=SearchSelect(search_url=reverse("corporations:search")),
    )


@require_GET
@allowed_if(can_list_sheets)
def sheets(request):
    """A member: its own corporation's sheet per 年度. Staff: any corporation's, or all at once."""
    years = year_report.report_years()
    staff = is_council_staff(request.user)
    form = SheetChoiceForm(
        request.GET or None, years=years, corporation_field=_corporation_field() if staff else None,
    )
    if staff and request.GET and form.is_valid():
        return redirect("annual:sheet", fiscal_year=form.cleaned_data["fiscal_year"],
                        corporation=form.cleaned_data["corporation"].pk)
    membership = get_membership(request.user)
    return render(request, "annual/sheets.html", {
        "years": [(year, format_fiscal_year(year)) for year in years], "form": form if staff else None,
        "corporation": membership.corporation if membership else None,
        "can_download_all": can_download_all_sheets(request.user),
    })


@require_GET
@allowed_if(can_list_sheets)
def sheet(request, fiscal_year, corporation):
    fiscal_year = checked_fiscal_year(fiscal_year)
    corporation = get_sheet_corporation_for_user(request.user, corporation)
    book = year_sheets.corporation_book(fiscal_year, [corporation])
    filename, fallback = _names(
        fiscal_year, _("地域における公益的な取組_%(name)s") % {"name": corporation.name}, f"community-{corporation.pk}",
        "xlsx",
    )
    return book.response(filename, ascii_name=fallback)


@require_GET
@allowed_if(can_download_all_sheets)
def sheets_all(request, fiscal_year):
    fiscal_year = checked_fiscal_year(fiscal_year)
    book = year_sheets.all_corporations_book(fiscal_year)
    filename, fallback = _names(fiscal_year, _("地域における公益的な取組_全法人"), "community-all", "xlsx")
    return book.response(filename, ascii_name=fallback)
