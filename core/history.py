"""Change history a clerk can read (変更履歴), and what restoring an earlier version would change.

Built on django-simple-history's records, for any model: field labels are the fields'
verbose names, values are printed as the screens print them (choice labels, the names of
related rows, 和暦 dates, 「（空）」 for nothing), times in the portal's time zone. Core knows no
app: the apps' views pass their own record querysets and their update services' field names.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from core.wareki import format_wareki

PER_PAGE = 20
KINDS = {
    "+": pgettext_lazy("history", "作成"), "~": pgettext_lazy("history", "変更"), "-": pgettext_lazy("history", "削除"),
}


@dataclass(frozen=True)
class FieldChange:
    name: str
    label: str
    old: str
    new: str


@dataclass
class HistoryRow:
    record: models.Model  # the historical record (history_id, history_type …)
    when: datetime.datetime
    who: str
    kind: str
    changes: list[FieldChange]
    restore_url: str = ""

    @property
    def is_creation(self) -> bool:
        return self.record.history_type == "+"

    @property
    def when_text(self) -> str:
        return format_datetime(self.when)


@dataclass
class RestorePlan:
    """What restoring a version changes: `changes` go to the app's update service (objects for
    foreign keys, lists of objects for links); `rows` say it in words; `skipped` are the
    differences the service does not accept, left as they are."""

    changes: dict = field(default_factory=dict)
    rows: list[FieldChange] = field(default_factory=list)
    skipped: list[FieldChange] = field(default_factory=list)


def format_datetime(value: datetime.datetime) -> str:
    """平成27年10月29日 14:05, in the portal's time zone."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{format_wareki(local)} {local:%H:%M}"


def _empty() -> str:
    return _("（空）")


def _fields(record) -> list[models.Field]:
    """The fields a clerk can change, in the model's order (no key, no automatic timestamps)."""
    return [f for f in record.tracked_fields if f.editable and not f.primary_key]


def _m2m_fields(record) -> list[models.Field]:
    return list(getattr(record, "_history_m2m_fields", []))


def _target_attname(m2m: models.Field) -> str:
    from simple_history.utils import get_m2m_reverse_field_name

    return f"{get_m2m_reverse_field_name(m2m)}_id"


def _load_links(records) -> None:
    """The linked ids of each version, one query per link field for all the records (the
    historical link rows cannot be prefetched)."""
    records = [r for r in records if r is not None]
    if not records:
        return
    for m2m in _m2m_fields(records[0]):
        by_record = {r.history_id: set() for r in records}
        link_model = getattr(records[0], m2m.name).model
        for history_id, target_id in link_model.objects.filter(history_id__in=list(by_record)).values_list(
            "history_id", _target_attname(m2m)
        ):
            by_record[history_id].add(target_id)
        for record in records:
            record.__dict__.setdefault("_link_ids", {})[m2m.name] = frozenset(by_record[record.history_id])


def _m2m_ids(record, m2m: models.Field) -> frozenset:
    cached = record.__dict__.get("_link_ids", {})
    if m2m.name in cached:
        return cached[m2m.name]
    return frozenset(getattr(row, _target_attname(m2m)) for row in getattr(record, m2m.name).all())


def _raw(record, f: models.Field):
    return getattr(record, f.attname)


class _Names:
    """The printed names of related rows, fetched once per model (rows since deleted included)."""

    def __init__(self):
        self.wanted: dict[type, set] = {}
        self.names: dict[tuple[type, object], str] = {}

    def want(self, model, ids):
        self.wanted.setdefault(model, set()).update(i for i in ids if i is not None)

    def fetch(self):
        for model, ids in self.wanted.items():
            for pk, obj in model._base_manager.in_bulk(list(ids)).items():
                self.names[(model, pk)] = str(obj)

    def name(self, model, pk) -> str:
        return self.names.get((model, pk)) or _("（削除済み: %(id)s）") % {"id": pk}


def _display(f: models.Field, value, names: _Names) -> str:
    if value is None or value == "" or value == [] or value == {}:
        return _empty()
    if f.is_relation:
        return names.name(f.related_model, value)
    if f.choices:
        return str(dict(f.flatchoices).get(value, value))
    if isinstance(f, models.BooleanField):
        return _("はい") if value else _("いいえ")
    if isinstance(f, models.DateTimeField):
        return format_datetime(value)
    if isinstance(f, models.DateField):
        return format_wareki(value)
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value)
    return str(value)


def _display_ids(m2m: models.Field, ids, names: _Names) -> str:
    if not ids:
        return _empty()
    return "、".join(sorted(names.name(m2m.related_model, pk) for pk in ids))


def _differences(new, old) -> list[tuple[models.Field, object, object, bool]]:
    """(field, old value, new value, is_link) for each field that differs; old None = nothing before."""
    found = []
    for f in _fields(new):
        before = _raw(old, f) if old is not None else None
        after = _raw(new, f)
        if before != after and not (old is None and after in (None, "", [], {})):
            found.append((f, before, after, False))
    for m2m in _m2m_fields(new):
        before = _m2m_ids(old, m2m) if old is not None else frozenset()
        after = _m2m_ids(new, m2m)
        if before != after:
            found.append((m2m, before, after, True))
    return found


def _want_names(names: _Names, differences):
    for f, before, after, is_link in differences:
        if is_link:
            names.want(f.related_model, before | after)
        elif f.is_relation:
            names.want(f.related_model, [before, after])


def _as_change(f, before, after, is_link, names: _Names) -> FieldChange:
    if is_link:
        return FieldChange(f.name, str(f.verbose_name), _display_ids(f, before, names), _display_ids(f, after, names))
    return FieldChange(f.name, str(f.verbose_name), _display(f, before, names), _display(f, after, names))


def _who(record) -> str:
    user = record.history_user
    return str(user) if user is not None else _("記録なし")


def history_queryset(history_manager):
    """Newest first, with who acted."""
    return history_manager.all().select_related("history_user").order_by("-history_date", "-history_id")


def history_rows(records: list, previous=None, *, restore_url: Callable | None = None) -> list[HistoryRow]:
    """Rows for records given newest first; `previous` is the version just before the last one.

    A creation lists the values it set; a deletion lists nothing.
    """
    olders = [*records[1:], previous]
    _load_links([*records, previous])
    pairs = [
        (record, older if record.history_type != "+" else None)
        for record, older in zip(records, olders, strict=True)
    ]
    names = _Names()
    diffs = []
    for record, older in pairs:
        found = [] if record.history_type == "-" else _differences(record, older)
        _want_names(names, found)
        diffs.append(found)
    names.fetch()
    return [
        HistoryRow(
            record=record, when=record.history_date, who=_who(record), kind=str(KINDS.get(record.history_type, "")),
            changes=[_as_change(*difference, names) for difference in found],
            restore_url=restore_url(record) if restore_url and record.history_type != "-" else "",
        )
        for (record, _older), found in zip(pairs, diffs, strict=True)
    ]


def history_page(history_manager, page_number, *, restore_url: Callable | None = None,
                 per_page: int = PER_PAGE) -> tuple[Page, list[HistoryRow]]:
    """One page of an object's history, newest first, and its rows.

    Queries: the count, the page of records with their users, the version before the page's
    last one, one per link field, one per related model named.
    """
    queryset = history_queryset(history_manager)
    page = Paginator(queryset, per_page).get_page(page_number)
    records = list(page.object_list)
    previous = None
    if records and records[-1].history_type != "+":
        last = records[-1]
        previous = queryset.filter(
            Q(history_date__lt=last.history_date) | Q(history_date=last.history_date, history_id__lt=last.history_id)
        ).first()
    return page, history_rows(records, previous, restore_url=restore_url)


def restore_plan(instance, record, *, accepted: set[str] | frozenset[str]) -> RestorePlan:
    """What must change on `instance` to bring back the version `record`.

    Compared with the row as it is now (not with its last history row). A foreign key whose
    row no longer exists cannot be restored: it is skipped.
    """
    plan = RestorePlan()
    names = _Names()
    differences = []
    for f in _fields(record):
        now, then = getattr(instance, f.attname), _raw(record, f)
        if now != then:
            differences.append((f, now, then, False))
    for m2m in _m2m_fields(record):
        now = frozenset(getattr(instance, m2m.name).values_list("pk", flat=True))
        then = _m2m_ids(record, m2m)
        if now != then:
            differences.append((m2m, now, then, True))
    _want_names(names, differences)
    names.fetch()
    for difference in differences:
        f, _now, then, is_link = difference
        change = _as_change(*difference, names)
        if f.name not in accepted:
            plan.skipped.append(change)
            continue
        if is_link:
            value = list(f.related_model._base_manager.filter(pk__in=then))
        elif f.is_relation and then is not None:
            value = f.related_model._base_manager.filter(pk=then).first()
            if value is None:
                plan.skipped.append(change)
                continue
        else:
            value = then
        plan.changes[f.name] = value
        plan.rows.append(change)
    return plan
