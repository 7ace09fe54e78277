"""The decorator that lets a view ask one of meetings/policies.py's rules about the user."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def allowed_if(rule):
    """Log-in first (anonymous → login page), then rule(user) (refused → 403)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not rule(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
