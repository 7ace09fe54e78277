"""Helpers shared by the needs, offers and resources pages."""

from django.core.paginator import Paginator

from accounts.policies import get_membership, is_council_staff

PAGE_SIZE = 50


def paginate(request, queryset, size=PAGE_SIZE):
    page = Paginator(queryset, size).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def full_access(user, need) -> bool:
    """Staff, and the corporations the need was sent to, read the working text; other
    members read only the text staff approved for them."""
    if is_council_staff(user):
        return True
    membership = get_membership(user)
    return bool(membership and getattr(need, "sent_to_me", None))


def need_labels(user, needs):
    """What each need shows this viewer: its working text or its approved public text."""
    for need in needs:
        need.full_access = full_access(user, need)
        need.shown_title = need.title if need.full_access else need.public_title
        need.shown_description = need.description if need.full_access else need.public_description
    return needs
