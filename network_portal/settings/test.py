"""The test suite: SQLite by default, PostgreSQL when DATABASE_URL says so."""

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# The test client's login() passes no request, which django-axes needs; the lockout has its
# own tests with AXES_ENABLED switched on (tests/accounts/test_lockout.py).
AXES_ENABLED = False
# `makemigrations --check` opens the default database; the folder must exist on a fresh clone.
VAR_DIR.mkdir(parents=True, exist_ok=True)
