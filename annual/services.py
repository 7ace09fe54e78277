"""Writes of the annual app: the council's narrative of a fiscal year."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from core.saving import save_recorded

from . import policies
from .models import YearNarrative


@transaction.atomic
def narrative_save(*, fiscal_year: int, summary: str, next_issues: str, acting_user,
                   expected_version: int | None = None) -> YearNarrative:
    """Write a year's 総括 and 次年度の課題 (created on the first save). A save made from an outdated
    screen (expected_version behind the stored one) is refused with core.concurrency.StaleEdit."""
    if not policies.can_edit_narrative(acting_user):
        raise PermissionDenied
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
