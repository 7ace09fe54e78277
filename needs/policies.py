"""Who may do what with needs, offer requests and resources: one named function per action.

Views, services and sections ask these; templates get the answers as booleans. Which needs
a user may read at all is the queryset `selectors.visible_needs`; these rules sit on top.
"""

from accounts.policies import get_membership, is_council_staff, is_editor_of
from corporations.policies import can_edit_corporation

from .models import NeedKind, OfferStatus, Visibility


def can_manage_needs(user) -> bool:
    """Record, edit, match, send, close and publish needs: the secretariat only."""
    return is_council_staff(user)


def can_see_case_views(user) -> bool:
    """The record of who read an individual case: staff only."""
    return is_council_staff(user)


def can_publish_need(user, need) -> bool:
    """Staff publish a local issue's approved text; a case is never published."""
    return is_council_staff(user) and need.kind == NeedKind.ISSUE


def can_start_project(user, need) -> bool:
    """Staff start a draft project from a need (its owner one of the accepting corporations)."""
    return is_council_staff(user)


def can_answer_offer(user, offer) -> bool:
    """An editor of the corporation asked (or staff on its behalf, by phone), while unanswered
    and the need still open."""
    if offer.status != OfferStatus.PENDING or not offer.need.is_open:
        return False
    return is_council_staff(user) or is_editor_of(user, offer.corporation_id)


def can_open_answer_page(user, offer) -> bool:
    """The answer page: staff, and the editors of the corporation asked (a viewer of that
    corporation reads the need's own page instead: 403 here)."""
    return is_council_staff(user) or is_editor_of(user, offer.corporation_id)


def can_view_offer(user, offer) -> bool:
    membership = get_membership(user)
    return is_council_staff(user) or bool(membership and membership.corporation_id == offer.corporation_id)


def can_browse_resources(user) -> bool:
    """The network directory: staff and members of any corporation."""
    return is_council_staff(user) or get_membership(user) is not None


def can_add_resource(user, corporation_id: int) -> bool:
    return can_edit_corporation(user, corporation_id)


def can_edit_resource(user, resource) -> bool:
    """The corporation's editors and staff; other members read only."""
    return can_edit_corporation(user, resource.corporation_id)


def can_see_need_in_public(need) -> bool:
    """What the public may read: a local issue whose text staff approved for the public."""
    return need.kind == NeedKind.ISSUE and need.visibility == Visibility.PUBLIC
