"""What the annual app adds to other pages: the dashboard's link to the year's report, and a
corporation's yearly sheets on its page (for staff and its members)."""

from accounts.policies import is_council_staff, is_member_of
from core.sections import section
from core.wareki import current_fiscal_year, format_fiscal_year

from .policies import can_see_annual_report


@section("dashboard", template="annual/sections/dashboard.html", order=35)
def dashboard(request):
    """No query: the current and the previous fiscal year."""
    if not can_see_annual_report(request.user):
        return None
    year = current_fiscal_year()
    return {"years": [(y, format_fiscal_year(y)) for y in (year, year - 1)]}


@section("corporation", template="annual/sections/corporation.html", order=35)
def corporation_sheets(request, corporation):
    """No query: the sheets of this and the previous fiscal year (older ones on the sheets page)."""
    user = request.user
    if not (is_council_staff(user) or is_member_of(user, corporation.pk)):
        return None
    year = current_fiscal_year()
    return {"corporation": corporation, "years": [(y, format_fiscal_year(y)) for y in (year, year - 1)]}
