"""Saving a row the way every service does: checked, with who acted, only what changed.

django-simple-history reads `_history_user` to record who made the change. On an
existing row only the named fields are written (`update_fields`), plus the row's
`auto_now` timestamps, so a save never writes back stale values of fields it did not
touch.
"""

from collections.abc import Iterable

from .concurrency import claim_version, is_versioned


def save_recorded(instance, *, acting_user, update_fields: Iterable[str] | None = None,
                  clean: bool = True, validate_unique: bool = True, expected_version: int | None = None) -> None:
    """full_clean(), then save() as acting_user.

    update_fields=None saves a new row whole; on an existing row pass the changed field
    names (an empty list saves nothing).

    A versioned row (core/concurrency.py) that exists already has its version raised by one;
    with expected_version (the version the edit form was opened with) the save is refused
    with StaleEdit when another save came first.
    """
    if update_fields is not None:
        update_fields = list(dict.fromkeys(update_fields))
        if not update_fields:
            return
        update_fields += [
            field.name for field in instance._meta.concrete_fields
            if getattr(field, "auto_now", False) and field.name not in update_fields
        ]
    if clean:
        instance.full_clean(validate_unique=validate_unique)
    if not instance._state.adding and is_versioned(type(instance)):
        claim_version(instance, expected_version)
        if update_fields is not None:
            update_fields.append("version")
    instance._history_user = acting_user
    instance.save(update_fields=update_fields)


def set_fields(instance, changes: dict) -> list[str]:
    """Set the given attributes on the instance; returns their names for update_fields.

    Every name given counts as changed: a bound ModelForm has already copied its values
    onto the instance, so comparing would find nothing. Views pass only the form's
    changed_data to an update service, and every cleaned field to a create service.
    """
    for name, value in changes.items():
        setattr(instance, name, value)
    return list(changes)
