"""The form fields that take 和暦 (core.forms): what they accept, show and refuse."""

import datetime

from django import forms
from django.utils import timezone

from core.forms import FiscalYearField, WarekiDateField, WarekiDateTimeField


class DateForm(forms.Form):
    day = WarekiDateField(label="期限", required=False)
    moment = WarekiDateTimeField(label="開始日時", required=False)
    year = FiscalYearField(label="年度", required=False)


def test_it_accepts_each_way_clerks_type_a_day():
    for typed in ("R9.5.20", "令和9年5月20日", "2027-05-20", "２０２７/５/２０"):
        form = DateForm({"day": typed})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["day"] == datetime.date(2027, 5, 20)
    form = DateForm({"day": "H27.10.29"})
    assert form.is_valid() and form.cleaned_data["day"] == datetime.date(2015, 10, 29)


def test_it_says_what_is_wrong_next_to_the_field():
    form = DateForm({"day": "R9.2.30", "moment": "来週", "year": "来年度"})
    assert not form.is_valid()
    assert form.errors["day"] == ["その日付はありません。"]
    assert form.errors["moment"] == ["日付は R9.5.20、令和9年5月20日、2027-05-20 のように入力してください。"]
    assert form.errors["year"] == ["年度は 令和9年度、R9、2027 のように入力してください。"]


def test_it_shows_a_day_in_wareki_and_a_text_box_not_a_date_picker():
    form = DateForm(initial={"day": datetime.date(2027, 5, 20), "year": 2027})
    html = str(form["day"])
    assert 'type="text"' in html and 'value="令和9年5月20日"' in html
    assert 'value="令和9年度"' in str(form["year"])
    assert "R9.5.20" in str(form["day"].help_text)
    # The typed text is shown back as typed when it is refused.
    assert 'value="R9.2.30"' in str(DateForm({"day": "R9.2.30"})["day"])


def test_a_moment_is_read_in_the_portals_time_zone_and_shown_back():
    form = DateForm({"moment": "R9.5.20 14:00"})
    assert form.is_valid()
    moment = form.cleaned_data["moment"]
    assert timezone.is_aware(moment) and timezone.localtime(moment).hour == 14
    assert timezone.localtime(moment).date() == datetime.date(2027, 5, 20)
    shown = str(DateForm(initial={"moment": moment})["moment"])
    assert 'value="令和9年5月20日 14:00"' in shown
    assert DateForm({"moment": shown.split('value="')[1].split('"')[0]}).is_valid()


def test_a_model_fields_help_comes_first_then_the_examples():
    field = WarekiDateField(help_text="事業の開始日。")
    assert str(field.help_text).startswith("事業の開始日。") and "R9.5.20" in str(field.help_text)


def test_a_day_before_the_eras_is_shown_western_and_reads_back():
    shown = str(DateForm(initial={"day": datetime.date(1, 1, 1)})["day"])
    assert 'value="0001-01-01"' in shown
    form = DateForm({"day": "0001-01-01"})
    assert form.is_valid() and form.cleaned_data["day"] == datetime.date(1, 1, 1)


def test_odd_typing_is_shown_back_as_typed_not_failing():
    for typed in ("²", "99999999999999999999", "0", "１９８９"):
        form = DateForm({"year": typed, "day": typed, "moment": typed})
        form.is_valid()
        assert f'value="{typed}"' in str(form["year"]) and f'value="{typed}"' in str(form["day"])
    assert 'value="1800"' in str(DateForm(initial={"year": 1800})["year"])
