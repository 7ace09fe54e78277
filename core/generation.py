"""The data generation: a number that every committed write to the portal's data moves on.

One row, `core_generation` (migration core/0002), updated by database triggers on every table
of every model except EXCLUDED_APPS. Triggers, not signals, so that nothing escapes them:
`queryset.update()`, `bulk_create`/`bulk_update`, deletes that cascade, the admin, raw SQL,
`loaddata`. core/fragments.py keys cached HTML on it: a key read after a commit names a newer
generation, so nothing cached before that write is found again.

- PostgreSQL: a constraint trigger on each row, DEFERRABLE INITIALLY DEFERRED, so the row
  `core_generation` is locked only while a writing transaction commits (never between its
  statements: no deadlock with services that lock rows first, `select_for_update`), and the
  new value becomes visible in the same commit as the data. TRUNCATE has its own trigger.
- SQLite: a trigger on each row for insert, update and delete (SQLite writes one transaction
  at a time).

install_triggers() runs after every `migrate` (and `flush`), so a new model's table gets its
triggers and a table that SQLite rebuilt gets them back; tests/core/test_generation.py fails
when a model's table has none.
"""

from django.apps import apps
from django.db import connections

TABLE = "core_generation"
FUNCTION = "core_bump_generation"
TRIGGER = "core_generation_bump"
SETTING = "core.generation_moved"

# Tables that change without the portal's data changing, on requests that read: sessions (a
# request moves a session's end on, accounts/sessions.py), the lockout's log of log-ins
# (axes), the mail queue (written by the mail worker). Nothing cached shows them.
EXCLUDED_APPS = frozenset({"sessions", "axes", "post_office"})


def watched_tables() -> list[str]:
    """Every table of a concrete model (many-to-many tables and history tables included) outside EXCLUDED_APPS."""
    tables = set()
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.app_label in EXCLUDED_APPS:
            continue
        tables.add(meta.db_table)
    return sorted(tables)


def read(using: str = "default") -> int | None:
    """The current generation; None if the table or its row is missing (then nothing is cached).

    Through Django's cursor, so the query is logged and counted like any other: a page whose
    template has a fragment (base.html has) does this one query more, and the query-count tests
    (django_assert_num_queries) count it."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SELECT value FROM {TABLE} WHERE id = 1")
        row = cursor.fetchone()
    return row[0] if row else None


def fire_deferred(using: str = "default") -> None:
    """PostgreSQL: make this transaction's generation triggers fire now and from now on, as if
    each statement committed (for a test case's transaction, which never commits). Tests only,
    in their set-up (tests/conftest.py, after the fixtures and before the test's body), so it is
    in no query count; a request never runs it."""
    with connections[using].cursor() as cursor:
        cursor.execute(f"SET CONSTRAINTS {TRIGGER} IMMEDIATE")


def install_triggers(using: str = "default", **kwargs) -> None:
    """(Re)create the triggers on every watched table; a post_migrate receiver."""
    connection = connections[using]
    if TABLE not in connection.introspection.table_names():
        return  # migrating backwards past core/0002, or core not migrated yet
    existing = set(connection.introspection.table_names())
    tables = [table for table in watched_tables() if table in existing]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            _install_postgresql(cursor, connection, tables)
        elif connection.vendor == "sqlite":
            _install_sqlite(cursor, connection, tables)


def _install_postgresql(cursor, connection, tables):
    quote = connection.ops.quote_name
    cursor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$ "
        # Once a statement: the deferred trigger fires for every row at COMMIT (one statement),
        # and updating one row thousands of times in a transaction walks a longer chain of row
        # versions each time (quadratic). A transaction-local setting remembers the statement
        # that moved it on; where the triggers fire at once (fire_deferred, in tests), each
        # writing statement moves it on once.
        f"BEGIN IF current_setting('{SETTING}', true) IS DISTINCT FROM statement_timestamp()::text THEN "
        f"UPDATE {TABLE} SET value = value + 1 WHERE id = 1; "
        f"PERFORM set_config('{SETTING}', statement_timestamp()::text, true); END IF; RETURN NULL; END $$"
    )
    for table in tables:
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON {quote(table)}")
        cursor.execute(
            f"CREATE CONSTRAINT TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE ON {quote(table)} "
            f"DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()"
        )
        cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_truncate ON {quote(table)}")
        cursor.execute(
            f"CREATE TRIGGER {TRIGGER}_truncate AFTER TRUNCATE ON {quote(table)} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()"
        )


def _install_sqlite(cursor, connection, tables):
    quote = connection.ops.quote_name
    for table in tables:
        for event in ("INSERT", "UPDATE", "DELETE"):
            name = quote(f"{TRIGGER}_{table}_{event.lower()}")
            cursor.execute(f"DROP TRIGGER IF EXISTS {name}")
            cursor.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON {quote(table)} FOR EACH ROW "
                f"BEGIN UPDATE {TABLE} SET value = value + 1 WHERE id = 1; END"
            )


def tables_with_triggers(using: str = "default") -> set[str]:
    """The tables that carry the generation's trigger (for the test that every watched table does)."""
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE t.tgname = %s",
                [TRIGGER],
            )
            return {row[0] for row in cursor.fetchall()}
        cursor.execute("SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                       [f"{TRIGGER}_%"])
        found: dict[str, set] = {}
        for table, name in cursor.fetchall():
            found.setdefault(table, set()).add(name.rsplit("_", 1)[-1])
        return {table for table, events in found.items() if events == {"insert", "update", "delete"}}
