import datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core.wareki import era_of, fiscal_year_of, format_fiscal_year, format_wareki


@pytest.fixture(autouse=True)
def _in_japanese():
    """Era names are Japanese words: every test reads them in Japanese unless it switches to English."""
    with translation.override("ja"):
        yield


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2015, 10, 29), "平成27年10月29日"),
        (datetime.date(2015, 7, 29), "平成27年7月29日"),
        (datetime.date(1989, 1, 7), "昭和64年1月7日"),
        (datetime.date(1989, 1, 8), "平成元年1月8日"),
        (datetime.date(2019, 4, 30), "平成31年4月30日"),
        (datetime.date(2019, 5, 1), "令和元年5月1日"),
        (datetime.date(2026, 11, 27), "令和8年11月27日"),
    ],
)
def test_it_prints_dates_in_the_japanese_era(day, expected):
    assert format_wareki(day) == expected


def test_it_adds_the_weekday_as_offices_do():
    assert format_wareki(datetime.date(2015, 10, 29), weekday=True) == "平成27年10月29日（木）"


def test_it_prints_an_aware_datetime_on_its_tokyo_date():
    # 2015-10-28 16:00 UTC is already the 29th in Tokyo.
    moment = datetime.datetime(2015, 10, 28, 16, 0, tzinfo=ZoneInfo("UTC"))
    assert format_wareki(moment) == "平成27年10月29日"


@pytest.mark.parametrize(
    ("day", "fiscal_year"),
    [
        (datetime.date(2015, 4, 1), 2015),
        (datetime.date(2016, 3, 31), 2015),
        (datetime.date(2016, 2, 10), 2015),
        (datetime.date(2015, 3, 31), 2014),
    ],
)
def test_it_finds_the_fiscal_year_april_to_march(day, fiscal_year):
    assert fiscal_year_of(day) == fiscal_year


@pytest.mark.parametrize(
    ("fiscal_year", "label"),
    [(2015, "平成27年度"), (1988, "昭和63年度"), (1989, "平成元年度"), (2019, "令和元年度"), (2020, "令和2年度")],
)
def test_it_names_fiscal_years_in_the_era(fiscal_year, label):
    assert format_fiscal_year(fiscal_year) == label


def test_it_prints_gregorian_dates_in_english():
    with translation.override("en"):
        assert format_wareki(datetime.date(2015, 10, 29), weekday=True) == "29 Oct 2015 (Thu)"
        assert format_fiscal_year(2015) == "FY2015"


def test_it_refuses_dates_before_the_eras_it_knows():
    with pytest.raises(ValueError):
        era_of(datetime.date(1850, 1, 1))


def test_it_offers_template_filters():
    template = Template('{% load wareki %}{{ day|wareki:"weekday" }} {{ fy|fiscal_year }} [{{ none|wareki }}]')
    text = template.render(Context({"day": datetime.date(2015, 10, 29), "fy": 2015, "none": None}))
    assert text == "平成27年10月29日（木） 平成27年度 []"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (datetime.date(2015, 10, 29), "H27.10.29"),
        (datetime.date(2019, 5, 1), "R1.5.1"),
        (datetime.date(1989, 1, 7), "S64.1.7"),
    ],
)
def test_it_prints_a_short_form_for_narrow_columns(day, expected):
    assert format_wareki(day, short=True) == expected
    assert Template('{% load wareki %}{{ d|wareki:"short" }}').render(Context({"d": day})) == expected
    with translation.override("en"):
        assert format_wareki(day, short=True) == day.isoformat()
