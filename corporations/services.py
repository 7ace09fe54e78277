"""Writes to the register. Each runs in a transaction and is recorded in the history.

django-simple-history writes a history row per save; `_history_user` names who acted,
also outside a request (management commands, imports).
"""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from core.changes import apply_fields

from .models import Area, Corporation, Facility


@transaction.atomic
def corporation_create(*, acting_user, fields: dict) -> Corporation:
    corporation = Corporation(**fields)
    corporation.full_clean()
    corporation._history_user = acting_user
    corporation.save()
    return corporation


@transaction.atomic
def corporation_update(*, corporation: Corporation, acting_user, fields: dict) -> Corporation:
    changed = apply_fields(corporation, fields)
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
    changed = apply_fields(facility, fields)
    if changed:
        facility.full_clean()
        facility._history_user = acting_user
        facility.save(update_fields=[*changed, "updated_at"])
    return facility


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[tuple[int, str, str]] = field(default_factory=list)  # (line, column, message)


def corporation_import(*, rows: list[tuple[int, dict]], acting_user, dry_run: bool = False) -> ImportResult:
    """Create or update corporations (matched by name) from spreadsheet rows: all or nothing.

    Every row is validated by the staff form, so the same normalising and messages apply
    as on screen. One bad row and nothing is saved; each error names its line and column.
    """
    from .forms import StaffCorporationForm

    result = ImportResult()
    existing = {c.name: c for c in Corporation.objects.filter(name__in=[values.get("name", "") for _, values in rows])}
    areas = {a.name: a.pk for a in Area.objects.all()}
    kinds = {str(label): value for value, label in Corporation.Kind.choices} | {v: v for v in Corporation.Kind.values}
    seen: dict[str, int] = {}
    valid = []
    for line, values in rows:
        name = values.get("name", "")
        if name in seen:
            result.errors.append((line, _("法人名"), _("%(line)s行目と同じ法人名です。") % {"line": seen[name]}))
            continue
        seen[name] = line
        instance = existing.get(name)
        data = {
            "kind": Corporation.Kind.SOCIAL_WELFARE,
            "is_active": instance.is_active if instance else True,
            "notes": instance.notes if instance else "",
        }
        if instance:
            data |= {f: getattr(instance, f) for f in StaffCorporationForm.Meta.fields if f not in ("home_area",)}
            data["home_area"] = instance.home_area_id
        for column, value in values.items():
            if column == "kind":
                data["kind"] = kinds.get(value, value) if value else data["kind"]
            elif column == "home_area":
                data["home_area"] = areas.get(value, "") if value else ""
                if value and value not in areas:
                    result.errors.append((line, _("主な地域"), _("「%(area)s」という地域はありません。") % {"area": value}))
            else:
                data[column] = value
        form = StaffCorporationForm(data=data, instance=instance)
        if not form.is_valid():
            for field_name, messages in form.errors.items():
                label = form.fields[field_name].label if field_name in form.fields else ""
                result.errors.extend((line, str(label), str(message)) for message in messages)
            continue
        valid.append((instance, form))
    if result.errors:
        result.errors.sort(key=lambda error: error[0])
        return result
    if dry_run:
        # Validation above is the whole check: count what saving would do, save nothing.
        for instance, form in valid:
            if instance is None:
                result.created += 1
            elif form.changed_data:
                result.updated += 1
            else:
                result.unchanged += 1
        return result
    with transaction.atomic():
        for instance, form in valid:
            if instance is None:
                corporation_create(acting_user=acting_user, fields=form.cleaned_data)
                result.created += 1
            elif form.changed_data:
                corporation_update(
                    corporation=instance, acting_user=acting_user,
                    fields={name: form.cleaned_data[name] for name in form.changed_data},
                )
                result.updated += 1
            else:
                result.unchanged += 1
    return result
