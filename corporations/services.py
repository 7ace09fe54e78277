"""Writes to the register. Each runs in a transaction and is recorded in the history.

django-simple-history writes a history row per save; `_history_user` names who acted,
also outside a request (management commands, imports).
"""

from django.db import transaction

from .models import Corporation, Facility


def _apply(instance, fields: dict) -> list[str]:
    # Callers pass only what changed (a ModelForm's changed_data): a bound ModelForm has
    # already copied its values onto the instance, so comparing here would see no change.
    for name, value in fields.items():
        setattr(instance, name, value)
    return list(fields)


@transaction.atomic
def corporation_create(*, acting_user, fields: dict) -> Corporation:
    corporation = Corporation(**fields)
    corporation.full_clean()
    corporation._history_user = acting_user
    corporation.save()
    return corporation


@transaction.atomic
def corporation_update(*, corporation: Corporation, acting_user, fields: dict) -> Corporation:
    changed = _apply(corporation, fields)
    if changed:
        corporation.full_clean()
        corporation._history_user = acting_user
        corporation.save(update_fields=[*changed, "updated_at"])
    return corporation


@transaction.atomic
def facility_create(*, corporation: Corporation, acting_user, fields: dict) -> Facility:
    facility = Facility(corporation=corporation, **fields)
    facility.full_clean()
    facility._history_user = acting_user
    facility.save()
    return facility


@transaction.atomic
def facility_update(*, facility: Facility, acting_user, fields: dict) -> Facility:
    fields = {k: v for k, v in fields.items() if k != "corporation"}  # never moves between corporations
    changed = _apply(facility, fields)
    if changed:
        facility.full_clean()
        facility._history_user = acting_user
        facility.save(update_fields=[*changed, "updated_at"])
    return facility
