"""Form fields that read what people type: normalised before any length check, and dates in 和暦."""

import datetime

from django import forms
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from .normalize import normalize_address, normalize_phone, normalize_postal_code
from .wareki import WarekiParseError, format_fiscal_year, format_wareki, parse_date, parse_datetime, parse_fiscal_year


class NormalizedCharField(forms.CharField):
    """A CharField that normalises first and checks second.

    Offices type '〒１７６－０００１' (9 characters) for '176-0001' (8, the stored form): the
    length limit applies to the normalised value, and the input carries no `maxlength`
    attribute, which would cut what was typed before it could be normalised.
    """

    def normalize(self, value: str) -> str:
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return self.normalize(value)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs


class PostalCodeField(NormalizedCharField):
    def normalize(self, value: str) -> str:
        return normalize_postal_code(value)


class PhoneField(NormalizedCharField):
    def normalize(self, value: str) -> str:
        return normalize_phone(value)


class AddressField(NormalizedCharField):
    def normalize(self, value: str) -> str:
        return normalize_address(value)


# --- Dates as clerks type them (和暦 or Western) -------------------------------------------

DATE_HELP = gettext_lazy("例: R9.5.20、令和9年5月20日、2027-05-20")
DATETIME_HELP = gettext_lazy("例: R9.5.20 14:00、令和9年5月20日 14:00、2027-05-20 14:00")
FISCAL_YEAR_HELP = gettext_lazy("例: 令和9年度、R9、2027")


def _shown_day(day: datetime.date) -> str:
    # Before 明治6年 (1873) there is no 和暦 to print: the Western date, which reads back as well.
    try:
        return format_wareki(day)
    except ValueError:
        return day.isoformat()


class WarekiDateInput(forms.TextInput):
    """A text box (not the browser's date picker, which takes no 和暦) showing 令和9年5月20日."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "text", "autocomplete": "off", "size": 18, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return _shown_day(value)
        return super().format_value(value)


class WarekiDateTimeInput(forms.TextInput):
    """A text box showing 令和9年5月20日 14:00 (ISO in English)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "text", "autocomplete": "off", "size": 24, **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value)
            return f"{_shown_day(value.date())} {value:%H:%M}"
        return super().format_value(value)


def _with_examples(help_text, examples):
    # A model field's own help (often empty on a ModelForm) comes first, then the examples.
    return format_lazy("{} {}", help_text, examples) if help_text else examples


class _TypedInJapanese:
    """What the two 和暦 fields share: the examples under the box, and a typed value that is no date
    refused with the reason in Japanese (core.wareki), next to the field. A date or datetime object
    (initial data, a model's value) comes as it is, through `from_object`."""

    examples = ""

    def __init__(self, **kwargs):
        kwargs["help_text"] = _with_examples(kwargs.get("help_text"), self.examples)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return self.from_object(value)
        try:
            return self.from_text(value)
        except WarekiParseError as error:
            raise forms.ValidationError(str(error), code="invalid") from None


class WarekiDateField(_TypedInJapanese, forms.DateField):
    """A date typed as R9.5.20, 令和9年5月20日, H27.10.29 or 2027-05-20 (core.wareki.parse_date).

    A bad date is refused with the reason in Japanese, next to the field. To use it on a
    ModelForm's DateField: `field_classes = {"due_on": WarekiDateField}` (the widget and help
    come with it), or declare `due_on = WarekiDateField(label=…, required=False)`.
    """

    widget = WarekiDateInput
    examples = DATE_HELP

    def from_object(self, value: datetime.date) -> datetime.date:
        return value.date() if isinstance(value, datetime.datetime) else value

    def from_text(self, value: str) -> datetime.date:
        return parse_date(value)


class WarekiDateTimeField(_TypedInJapanese, forms.DateTimeField):
    """A day and time typed as R9.5.20 14:00, 令和9年5月20日 14時, 2027-05-20T14:00, in the
    portal's time zone. For a ModelForm: `field_classes = {"starts_at": WarekiDateTimeField}`."""

    widget = WarekiDateTimeInput
    examples = DATETIME_HELP

    def from_object(self, value: datetime.date) -> datetime.datetime:
        if not isinstance(value, datetime.datetime):
            value = datetime.datetime.combine(value, datetime.time())  # a day alone: its midnight, here
        return from_current_timezone(value) if timezone.is_naive(value) else value

    def from_text(self, value: str) -> datetime.datetime:
        return from_current_timezone(parse_datetime(value))


class FiscalYearInput(forms.TextInput):
    """A text box showing a fiscal year as 令和9年度 (FY2027 in English)."""

    def __init__(self, attrs=None):
        super().__init__({"inputmode": "text", "autocomplete": "off", "size": 12, **(attrs or {})})

    def format_value(self, value):
        # A stored year (an int) is shown in 和暦; what was typed (a str) is shown back as typed.
        if isinstance(value, int) and not isinstance(value, bool):
            try:
                return format_fiscal_year(value)
            except (ValueError, OverflowError):
                return str(value)
        return super().format_value(value)


class FiscalYearField(forms.IntegerField):
    """A fiscal year (年度) typed as 令和9年度, R9, H27, 2027 or 2027年度; cleaned to 2027."""

    widget = FiscalYearInput

    def __init__(self, **kwargs):
        kwargs["help_text"] = kwargs.get("help_text") or FISCAL_YEAR_HELP
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, int):
            return value
        try:
            return parse_fiscal_year(value)
        except WarekiParseError as error:
            raise forms.ValidationError(str(error), code="invalid") from None

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        # min/max would make the browser refuse 令和9年度 in a number box; the range is checked here.
        attrs.pop("min", None)
        attrs.pop("max", None)
        return attrs


class RowsFormSet(forms.BaseModelFormSet):
    """A model formset whose service writes its rows in a few statements: rows() gives them as data."""

    def rows(self) -> tuple[list, list]:
        """(existing row or None, its changed or new fields) per kept row in order, and the rows to delete."""
        rows, delete = [], []
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                if form.instance.pk:
                    delete.append(form.instance)
                continue
            if form.instance.pk:
                names = form.changed_data
            elif form.has_changed():
                names = form.cleaned_data
            else:
                continue  # an extra row left blank
            fields = {name: form.cleaned_data[name] for name in names if name not in ("id", "DELETE")}
            rows.append((form.instance if form.instance.pk else None, fields))
        return rows, delete
