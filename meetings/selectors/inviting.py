"""Which corporations the invite page offers: active, not yet invited, narrowed by area, kind or name."""

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q

from core.normalize import normalize_kana
from corporations.models import Corporation

from ..models import Invitation, Meeting

INVITE_PAGE_SIZE = 50


def invite_candidates(meeting: Meeting, *, area=None, kind: str = "", query: str = ""):
    """Active corporations this meeting has not invited, in 五十音 order; `query` finds a name or
    フリガナ (hiragana finds katakana). One query, however large the register: the page shows a page
    of it, and "invite all of these" reads the same queryset."""
    invited = Invitation.objects.filter(meeting=meeting, corporation_id=OuterRef("pk"))
    corporations = Corporation.objects.filter(is_active=True).exclude(Exists(invited))
    if area is not None:
        corporations = corporations.filter(home_area=area)
    if kind:
        corporations = corporations.filter(kind=kind)
    query = query.strip()
    if query:
        condition = Q(name__icontains=query) | Q(name_kana__icontains=query)
        try:
            condition |= Q(name_kana__icontains=normalize_kana(query))
        except ValidationError:  # not kana: the name alone
            pass
        corporations = corporations.filter(condition)
    return corporations.select_related("home_area").order_by("name_kana", "name")
