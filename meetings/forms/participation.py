"""The fiscal year's participation and outreach pages: which year, which area, and after
how many missed meetings to call."""

from django import forms
from django.utils.translation import gettext_lazy

from corporations.models import Area

from ..selectors import OUTREACH_AFTER_MISSED


class ParticipationForm(forms.Form):
    # `?fy=` (empty) is no choice, not the fiscal year "".
    fy = forms.TypedChoiceField(label=gettext_lazy("年度"), coerce=int, required=False, empty_value=None)
    # Areas are a short list staff keep (four in Nerima); retired ones stay, for past years.
    area = forms.ModelChoiceField(
        label=gettext_lazy("地域"), queryset=Area.objects.order_by("sort_order", "name"), required=False,
        empty_label=gettext_lazy("すべての地域"),
    )
    n = forms.IntegerField(
        label=gettext_lazy("連続欠席の回数"), min_value=1, max_value=50, required=False,
        initial=OUTREACH_AFTER_MISSED,
        help_text=gettext_lazy("案内した連絡会をこの回数続けて欠席した法人を声かけ先にします（前年度の回もさかのぼります）。"),
    )

    def __init__(self, *args, fiscal_years, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(fy, labels[fy]) for fy in fiscal_years]
