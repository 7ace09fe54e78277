"""Forms of the day: the attendance screen's rows and each area group's record."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.concurrency import MISSING_VERSION, VersionedFormMixin, VersionField
from core.normalize import normalize_person_name

from ..models import AreaGroup


class AttendanceRowForm(forms.Form):
    """One person on the attendance screen. Choices come in prebuilt: no query per row."""

    attendee = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = VersionField()  # of the recorded attendee: a row changed since is refused
    corporation = forms.TypedChoiceField(label=gettext_lazy("法人"), coerce=int)
    name = forms.CharField(label=gettext_lazy("氏名"), max_length=100, required=False)
    title = forms.CharField(label=gettext_lazy("役職"), max_length=100, required=False)
    facility = forms.TypedChoiceField(
        label=gettext_lazy("施設・事業所"), coerce=int, required=False, empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    area = forms.TypedChoiceField(
        label=gettext_lazy("グループ"), coerce=int, required=False, empty_value=None,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    present = forms.BooleanField(label=gettext_lazy("出席"), required=False)
    walk_in = forms.BooleanField(required=False, widget=forms.HiddenInput)

    USED_FIELDS = ("corporation", "name", "title", "present")

    def __init__(self, *args, corporation_choices, facilities, area_choices, home_areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.home_areas = home_areas
        self.fields["corporation"].choices = [("", "―")] + corporation_choices
        self.fields["area"].choices = [("", _("法人の主な地域"))] + area_choices
        raw = self.data.get(self.add_prefix("corporation")) if self.is_bound else self.initial.get("corporation")
        try:
            corporation_id = int(raw)
        except (TypeError, ValueError):
            corporation_id = None
        if corporation_id is not None:
            options = facilities.get(corporation_id, [])
        else:
            options = [(pk, name) for rows in facilities.values() for pk, name in rows]
        self.fields["facility"].choices = [("", "―")] + options
        self.corporation_id = corporation_id
        self.corporation_name = dict(corporation_choices).get(corporation_id, "")

    def clean_name(self):
        # One person, one row: a full-width space typed on the day matches the RSVP's name.
        return normalize_person_name(self.cleaned_data.get("name", ""))

    def has_changed(self):
        # An extra (walk-in) row left blank is skipped: the area select always posts a value.
        if not self.is_bound:
            return False
        return any(self.data.get(self.add_prefix(name)) for name in self.USED_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("attendee") and cleaned.get("version") is None:
            raise forms.ValidationError(MISSING_VERSION)
        return cleaned

    def row(self, *, walk_in: bool) -> dict:
        data = self.cleaned_data
        return {
            "attendee_id": data.get("attendee"), "version": data.get("version"), "corporation_id": data["corporation"],
            "facility_id": data.get("facility"), "name": data.get("name", ""), "title": data.get("title", ""),
            "area_id": data.get("area") or self.home_areas[data["corporation"]],
            "present": bool(data.get("present")), "walk_in": walk_in or bool(data.get("walk_in")),
        }


class BaseAttendanceFormSet(forms.BaseFormSet):
    def __init__(self, *args, corporations: dict | None = None, **kwargs):
        self.corporations = corporations or {}  # pk → Corporation with its home area, for the headings
        super().__init__(*args, **kwargs)

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Rows of invited corporations (and people already recorded) show the corporation as
        # text, under its home area's heading; the extra rows at the end let staff choose one
        # (walk-ins).
        form.is_fixed = i < self.initial_form_count()
        corporation = self.corporations.get(form.corporation_id) if form.is_fixed else None
        form.group_name = corporation.home_area.name if corporation else ""
        return form

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            data = form.cleaned_data
            if not data or (not data.get("name") and not data.get("present") and not data.get("attendee")):
                continue
            key = (data["corporation"], data.get("name", ""))
            if key in seen:
                form.add_error(
                    "name",
                    _("同じ法人に同じ氏名の行があります。氏名を確かめてください。") if key[1]
                    else _("氏名を入力してください（氏名未記入は一法人一行までです）。"),
                )
            seen.add(key)

    def rows(self) -> list[dict]:
        return [
            form.row(walk_in=index >= self.initial_form_count())
            for index, form in enumerate(self.forms) if form.cleaned_data
        ]


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm, formset=BaseAttendanceFormSet, extra=3, max_num=2000, validate_max=True
)


def attendance_formset(data, screen, area_choices) -> BaseAttendanceFormSet:
    """The attendance screen's formset from selectors.attendance_screen(): rows and shared choices."""
    return AttendanceFormSet(
        data, initial=screen.rows, prefix="rows", corporations=screen.corporations,
        form_kwargs={
            "corporation_choices": screen.corporation_choices, "facilities": screen.facilities,
            "area_choices": area_choices, "home_areas": screen.home_areas,
        },
    )


class AreaGroupForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AreaGroup
        fields = ["facilitator", "recorder", "notes", "report_back"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "report_back": forms.Textarea(attrs={"rows": 3})}


