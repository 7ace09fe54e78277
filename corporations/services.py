"""Writes to the register. Each runs in a transaction and is recorded in the history.

django-simple-history writes a history row per save; `_history_user` names who acted,
also outside a request (the demo loader).

Create services take every field (views pass all of a form's cleaned_data: a value the
form preselected is no change, yet it is the new row's value). Update services take only
what changed (views pass the form's changed_data).
"""

import copy
from dataclasses import dataclass, field
from typing import TypedDict, Unpack

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.policies import require
from core.concurrency import StaleEdit
from core.normalize import (
    loose_key,
    name_key,
    normalize_address,
    normalize_kana,
    normalize_phone,
    normalize_postal_code,
)
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
    require(can_manage_register(acting_user))
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
    require(can_edit_corporation(acting_user, corporation.pk))
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
    require(can_edit_corporation(acting_user, corporation.pk))
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
    require(can_edit_corporation(acting_user, facility.corporation_id))
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
    # Rows for the clerk to look at before saving: (line, name in the file, registered name, why)
    similar: list[tuple[int, str, str, str]] = field(default_factory=list)


# A stored value that normalises to what the file holds is no change (a row saved before
# the normalising existed, or typed with a full-width space, imports back unchanged).
_NORMALIZERS = {
    "name": name_key, "name_kana": normalize_kana, "postal_code": normalize_postal_code,
    "phone": normalize_phone, "address": normalize_address,
}


def _same_once_normalized(column: str, stored, new) -> bool:
    normalize = _NORMALIZERS.get(column)
    if normalize is None:
        return False
    try:
        return normalize(stored or "") == new
    except ValidationError:
        return False


class _Register:
    """The registered names, read once (pk, name, フリガナ), to match rows by their keys."""

    def __init__(self):
        self.by_name, self.by_key, self.by_loose, self.by_kana = {}, {}, {}, {}
        for pk, name, kana in Corporation.objects.values_list("pk", "name", "name_kana"):
            self.by_name[name] = pk
            self.by_key.setdefault(name_key(name), []).append(pk)
            self.by_loose.setdefault(loose_key(name), []).append((pk, name))
            self.by_kana.setdefault(loose_key(kana), []).append((pk, name))

    def match(self, name: str) -> tuple[int | None, list[int]]:
        """The corporation a row's name stands for: the same name, else the one name with the
        same key; (None, [pks]) when several registered names share the key."""
        if name in self.by_name:
            return self.by_name[name], []
        candidates = self.by_key.get(name_key(name), [])
        if len(candidates) == 1:
            return candidates[0], []
        return None, candidates

    def likely(self, name: str, kana: str) -> list[tuple[str, str]]:
        """Registered names likely the same corporation as a new row: (name, why)."""
        found = {}
        for _pk, other in self.by_loose.get(loose_key(name), []):
            found.setdefault(other, _("名前がほぼ同じ"))
        if kana:
            for _pk, other in self.by_kana.get(loose_key(kana), []):
                found.setdefault(other, _("フリガナが同じ"))
        return list(found.items())


# Rows checked (and saved) per step: an import reports its progress after each.
IMPORT_CHUNK = 250


@dataclass
class ImportProgress:
    """Where a running import stands: `done` of `total` rows through `phase` ("check" or "save")."""

    phase: str
    done: int
    total: int


def corporation_import(*, rows: list[tuple[int, dict]], acting_user, dry_run: bool = False) -> ImportResult:
    """Create or update corporations from spreadsheet rows: all or nothing.

    A row is matched to a registered corporation by its name, or by the name's key (NFKC,
    one space: a full-width space or half-width katakana is the same corporation), keeping
    the registered spelling. Every row is validated by the staff form, so the same
    normalising and messages apply as on screen. One bad row and nothing is saved; each
    error names its line and column. New rows whose name or フリガナ is close to a
    registered one are listed in `similar` for the clerk to confirm.
    """
    steps = corporation_import_steps(rows=rows, acting_user=acting_user, dry_run=dry_run)
    while True:
        try:
            next(steps)
        except StopIteration as finished:
            return finished.value


def corporation_import_steps(*, rows: list[tuple[int, dict]], acting_user, dry_run: bool = False):
    """corporation_import, one chunk at a time: yields an ImportProgress after each chunk of rows
    checked and saved, and returns the ImportResult (StopIteration.value).

    Checked in bulk: the register's names, the rows' registered corporations and the areas are
    read once, and a row's form asks the database nothing (ImportCorporationForm). Saved in
    bulk: new rows in one insert per chunk, changed rows in one update per chunk, each with
    its history rows, as acting_user; a registered row changed by someone else since it was
    read refuses the whole import.
    """
    from .forms import ImportCorporationForm

    require(can_manage_register(acting_user))
    total = len(rows)
    result = ImportResult()
    register = _Register()
    matches = {line: register.match(values.get("name", "")) for line, values in rows}
    existing = Corporation.objects.select_related("home_area").in_bulk(
        [pk for pk, _others in matches.values() if pk]
    )
    all_areas = list(Area.objects.all())
    areas = {name_key(a.name): a.pk for a in all_areas}
    fields = ImportCorporationForm.fields_for({a.pk: a for a in all_areas if a.is_active})
    kinds = {str(label): value for value, label in Corporation.Kind.choices} | {v: v for v in Corporation.Kind.values}
    seen: dict[str, int] = {}
    valid = []
    for index, (line, values) in enumerate(rows, start=1):
        if index % IMPORT_CHUNK == 0:
            yield ImportProgress("check", index, total)
        name = values.get("name", "")
        key = name_key(name)
        if key in seen:
            result.errors.append((line, _("法人名"), _("%(line)s行目と同じ法人名です。") % {"line": seen[key]}))
            continue
        seen[key] = line
        pk, ambiguous = matches[line]
        if ambiguous:
            result.errors.append((line, _("法人名"), _(
                "登録済みの法人のうち%(count)s件が同じ名前とみなされ、どれか決められません。名前を登録どおりに書いてください。"
            ) % {"count": len(ambiguous)}))
            continue
        instance = existing.get(pk)
        data = {
            "kind": Corporation.Kind.SOCIAL_WELFARE,
            "is_active": instance.is_active if instance else True,
            "notes": instance.notes if instance else "",
        }
        if instance:
            data |= {f: getattr(instance, f) for f in ImportCorporationForm.Meta.fields if f != "home_area"}
            data["home_area"] = instance.home_area_id
            data["version"] = instance.version  # the edit form asks for it; the import reads the row now
        unknown_area = False
        for column, value in values.items():
            if column == "kind":
                data["kind"] = kinds.get(value, value) if value else data["kind"]
            elif column == "home_area":
                data["home_area"] = areas.get(name_key(value), "") if value else ""
                unknown_area = bool(value) and name_key(value) not in areas
            elif column == "name" and instance:
                data["name"] = instance.name  # the registered spelling stays
            else:
                data[column] = value
        if instance and instance.name != name:
            result.similar.append((line, name, instance.name, _("表記の違いだけなので同じ法人として扱います")))
        if unknown_area:
            # One message for the column: not also the form's "required" for the emptied choice.
            result.errors.append(
                (line, _("主な地域"), _("「%(area)s」という地域はありません。") % {"area": values["home_area"]})
            )
        # A copy: the form writes its cleaned values onto its instance, and `instance` must keep
        # the stored ones to tell a real change from a mere normalisation.
        form = ImportCorporationForm(
            data=data, instance=copy.copy(instance) if instance else None, fields=fields, check_similar_names=False
        )
        if not form.is_valid():
            for field_name, messages in form.errors.items():
                if field_name == "home_area" and unknown_area:
                    continue
                label = form.fields[field_name].label if field_name in form.fields else ""
                result.errors.extend((line, str(label), str(message)) for message in messages)
            continue
        if unknown_area:
            continue
        if instance is None:
            for other, why in register.likely(form.cleaned_data["name"], form.cleaned_data["name_kana"]):
                result.similar.append((line, form.cleaned_data["name"], other, why))
        changes = {
            column: form.cleaned_data[column] for column in form.changed_data
            if not (instance and _same_once_normalized(column, getattr(instance, column), form.cleaned_data[column]))
        }
        valid.append((instance, form, changes))
    yield ImportProgress("check", total, total)
    if result.errors:
        result.errors.sort(key=lambda error: error[0])
        return result
    new = [form.instance for instance, form, _changes in valid if instance is None]
    changed = [(instance, changes) for instance, _form, changes in valid if instance and changes]
    result.created, result.updated = len(new), len(changed)
    result.unchanged = len(valid) - len(new) - len(changed)
    if dry_run:
        return result
    try:
        with transaction.atomic():
            yield from _import_save(new, changed, acting_user=acting_user, total=total)
    except StaleEdit:
        result.created = result.updated = result.unchanged = 0
        result.errors.append(
            (0, "", _("確認のあとで、ほかの人が名簿を変更しました。何も保存していません。もう一度取り込んでください。"))
        )
    return result


def _import_save(new: list[Corporation], changed: list, *, acting_user, total: int):
    """Insert the new rows and update the changed ones, a chunk at a time, with their history."""
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    now = timezone.now()
    done = total - len(new) - len(changed)
    for start in range(0, len(new), IMPORT_CHUNK):
        chunk = new[start:start + IMPORT_CHUNK]
        for corporation in chunk:
            corporation.created_at = corporation.updated_at = now
        bulk_create_with_history(
            chunk, Corporation, batch_size=IMPORT_CHUNK, default_user=acting_user, default_date=now
        )
        done += len(chunk)
        yield ImportProgress("save", done, total)
    if not changed:
        return
    # The rows as they stand now, locked until the commit: one changed since the check refuses all.
    stored = dict(
        Corporation.objects.select_for_update().filter(pk__in=[row.pk for row, _changes in changed])
        .values_list("pk", "version")
    )
    for registered, _changes in changed:
        if stored.get(registered.pk) != registered.version:
            raise StaleEdit(current=stored.get(registered.pk))
    for start in range(0, len(changed), IMPORT_CHUNK):
        chunk = changed[start:start + IMPORT_CHUNK]
        fields = {"version", "updated_at"}
        rows = []
        for registered, changes in chunk:
            _check_names(changes, CorporationChanges)
            set_fields(registered, changes)
            registered.version += 1
            registered.updated_at = now
            fields |= set(changes)
            rows.append(registered)
        bulk_update_with_history(
            rows, Corporation, sorted(fields), batch_size=IMPORT_CHUNK, default_user=acting_user, default_date=now
        )
        done += len(chunk)
        yield ImportProgress("save", done, total)
