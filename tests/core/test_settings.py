"""Production settings refuse to start without a secret or with DEBUG, and pass check --deploy."""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import timezone

from network_portal.env import database_from_url, env_bool, env_int, env_list, env_str

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 20 + "9f#2-x" * 8
# Production asks for its database by name; `check` does not open it.
SQLITE_URL = "sqlite:////tmp/network-portal-settings-test.sqlite3"


def _manage(*args, **env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "network_portal.settings.production", **env})
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def test_it_passes_check_deploy_in_production():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", SECRET_KEY=GOOD_KEY, DATABASE_URL=SQLITE_URL)
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


def test_it_refuses_to_start_without_a_database_url():
    result = _manage("check", SECRET_KEY=GOOD_KEY)
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_it_starts_on_sqlite_when_sqlite_is_asked_for_by_name(tmp_path):
    result = _manage("check", SECRET_KEY=GOOD_KEY, DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    assert result.returncode == 0, result.stdout + result.stderr


def _setting(module: str, expression: str, **env) -> str:
    """The value of a settings expression as a fresh process with this environment sees it."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("PORTAL_", "DJANGO_SETTINGS"))}
    environment.update(env)
    code = f"import {module} as s; print({expression})"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_it_ends_a_session_after_a_working_day_of_inactivity(settings):
    assert settings.SESSION_COOKIE_AGE == 9 * 60 * 60
    assert _setting(
        "network_portal.settings.base", "s.SESSION_COOKIE_AGE", PORTAL_SESSION_IDLE_HOURS="4"
    ) == str(4 * 60 * 60)


def test_it_moves_the_session_end_on_with_activity(client, world, settings):
    from datetime import timedelta

    from django.contrib.sessions.models import Session

    from accounts.sessions import SEEN_KEY

    client.force_login(world.editor_a)
    session = client.session
    # The last request was long ago (but within the idle hours): the next one moves the end.
    session[SEEN_KEY] = session[SEEN_KEY] - settings.PORTAL_SESSION_REFRESH_SECONDS - 1
    session.save()
    # As if the end were a minute away.
    Session.objects.filter(session_key=session.session_key).update(expire_date=timezone.now() + timedelta(minutes=1))
    client.get("/")
    assert client.cookies["sessionid"]["max-age"] == 9 * 60 * 60
    remaining = (Session.objects.get(session_key=session.session_key).expire_date - timezone.now()).total_seconds()
    assert remaining > 8 * 60 * 60


def test_it_saves_a_session_at_most_every_few_minutes(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.editor_a)
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert not any(
        q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"] for q in captured.captured_queries
    )


def test_it_keeps_upload_caps_sensible(settings):
    # Form fields without files: small (Django's own default); files are capped separately.
    assert settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024
    # Files above this go to a temporary file instead of each gunicorn worker's memory.
    assert settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= 2.5 * 1024 * 1024
    # Fields of a form: Django's default everywhere; the attendance screen alone reads more (its own test).
    assert settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    # The largest upload (meeting material) is 10 MB; a request carries it and its form.
    assert 10 * 1024 * 1024 < settings.PORTAL_MAX_REQUEST_BYTES <= 12 * 1024 * 1024


def test_an_ordinary_form_posted_with_over_a_thousand_fields_is_refused_and_changes_nothing(staff_client, world):
    url = reverse("corporations:update", kwargs={"pk": world.corp_a.pk})
    data = {"name": "変えた名前", **{f"extra-{i}": "x" for i in range(1000)}}
    response = staff_client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400  # TooManyFieldsSent
    world.corp_a.refresh_from_db()
    assert world.corp_a.name != "変えた名前"


def test_it_refuses_an_oversized_upload_before_reading_it(staff_client, world, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 1024
    body = (
        b"--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
        b"Content-Type: application/pdf\r\n\r\n" + b"x" * 4096 + b"\r\n--BOUNDARY--\r\n"
    )
    response = staff_client.generic(
        "POST", "/corporations/import/", body, content_type="multipart/form-data; boundary=BOUNDARY"
    )
    assert response.status_code == 400


def test_it_still_takes_an_upload_under_the_cap(staff_client, world, settings):
    settings.PORTAL_MAX_REQUEST_BYTES = 64 * 1024
    body = (
        b"--BOUNDARY\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n"
        b"Content-Type: application/pdf\r\n\r\n" + b"x" * 4096 + b"\r\n--BOUNDARY--\r\n"
    )
    response = staff_client.generic(
        "POST", "/corporations/import/", body, content_type="multipart/form-data; boundary=BOUNDARY"
    )
    assert response.status_code != 400


def test_it_trusts_one_proxy_in_production_and_none_elsewhere():
    production = "network_portal.settings.production"
    assert _setting(production, "s.PORTAL_TRUSTED_PROXY_COUNT", SECRET_KEY=GOOD_KEY, DATABASE_URL=SQLITE_URL) == "1"
    assert _setting(
        production, "s.PORTAL_TRUSTED_PROXY_COUNT", SECRET_KEY=GOOD_KEY, DATABASE_URL=SQLITE_URL,
        PORTAL_TRUSTED_PROXY_COUNT="2",
    ) == "2"
    assert _setting("network_portal.settings.base", "s.PORTAL_TRUSTED_PROXY_COUNT") == "0"


def test_it_turns_postgresqls_jit_off_and_leaves_sqlite_alone(monkeypatch):
    monkeypatch.delenv("DB_JIT", raising=False)
    postgres = database_from_url("postgres://portal@db.example:5432/portal", conn_max_age=600)
    assert postgres["OPTIONS"]["options"] == "-c jit=off"
    assert postgres["CONN_MAX_AGE"] == 600
    assert "options" not in database_from_url("sqlite:////tmp/x.sqlite3").get("OPTIONS", {})
    monkeypatch.setenv("DB_JIT", "1")
    assert "options" not in database_from_url("postgres://portal@db.example:5432/portal").get("OPTIONS", {})


@pytest.mark.django_db
def test_the_connection_runs_without_jit_on_postgresql_and_sqlite_gets_no_such_option():
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW jit")
            assert cursor.fetchone()[0] == "off"
    else:  # SQLite has no JIT, and an unknown option would stop it from connecting
        assert "options" not in connection.settings_dict.get("OPTIONS", {})
