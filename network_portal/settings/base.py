"""Settings shared by every environment. The environment is read through typed helpers."""

import datetime
from pathlib import Path

from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from network_portal.env import database_from_url, env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("PORTAL_VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # whitenoise serves static files in development too, so dev and production agree
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "simple_history",
    # the queue of outgoing mail kept in the database, sent by `manage.py mail_worker` (core/mail.py)
    "post_office",
    # django-axes, named in Japanese in the admin (network_portal/apps.py)
    "network_portal.apps.LockoutConfig",
    "core",
    "accounts",
    "corporations",
    "meetings",
    "contributions",
    "needs",
    # the fiscal year's report and each corporation's yearly sheet (reads every app below it)
    "annual",
    # the top floor: front page, dashboard, demo loader (imports the apps above)
    "portal",
]

MIDDLEWARE = [
    # first: no NUL byte from a header reaches the database (django-axes stores User-Agent)
    "network_portal.middleware.strip_nul_from_headers",
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every answer (CONTENT_SECURITY_POLICY below)
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # moves a session's end on with activity (its answer is handled before the session's)
    "accounts.sessions.refresh_idle_expiry",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Django's, with the user kept for a request of the same data generation (accounts/current_user.py)
    "accounts.current_user.CachedUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # records who made each change in the history tables
    "simple_history.middleware.HistoryRequestMiddleware",
    # last, as django-axes asks: it answers a locked-out log-in
    "axes.middleware.AxesMiddleware",
]

# Scripts only from the portal's own static files: no inline <script>, no on* attributes
# (templates hold none, a test keeps it so; behaviour lives in static/js/). Style
# attributes stay allowed: three templates size an image or the board's chart with one,
# and a style cannot run code. Bootstrap's CSS draws its icons from data: images.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

ROOT_URLCONF = "network_portal.urls"
WSGI_APPLICATION = "network_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": database_from_url(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 0),
    )
}
# Rendered fragments (core/fragments.py): each worker's memory is enough, because a fragment's
# key carries the data's generation, read from the database on each request; a shared cache
# would only share the hits. The tests run with it on (tests/conftest.py empties it per test).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-fragments",
        "TIMEOUT": 60,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # refuses a locked-out log-in before checking it
    "django.contrib.auth.backends.ModelBackend",
]
# After AXES_FAILURE_LIMIT wrong passwords for one user name from one address, that pair is
# locked for an hour; a right password resets the count. Staff unlock in the admin (Axes).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# How many TLS proxies in front append to X-Forwarded-For; 0 believes REMOTE_ADDR alone.
# Wrong here means either everybody shares the proxy's address (one staff name locked for
# the whole ward) or a client can choose its own address: set it to the deployment.
PORTAL_TRUSTED_PROXY_COUNT = env_int("PORTAL_TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "network_portal.client_address.client_ip"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
# Shared office PCs: a session ends after a working day without a request, not a fixed time
# after the log-in. A request moves the end on (accounts/sessions.py), saving the session at
# most every PORTAL_SESSION_REFRESH_SECONDS rather than on every page.
SESSION_COOKIE_AGE = env_int("PORTAL_SESSION_IDLE_HOURS", 9) * 60 * 60
PORTAL_SESSION_REFRESH_SECONDS = 5 * 60
# Reset mails to one address per hour (counted in the database, accounts.PasswordResetRequest).
PORTAL_PASSWORD_RESET_MAILS_PER_HOUR = 3
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24 * 3  # three days: contacts do not read mail every day

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("日本語")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads are at most 10 MB (meeting material; photos and register imports 5 MB), checked by
# the forms. A request body above PORTAL_MAX_REQUEST_BYTES is refused before it is read
# (network_portal/uploads.py); the proxy in front caps it too (README, "Deploying").
PORTAL_MAX_REQUEST_BYTES = 12 * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "network_portal.uploads.RequestSizeCapHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Form fields other than files: Django's default. It leaves file data out, so it is no
# cap on uploads (the line above is).
DATA_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# A larger file goes to a temporary file rather than each gunicorn worker's memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = int(2.5 * 1024 * 1024)
# DATA_UPLOAD_MAX_NUMBER_FIELDS stays Django's 1,000 for every form: the attendance screen, which
# posts about eight fields a person, reads its own body with a higher limit (meetings.views.attendance).

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@example.jp")
# Mail is queued in the database (core/mail.py) and sent by `manage.py mail_worker` through
# EMAIL_BACKEND above. A failed mail is tried again every MAIL_RETRY_MINUTES, MAIL_MAX_RETRIES
# times, then marked failed; every attempt is logged (LOG_LEVEL 2: sent and failed).
POST_OFFICE = {
    "MAX_RETRIES": env_int("MAIL_MAX_RETRIES", 3),
    "RETRY_INTERVAL": datetime.timedelta(minutes=env_int("MAIL_RETRY_MINUTES", 10)),
    "LOG_LEVEL": 2,
    "BATCH_SIZE": 200,
    "THREADS_PER_PROCESS": 1,
    "DEFAULT_PRIORITY": "medium",
}


# The council's name prints in headers, e-mails and reports.
PORTAL_COUNCIL_NAME = env_str("PORTAL_COUNCIL_NAME", "練馬区社会福祉協議会")
PORTAL_SITE_URL = env_str("PORTAL_SITE_URL", "http://127.0.0.1:8000")
# The sender's block of the printed invitation letter (案内文): name, address, telephone, one
# line each, "\n" between lines. PORTAL_REPLY_FAX: the number FAX返信票 are sent back to.
PORTAL_LETTERHEAD = env_str("PORTAL_LETTERHEAD", f"社会福祉法人 {PORTAL_COUNCIL_NAME}\\n事務局").replace("\\n", "\n")
PORTAL_REPLY_FAX = env_str("PORTAL_REPLY_FAX", "")
# Reminders of `manage.py send_due_reminders`: this many days before a meeting's answer deadline.
PORTAL_REMINDER_DAYS_BEFORE = env_int("PORTAL_REMINDER_DAYS_BEFORE", 3)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}
