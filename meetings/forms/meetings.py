"""Forms of the meetings themselves: series, meeting, the copy of the next one, programme, material.

The rule that a meeting starts inside its series' fiscal year is Meeting.clean()'s: these
forms show its error next to the field through the model's validation.
"""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import uploads
from core.concurrency import VersionedFormMixin
from core.forms import FiscalYearField, RowsFormSet, WarekiDateField, WarekiDateTimeField
from core.ids import parse_id
from core.wareki import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR, format_fiscal_year, is_printable_fiscal_year
from core.widgets import SearchSelect
from corporations.models import Corporation, Facility

from ..models import Meeting, MeetingSeries, ProgramItem

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_KINDS = [
    uploads.PDF, uploads.XLSX, uploads.XLS, uploads.DOCX, uploads.DOC,
    uploads.PNG_IMAGE, uploads.JPEG_IMAGE, uploads.GIF_IMAGE,
]
# Dates and times as clerks type them: R9.5.20 14:00, 令和9年5月20日 14時, 2027-05-20T14:00 (core.forms).
DATETIME_FIELDS = {"starts_at": WarekiDateTimeField, "ends_at": WarekiDateTimeField}


def _helper(label) -> FormHelper:
    helper = FormHelper()
    helper.add_input(Submit("submit", label))
    return helper


class SeriesForm(forms.ModelForm):
    class Meta:
        model = MeetingSeries
        fields = ["title", "fiscal_year", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"fiscal_year": FiscalYearField}
        # 和暦 or Western: the model's help ("西暦で入力します") would say otherwise.
        help_texts = {"fiscal_year": gettext_lazy("令和9年度、R9、2027 のどれでも入力できます。4月から翌年3月まで。")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(gettext_lazy("登録する"))

    def clean_fiscal_year(self):
        # Said next to the field, before the database's CheckConstraint answers with its name.
        fiscal_year = self.cleaned_data["fiscal_year"]
        if not is_printable_fiscal_year(fiscal_year):
            raise forms.ValidationError(
                _("年度は%(first)s（平成元年度）から%(last)sまでの年度を入力してください。")
                % {"first": FIRST_FISCAL_YEAR, "last": LAST_FISCAL_YEAR}
            )
        return fiscal_year


def _check_times(form, cleaned) -> None:
    starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
    if starts_at and ends_at and ends_at <= starts_at:
        form.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))


class SeriesChoiceField(forms.ModelChoiceField):
    """A series shown with its 年度: 「…連絡会（令和9年度）」, newest year first."""

    def label_from_instance(self, obj):
        return f"{obj.title}（{format_fiscal_year(obj.fiscal_year)}）"


class MeetingForm(VersionedFormMixin, forms.ModelForm):
    """A meeting's own fields. On edit the series is fixed: a meeting never moves to another."""

    class Meta:
        model = Meeting
        fields = ["series", "number", "starts_at", "ends_at", "venue", "answer_deadline", "status", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"series": SeriesChoiceField, "answer_deadline": WarekiDateField, **DATETIME_FIELDS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["series"]  # a meeting never moves to another series
        else:
            self.fields["series"].queryset = MeetingSeries.objects.order_by("-fiscal_year", "title")
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
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        field_classes = DATETIME_FIELDS

    def __init__(self, *args, series: MeetingSeries, copies: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.series = series
        # Only a series with an earlier meeting has something to copy.
        self.helper = _helper(gettext_lazy("コピーして作成する") if copies else gettext_lazy("作成する"))

    def clean(self):
        cleaned = super().clean()
        _check_times(self, cleaned)
        return cleaned


class ProgramItemForm(VersionedFormMixin, forms.ModelForm):
    """One programme row. The corporation is a search picker over the register (core.widgets.SearchSelect);
    the facility offers the chosen corporation's facilities only (the formset reads them once for all
    rows; static/js/programme.js fetches them again when another corporation is chosen)."""

    class Meta:
        model = ProgramItem
        fields = ["order", "kind", "title", "speaker", "corporation", "facility", "notes"]
        widgets = {
            "order": forms.NumberInput(attrs={"min": 1, "max": 999, "class": "programme-order", "data-order": ""}),
            "title": forms.TextInput(attrs={"data-title": ""}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, corporation_nearby=(), facilities_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        corporation = self.fields["corporation"]
        corporation.queryset = Corporation.objects.filter(is_active=True)
        corporation.widget = SearchSelect(
            search_url=reverse_lazy("corporations:search"), nearby=corporation_nearby,
            attrs={"data-programme-corporation": ""},
        )
        corporation.widget.choices = corporation.choices
        facility = self.fields["facility"]
        facility.queryset = Facility.objects.filter(is_active=True)
        facility.widget.attrs["data-programme-facility"] = reverse("meetings:programme_facilities")
        chosen = self._chosen_corporation()
        facility.widget.choices = [("", "---------")] + list((facilities_of or {}).get(chosen, []))
        for name, field in self.fields.items():
            if field.help_text:
                # One help text per column, in the table's header (not repeated on each row).
                field.widget.attrs["aria-describedby"] = f"programme-help-{name}"

    def _chosen_corporation(self) -> int | None:
        value = self.data.get(self.add_prefix("corporation")) if self.is_bound else self.instance.corporation_id
        return parse_id(value)

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


class BaseProgramFormSet(RowsFormSet):
    """The programme's rows. Whatever the size of the register, the page reads the corporations and
    facilities its rows name, once for all rows (2 queries), never the whole register."""

    def _row_choices(self) -> tuple[list, dict]:
        if not hasattr(self, "_choices"):
            if self.is_bound:
                count = min(self.total_form_count(), self.absolute_max)
                ids = {parse_id(self.data.get(f"{self.prefix}-{i}-corporation")) for i in range(count)}
            else:
                ids = {item.corporation_id for item in self.get_queryset()}
            ids.discard(None)
            corporations = Corporation.objects.filter(pk__in=ids).order_by("name_kana", "name").only("pk", "name")
            nearby = [(c.pk, c.name) for c in corporations]
            facilities_of = {}
            facilities = Facility.objects.filter(corporation_id__in=ids, is_active=True).order_by("name_kana", "name")
            for facility in facilities.only("pk", "name", "corporation_id"):
                facilities_of.setdefault(facility.corporation_id, []).append((facility.pk, facility.name))
            self._choices = (nearby, facilities_of)
        return self._choices

    def get_form_kwargs(self, index):
        nearby, facilities_of = self._row_choices()
        return {**super().get_form_kwargs(index), "corporation_nearby": nearby, "facilities_of": facilities_of}

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
# Blank rows offered, and added by each "行を追加" (a submit button: the page comes back with the
# rows as typed and this many blank rows more, nothing saved). With JavaScript only one blank row is
# shown at a time and the button shows the next before it asks the server. Each row draws about a
# dozen <option>s (the kinds, its corporation and facilities): three, not ten, keep the page of a
# 10-item programme under the few hundred of issue 13 (tests/test_pages_at_scale.py).
PROGRAM_BLANK_ROWS = 3
ProgramFormSet = forms.modelformset_factory(
    ProgramItem, form=ProgramItemForm, formset=BaseProgramFormSet, extra=PROGRAM_BLANK_ROWS, can_delete=True,
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
