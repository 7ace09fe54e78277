"""Production settings for measuring over plain HTTP on this machine (benchmarks/scale_run.py).

Only what a local measurement needs differs from production: no HTTPS redirect or secure
cookies (there is no TLS proxy), and a hello-world view (/bench/hello/) that goes through the
same middleware, to compare pages against. Never deploy with these.
"""

import os

from network_portal.settings.production import *  # noqa: F403

SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
PORTAL_TRUSTED_PROXY_COUNT = 0
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "benchmarks.bench_urls"
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"handlers": [], "level": "WARNING"}}

# scale_run.py --cold: no cache at all, so every request draws every fragment afresh (what the
# first request after a write costs); the generation is still read, as in production.
if os.environ.get("BENCH_COLD") == "1":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
