"""Who may do what with needs, offer requests and resources: one named function per action.

Views, services and sections ask these; templates get the answers as booleans. Which needs
a user may read at all is the queryset `selectors.visible_needs`; these rules sit on top.
"""

from accounts.policies import is_staff_or_editor_of, is_staff_or_member_of, staff_and_members, staff_only
from corporations.policies import can_edit_corporation

from .models import NeedKind, OfferStatus, Visibility


@staff_only
def can_manage_needs(user) -> bool:
    """Record, edit, match, send, close and publish needs: the secretariat only."""


@staff_only
def can_see_case_views(user) -> bool:
    """The record of who read an individual case: staff only."""


@staff_only
def can_start_project(user, need) -> bool:
    """Staff start a draft project from a need (its owner one of the accepting corporations)."""


@staff_and_members
def can_browse_resources(user) -> bool:
    """The network directory: staff and members of any corporation."""


def can_publish_need(user, need) -> bool:
    """Staff publish a local issue's approved text; a case is never published."""
    return can_manage_needs(user) and need.kind == NeedKind.ISSUE


def can_answer_offer(user, offer) -> bool:
    """Who opens the answer page (an editor of the corporation asked, or staff on its behalf, by
    phone), while unanswered and the need still open."""
    if offer.status != OfferStatus.PENDING or not offer.need.is_open:
        return False
    return can_open_answer_page(user, offer)


def can_open_answer_page(user, offer) -> bool:
    """The answer page: staff, and the editors of the corporation asked (a viewer of that
    corporation reads the need's own page instead: 403 here)."""
    return is_staff_or_editor_of(user, offer.corporation_id)


def can_view_offer(user, offer) -> bool:
    """Staff, and the members of the corporation asked."""
    return is_staff_or_member_of(user, offer.corporation_id)


def can_add_resource(user, corporation_id: int) -> bool:
    return can_edit_corporation(user, corporation_id)


def can_edit_resource(user, resource) -> bool:
    """The corporation's editors and staff; other members read only."""
    return can_edit_corporation(user, resource.corporation_id)


def can_see_need_in_public(need) -> bool:
    """What the public may read: a local issue whose text staff approved for the public."""
    return need.kind == NeedKind.ISSUE and need.visibility == Visibility.PUBLIC
