"""What the meetings app adds to other pages: its menu, the dashboard's next meeting, and
a corporation's invitations and answers on the corporation page."""

from django.utils import timezone

from core.sections import section

from . import selectors
from .policies import can_answer, can_manage_meetings, can_see_invitations_of, can_view_meetings


@section("nav", template="meetings/sections/nav.html", order=30)
def nav(request):
    if not can_view_meetings(request.user):
        return None
    return {"manage": can_manage_meetings(request.user)}


@section("dashboard", template="meetings/sections/dashboard.html", order=20)
def dashboard(request):
    """One query: the next planned meeting with its replies so far."""
    if not can_manage_meetings(request.user):
        return None
    return {"upcoming": selectors.next_meeting(timezone.now())}


@section("corporation", template="meetings/sections/corporation.html", order=20)
def corporation_invitations(request, corporation):
    """A corporation's invitations and answers, each with whether this user may answer it
    (2 queries); for staff and the corporation's own members only."""
    if not can_see_invitations_of(request.user, corporation.pk):
        return None
    invitations = selectors.corporation_invitations(corporation)
    return {"rows": [(invitation, can_answer(request.user, invitation)) for invitation in invitations]}
