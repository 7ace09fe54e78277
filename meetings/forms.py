from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import uploads
from core.normalize import normalize_person_name
from core.wareki import fiscal_year_bounds, fiscal_year_of, format_fiscal_year, format_wareki
from corporations.models import Area, Corporation, Facility

from .models import (
    FIRST_FISCAL_YEAR,
    LAST_FISCAL_YEAR,
    AreaGroup,
    Invitation,
    Meeting,
    MeetingSeries,
    ProgramItem,
)

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_KINDS = [
    uploads.PDF, uploads.XLSX, uploads.XLS, uploads.DOCX, uploads.DOC,
    uploads.PNG_IMAGE, uploads.JPEG_IMAGE, uploads.GIF_IMAGE,
]
DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


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
        if not FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR:
            raise forms.ValidationError(
                _("年度は%(first)s（平成元年度）から%(last)sまでの西暦で入力してください。")
                % {"first": FIRST_FISCAL_YEAR, "last": LAST_FISCAL_YEAR}
            )
        return fiscal_year


def _check_fiscal_year(form, series, starts_at):
    # The list, the participation matrix and the copy all read a meeting's year from its
    # series: a date outside that fiscal year would file the meeting under the wrong 年度.
    if series and starts_at and fiscal_year_of(starts_at) != series.fiscal_year:
        form.add_error("starts_at", _("開始日時は%(fy)s（%(first)s〜%(last)s）の中にしてください。") % {
            "fy": format_fiscal_year(series.fiscal_year),
            "first": format_wareki(fiscal_year_bounds(series.fiscal_year)[0]),
            "last": format_wareki(fiscal_year_bounds(series.fiscal_year)[1]),
        })


class MeetingForm(forms.ModelForm):
    """A meeting's own fields. The series comes in through the constructor when it is fixed."""

    class Meta:
        model = Meeting
        fields = ["series", "number", "starts_at", "ends_at", "venue", "status", "notes"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        if self.instance.pk:
            del self.fields["series"]  # a meeting never moves to another series
        self.helper = _helper(gettext_lazy("保存する"))

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))
        series = cleaned.get("series") if "series" in self.fields else self.instance.series
        _check_fiscal_year(self, series, starts_at)
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
    """The next meeting of a series: only what differs from the last one is asked."""

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "venue", "notes"]
        widgets = {"starts_at": DATETIME_WIDGET, "ends_at": DATETIME_WIDGET, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, series: MeetingSeries, **kwargs):
        super().__init__(*args, **kwargs)
        self.series = series
        for name in ("starts_at", "ends_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        self.helper = _helper(gettext_lazy("コピーして作成する"))

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("終了日時は開始日時より後にしてください。"))
        _check_fiscal_year(self, self.series, starts_at)
        return cleaned

    def _post_clean(self):
        # The instance is completed (series, number) by the service, not by the form.
        pass


class ProgramItemForm(forms.ModelForm):
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


ProgramFormSet = forms.modelformset_factory(
    ProgramItem, form=ProgramItemForm, formset=BaseProgramFormSet, extra=3, can_delete=True
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


class InviteForm(forms.Form):
    ALL, CHOSEN = "all", "chosen"
    scope = forms.ChoiceField(
        label=gettext_lazy("案内先"),
        choices=[(ALL, gettext_lazy("活動中のすべての法人")), (CHOSEN, gettext_lazy("選んだ法人だけ"))],
        widget=forms.RadioSelect, initial=ALL,
    )
    corporations = forms.ModelMultipleChoiceField(
        label=gettext_lazy("法人"), queryset=Corporation.objects.none(), required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.meeting = meeting
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


RsvpPersonFormSet = forms.formset_factory(RsvpPersonForm, formset=BaseRsvpPersonFormSet, extra=3, max_num=20)


class AttendanceRowForm(forms.Form):
    """One person on the attendance screen. Choices come in prebuilt: no query per row."""

    attendee = forms.IntegerField(required=False, widget=forms.HiddenInput)
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
        self.corporation_name = dict(corporation_choices).get(corporation_id, "")

    def clean_name(self):
        # One person, one row: a full-width space typed on the day matches the RSVP's name.
        return normalize_person_name(self.cleaned_data.get("name", ""))

    def has_changed(self):
        # An extra (walk-in) row left blank is skipped: the area select always posts a value.
        if not self.is_bound:
            return False
        return any(self.data.get(self.add_prefix(name)) for name in self.USED_FIELDS)

    def row(self, *, walk_in: bool) -> dict:
        data = self.cleaned_data
        return {
            "attendee_id": data.get("attendee"), "corporation_id": data["corporation"],
            "facility_id": data.get("facility"), "name": data.get("name", ""), "title": data.get("title", ""),
            "area_id": data.get("area") or self.home_areas[data["corporation"]],
            "present": bool(data.get("present")), "walk_in": walk_in or bool(data.get("walk_in")),
        }


class BaseAttendanceFormSet(forms.BaseFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # Rows of invited corporations (and people already recorded) show the corporation as
        # text; the extra rows at the end let staff choose one (walk-ins).
        form.is_fixed = i < self.initial_form_count()
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


class AreaGroupForm(forms.ModelForm):
    class Meta:
        model = AreaGroup
        fields = ["facilitator", "recorder", "notes", "report_back"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "report_back": forms.Textarea(attrs={"rows": 3})}


class ParticipationForm(forms.Form):
    fy = forms.TypedChoiceField(label=gettext_lazy("年度"), coerce=int, required=False)
    n = forms.IntegerField(
        label=gettext_lazy("連続欠席の回数"), min_value=1, max_value=50, required=False, initial=2,
        help_text=gettext_lazy("直近この回数続けて欠席した法人を一覧にします。"),
    )

    def __init__(self, *args, fiscal_years, labels, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fy"].choices = [(fy, labels[fy]) for fy in fiscal_years]


def area_choices():
    return [(a.pk, a.name) for a in Area.objects.filter(is_active=True)]
