from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.policies import get_membership, is_council_staff
from corporations.models import Area, Corporation


@require_GET
def home(request):
    """The public front page."""
    return render(request, "portal/home.html")


@require_GET
@login_required
def dashboard(request):
    """Where a log-in lands: the secretariat's overview, or a member's own corporation."""
    if not is_council_staff(request.user):
        membership = get_membership(request.user)
        if membership is None:
            raise PermissionDenied
        return redirect("corporations:detail", pk=membership.corporation_id)
    areas = Area.objects.order_by("sort_order", "name").annotate(
        corporation_count=Count("corporations", filter=Q(corporations__is_active=True))
    )
    return render(
        request,
        "portal/dashboard.html",
        {"areas": areas, "corporation_count": Corporation.objects.filter(is_active=True).count()},
    )
