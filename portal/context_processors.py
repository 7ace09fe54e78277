from django.conf import settings

from accounts.policies import get_membership, is_council_staff


def portal(request):
    user = getattr(request, "user", None)
    return {
        "council_name": settings.PORTAL_COUNCIL_NAME,
        "is_council_staff": bool(user and is_council_staff(user)),
        "my_membership": get_membership(user) if user is not None else None,
    }
