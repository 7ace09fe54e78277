"""Forms of the day: the attendance screen's rows and each area group's record."""

import copy

from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.concurrency import MISSING_VERSION, VersionedFormMixin, VersionField
from core.normalize import normalize_person_name
from corporations.models import Area

from ..models import AreaGroup, Guest, Invitation
from ..selectors.attendance import MATCH_LIMIT
from .walk_ins import WalkInCorporationSelect


class AttendanceRowFields(forms.Form):
    """The fields of one attendance row, declared once. Every fixed row of a screen shares one
    copy of them (see AttendanceRowForm): a form deep-copies its fields, which for 630 rows
    was most of the save's time."""

    attendee = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = VersionField()  # of the recorded attendee: a row changed since is refused
    corporation = forms.IntegerField(label=gettext_lazy("法人"), widget=forms.HiddenInput)
    name = forms.CharField(label=gettext_lazy("氏名"), max_length=100, required=False)
    title = forms.CharField(label=gettext_lazy("役職"), max_length=100, required=False)
    # Checked against the row's own corporation's facilities in clean_facility.
    facility = forms.IntegerField(label=gettext_lazy("施設・事業所"), required=False)
    area = forms.TypedChoiceField(label=gettext_lazy("グループ"), coerce=int, required=False, empty_value=None)
    present = forms.BooleanField(label=gettext_lazy("出席"), required=False)


def row_fields(area_choices) -> dict:
    """One copy of the row fields for a screen, with its area choices."""
    fields = copy.deepcopy(AttendanceRowFields.base_fields)
    fields["area"].choices = [("", _("法人の主な地域"))] + area_choices
    return fields


class AttendanceRowForm(forms.BaseForm):
    """One person on the attendance screen. Choices come in prebuilt: no query per row.

    A fixed row (an invited corporation, or someone recorded) carries its corporation as a
    hidden number; an extra row (a walk-in) names one by its name, フリガナ or number, matched on
    the server, or with JavaScript chooses one found by search (WalkInCorporationSelect over
    corporations:search). Each row's facilities are its own corporation's only: a picker where
    it has several, one check box where it has one, none where it has none."""

    base_fields = {}  # the fields come from row_fields(), shared by the fixed rows

    USED_FIELDS = ("corporation", "corporation_text", "name", "title", "present")

    def __init__(self, *args, screen, fields, fixed: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.screen = screen
        self.is_fixed = fixed
        self.fields = fields if fixed else copy.deepcopy(fields)
        raw = self.data.get(self.add_prefix("corporation")) if self.is_bound else self.initial.get("corporation")
        try:
            corporation_id = int(raw)
        except (TypeError, ValueError):
            corporation_id = None
        self.corporation_id = corporation_id
        corporation = screen.corporations.get(corporation_id)
        self.corporation_name = corporation.name if corporation else ""
        self.facility_choices = [("", "―")] + screen.facilities.get(corporation_id, [])
        self.lookup_text = ""
        if not fixed:
            typed = self.data.get(self.add_prefix("corporation_text")) if self.is_bound else ""
            self.lookup_text = (typed or "").strip()
            chosen = [(corporation.pk, corporation.name)] if corporation else []
            if corporation is None and len(screen.matched(self.lookup_text)) == 1:
                # Typed, not chosen from a search (no JavaScript): the one corporation the text
                # names (matched before the forms were built, screen.match_walk_ins) gives the
                # row its facilities; the text stays the row's value, so it is matched again.
                corporation_id = screen.matched(self.lookup_text)[0].pk
                corporation = screen.corporations.get(corporation_id)
                self.corporation_id, self.corporation_name = corporation_id, corporation.name if corporation else ""
                self.facility_choices = [("", "―")] + screen.facilities.get(corporation_id, [])
            widget = WalkInCorporationSelect(
                search_url=reverse_lazy("corporations:search"), text_name=self.add_prefix("corporation_text"),
                text_value=self.lookup_text,
            )
            widget.choices = chosen
            self.fields["corporation"] = forms.IntegerField(
                label=gettext_lazy("当日参加の法人"), required=False, widget=widget
            )
        self.answer = self.initial.get("answer")
        self.was_walk_in = bool(self.initial.get("walk_in"))
        self.corporation = corporation

    @property
    def group_choices(self) -> list | None:
        """A fixed row's area groups: its corporation's home area (the empty choice) and the
        areas of its facilities, and the group recorded or posted (read when drawn: a refused
        stale row shows the group saved meanwhile). None when that is the home area alone: the
        row then shows it as text, with no picker (the screen of a 63-corporation meeting drew
        410 <option>s of groups, most of them never a real choice). Any active area is still
        accepted when posted. A walk-in row offers every active area."""
        corporation = self.corporation
        if not self.is_fixed or corporation is None:
            return self.fields["area"].choices
        wanted = set(getattr(self.screen.facilities, "areas", {}).get(corporation.pk, ()))
        chosen = self.data.get(self.add_prefix("area")) if self.is_bound else self.initial.get("area")
        try:
            wanted.add(int(chosen))
        except (TypeError, ValueError):
            pass
        wanted.discard(corporation.home_area_id)
        if not wanted:
            return None
        return [(value, label) for value, label in self.fields["area"].choices if value == "" or value in wanted]

    @property
    def facility_control(self) -> str:
        """How the row offers its facility: "select" (a walk-in row, whose facilities come with
        its corporation, or a corporation with several), "one" (a check box for the only one) or
        "none" (no field: nothing to choose)."""
        count = len(self.facility_choices) - 1
        if not self.is_fixed or count > 1:
            return "select"
        return "one" if count == 1 else "none"

    @property
    def only_facility(self):
        return self.facility_choices[1] if len(self.facility_choices) == 2 else None

    def clean_facility(self):
        facility = self.cleaned_data.get("facility")
        if facility is not None and facility not in {pk for pk, _name in self.facility_choices[1:]}:
            raise forms.ValidationError(_("この法人の施設・事業所から選んでください。"))
        return facility

    @property
    def answer_label(self) -> str:
        return Invitation.Answer(self.answer).label if self.answer else ""

    @property
    def answered_attend(self) -> bool:
        """A person 回答どおり ticks: named in an answer of 出席 (or the one row of a corporation
        that answered 出席 without names)."""
        return self.answer == Invitation.Answer.ATTEND and bool(self.initial.get("named_in_answer"))

    def clean_corporation(self):
        corporation = self.cleaned_data.get("corporation")
        if corporation is None and not self.is_fixed:
            if self.lookup_text:
                return self._matched_corporation()
            if self.has_changed():
                raise forms.ValidationError(_("法人名か法人の番号を入力してください。"))
            return None
        if corporation not in self.screen.corporations:
            raise forms.ValidationError(_("この法人は選べません。"))
        return corporation

    def _matched_corporation(self) -> int:
        """The one corporation a walk-in row's text names; none or several is the row's error,
        shown next to the text, naming the candidates with their numbers."""
        matched = self.screen.matched(self.lookup_text)
        if not matched:
            raise forms.ValidationError(
                _("「%(text)s」に当たる法人が見つかりません。法人名の一部、フリガナ、または法人の番号を入力してください。"),
                params={"text": self.lookup_text}, code="unknown",
            )
        if len(matched) > 1:
            shown = matched[: MATCH_LIMIT - 1]
            names = _("、").join(_("%(name)s（番号 %(number)s）") % {"name": c.name, "number": c.pk} for c in shown)
            if len(matched) > len(shown):
                message = _("「%(text)s」に当たる法人が複数あります: %(names)s ほか。"
                            "法人名をもっと詳しく入力するか、番号を入力してください。")
            else:
                message = _("「%(text)s」に当たる法人が複数あります: %(names)s。"
                            "法人名をもっと詳しく入力するか、番号を入力してください。")
            raise forms.ValidationError(message, params={"text": self.lookup_text, "names": names}, code="ambiguous")
        return matched[0].pk

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
            "area_id": data.get("area") or self.screen.corporations[data["corporation"]].home_area_id,
            "present": bool(data.get("present")), "walk_in": walk_in,
        }


class BaseAttendanceFormSet(forms.BaseFormSet):
    def __init__(self, *args, screen=None, **kwargs):
        self.screen = screen
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        # Rows of invited corporations (and people already recorded) show the corporation as
        # text, under its home area's heading; the extra rows at the end let staff choose one.
        kwargs["fixed"] = index is not None and index < self.initial_form_count()
        return kwargs

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        corporation = self.screen.corporations.get(form.corporation_id) if form.is_fixed else None
        form.group_name = corporation.home_area.name if corporation else ""
        form.group_area_id = corporation.home_area_id if corporation else None
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
            for index, form in enumerate(self.forms) if form.cleaned_data and form.cleaned_data.get("corporation")
        ]


AttendanceFormSet = forms.formset_factory(
    AttendanceRowForm, formset=BaseAttendanceFormSet, extra=3, max_num=2000, validate_max=True
)


def _walk_in_corporations(data, prefix: str, initial_count: int) -> tuple[set[int], set[str]]:
    """The corporations a posted screen names on its extra rows, chosen (numbers) or typed (texts
    of the rows with no choice), read before the forms are built."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 2000)
    except ValueError:
        return set(), set()
    found, typed = set(), set()
    for index in range(initial_count, total):
        raw = data.get(f"{prefix}-{index}-corporation")
        if raw and str(raw).isdigit():
            found.add(int(raw))
        elif (data.get(f"{prefix}-{index}-corporation_text") or "").strip():
            typed.add(data[f"{prefix}-{index}-corporation_text"].strip())
    return found, typed


def attendance_formset(data, screen, area_choices) -> BaseAttendanceFormSet:
    """The attendance screen's formset from selectors.attendance_screen(): rows and shared choices.

    A posted screen's walk-ins from corporations the meeting has not seen are read first, in one
    query with their facilities (screen.add_walk_ins), and the corporations typed on walk-in rows
    are matched (one query a text, screen.match_walk_ins), so that no row asks the database."""
    if data is not None:
        chosen, typed = _walk_in_corporations(data, "rows", len(screen.rows))
        screen.add_walk_ins(chosen)
        if typed:
            screen.match_walk_ins(typed)
    return AttendanceFormSet(
        data, initial=screen.rows, prefix="rows", screen=screen,
        form_kwargs={"screen": screen, "fields": row_fields(area_choices)},
    )


class GuestRowForm(forms.Form):
    """A guest (no corporation) on the attendance screen: a recorded guest's group and tick, or,
    on an extra row, a guest who came unannounced."""

    guest = forms.IntegerField(required=False, widget=forms.HiddenInput)
    version = VersionField()
    name = forms.CharField(label=gettext_lazy("氏名"), max_length=100, required=False)
    organisation = forms.CharField(label=gettext_lazy("所属"), max_length=200, required=False)
    title = forms.CharField(label=gettext_lazy("役職"), max_length=100, required=False)
    area = forms.TypedChoiceField(label=gettext_lazy("グループ"), coerce=int, required=False, empty_value=None)
    present = forms.BooleanField(label=gettext_lazy("出席"), required=False)

    def __init__(self, *args, area_choices, guests: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("なし"))] + area_choices
        self.recorded = guests.get(self.initial.get("guest"))

    def has_changed(self):
        if not self.is_bound:
            return False
        return any(self.data.get(self.add_prefix(name)) for name in ("name", "organisation", "present"))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("guest"):
            if cleaned.get("version") is None:
                raise forms.ValidationError(MISSING_VERSION)
        elif cleaned.get("name") or cleaned.get("organisation") or cleaned.get("present"):
            if not cleaned.get("name"):
                self.add_error("name", _("氏名を入力してください。"))
            if not cleaned.get("organisation"):
                self.add_error("organisation", _("所属を入力してください（個人の住民は「住民」）。"))
        return cleaned

    def clean_name(self):
        return normalize_person_name(self.cleaned_data.get("name", ""))

    def row(self) -> dict:
        data = self.cleaned_data
        return {
            "guest_id": data.get("guest"), "version": data.get("version"), "name": data.get("name", ""),
            "organisation": data.get("organisation", "").strip(), "title": data.get("title", ""),
            "area_id": data.get("area"), "present": bool(data.get("present")),
        }


class BaseGuestFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict] | None:
        if not self.is_bound:
            return None  # nothing posted about guests: nothing to save
        return [form.row() for form in self.forms if form.cleaned_data]


GuestFormSet = forms.formset_factory(GuestRowForm, formset=BaseGuestFormSet, extra=2, max_num=500, validate_max=True)


def guest_formset(data, screen, area_choices) -> BaseGuestFormSet:
    """The guests' rows. A post without them (a screen opened before guests were added to it)
    leaves the guests as they are: the formset is unbound and saves nothing."""
    if data is not None and "guests-TOTAL_FORMS" not in data:
        data = None
    initial = [
        {"guest": g.pk, "version": g.version, "name": g.name, "organisation": g.organisation, "title": g.title,
         "area": g.area_id, "present": g.present}
        for g in screen.guests
    ]
    return GuestFormSet(
        data, initial=initial, prefix="guests",
        form_kwargs={"area_choices": area_choices, "guests": {g.pk: g for g in screen.guests}},
    )


class GuestForm(VersionedFormMixin, forms.ModelForm):
    """A guest invited to a meeting (added before the day), and the answer staff record for them."""

    send_invitation = forms.BooleanField(
        label=gettext_lazy("案内をメールで送る"), required=False,
        help_text=gettext_lazy("メールアドレスがあるときだけ送ります。"),
    )

    class Meta:
        model = Guest
        fields = ["name", "organisation", "title", "email", "answer", "area"]

    def __init__(self, *args, area_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["send_invitation"]
        self.fields["area"].queryset = Area.objects.filter(is_active=True)
        self.fields["area"].required = False

    def clean_name(self):
        return normalize_person_name(self.cleaned_data.get("name", ""))

    def clean_organisation(self):
        return self.cleaned_data.get("organisation", "").strip()


class AreaGroupForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = AreaGroup
        fields = ["facilitator", "recorder", "notes", "report_back"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "report_back": forms.Textarea(attrs={"rows": 3})}


