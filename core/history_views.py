"""The history page and the restore confirmation, shared by every app's views.

The apps check their own policy and find the object with their own access helper, then hand
over; a restore saves through the callable the app passes (its update service), never here.
history_views() makes the usual pair of views (history, restore) of one kind of object from those.
"""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

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


def history_views(*, guard: Callable, find: Callable, accepted, update: Callable, heading: Callable,
                  back_label: Callable, back_url: Callable, history: str, restore: str,
                  find_for_restore: Callable | None = None):
    """The history page and the restore confirmation of one kind of object, as a pair of views.

    guard: the app's permission decorator (its policy); find(user, **url arguments): its access helper
    (find_for_restore, where restoring needs the edit lookup); update(instance, acting_user, changes): its
    update service; heading, back_label, back_url: of the instance; history, restore: the two URL names,
    the restore one taking the history page's arguments and the version's history_id.
    """

    @require_GET
    @guard
    def history_view(request, **arguments):
        instance = find(request.user, **arguments)
        return history_response(
            request, instance, heading=heading(instance), back_label=back_label(instance),
            back_url=back_url(instance), restore=restore,
        )

    @require_http_methods(["GET", "POST"])
    @guard
    def restore_view(request, history_id, **arguments):
        instance = (find_for_restore or find)(request.user, **arguments)
        return restore_response(
            request, instance, history_id, accepted=accepted,
            update=lambda changes: update(instance, request.user, changes),
            heading=heading(instance), back_url=back_url(instance), history_url=reverse(history, kwargs=arguments),
        )

    return history_view, restore_view
