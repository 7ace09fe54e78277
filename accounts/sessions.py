"""Sessions end after a working day without a request (PORTAL_SESSION_IDLE_HOURS).

Shared office PCs: the end counts from the last request, not from the log-in. Django's
SESSION_SAVE_EVERY_REQUEST would do it with a database write on every page; instead the
session is saved (which moves its end and the cookie's on) at most once every
PORTAL_SESSION_REFRESH_SECONDS, so the end is "idle hours after the last request" give or
take those few minutes.
"""

import time

from django.conf import settings

SEEN_KEY = "_portal_seen"


def note_activity(*, session) -> None:
    session[SEEN_KEY] = int(time.time())


def on_user_logged_in(sender, request, user, **kwargs):
    # A fresh log-in is activity; the session is saved with it anyway.
    if request is not None and hasattr(request, "session"):
        note_activity(session=request.session)


def refresh_idle_expiry(get_response):
    """After SessionMiddleware: marks a loaded session modified when its mark is old."""

    def middleware(request):
        response = get_response(request)
        session = getattr(request, "session", None)
        # Only a session the request already loaded, and one that holds something: no
        # extra query for a page that never looked, no session for an anonymous visitor.
        if session is None or not session.accessed or session.is_empty() or not session.keys():
            return response
        seen = session.get(SEEN_KEY)
        if not isinstance(seen, int) or time.time() - seen >= settings.PORTAL_SESSION_REFRESH_SECONDS:
            note_activity(session=session)
        return response

    return middleware
