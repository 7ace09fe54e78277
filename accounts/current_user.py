"""The signed-in user, kept between requests that read the same data generation (core/generation.py).

Django's AuthenticationMiddleware reads the user row on every request. A user's row, groups,
permissions and memberships are all watched tables: any change to them makes a new generation.
So a user object read by a request that had already read generation G is the user as of G or
later, and may serve every request of the same generation for the same session state. It is used
only when the request has already read the generation (a page with a fragment reads it first:
core/fragments.py), so it adds no query of its own; otherwise the user is read as before.

The session is still read from the database on every request: a logged-out session (its row
deleted) has no user id, so it is anonymous at once in every worker. The key holds the session's
user id, backend and password hash as well as the generation, so a session made for another
password, or another user, never finds this entry.
"""

import hashlib

from django.contrib import auth
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.core.cache import cache
from django.utils.functional import SimpleLazyObject

from core.fragments import TIMEOUT, in_own_transaction, known_generation


def user_key(request) -> str | None:
    """The cache key of this request's user; None when it must be read from the database."""
    generation = known_generation(request)
    if generation is None or in_own_transaction():
        return None
    session = request.session
    user_id = session.get(SESSION_KEY)
    if user_id is None:
        return None
    parts = [user_id, session.get(BACKEND_SESSION_KEY, ""), session.get(HASH_SESSION_KEY, ""), generation]
    raw = "\x1f".join(str(part) for part in parts)
    return "user:" + hashlib.sha256(raw.encode()).hexdigest()


def get_user(request):
    if not hasattr(request, "_cached_user"):
        key = user_key(request)
        user = cache.get(key) if key is not None else None
        if user is None:
            user = auth.get_user(request)  # checks the session's password hash, flushes a stale session
            if key is not None and user.is_authenticated:
                cache.set(key, user, TIMEOUT)  # pickled: what the request later notes on it stays its own
        request._cached_user = user
    return request._cached_user


class CachedUserMiddleware(AuthenticationMiddleware):
    """AuthenticationMiddleware whose request.user comes from get_user above."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: get_user(request))
