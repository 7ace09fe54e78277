"""Forms of invitations and answers: whom to invite, a corporation's answer and its people."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.concurrency import MISSING_VERSION, VersionField
from core.ids import IdsMultipleChoiceField
from core.normalize import normalize_person_name
from corporations.models import Corporation

from ..models import Invitation


class InviteForm(forms.Form):
    ALL, CHOSEN = "all", "chosen"
    scope = forms.ChoiceField(
        label=gettext_lazy("案内先"),
        choices=[(ALL, gettext_lazy("活動中のすべての法人")), (CHOSEN, gettext_lazy("選んだ法人だけ"))],
        widget=forms.RadioSelect, initial=ALL,
    )
    corporations = IdsMultipleChoiceField(
        label=gettext_lazy("法人"), queryset=Corporation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corporations"].queryset = Corporation.objects.filter(is_active=True).order_by("name_kana", "name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("scope") == self.CHOSEN and not cleaned.get("corporations"):
            self.add_error("corporations", _("案内する法人を選んでください。"))
        return cleaned

    def chosen(self):
        if self.cleaned_data["scope"] == self.ALL:
            return list(Corporation.objects.filter(is_active=True))
        return list(self.cleaned_data["corporations"])


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(
        label=gettext_lazy("出欠"),
        choices=[c for c in Invitation.Answer.choices if c[0] != Invitation.Answer.PENDING],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=gettext_lazy("連絡事項"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    # The invitation's version when the page was opened: an answer saved since refuses this one.
    version = VersionField(required=True, error_messages={"required": MISSING_VERSION})

    def clean(self):
        cleaned = super().clean()
        if "version" in self._errors:  # a hidden field's error would show nowhere
            for error in self._errors.pop("version"):
                self.add_error(None, error)
        return cleaned


class RsvpPersonForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("氏名"), max_length=100, required=False)
    title = forms.CharField(label=gettext_lazy("役職"), max_length=100, required=False)
    facility = forms.TypedChoiceField(label=gettext_lazy("施設・事業所"), coerce=int, required=False, empty_value=None)
    area = forms.TypedChoiceField(label=gettext_lazy("参加するグループ"), coerce=int)

    def __init__(self, *args, facility_choices, area_choices, default_area, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facility"].choices = [("", "―")] + facility_choices
        self.fields["area"].choices = area_choices
        self.fields["area"].initial = default_area

    def clean_name(self):
        return normalize_person_name(self.cleaned_data.get("name", ""))

    def has_changed(self):
        # A row without a name or title is an unused row, whatever group its select shows.
        if not self.is_bound:
            return False
        return any(self.data.get(self.add_prefix(name)) for name in ("name", "title"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("title") and not cleaned.get("name"):
            self.add_error("name", _("氏名を入力してください。"))
        return cleaned


class BaseRsvpPersonFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        names = set()
        for form in self.forms:
            name = form.cleaned_data.get("name")
            if not name:
                continue
            if name in names:
                form.add_error("name", _("同じ氏名が2回入力されています。"))
            names.add(name)

    def persons(self) -> list[dict]:
        return [
            {"name": f.cleaned_data["name"], "title": f.cleaned_data.get("title", ""),
             "facility_id": f.cleaned_data.get("facility"), "area_id": f.cleaned_data["area"]}
            for f in self.forms if f.cleaned_data.get("name")
        ]


# absolute_max: a tampered TOTAL_FORMS builds no more rows than the page offers.
RsvpPersonFormSet = forms.formset_factory(
    RsvpPersonForm, formset=BaseRsvpPersonFormSet, extra=3, max_num=20, absolute_max=20
)
