"""Production: PostgreSQL behind gunicorn, static files by whitenoise.

Refuses to start without SECRET_KEY or with DEBUG on, so a mistake is loud.
"""

from django.core.exceptions import ImproperlyConfigured

from network_portal.env import database_from_url, env_bool, env_int, env_str

from .base import *  # noqa: F403

SECRET_KEY = env_str("SECRET_KEY")  # no default: required
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("SECRET_KEY must be a random string of 50 characters or more.")
DEBUG = env_bool("DEBUG", False)
if DEBUG:
    raise ImproperlyConfigured("DEBUG must be off in production.")

# No silent SQLite file next to the code: the database is named, PostgreSQL or (by choice)
# DATABASE_URL=sqlite:////srv/portal/db.sqlite3.
# Persistent connections: a worker keeps its connection for DB_CONN_MAX_AGE seconds (10
# minutes by default) instead of opening one per request, which cost a few milliseconds of
# every page (benchmarks/throughput.md). The health check reopens one the server has closed.
# 0 goes back to a connection per request (e.g. behind pgbouncer in transaction mode).
DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL"), conn_max_age=env_int("DB_CONN_MAX_AGE", 600), conn_health_checks=True
    )
}

# Templates are compiled once per worker and kept (the cached loader, written out rather than
# left to Django's default, so that no setting elsewhere turns it off).
TEMPLATES = [  # a copy: the base module's list stays as it is
    {
        **TEMPLATES[0],  # noqa: F405
        "APP_DIRS": False,
        "OPTIONS": {
            **TEMPLATES[0]["OPTIONS"],  # noqa: F405
            "loaders": [
                ("django.template.loaders.cached.Loader", [
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ]),
            ],
        },
    },
]

# The documented deployment: one TLS proxy (nginx) in front of gunicorn.
PORTAL_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 1)
if PORTAL_TRUSTED_PROXY_COUNT < 0:
    raise ImproperlyConfigured("PORTAL_TRUSTED_PROXY_COUNT must be 0 or more.")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
