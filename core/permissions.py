"""Who may do what. Council staff see everything; a member sees its own corporation only.

Access helpers in each app's selectors use these; another corporation's object answers
404 (nothing leaks that it exists), a missing role inside one's own corporation 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def is_council_staff(user) -> bool:
    """The secretariat (事務局): Django's is_staff flag, on an active account."""
    return bool(user.is_authenticated and user.is_active and user.is_staff)


def get_membership(user):
    """The user's membership of a corporation, or None (staff and anonymous have none)."""
    if not user.is_authenticated:
        return None
    # Cached on the user object: templates and views ask several times per request.
    if not hasattr(user, "_portal_membership"):
        from accounts.models import Membership

        user._portal_membership = (
            Membership.objects.select_related("corporation").filter(user=user).first()
        )
    return user._portal_membership


def member_corporation_id(user) -> int | None:
    membership = get_membership(user)
    return membership.corporation_id if membership else None


def can_edit_corporation(user, corporation_id: int) -> bool:
    if is_council_staff(user):
        return True
    membership = get_membership(user)
    return bool(membership and membership.corporation_id == corporation_id and membership.is_editor)


def staff_required(view):
    """Log-in first (anonymous → login page), then council staff only (others → 403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not is_council_staff(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


def member_or_staff_required(view):
    """Log-in first; then staff, or a member of some corporation (others → 403)."""

    @wraps(view)
    @login_required
    def wrapped(request, *args, **kwargs):
        if not (is_council_staff(request.user) or get_membership(request.user)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped
