import copy
import re

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin
from core.forms import AddressField, PhoneField, PostalCodeField
from core.normalize import normalize_kana

from .models import PHONE_REGEX, POSTAL_CODE_REGEX, Area, Corporation, Facility, ServiceType
from .names import similar_corporation_names

# Full-width digits, odd hyphens and 〒 are accepted and stored in one form; these fields
# normalise before they check the length (the model's CheckConstraints stay the last word).
NORMALIZED_FIELDS = {"postal_code": PostalCodeField, "phone": PhoneField, "address": AddressField}


class NormalizingMixin:
    """Hiragana and half-width kana in フリガナ are stored as full-width katakana."""

    def clean_name_kana(self):
        return normalize_kana(self.cleaned_data.get("name_kana", ""))


def _helper(submit_label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", submit_label))
    return helper


class CorporationForm(NormalizingMixin, VersionedFormMixin, forms.ModelForm):
    """What a corporation's own editor may change about it."""

    # A web address typed without a scheme is taken as https.
    website = forms.URLField(
        label=_("ホームページ"), required=False, assume_scheme="https",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
    )

    class Meta:
        model = Corporation
        fields = [
            "name", "name_kana", "kind", "representative", "postal_code", "address",
            "phone", "email", "website", "home_area",
        ]
        widgets = {
            "postal_code": forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        field_classes = NORMALIZED_FIELDS

    # Shown under the name only when the name looks like another corporation's: ticking it
    # says the clerk checked that this is a different corporation. Never a service keyword.
    CONFIRM = "confirm_different_corporation"

    def __init__(self, *args, check_similar_names: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if isinstance(self.fields["home_area"], forms.ModelChoiceField):  # the import's is a plain choice
            self.fields["home_area"].queryset = Area.objects.filter(is_active=True)
        # The import checks a whole file's names against the register itself (and lists the
        # likely duplicates for the clerk), so it switches this per-row check off.
        self.check_similar_names = check_similar_names
        if self.is_bound and self.add_prefix(self.CONFIRM) in self.data:
            self._add_confirm_field()
        self.helper = self.make_helper()

    def make_helper(self):
        return _helper(_("保存する"))

    def _add_confirm_field(self):
        self.fields[self.CONFIRM] = forms.BooleanField(
            label=_("名前の似た法人とは別の法人であることを確かめました"), required=False,
        )
        order = [name for name in self.fields if name != self.CONFIRM]
        order.insert(order.index("name") + 1, self.CONFIRM)
        self.order_fields(order)

    def clean(self):
        cleaned = super().clean()
        confirmed = cleaned.pop(self.CONFIRM, False)
        name = cleaned.get("name")
        if not (self.check_similar_names and name) or "name" not in self.changed_data:
            return cleaned
        similar = similar_corporation_names(name, exclude_pk=self.instance.pk)
        # The very same name is the model's own "already exists" (its unique constraint).
        if similar and name not in similar and not confirmed:
            self.add_error("name", _(
                "「%(names)s」と同じ法人名とみなされます（全角・半角、空白、ひらがな・カタカナ、"
                "「社会福祉法人」「(福)」などの書き方の違いを除くと同じです）。同じ法人ならその法人の情報を"
                "編集してください。別の法人なら、下の確認にチェックを付けて保存してください。"
            ) % {"names": "」「".join(similar)})
            if self.CONFIRM not in self.fields:
                self._add_confirm_field()
        return cleaned

    @cached_property
    def changed_data(self):
        return [name for name in super().changed_data if name != self.CONFIRM]


class StaffCorporationForm(CorporationForm):
    """The secretariat also keeps the register's own fields."""

    class Meta(CorporationForm.Meta):
        fields = CorporationForm.Meta.fields + ["is_active", "notes"]


class ImportCorporationForm(StaffCorporationForm):
    """The staff form for one row of an import, checked without asking the database: the areas
    come in the constructor (read once for the whole file), and the model's named constraints
    are checked in Python (Django builds and runs a query per constraint and row).

    The register's unique name needs no query either: the import matches each row to the
    registered corporation of the same name (or name key) first, so a new row's name is new.
    """

    # A plain choice (cheap to copy for each row), filled with the areas given to the constructor.
    home_area = forms.TypedChoiceField(
        label=Corporation._meta.get_field("home_area").verbose_name,
        error_messages={"invalid_choice": forms.ModelChoiceField.default_error_messages["invalid_choice"]},
    )

    def __init__(self, *args, fields: "ImportFields", **kwargs):
        self.base_fields = fields  # the import's fields, not copied for each row (ImportFields)
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["home_area"] = self.instance.home_area_id

    @classmethod
    def fields_for(cls, areas: dict[int, Area]) -> "ImportFields":
        """The fields every row's form of one import shares, the area choice filled with `areas`."""
        fields = ImportFields(copy.deepcopy(cls.base_fields))
        field = fields["home_area"]
        field.choices = [("", "---------"), *((pk, area.name) for pk, area in areas.items())]
        field.coerce = lambda pk: areas[int(pk)]
        return fields

    def make_helper(self):
        return None  # never rendered

    def _get_validation_exclusions(self):
        # The area is one of the choices read from the database: no query for the foreign key.
        return super()._get_validation_exclusions() | {"home_area"}

    def _post_clean(self):
        # The model's constraints are checked in validate_unique() below, without queries.
        self.instance.validate_constraints = lambda exclude=None: None
        try:
            super()._post_clean()
        finally:
            del self.instance.validate_constraints

    def validate_unique(self):
        # The model's named CheckConstraints, in Python. A test keeps this list equal to the model's.
        instance = self.instance
        for name, field_name, ok in (
            ("corporation_postal_code_format", "postal_code",
             not instance.postal_code or re.fullmatch(POSTAL_CODE_REGEX, instance.postal_code)),
            ("corporation_phone_format", "phone", not instance.phone or re.fullmatch(PHONE_REGEX, instance.phone)),
            ("corporation_name_kana_required", "name_kana", bool(instance.name_kana)),
        ):
            if not ok and field_name not in self._errors:
                constraint = next(c for c in Corporation._meta.constraints if c.name == name)
                self.add_error(field_name, constraint.get_violation_error_message())


class ImportFields(dict):
    """The fields of an import's row forms, made once for the whole file. Django deep-copies a
    form's fields for every form (a third of the time of checking 2,000 rows); a row's form
    changes none of them (it adds its own version field to its own dict), and the rows are
    checked one after the other, so they share one set."""

    def __deepcopy__(self, memo):
        return dict(self)


IMPORT_CHECKED_CONSTRAINTS = {
    "corporation_postal_code_format", "corporation_phone_format", "corporation_name_kana_required",
}


class FacilityForm(NormalizingMixin, VersionedFormMixin, forms.ModelForm):
    """A facility of the corporation given to the constructor; the corporation is not a field."""

    class Meta:
        model = Facility
        fields = [
            "name", "name_kana", "service_type", "area", "postal_code", "address", "phone",
            "capacity", "is_active", "notes",
        ]
        widgets = {
            "notes": forms.Textarea(attrs={"rows": 3}),
            "postal_code": forms.TextInput(attrs={"inputmode": "numeric"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel"}),
        }
        field_classes = NORMALIZED_FIELDS

    def __init__(self, *args, corporation: Corporation, **kwargs):
        super().__init__(*args, **kwargs)
        self.corporation = corporation
        self.fields["service_type"].queryset = ServiceType.objects.filter(is_active=True)
        self.fields["area"].queryset = Area.objects.filter(is_active=True)
        if not self.instance.pk:
            self.initial.setdefault("area", corporation.home_area_id)
        self.helper = _helper(_("保存する"))

    def clean_name(self):
        name = self.cleaned_data["name"]
        duplicate = Facility.objects.filter(corporation=self.corporation, name=name)
        if self.instance.pk:
            duplicate = duplicate.exclude(pk=self.instance.pk)
        if duplicate.exists():
            raise forms.ValidationError(_("この法人には同じ名前の施設・事業所がすでにあります。"))
        return name


class RegisterImportForm(forms.Form):
    file = forms.FileField(
        label=_("名簿ファイル（.xlsx または .csv）"),
        help_text=_("1行目は見出し（法人名・フリガナ・主な地域は必須）。法人名が同じ法人は更新、ない法人は新規登録します。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    dry_run = forms.BooleanField(label=_("確認のみ（保存しない）"), required=False, initial=True)

    MAX_BYTES = 5 * 1024 * 1024

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("取り込む"))

    def clean_file(self):
        from .importing import read_register

        uploaded = self.cleaned_data["file"]
        if uploaded.size > self.MAX_BYTES:
            raise forms.ValidationError(_("ファイルが大きすぎます（5MBまで）。"))
        self.sheet = read_register(uploaded)
        return uploaded
