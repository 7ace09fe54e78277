"""Tags for the includes the meetings app adds to other apps' pages (dashboard, corporation)."""

from django import template
from django.utils import timezone

from accounts.policies import get_membership, is_council_staff

from .. import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def next_meeting(context):
    """The next planned meeting with its replies so far (staff only; 1 query)."""
    request = context.get("request")
    if request is None or not is_council_staff(request.user):
        return None
    return selectors.next_meeting(timezone.now())


@register.simple_tag(takes_context=True)
def corporation_invitations(context, corporation):
    """A corporation's invitations and answers: for staff and its own members only."""
    request = context.get("request")
    if request is None:
        return []
    user = request.user
    membership = get_membership(user)
    if not (is_council_staff(user) or (membership and membership.corporation_id == corporation.pk)):
        return []
    return list(selectors.corporation_invitations(corporation))
