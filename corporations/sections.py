"""What the register adds to other pages: a menu entry and the dashboard's register card."""

from django.db.models import Count, Q

from accounts.policies import get_membership
from core.sections import section

from .models import Area, Corporation
from .policies import can_manage_register


@section("nav", template="corporations/sections/nav.html", order=20)
def nav(request):
    if can_manage_register(request.user):
        return {"register": True}
    membership = get_membership(request.user)
    if membership is None:
        return None
    return {"register": False, "own_corporation_id": membership.corporation_id}


@section("dashboard", template="corporations/sections/dashboard.html", order=10)
def dashboard(request):
    """Two queries: areas with their active corporations, and the total."""
    if not can_manage_register(request.user):
        return None
    areas = Area.objects.order_by("sort_order", "name").annotate(
        corporation_count=Count("corporations", filter=Q(corporations__is_active=True))
    )
    return {"areas": areas, "corporation_count": Corporation.objects.filter(is_active=True).count()}
