"""Optimistic locking: a save made from an outdated screen is refused, not silently applied.

Each shared record has a `version` that every save raises by one. An edit form carries
the version it was opened with (a hidden field); the update service passes it on as
`expected_version`, and the row is claimed with one conditional UPDATE
(`… WHERE pk = … AND version = expected`), so two saves of the same version can never both
succeed, whatever the database. The loser gets StaleEdit; the view shows the form again
with what was typed, what changed meanwhile (from django-simple-history) and the current
version: fields the person left alone show the other save's values, so that saving once more
keeps that change, and overrides it only where the person typed something else.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets
from django.db.models import F
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

STALE_MESSAGE = gettext_lazy(
    "この画面を開いた後に、ほかの方が変更を保存しました。"
    "下の「ほかの方の変更」を確かめてから、もう一度保存してください。"
)

MISSING_VERSION = gettext_lazy("画面の情報が足りません。画面を開き直してから、もう一度保存してください。")


class StaleEdit(Exception):
    """The row (or some rows of a formset) changed since the screen was opened; nothing was saved.

    current: the row's version now (None if it was deleted); rows: for a formset, the keys
    of the outdated rows (as the service names them) with their current versions.
    """

    def __init__(self, *, current: int | None = None, rows: dict | None = None):
        self.current = current
        self.rows = rows or {}
        super().__init__("stale edit")


def is_versioned(model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def claim_version(instance, expected: int | None) -> None:
    """Raise the stored version of an existing row by one; with `expected`, only if it is still that.

    Sets instance.version to the new value, so that the save and its history row carry it.
    Refused (StaleEdit) when another save came first or the row is gone.
    """
    rows = type(instance)._base_manager.filter(pk=instance.pk)
    if expected is None:
        rows.update(version=F("version") + 1)
        current = rows.values_list("version", flat=True).first()
        if current is None:
            raise StaleEdit(current=None)
        instance.version = current
        return
    if not rows.filter(version=expected).update(version=F("version") + 1):
        raise StaleEdit(current=rows.values_list("version", flat=True).first())
    instance.version = expected + 1


class VersionField(forms.IntegerField):
    """The hidden version an edit form was opened with. Never a "change" of the record."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("min_value", 0)
        super().__init__(**kwargs)

    def has_changed(self, initial, data):
        return False


class VersionedFormMixin:
    """For a ModelForm of a versioned model: a hidden `version` field set from the instance.

    Only an existing row has one (a create form's cleaned_data stays the service's keywords).
    Read it with `form.opened_version`.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Required: a post without it (an old page, a script) cannot tell what it overwrites.
            self.fields["version"] = VersionField(required=True, error_messages={"required": MISSING_VERSION})
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        # A hidden field's error would show nowhere: said above the form instead.
        if "version" in self.fields and "version" in self._errors:
            for error in self._errors.pop("version"):
                self.add_error(None, error)
        return cleaned

    @property
    def opened_version(self) -> int | None:
        return self.cleaned_data.get("version")


def set_version(form, version: int | None) -> None:
    """Put the current version into a bound form, so that the next save is made over it."""
    data = form.data.copy()
    data[form.add_prefix("version")] = "" if version is None else str(version)
    form.data = data


@dataclass
class Change:
    row: str  # which row of a formset ("" for a single record)
    label: str
    before: str
    after: str


def _shown(record, field) -> str:
    if record is None:
        return _("（削除されました）")
    value = getattr(record, field.attname)
    if value is None or value == "":
        return "―"
    if field.is_relation:
        related = getattr(record, field.name, None)
        return str(related) if related is not None else "―"
    if field.flatchoices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("はい") if value else _("いいえ")
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return str(value)


def _opened_record(model, pk, version):
    if version is None:
        return None
    return model.history.filter(id=pk, version=version).order_by("-history_date", "-history_id").first()


def changes_since(model, pk, version: int | None, field_names, *, row: str = "") -> list[Change]:
    """What differs between the row as it was at `version` (its history) and the row now.

    A row created since (version None) shows each non-empty field against "―"; a row
    deleted since shows "（削除されました）".
    """
    opened = _opened_record(model, pk, version)
    current = model._base_manager.filter(pk=pk).first()
    changes = []
    for name in field_names:
        field = model._meta.get_field(name)
        before = _shown(opened, field) if opened is not None else "―"
        after = _shown(current, field)
        if before != after:
            changes.append(Change(row=row, label=str(field.verbose_name), before=before, after=after))
    return changes


def refresh_untouched(form, model, pk, version: int | None, fields: dict[str, str]) -> None:
    """In a refused bound form, show the values saved now in the fields the person did not change.

    What they typed stays; what they left as it was takes the other person's value, so that
    saving again keeps both changes. fields: form field name → model field name.
    """
    opened = _opened_record(model, pk, version)
    current = model._base_manager.filter(pk=pk).first()
    if opened is None or current is None:
        return
    data = form.data.copy()
    for form_name, model_name in fields.items():
        field, model_field = form.fields[form_name], model._meta.get_field(model_name)
        key = form.add_prefix(form_name)
        was = field.prepare_value(getattr(opened, model_field.attname))
        if field.has_changed(was, form[form_name].data):
            continue
        now = field.prepare_value(getattr(current, model_field.attname))
        if isinstance(field, forms.BooleanField):
            if now:
                data[key] = "on"
            else:
                data.pop(key, None)
        else:
            data[key] = "" if now is None else now
    form.data = data


def model_fields_of(form, model) -> dict[str, str]:
    """The form's fields that are plain columns of the model (m2m and the version left out)."""
    names = {field.name for field in model._meta.concrete_fields} - {"version", model._meta.pk.name}
    return {name: name for name in form.fields if name in names}


def refuse_stale(form, *, current: int | None) -> None:
    """Show the refusal on a bound form: the message, and the current version in its hidden field."""
    form.add_error(None, STALE_MESSAGE)
    set_version(form, current)


def review_stale(form, model, pk, *, current: int | None) -> list[Change]:
    """A single record's edit form refused with StaleEdit: the changes since it was opened, the form
    refreshed where the person typed nothing, the message and the current version. Returns the changes."""
    version = form.cleaned_data.get("version")
    fields = model_fields_of(form, model)
    changes = changes_since(model, pk, version, fields.values())
    refresh_untouched(form, model, pk, version, fields)
    refuse_stale(form, current=current)
    return changes


def save_edit(form, update) -> list[Change] | None:
    """Save what a valid edit form (VersionedFormMixin) changed through `update`, an update service given its
    object and acting user, which takes expected_version and the changed fields. None when it was saved; when
    another save came first, the changes since the form was opened (review_stale), for the page to show (409)."""
    changes = {name: form.cleaned_data[name] for name in form.changed_data}
    try:
        update(expected_version=form.opened_version, **changes)
    except StaleEdit as stale:
        return review_stale(form, type(form.instance), form.instance.pk, current=stale.current)
    return None


def edit_page(request, form, update, *, done: str | Callable[[], str], then: str, template: str, context: dict,
              render=render):
    """An edit page saved through save_edit: on a valid POST, `update` saves it, the page says `done` (or what
    `done()` says, asked after the save) and goes to the URL `then`. Otherwise, or when another save came first,
    the form again (with the changes since as `stale_changes`, answered 409). `render` is the app's own when it
    adds to every page's context."""
    stale_changes = None
    if request.method == "POST" and form.is_valid():
        stale_changes = save_edit(form, update)
        if stale_changes is None:
            messages.success(request, done() if callable(done) else done)
            return redirect(then)
    return render(
        request, template, {**context, "form": form, "stale_changes": stale_changes},
        status=409 if stale_changes is not None else 200,
    )


class _AdminVersionForm(forms.Form):
    """Mixed into an admin change form: the version it was opened with, checked on save."""

    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"].required = True
            self.fields["version"].error_messages["required"] = MISSING_VERSION
            self.initial["version"] = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "version" not in self._errors:
            rows = type(self.instance)._base_manager.filter(pk=self.instance.pk)
            now = rows.values_list("version", flat=True).first()
            if cleaned.get("version") != now:
                # Shown again with the other save's values where nothing was typed, over the current
                # version: saving once more keeps both changes.
                model = type(self.instance)
                refresh_untouched(self, model, self.instance.pk, cleaned.get("version"), model_fields_of(self, model))
                set_version(self, now)
                raise forms.ValidationError(STALE_MESSAGE)
        return cleaned


class VersionedAdminMixin:
    """For the ModelAdmin of a versioned model: its change form carries the version and refuses a
    save from an outdated page; every save through the admin (inlines too) raises the version, so
    that screens opened before it are outdated."""

    def get_form(self, request, obj=None, **kwargs):
        # "version" is not an editable model field: the form declares it instead of asking for it.
        # (The history's revert page asks for a form without naming the fields.)
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"]:
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "version"]
        form = super().get_form(request, obj, **kwargs)
        match = getattr(request, "resolver_match", None)
        if match and (match.url_name or "").endswith("_simple_history"):
            # Reverting to an earlier version from the history: meant to replace what is saved now.
            return form
        return type(form.__name__, (_AdminVersionForm, form), {})

    def save_model(self, request, obj, form, change):
        if change:
            # Checked in clean() already; here the claim is atomic, against a save in between.
            claim_version(obj, form.cleaned_data.get("version"))
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for inline in formset.forms:
            instance = inline.instance
            deleted = formset.can_delete and formset._should_delete_form(inline)
            if instance.pk and not deleted and inline.has_changed() and is_versioned(type(instance)):
                claim_version(instance, None)
        super().save_formset(request, form, formset, change)
