"""Forms of invitations and answers: whom to invite, a corporation's answer and its people."""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.concurrency import MISSING_VERSION, VersionField
from core.ids import IdsMultipleChoiceField
from core.normalize import normalize_person_name
from corporations.models import Area, Corporation

from ..models import Invitation


class InviteFilterForm(forms.Form):
    """Narrows the invite page's list: area, kind, name or フリガナ (GET). Areas are a short
    vocabulary; the corporations themselves are never a choice list."""

    area = forms.ModelChoiceField(
        label=gettext_lazy("地域"), queryset=Area.objects.none(), required=False, empty_label=gettext_lazy("すべて")
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("法人種別"), required=False,
        choices=[("", gettext_lazy("すべて"))] + list(Corporation.Kind.choices),
    )
    q = forms.CharField(label=gettext_lazy("法人名・フリガナ"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = Area.objects.filter(is_active=True)

    def filters(self) -> dict:
        """The valid filters, for selectors.invite_candidates (an invalid one filters nothing)."""
        if not self.is_valid():
            return {}
        return {"area": self.cleaned_data["area"], "kind": self.cleaned_data["kind"], "query": self.cleaned_data["q"]}


class InviteForm(forms.Form):
    """What to invite: the corporations ticked on the page shown, every one the filter finds, or
    every active corporation not invited yet. The chosen ids are checked against the candidates."""

    CHOSEN, FILTERED, ALL = "chosen", "filtered", "all"
    action = forms.ChoiceField(
        choices=[(CHOSEN, CHOSEN), (FILTERED, FILTERED), (ALL, ALL)], widget=forms.HiddenInput
    )
    corporations = IdsMultipleChoiceField(
        label=gettext_lazy("法人"), queryset=Corporation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, candidates, **kwargs):
        # candidates: the filtered, not-yet-invited corporations (selectors.invite_candidates).
        super().__init__(*args, **kwargs)
        self.candidates = candidates
        self.fields["corporations"].queryset = candidates

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") == self.CHOSEN and not cleaned.get("corporations"):
            self.add_error("corporations", _("案内する法人を選んでください。"))
        return cleaned

    def chosen(self, all_candidates) -> list:
        """The corporations to invite (one query). all_candidates: every active corporation not
        invited yet, for the ALL action."""
        action = self.cleaned_data["action"]
        if action == self.ALL:
            return list(all_candidates)
        if action == self.FILTERED:
            return list(self.candidates)
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
