from django import forms
from django.utils.translation import gettext_lazy as _

from core.concurrency import VersionedFormMixin

from .models import YearNarrative


class NarrativeForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = YearNarrative
        fields = ["summary", "next_issues"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 6}),
            "next_issues": forms.Textarea(attrs={"rows": 6}),
        }


class SheetChoiceForm(forms.Form):
    """Staff choose a corporation and a 年度 for its yearly sheet."""

    fiscal_year = forms.TypedChoiceField(label=_("年度"), coerce=int)

    def __init__(self, *args, years, corporation_field=None, **kwargs):
        super().__init__(*args, **kwargs)
        from core.wareki import format_fiscal_year

        self.fields["fiscal_year"].choices = [(year, format_fiscal_year(year)) for year in years]
        if corporation_field is not None:
            self.fields["corporation"] = corporation_field
            self.order_fields(["corporation", "fiscal_year"])
