"""The history page and the restore confirmation, shared by every app's views.

The apps check their own policy and find the object with their own access helper, then hand
over; a restore saves through the callable the app passes (its update service), never here.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from .history import HistoryRow, history_page, history_queryset, history_rows, restore_plan


def history_response(request, instance, *, heading: str, back_url: str, back_label: str, restore: str = ""):
    """The history page; `restore` names the URL that restores a version: it takes this page's URL arguments
    and the version's history_id."""
    arguments = request.resolver_match.kwargs if restore else {}
    page, rows = history_page(
        instance.history, request.GET.get("page"),
        restore_url=(lambda record: reverse(restore, kwargs={**arguments, "history_id": record.history_id}))
        if restore else None,
    )
    return render(request, "includes/history_page.html", {
        "heading": heading, "back_url": back_url, "back_label": back_label, "rows": rows, "page": page,
        "query": "",
    })


def restore_response(request, instance, history_id, *, accepted, update: Callable[[dict], object],
                     heading: str, back_url: str, history_url: str):
    """GET: what restoring the version would change (and what stays). POST: `update(changes)`,
    then back to the history, where the restore shows as the newest change."""
    record = get_object_or_404(history_queryset(instance.history).exclude(history_type="-"), history_id=history_id)
    plan = restore_plan(instance, record, accepted=frozenset(accepted))
    error = ""
    if request.method == "POST" and plan.changes:
        try:
            update(plan.changes)
        except ValidationError as invalid:
            error = " ".join(invalid.messages)
        else:
            messages.success(request, _("以前の版に戻しました。"))
            return redirect(history_url)
    row: HistoryRow = history_rows([record])[0]
    return render(request, "includes/history_restore.html", {
        "heading": heading, "back_url": back_url, "history_url": history_url, "row": row, "plan": plan,
        "error": error,
    }, status=400 if error else 200)
