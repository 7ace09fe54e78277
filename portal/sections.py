"""What the portal adds to the menu: the staff dashboard."""

from accounts.policies import is_council_staff
from core.sections import section


@section("nav", template="portal/sections/nav.html", order=10)
def nav(request):
    return {} if is_council_staff(request.user) else None
