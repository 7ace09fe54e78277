"""The minutes page's forms: the minutes' own text, its decisions and its follow-ups."""

from django import forms

from core.concurrency import VersionedFormMixin
from core.forms import RowsFormSet, WarekiDateField

from ..models import Minutes, MinutesDecision, MinutesFollowUp

# A meeting decides a handful of things; a tampered TOTAL_FORMS builds no more than this many rows.
MAX_MINUTES_ROWS = 50


class MinutesForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Minutes
        fields = ["proceedings", "recorder"]
        widgets = {"proceedings": forms.Textarea(attrs={"rows": 12})}


class DecisionForm(forms.ModelForm):
    class Meta:
        model = MinutesDecision
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2, "class": "form-control"})}


class FollowUpForm(forms.ModelForm):
    class Meta:
        model = MinutesFollowUp
        fields = ["task", "owner", "due_on", "done"]
        widgets = {
            "task": forms.Textarea(attrs={"rows": 2, "class": "form-control"}),
            "owner": forms.TextInput(attrs={"class": "form-control"}),
            "done": forms.CheckboxInput(attrs={"class": "form-check-input"}),
        }
        field_classes = {"due_on": WarekiDateField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The examples are said once above the table (minutes_form.html), not on every row.
        self.fields["due_on"].widget.attrs.update({"aria-describedby": "follow-ups-due-help", "class": "form-control"})
        self.fields["owner"].widget.attrs["aria-describedby"] = "follow-ups-owner-help"


DecisionFormSet = forms.modelformset_factory(
    MinutesDecision, form=DecisionForm, formset=RowsFormSet, extra=2, can_delete=True,
    max_num=MAX_MINUTES_ROWS, absolute_max=MAX_MINUTES_ROWS, validate_max=True,
)
FollowUpFormSet = forms.modelformset_factory(
    MinutesFollowUp, form=FollowUpForm, formset=RowsFormSet, extra=2, can_delete=True,
    max_num=MAX_MINUTES_ROWS, absolute_max=MAX_MINUTES_ROWS, validate_max=True,
)
