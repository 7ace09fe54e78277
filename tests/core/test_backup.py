"""Backup and restore as the README describes it: every row and every file comes back.

On PostgreSQL: pg_dump -Fc, pg_restore into a new empty database, MEDIA_ROOT through tar.
On SQLite (development): the sqlite3 backup API. Either way the restored copy is checked with
the README's own check, `manage.py inventory` run against it in a separate process.
"""

import io
import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path
from urllib.parse import quote

import pytest
from axes.models import AccessLog
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accounts.models import User
from contributions import services as contribution_services
from contributions.models import Project
from core.backup import LEFT_OUT_TABLES, inventory
from meetings import services as meeting_services
from meetings.models import Attachment, Meeting
from tests.core.test_uploads import camera_jpeg
from tests.meetings.factories import PDF_BYTES, MeetingFactory

README = Path(settings.BASE_DIR) / "README.md"


@pytest.fixture
def full_database(settings, tmp_path):
    """The demo network, a photo and a meeting document on disk, a session and a log-in log."""
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("load_demo", stdout=io.StringIO())
    staff = User.objects.get(username="staff")
    project = Project.objects.order_by("pk").first()
    contribution_services.photo_add(
        project=project, acting_user=staff, image=ContentFile(camera_jpeg(), name="写真.jpg"),
        caption="食堂のようす", content_type="image/jpeg",
    )
    meeting = Meeting.objects.order_by("pk").first() or MeetingFactory()
    meeting_services.attachment_add(
        meeting=meeting, acting_user=staff, upload=ContentFile(PDF_BYTES, name="次第.pdf"),
        content_type="application/pdf",
    )
    session = SessionStore()
    session["note"] = "a log-in in progress"
    session.create()
    AccessLog.objects.create(
        user_agent="test", ip_address="192.0.2.1", username="staff", http_accept="*/*", path_info="/login/",
        attempt_time=timezone.now(),
    )
    lines = inventory()
    assert "media\t2 files" in "\n".join(lines)  # the test's own premise: files to restore
    assert not [line for line in lines if line.startswith("missing")]
    return lines


def _manage(*args, database_url: str, media_root: Path) -> list[str]:
    """A management command in a process of its own, on the restored database and media."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "network_portal.settings.dev",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(media_root),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout.splitlines()


def _run(*command, env=None):
    result = subprocess.run([str(part) for part in command], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command[0]}: {result.stderr}"


def test_it_has_the_readme_leave_out_the_same_tables_as_the_check():
    text = README.read_text(encoding="utf-8")
    assert "## Backup and restore" in text
    for table in LEFT_OUT_TABLES:
        assert f"--exclude-table-data={table}" in text


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump and pg_restore: PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_it_restores_a_pg_dump_into_an_empty_database_with_every_row_and_file(full_database, tmp_path):
    for tool in ("pg_dump", "pg_restore", "createdb", "dropdb"):
        assert shutil.which(tool), f"{tool} is missing: apt-get install postgresql-client"
    db = connection.settings_dict
    env = {**os.environ, "PGHOST": db["HOST"] or "", "PGPORT": str(db["PORT"] or ""), "PGUSER": db["USER"] or ""}
    if db["PASSWORD"]:
        env["PGPASSWORD"] = db["PASSWORD"]
    dump, archive = tmp_path / "portal.dump", tmp_path / "media.tar.gz"

    # The backup, as in the README.
    _run("pg_dump", "--format=custom", *[f"--exclude-table-data={t}" for t in LEFT_OUT_TABLES],
         f"--file={dump}", db["NAME"], env=env)
    _run("tar", "-C", settings.MEDIA_ROOT, "-czf", archive, ".")

    # The restore into an empty database and an empty folder.
    restored = f"{db['NAME']}_restored_{os.getpid()}"
    media = tmp_path / "restored-media"
    media.mkdir()
    _run("dropdb", "--if-exists", restored, env=env)
    _run("createdb", restored, env=env)
    try:
        _run("pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", f"--dbname={restored}", dump, env=env)
        _run("tar", "-C", media, "-xzf", archive)
        password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
        url = (
            f"postgres://{quote(db['USER'] or '')}{password}"
            f"@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{restored}"
        )

        # The check, as in the README.
        assert _manage("inventory", database_url=url, media_root=media) == full_database
        _manage("migrate", "--check", database_url=url, media_root=media)
        _manage("shell", "-c", _LEFT_OUT_EMPTY_AND_SEQUENCES_AHEAD, database_url=url, media_root=media)
    finally:
        _run("dropdb", "--if-exists", restored, env=env)


# Run inside the restored database: the left-out tables are there and empty, and every id
# sequence is past the rows restored, so the portal can add new rows at once.
_LEFT_OUT_EMPTY_AND_SEQUENCES_AHEAD = f"""
from django.apps import apps
from django.db import connection
checked = 0
with connection.cursor() as cursor:
    for table in {LEFT_OUT_TABLES!r}:
        cursor.execute(f'SELECT COUNT(*) FROM "{{table}}"')
        assert cursor.fetchone()[0] == 0, table
    for model in apps.get_models(include_auto_created=True):
        table, pk = model._meta.db_table, model._meta.pk.column
        cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [f'"{{table}}"', pk])
        sequence = cursor.fetchone()[0]
        if sequence is None:
            continue
        cursor.execute(f'SELECT COALESCE(MAX("{{pk}}"), 0) FROM "{{table}}"')
        highest = cursor.fetchone()[0]
        cursor.execute(f"SELECT last_value, is_called FROM {{sequence}}")
        last_value, is_called = cursor.fetchone()
        assert highest == 0 or (is_called and last_value >= highest), (table, highest, last_value)
        checked += 1
assert checked > 20, checked
"""


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the sqlite3 backup API: SQLite (development)")
@pytest.mark.django_db(transaction=True)
def test_it_restores_a_sqlite_backup_with_every_row_and_file(full_database, tmp_path):
    copy = tmp_path / "portal-backup.sqlite3"
    connection.ensure_connection()
    with closing(sqlite3.connect(copy)) as target:
        connection.connection.backup(target)
    media = tmp_path / "restored-media"
    shutil.copytree(settings.MEDIA_ROOT, media)

    assert _manage("inventory", database_url=f"sqlite:///{copy}", media_root=media) == full_database
    _manage("migrate", "--check", database_url=f"sqlite:///{copy}", media_root=media)


@pytest.mark.django_db
def test_it_names_a_file_that_storage_does_not_have(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    attachment = meeting_services.attachment_add(
        meeting=MeetingFactory(), acting_user=User.objects.create(username="s", is_staff=True),
        upload=ContentFile(PDF_BYTES, name="次第.pdf"), content_type="application/pdf",
    )
    attachment.file.storage.delete(attachment.file.name)
    with pytest.raises(Exception, match="1 stored file"):
        call_command("inventory", stdout=io.StringIO())
    assert f"missing\tmeetings_attachment.file\t{attachment.file.name}" in inventory()
    assert Attachment.objects.count() == 1
