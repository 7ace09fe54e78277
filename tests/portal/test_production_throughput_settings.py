"""Production keeps database connections and compiled templates between requests (issue 13)."""

from tests.core.test_settings import GOOD_KEY, SQLITE_URL, _setting

PRODUCTION = "network_portal.settings.production"
ENV = {"SECRET_KEY": GOOD_KEY, "DATABASE_URL": SQLITE_URL}


def test_it_keeps_database_connections_by_default_in_production():
    assert _setting(PRODUCTION, "s.DATABASES['default']['CONN_MAX_AGE']", **ENV) == "600"
    assert _setting(PRODUCTION, "s.DATABASES['default']['CONN_HEALTH_CHECKS']", **ENV) == "True"
    assert _setting(PRODUCTION, "s.DATABASES['default']['CONN_MAX_AGE']", DB_CONN_MAX_AGE="0", **ENV) == "0"
    assert _setting("network_portal.settings.base", "s.DATABASES['default']['CONN_MAX_AGE']") == "0"


def test_it_compiles_templates_once_per_worker_in_production():
    loaders = _setting(PRODUCTION, "s.TEMPLATES[0]['OPTIONS']['loaders'][0][0]", **ENV)
    assert loaders == "django.template.loaders.cached.Loader"
    # The base settings' list is not changed by production's.
    assert _setting(
        "network_portal.settings.base", "'loaders' in s.TEMPLATES[0]['OPTIONS']", **ENV
    ) == "False"
