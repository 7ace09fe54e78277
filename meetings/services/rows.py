"""Writing many rows of one meeting in a few statements: executemany updates and inserts, and their history rows.

A 630-row attendance save stays a handful of statements (benchmarks/attendance.md): bulk_update's
CASE grows with the rows, one executemany does not.
"""
from django.conf import settings
from django.db import connection
from django.utils import timezone

UPDATE_BATCH = 50  # the guests' and 回答どおり's few rows: bulk_update in statements of this many


def _adapter(field):
    """How a value of this field goes to the driver: as it is for text, numbers, booleans and
    keys (the drivers take them), through Django for the rest (dates, times)."""
    if field.get_internal_type() in _PLAIN_TYPES:
        return None
    return lambda value: field.get_db_prep_save(value, connection)


_PLAIN_TYPES = {
    "CharField", "TextField", "BooleanField", "IntegerField", "PositiveIntegerField", "PositiveSmallIntegerField",
    "SmallIntegerField", "BigIntegerField", "AutoField", "BigAutoField", "ForeignKey",
}


def _values(obj, fields, adapters, extra=None) -> list:
    values = []
    for field, adapt in zip(fields, adapters, strict=True):
        value = extra[field.attname] if extra and field.attname in extra else getattr(obj, field.attname)
        values.append(adapt(value) if adapt else value)
    return values


def update_rows(model, objects: list, field_names: list[str]) -> None:
    """Write the changed rows with one parametrised `UPDATE … WHERE id = %s`, executed for every
    row in one call (executemany), inside the caller's transaction.

    Not bulk_update: its single statement is a CASE with a WHEN per row in every SET column,
    which Django compiles in Python and the database evaluates in time growing with rows × rows
    (benchmarks/attendance.md: 630 rows). One plain statement run per row grows linearly; the
    driver sends them together. No signals are sent, as with bulk_update; the history rows are
    written by the caller (record_history)."""
    if not objects:
        return
    meta = model._meta
    fields = [meta.get_field(name) for name in field_names] + [meta.pk]
    adapters = [_adapter(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s".format(
        quote(meta.db_table), ", ".join(f"{quote(f.column)} = %s" for f in fields[:-1]), quote(meta.pk.column)
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_values(obj, fields, adapters) for obj in objects])


def insert_rows(model, objects: list, *, key: tuple[str, ...], scope: dict) -> None:
    """Insert new rows with one parametrised INSERT executed per row (executemany), then read
    their ids back in one query by a unique key within `scope` (bulk_create compiles one
    statement with a placeholder for every value of every row: slower than the insert itself)."""
    if not objects:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    for obj in objects:
        for field in fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                field.pre_save(obj, add=True)
    adapters = [_adapter(f) for f in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(meta.db_table), ", ".join(quote(f.column) for f in fields), ", ".join(["%s"] * len(fields))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_values(obj, fields, adapters) for obj in objects])
    ids = {
        tuple(row[:-1]): row[-1]
        for row in model._base_manager.filter(**scope).values_list(*key, "pk")
    }
    for obj in objects:
        obj.pk = ids[tuple(getattr(obj, name) for name in key)]
        obj._state.adding = False


def record_history(model, objects: list, *, acting_user, history_type: str) -> None:
    """The history rows (django-simple-history's table) of rows written in bulk: "+" created,
    "~" changed; one INSERT executed per row in one call, as update_rows. The same columns as
    simple_history's bulk_history_create writes, without building a model instance per row."""
    if not objects or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = model.history.model
    extra = {
        "history_date": timezone.now(), "history_change_reason": "", "history_type": history_type,
        "history_user_id": acting_user.pk if acting_user is not None else None,
    }
    columns = [f for f in history._meta.concrete_fields if f.attname != history._meta.pk.attname]
    adapters = [_adapter(f) for f in columns]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(history._meta.db_table), ", ".join(quote(f.column) for f in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, [_values(obj, columns, adapters, extra) for obj in objects])
