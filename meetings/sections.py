"""What the meetings app adds to other pages: its menu, the dashboard's next meeting, and
a corporation's invitations and answers on the corporation page."""

from django.utils import timezone

from accounts.policies import get_membership, is_council_staff
from core.sections import section

from . import selectors, services


@section("nav", template="meetings/sections/nav.html", order=30)
def nav(request):
    if is_council_staff(request.user):
        return {"manage": True}
    return {"manage": False} if get_membership(request.user) else None


@section("dashboard", template="meetings/sections/dashboard.html", order=20)
def dashboard(request):
    """One query: the next planned meeting with its replies so far."""
    if not is_council_staff(request.user):
        return None
    return {"upcoming": selectors.next_meeting(timezone.now())}


@section("corporation", template="meetings/sections/corporation.html", order=20)
def corporation_invitations(request, corporation):
    """A corporation's invitations and answers: for staff and its own members only (2 queries)."""
    user = request.user
    membership = get_membership(user)
    if not (is_council_staff(user) or (membership and membership.corporation_id == corporation.pk)):
        return None
    invitations = list(selectors.corporation_invitations(corporation))
    rows = [
        (invitation, services.can_still_answer(user, invitation.meeting) and _can_edit(user, corporation))
        for invitation in invitations
    ]
    return {"rows": rows}


def _can_edit(user, corporation):
    from corporations.policies import can_edit_corporation

    return can_edit_corporation(user, corporation.pk)
