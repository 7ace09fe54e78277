"""What the needs app adds to other pages: its menu, a front-page card, the dashboard's
counts, a corporation's offer requests and resources, and the needs a project answers."""

from accounts.policies import get_membership, is_council_staff, is_member_of
from core.sections import section
from corporations.policies import can_edit_corporation

from . import policies, selectors


@section("nav", template="needs/sections/nav.html", order=50)
def nav(request):
    """No query: who the user is comes from the cached membership."""
    if is_council_staff(request.user):
        return {"manage": True}
    return {"manage": False} if get_membership(request.user) else None


@section("home", template="needs/sections/home.html", order=20)
def home(request):
    """No query: a link to この地域で求められていること."""
    return {}


@section("dashboard", template="needs/sections/dashboard.html", order=40)
def dashboard(request):
    """Two queries: open needs, and offer requests still unanswered."""
    if not is_council_staff(request.user):
        return None
    from .models import OPEN_STATUSES, Need

    return {
        "open_needs": Need.objects.filter(status__in=OPEN_STATUSES).count(),
        "pending_offers": selectors.pending_offers().count(),
    }


@section("corporation", template="needs/sections/corporation.html", order=40)
def corporation_needs(request, corporation):
    """A corporation's offer requests and resources (2 queries): staff and its own members."""
    user = request.user
    if not (is_council_staff(user) or is_member_of(user, corporation.pk)):
        return None
    offers = list(selectors.corporation_offers(corporation)[:20])
    can_edit = can_edit_corporation(user, corporation.pk)
    return {
        "offers": offers,
        "can_answer": can_edit,
        "resources": list(
            corporation.resources.select_related("kind", "facility").order_by("kind__sort_order", "title")
            .only("corporation_id", "kind_id", "facility_id", "title", "is_available", "kind__name", "facility__name"),
        ),
        "can_add_resource": policies.can_add_resource(user, corporation.pk),
    }


@section("project", template="needs/sections/project.html", order=10)
def project_needs(request, project):
    """The needs a project answers that the viewer may read (one query)."""
    needs = selectors.needs_answered_by(request.user, project)
    if not needs:
        return None
    public = not hasattr(project, "publication_state")
    staff = is_council_staff(request.user)
    for need in needs:
        # Members read the text approved for them where there is one (else the need was sent
        # to them, and they read its working title); the public only the approved text.
        need.shown_title = need.title if staff else (need.public_title or ("" if public else need.title))
    return {"answered_needs": needs, "public": public}
