"""Access helpers of the annual app: a fiscal year that can be reported, a corporation whose
sheet the user may download (another corporation's answers 404)."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from accounts.policies import get_membership, is_council_staff
from core.wareki import is_printable_fiscal_year
from corporations.models import Corporation

from .policies import can_download_sheet


def checked_fiscal_year(fiscal_year: int) -> int:
    """A fiscal year 和暦 can print; any other answers 404."""
    if not is_printable_fiscal_year(fiscal_year):
        raise Http404
    return fiscal_year


def get_sheet_corporation_for_user(user, pk) -> Corporation:
    """The corporation of a yearly sheet: staff any, a member its own; another one is 404."""
    if not is_council_staff(user):
        membership = get_membership(user)
        if membership is None or membership.corporation_id != pk:
            raise Http404
    corporation = get_object_or_404(Corporation.objects.select_related("home_area"), pk=pk)
    if not can_download_sheet(user, corporation.pk):
        raise Http404
    return corporation
