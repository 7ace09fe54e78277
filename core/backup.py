"""What a backup must hold, written out so a restore can be checked against it.

`inventory()` lists the rows of every table and the files under MEDIA_ROOT, and names any
file a row points to that storage does not have. Run it (`manage.py inventory`) before the
backup and on the restored copy: the two lists must be the same (README, "Backup and restore").
Knows no app: it reads the models from Django's registry.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connections, models

# Tables whose rows the backup leaves out (`pg_dump --exclude-table-data`): log-ins in
# progress, which a restore should end anyway, and django-axes' logs of log-in attempts (IP
# addresses; they only grow). Their tables are in the dump, empty.
LEFT_OUT_TABLES = ("django_session", "axes_accesslog", "axes_accessfailurelog")


def _tables() -> list[type[models.Model]]:
    seen = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            seen.setdefault(model._meta.db_table, model)
    return [seen[table] for table in sorted(seen)]


def row_counts(using: str = "default") -> dict[str, int]:
    """Rows in each table, the left-out ones not counted. Plain SQL: a model's default manager
    may hide rows, a backup must not."""
    connection = connections[using]
    counts = {}
    with connection.cursor() as cursor:
        for model in _tables():
            table = model._meta.db_table
            if table in LEFT_OUT_TABLES:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # a model's own table
            counts[table] = cursor.fetchone()[0]
    return counts


def media_files(root: Path | None = None) -> tuple[int, int]:
    """Files under MEDIA_ROOT and their bytes."""
    root = Path(root or settings.MEDIA_ROOT)
    files = [path for path in root.rglob("*") if path.is_file()] if root.exists() else []
    return len(files), sum(path.stat().st_size for path in files)


def missing_files(using: str = "default") -> list[str]:
    """`table.column<TAB>name` for each stored file name that storage does not have."""
    missing = []
    for model in _tables():
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.FileField):
                continue
            names = (
                model._base_manager.using(using).exclude(**{field.attname: ""}).values_list(field.attname, flat=True)
            )
            for name in names.iterator():
                if not field.storage.exists(name):
                    missing.append(f"{model._meta.db_table}.{field.column}\t{name}")
    return missing


def inventory(using: str = "default") -> list[str]:
    lines = [f"# rows of {', '.join(LEFT_OUT_TABLES)} are left out of backups and not counted"]
    lines += [f"{table}\t{count}" for table, count in row_counts(using).items()]
    files, size = media_files()
    lines.append(f"media\t{files} files\t{size} bytes")
    lines += [f"missing\t{line}" for line in missing_files(using)]
    return lines
