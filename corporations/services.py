"""Writes to the register. Each runs in a transaction and is recorded in the history.

django-simple-history writes a history row per save; `_history_user` names who acted,
also outside a request (the demo loader).

Create services take every field (views pass all of a form's cleaned_data: a value the
form preselected is no change, yet it is the new row's value). Update services take only
what changed (views pass the form's changed_data).
"""

from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from core.saving import save_recorded, set_fields

from .models import Area, Corporation, Facility, ServiceType
from .policies import can_edit_corporation, can_manage_register


class CorporationChanges(TypedDict, total=False):
    name: str
    name_kana: str
    kind: str
    representative: str
    postal_code: str
    address: str
    phone: str
    email: str
    website: str
    home_area: Area
    is_active: bool  # register field: staff only
    notes: str  # register field: staff only


class FacilityChanges(TypedDict, total=False):
    # No corporation: a facility never moves between corporations.
    name: str
    name_kana: str
    service_type: ServiceType
    area: Area
    postal_code: str
    address: str
    phone: str
    capacity: int | None
    is_active: bool
    notes: str


REGISTER_FIELDS = frozenset({"is_active", "notes"})


def _check_names(changes: dict, allowed: type) -> None:
    # The TypedDict is only a promise to the type checker; a stray name must not reach setattr.
    unknown = set(changes) - set(allowed.__optional_keys__)
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")


@transaction.atomic
def corporation_create(
    *, acting_user, name: str, name_kana: str, home_area: Area,
    kind: str = Corporation.Kind.SOCIAL_WELFARE, representative: str = "", postal_code: str = "",
    address: str = "", phone: str = "", email: str = "", website: str = "",
    is_active: bool = True, notes: str = "",
) -> Corporation:
    if not can_manage_register(acting_user):
        raise PermissionDenied
    corporation = Corporation(
        name=name, name_kana=name_kana, home_area=home_area, kind=kind, representative=representative,
        postal_code=postal_code, address=address, phone=phone, email=email, website=website,
        is_active=is_active, notes=notes,
    )
    save_recorded(corporation, acting_user=acting_user)
    return corporation


@transaction.atomic
def corporation_update(
    *, corporation: Corporation, acting_user, expected_version: int | None = None,
    **changes: Unpack[CorporationChanges],
) -> Corporation:
    """Save what changed; with expected_version (the edit form's), refused with StaleEdit if another
    save came first."""
    _check_names(changes, CorporationChanges)
    if not can_edit_corporation(acting_user, corporation.pk):
        raise PermissionDenied
    if REGISTER_FIELDS & set(changes) and not can_manage_register(acting_user):
        raise PermissionDenied
    save_recorded(
        corporation, acting_user=acting_user, update_fields=set_fields(corporation, changes),
        expected_version=expected_version,
    )
    return corporation


@transaction.atomic
def facility_create(
    *, corporation: Corporation, acting_user, name: str, name_kana: str, service_type: ServiceType,
    area: Area, postal_code: str = "", address: str = "", phone: str = "", capacity: int | None = None,
    is_active: bool = True, notes: str = "",
) -> Facility:
    if not can_edit_corporation(acting_user, corporation.pk):
        raise PermissionDenied
    facility = Facility(
        corporation=corporation, name=name, name_kana=name_kana, service_type=service_type, area=area,
        postal_code=postal_code, address=address, phone=phone, capacity=capacity,
        is_active=is_active, notes=notes,
    )
    save_recorded(facility, acting_user=acting_user)
    return facility


@transaction.atomic
def facility_update(
    *, facility: Facility, acting_user, expected_version: int | None = None, **changes: Unpack[FacilityChanges]
) -> Facility:
    _check_names(changes, FacilityChanges)
    if not can_edit_corporation(acting_user, facility.corporation_id):
        raise PermissionDenied
    save_recorded(
        facility, acting_user=acting_user, update_fields=set_fields(facility, changes),
        expected_version=expected_version,
    )
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

    if not can_manage_register(acting_user):
        raise PermissionDenied
    result = ImportResult()
    names = [values.get("name", "") for _line, values in rows]
    existing = {c.name: c for c in Corporation.objects.filter(name__in=names)}
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
            data |= {f: getattr(instance, f) for f in StaffCorporationForm.Meta.fields if f != "home_area"}
            data["home_area"] = instance.home_area_id
            data["version"] = instance.version  # the edit form asks for it; the import reads the row now
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
    with transaction.atomic():
        for instance, form in valid:
            if instance is None:
                if not dry_run:
                    corporation_create(acting_user=acting_user, **form.cleaned_data)
                result.created += 1
            elif form.changed_data:
                if not dry_run:
                    corporation_update(
                        corporation=instance, acting_user=acting_user,
                        **{name: form.cleaned_data[name] for name in form.changed_data},
                    )
                result.updated += 1
            else:
                result.unchanged += 1
    return result
