"""Typed readers of the environment. A bad value fails loudly at start-up."""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"The environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database_from_url(url: str, **kwargs) -> dict:
    """A DATABASES entry from a URL (dj-database-url), with the portal's PostgreSQL options.

    PostgreSQL's JIT compiler is off: it compiles a query whose estimated cost is high, and the
    portal's queries are short, so it only adds time. The meetings list at 100× took 0.7 s with
    it and 0.02 s without (a query that runs in 2 ms, compiled for 676 ms; benchmarks/scale.md).
    DB_JIT=1 turns it back on.
    """
    config = dj_database_url.parse(url, **kwargs)
    if config["ENGINE"] == "django.db.backends.postgresql" and not env_bool("DB_JIT", False):
        options = config.setdefault("OPTIONS", {})
        options["options"] = (options.get("options", "") + " -c jit=off").strip()
    return config
