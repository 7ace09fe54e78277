"""Forms of the meetings themselves: series, meeting, the copy of the next one, programme, material.

The rule that a meeting starts inside its series' fiscal year is Meeting.clean()'s: these
forms show its error next to the field through the model's validation.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import uploads
from core.concurrency import VersionedFormMixin
from corporations.models import Corporation, Facility

from ..models import (
    FIRST_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    Meeting,
    MeetingSeries,
    ProgramItem,
    is_printable_fiscal_year,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_KINDS = [
    uploads.PDF, uploads.XLSX, uploads.XLS, uploads.DOCX, uploads.DOC,
    uploads.PNG_IMAGE, uploads.JPEG_IMAGE, uploads.GIF_IMAGE,
]
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATETIME_FORMATS = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class SeriesForm(forms.ModelForm):
    class Meta:
        model = MeetingSeries
        fields = ["title", "fiscal_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fiscal_year"].widget.attrs.update(min=FIRST_FISCAL_YEAR, max=LAST_FISCAL_YEAR)
        self.helper = _helper(gettext_lazy("登録する"))

    def clean_fiscal_year(self):
        # Said next to the field, before the database's CheckConstraint answers with its name.
        fiscal_year = self.cleaned_data["fiscal_year"]
        if not is_printable_fiscal_year(fiscal_year):
            raise forms.ValidationError(
                _("年度は%(first)s（平成元年度）から%(last)sまでの西暦で入力してください。")
                % {"first": FIRST_FISCAL_YEAR, "last": LAST_FISCAL_YEAR}
            )
        return fiscal_year


def _check_times(form, cleaned) -> None:
    starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        form.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    """A meeting's own fields. On edit the series is fixed: a meeting never moves to another."""

    class Meta:
        model = Meeting
        fields = ["series", "number", "starts_at", "ends_at", "venue", "answer_deadline", "status", "notes"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET, "notes": forms.Textarea(attrs={"rows": 3}),
                   "answer_deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = DATETIME_FORMATS
        if self.instance.pk:
            del self.fields["series"]  # a meeting never moves to another series
        self.helper = _helper(gettext_lazy("保存する"))

    def clean(self):
        cleaned = super().clean()
        _check_times(self, cleaned)
        series = cleaned.get("series") if "series" in self.fields else self.instance.series
        number = cleaned.get("number")
        if series and number:
            duplicate = Meeting.objects.filter(series=series, number=number).exclude(pk=self.instance.pk)
            if duplicate.exists():
                self.add_error("number", _("このシリーズには同じ回の連絡会がすでにあります。"))
        return cleaned

    def validate_unique(self):
        # Checked in clean() with a Japanese message next to the field.
        pass


class MeetingCopyForm(forms.ModelForm):
    """The next meeting of a series: only what differs from the last one is asked.

    The number and status are the service's; the series is set here so that the model's
    validation checks the date against its fiscal year."""

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "venue", "notes"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, series: MeetingSeries, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.series = series
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = DATETIME_FORMATS
        self.helper = _helper(gettext_lazy("コピーして作成する"))

    def clean(self):
        cleaned = super().clean()
        _check_times(self, cleaned)
        return cleaned


class ProgramItemForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = ProgramItem
        fields = ["order", "kind", "title", "speaker", "corporation", "facility", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, shared_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["corporation"].queryset = Corporation.objects.filter(is_active=True)
        self.fields["facility"].queryset = Facility.objects.select_related("corporation").filter(is_active=True)
        if shared_choices:
            # Shown from the formset's one read; a posted value is still checked by the queryset.
            for name, choices in shared_choices.items():
                self.fields[name].widget.choices = choices

    def clean(self):
        cleaned = super().clean()
        corporation, facility = cleaned.get("corporation"), cleaned.get("facility")
        if facility and corporation and facility.corporation_id != corporation.pk:
            self.add_error("facility", _("選んだ法人の施設・事業所を選んでください。"))
        if facility and not corporation:
            cleaned["corporation"] = facility.corporation
        return cleaned

    def validate_unique(self):
        """Not row by row: the formset checks the orders of all rows together, since swapping
        two rows' orders is valid although each row alone would clash with the other's old one."""


class BaseProgramFormSet(forms.BaseModelFormSet):
    def get_form_kwargs(self, index):
        # Each row offers the same corporations and facilities: read them once, not per row.
        if not hasattr(self, "_shared_choices"):
            blank = [("", "---------")]
            self._shared_choices = {
                "corporation": blank + [(c.pk, str(c)) for c in Corporation.objects.filter(is_active=True)],
                "facility": blank + [(f.pk, str(f)) for f in Facility.objects.filter(is_active=True)],
            }
        return {**super().get_form_kwargs(index), "shared_choices": self._shared_choices}

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            order = form.cleaned_data.get("order")
            if order is None:
                continue
            if order in seen:
                form.add_error("order", _("順番が重複しています。"))
            seen.add(order)


# A programme has a handful of items; a tampered TOTAL_FORMS builds no more than MAX_PROGRAM_ITEMS rows.
MAX_PROGRAM_ITEMS = 100
ProgramFormSet = forms.modelformset_factory(
    ProgramItem, form=ProgramItemForm, formset=BaseProgramFormSet, extra=3, can_delete=True,
    max_num=MAX_PROGRAM_ITEMS, absolute_max=MAX_PROGRAM_ITEMS, validate_max=True,
)


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("資料ファイル"),
        help_text=gettext_lazy("PDF・Excel・Word・画像（PNG/JPEG/GIF）、10MBまで。"),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.content_type = uploads.check_upload(
            upload, ATTACHMENT_KINDS, max_bytes=MAX_ATTACHMENT_BYTES,
            too_big=_("ファイルが大きすぎます。10MB以下にしてください。"),
            wrong_kind=_("この種類のファイルは登録できません。PDF・Excel・Word・画像を選んでください。"),
        )
        return uploads.reencode_image(upload, self.content_type)  # images lose EXIF (GPS, author)
