"""Writes of the annual app: the council's narrative of a fiscal year, and closing a year (年度の締め)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.saving import save_recorded
from core.wareki import fiscal_year_bounds, format_fiscal_year

from . import closing, policies
from .models import ClosedYear, YearNarrative


@transaction.atomic
def narrative_save(*, fiscal_year: int, summary: str, next_issues: str, acting_user,
                   expected_version: int | None = None) -> YearNarrative:
    """Write a year's 総括 and 次年度の課題 (created on the first save). A save made from an outdated
    screen (expected_version behind the stored one) is refused with core.concurrency.StaleEdit."""
    if not policies.can_edit_narrative(acting_user):
        raise PermissionDenied
    if closing.is_closed(fiscal_year):
        raise ValidationError(closing.frozen_narrative())
    narrative = YearNarrative.objects.select_for_update().filter(fiscal_year=fiscal_year).first()
    if narrative is None:
        narrative = YearNarrative(fiscal_year=fiscal_year, summary=summary, next_issues=next_issues,
                                  updated_by=acting_user)
        save_recorded(narrative, acting_user=acting_user)
        return narrative
    narrative.summary, narrative.next_issues, narrative.updated_by = summary, next_issues, acting_user
    save_recorded(narrative, acting_user=acting_user, update_fields=["summary", "next_issues", "updated_by"],
                  expected_version=expected_version)
    return narrative


@transaction.atomic
def year_close(*, fiscal_year: int, acting_user) -> ClosedYear:
    """Close a finished fiscal year: its report is computed once (both variants) and stored; from then on
    the page and the exports print the stored figures and the narrative is frozen. Refused (ValidationError)
    for a year whose 31 March has not passed, and for a year already closed (a second, outdated click)."""
    if not policies.can_close_year(acting_user):
        raise PermissionDenied
    label = format_fiscal_year(fiscal_year)
    if fiscal_year_bounds(fiscal_year)[1] >= timezone.localdate():
        raise ValidationError(_("%(year)sはまだ終わっていません。年度末（3月31日）を過ぎてから締めてください。")
                              % {"year": label})
    closed = ClosedYear.objects.select_for_update().filter(fiscal_year=fiscal_year).first()
    if closed is not None and closed.is_closed:
        raise ValidationError(_("%(year)sはすでに締められています。") % {"year": label})
    closed = closed or ClosedYear(fiscal_year=fiscal_year)
    (closed.page, closed.figures), closed.is_closed = closing.snapshot(fiscal_year), True
    closed.closed_at, closed.closed_by = timezone.now(), acting_user
    save_recorded(closed, acting_user=acting_user,
                  update_fields=None if closed._state.adding else ["page", "figures", "is_closed", "closed_at",
                                                                     "closed_by"])
    return closed


@transaction.atomic
def year_reopen(*, fiscal_year: int, acting_user) -> ClosedYear:
    """Reopen a closed year: the report is computed from the records again and the narrative can be edited.
    The row stays (its history keeps every closing with its figures); the stored page and figures are emptied."""
    if not policies.can_close_year(acting_user):
        raise PermissionDenied
    closed = ClosedYear.objects.select_for_update().filter(fiscal_year=fiscal_year, is_closed=True).first()
    if closed is None:
        raise ValidationError(_("%(year)sは締められていません。") % {"year": format_fiscal_year(fiscal_year)})
    closed.page, closed.figures, closed.is_closed = {}, {}, False
    save_recorded(closed, acting_user=acting_user, update_fields=["page", "figures", "is_closed"])
    return closed
