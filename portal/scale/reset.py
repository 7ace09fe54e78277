"""Starting again: every row goes but the vocabularies the migrations seed."""

from __future__ import annotations

from django.apps import apps
from django.db import connection, transaction

# Rows the migrations seed (vocabularies) and Django's own tables stay; everything else goes.
KEPT = {
    "contenttypes.contenttype", "auth.permission", "auth.group", "auth.group_permissions",
    "corporations.area", "corporations.servicetype", "contributions.networkpattern", "contributions.theme",
    "contributions.targetgroup", "needs.resourcekind",
}


def wipe() -> list[str]:
    """Delete every row but the vocabularies the migrations seed: a clean database for the demo
    and the scale rows. Returns the tables emptied."""
    tables = [
        model._meta.db_table for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower not in KEPT and model._meta.managed and not model._meta.proxy
    ]
    tables = sorted(set(tables))
    quote = connection.ops.quote_name
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            # Inside a longer transaction (a test), rows inserted earlier leave deferred foreign-key
            # checks pending, and TRUNCATE refuses a table with pending checks: run them first.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {', '.join(quote(t) for t in tables)} RESTART IDENTITY")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    else:
        connection.disable_constraint_checking()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for table in tables:
                    cursor.execute(f"DELETE FROM {quote(table)}")
        finally:
            connection.enable_constraint_checking()
    return tables
