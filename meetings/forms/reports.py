"""The fiscal year's participation page: which year, and after how many missed meetings to call."""

from django import forms
from django.utils.translation import gettext_lazy

from ..selectors import OUTREACH_AFTER_MISSED


class ParticipationForm(forms.Form):
    # `?fy=` (empty) is no choice, not the fiscal year "".
    fy = forms.TypedChoiceField(label=gettext_lazy("年度"), coerce=int, required=False, empty_value=None)
    n = forms.IntegerField(
        label=gettext_lazy("連続欠席の回数"), min_value=1, max_value=50, required=False,
        initial=OUTREACH_AFTER_MISSED,
        help_text=gettext_lazy("直近この回数続けて欠席した法人を一覧にします。"),
    )

    def __init__(self, *args, fiscal_years, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(fy, labels[fy]) for fy in fiscal_years]
