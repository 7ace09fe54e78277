from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from accounts.policies import get_membership, is_council_staff


@require_GET
def home(request):
    """The public front page; the apps add their cards (core.sections, slot "home")."""
    return render(request, "portal/home.html")


@require_GET
@login_required
def dashboard(request):
    """Where a log-in lands: the secretariat's overview (each app adds its cards to the
    "dashboard" slot), or a member's own corporation."""
    if not is_council_staff(request.user):
        membership = get_membership(request.user)
        if membership is None:
            raise PermissionDenied
        return redirect("corporations:detail", pk=membership.corporation_id)
    return render(request, "portal/dashboard.html")
