"""Production settings refuse to start without a secret or with DEBUG, and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from network_portal.env import env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "9f#2-x" * 8


def _manage(*args, **env):
    environment = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    environment.update({"DJANGO_SETTINGS_MODULE": "network_portal.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_it_passes_check_deploy_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_KEY)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_it_refuses_to_start_without_a_secret_key():
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_it_refuses_to_start_with_debug_on():
    result = _manage("check", SECRET_KEY=GOOD_KEY, DEBUG="1")
    assert result.returncode != 0
    assert "DEBUG must be off" in result.stderr


def test_it_reads_typed_values_from_the_environment(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", "yes")
    monkeypatch.setenv("PORTAL_NUMBER", "42")
    monkeypatch.setenv("PORTAL_LIST", "a.example.jp, b.example.jp")
    assert env_bool("PORTAL_FLAG", False) is True
    assert env_int("PORTAL_NUMBER", 0) == 42
    assert env_list("PORTAL_LIST", []) == ["a.example.jp", "b.example.jp"]
    assert env_str("PORTAL_MISSING", "default") == "default"


def test_it_fails_loudly_on_a_bad_value(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", "maybe")
    monkeypatch.setenv("PORTAL_NUMBER", "many")
    with pytest.raises(ImproperlyConfigured):
        env_bool("PORTAL_FLAG", False)
    with pytest.raises(ImproperlyConfigured):
        env_int("PORTAL_NUMBER", 0)
    with pytest.raises(ImproperlyConfigured):
        env_str("PORTAL_MISSING")


def test_it_is_japanese_first(settings):
    assert settings.LANGUAGE_CODE == "ja"
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert [code for code, _name in settings.LANGUAGES] == ["ja", "en"]
