"""Reads of accounts that other apps need."""

from collections.abc import Iterable

from .models import Membership


def mailable_editors(corporation_ids: Iterable[int]):
    """The active editors of these corporations who have an e-mail address, with user and
    corporation (1 query). Viewers get no mail: every mailed link leads to a page where the
    reader acts (answer, accept or decline), which a viewer may not."""
    return (
        Membership.objects.filter(
            corporation_id__in=list(corporation_ids), role=Membership.Role.EDITOR, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user", "corporation")
        .order_by("corporation_id", "user__username")
    )
