"""Who someone is: council staff, a member of one corporation (editor or viewer), or nobody.

The apps' own policies (`corporations/policies.py`, `meetings/policies.py`,
`contributions/policies.py`) build their rules on these. Another corporation's object
answers 404 (nothing leaks that it exists), a missing role inside one's own corporation 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from .models import Membership


def is_council_staff(user) -> bool:
    """The secretariat (事務局): Django's is_staff flag, on an active account."""
    return bool(user is not None and user.is_authenticated and user.is_active and user.is_staff)


def get_membership(user) -> Membership | None:
    """The user's membership of a corporation, or None (staff and anonymous have none)."""
    if user is None or not user.is_authenticated:
        return None
    # Cached on the user object: templates and views ask several times per request.
    if not hasattr(user, "_portal_membership"):
        user._portal_membership = (
            Membership.objects.select_related("corporation").filter(user=user).first()
        )
    return user._portal_membership


def is_member_of(user, corporation_id: int) -> bool:
    """A member (editor or viewer) of this corporation."""
    membership = get_membership(user)
    return bool(membership and membership.corporation_id == corporation_id)


def is_editor_of(user, corporation_id: int) -> bool:
    """An editor of this corporation (a viewer only reads)."""
    membership = get_membership(user)
    return bool(membership and membership.corporation_id == corporation_id and membership.is_editor)


def is_staff_or_member(user) -> bool:
    return is_council_staff(user) or get_membership(user) is not None


def is_staff_or_member_of(user, corporation_id: int) -> bool:
    """Staff, or a member (editor or viewer) of this corporation: who reads its own pages."""
    return is_council_staff(user) or is_member_of(user, corporation_id)


def is_staff_or_editor_of(user, corporation_id: int) -> bool:
    """Staff, or an editor of this corporation: who changes its own data."""
    return is_council_staff(user) or is_editor_of(user, corporation_id)


def require(allowed: bool) -> None:
    """A service's check, before it writes, of the policy's answer: no → PermissionDenied (403)."""
    if not allowed:
        raise PermissionDenied


def _answered_by(who):
    def decorator(policy):
        @wraps(policy)
        def rule(user, *_objects, **_named) -> bool:
            return who(user)

        return rule

    return decorator


# The apps' policies whose answer is who the user is, whatever the object asked about: the decorated function
# names the action and says what it covers (its docstring); the rule itself is written here, once.
#     @staff_only
#     def can_see_replies(user) -> bool:
#         """Every corporation's answers to a meeting: staff."""
staff_only = _answered_by(is_council_staff)
staff_and_members = _answered_by(is_staff_or_member)


def allowed_if(rule):
    """A view decorator: log-in first (anonymous → login page), then rule(user) (no → 403).

    The apps pass their own named policies: `@allowed_if(can_see_reports)`.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


# Log-in first; then council staff only, or staff and the members of any corporation (others → 403).
staff_required = allowed_if(is_council_staff)
member_or_staff_required = allowed_if(is_staff_or_member)
