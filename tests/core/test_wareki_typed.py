"""Reading dates and fiscal years as clerks type them (core.wareki.parse_*)."""

import datetime

import pytest

from core.wareki import (
    WarekiParseError,
    format_fiscal_year,
    format_wareki,
    parse_date,
    parse_datetime,
    parse_fiscal_year,
    parse_time,
)

D = datetime.date


def _at(*parts):
    return datetime.datetime(*parts)  # noqa: DTZ001 - parse_datetime answers a naive local time


@pytest.mark.parametrize(("typed", "day"), [
    ("R9.5.20", D(2027, 5, 20)),
    ("r9.5.20", D(2027, 5, 20)),
    ("R09.05.20", D(2027, 5, 20)),
    ("R9/5/20", D(2027, 5, 20)),
    ("R9-5-20", D(2027, 5, 20)),
    ("令和9年5月20日", D(2027, 5, 20)),
    ("令和9年5月20", D(2027, 5, 20)),
    ("令和 9年 5月 20日", D(2027, 5, 20)),
    ("令和元年5月1日", D(2019, 5, 1)),
    ("R1.5.1", D(2019, 5, 1)),
    ("H27.10.29", D(2015, 10, 29)),
    ("平成27年10月29日", D(2015, 10, 29)),
    ("平成27年10月29日（木）", D(2015, 10, 29)),  # as format_wareki(weekday=True) prints it
    ("平成31年4月30日", D(2019, 4, 30)),
    ("平成元年1月8日", D(1989, 1, 8)),
    ("S64.1.7", D(1989, 1, 7)),
    ("昭和50年3月3日", D(1975, 3, 3)),
    ("T15.12.24", D(1926, 12, 24)),
    ("明治6年1月1日", D(1873, 1, 1)),
    ("M45.7.29", D(1912, 7, 29)),
    ("㍻27.10.29", D(2015, 10, 29)),  # the one-character era sign
    ("２０２７年５月２０日", D(2027, 5, 20)),  # full-width digits
    ("Ｒ９．５．２０", D(2027, 5, 20)),
    ("2027-05-20", D(2027, 5, 20)),
    ("2027/5/20", D(2027, 5, 20)),
    ("2027.5.20", D(2027, 5, 20)),
    ("2027年5月20日", D(2027, 5, 20)),
    ("20270520", D(2027, 5, 20)),
    ("  2027-05-20　", D(2027, 5, 20)),
    ("2024-02-29", D(2024, 2, 29)),
])
def test_it_reads_a_typed_day(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize(("typed", "message"), [
    ("", "日付を入力してください。"),
    ("明日", "日付は R9.5.20、令和9年5月20日、2027-05-20 のように入力してください。"),
    ("R9.2.30", "その日付はありません。"),
    ("2027-13-01", "その日付はありません。"),
    ("2023-02-29", "その日付はありません。"),
    ("R0.5.1", "元号の年は1（元年）からです。"),
    ("X9.5.20", "日付は R9.5.20、令和9年5月20日、2027-05-20 のように入力してください。"),
    ("R9.5", "日付は R9.5.20、令和9年5月20日、2027-05-20 のように入力してください。"),
    ("27.10.29", "日付は R9.5.20、令和9年5月20日、2027-05-20 のように入力してください。"),
])
def test_it_refuses_what_is_no_day_and_says_why(typed, message):
    with pytest.raises(WarekiParseError) as refused:
        parse_date(typed)
    assert str(refused.value) == message


@pytest.mark.parametrize("typed", ["平成31年5月1日", "H32.1.1", "令和1年4月30日", "昭和64年1月8日", "明治5.12.31"])
def test_it_refuses_a_day_outside_its_era_rather_than_moving_it(typed):
    with pytest.raises(WarekiParseError) as refused:
        parse_date(typed)
    assert "にその日付はありません" in str(refused.value)


def test_the_refusal_names_the_right_era():
    with pytest.raises(WarekiParseError) as refused:
        parse_date("H31.5.1")
    assert str(refused.value) == "平成にその日付はありません（2019-05-01は令和元年5月1日です）。"


def test_what_format_wareki_prints_reads_back():
    for day in (D(2015, 10, 29), D(2019, 5, 1), D(2027, 5, 20), D(1989, 1, 8)):
        assert parse_date(format_wareki(day)) == day
        assert parse_date(format_wareki(day, weekday=True)) == day
        assert parse_date(format_wareki(day, short=True)) == day


@pytest.mark.parametrize(("typed", "time"), [
    ("14:00", datetime.time(14, 0)), ("9:30", datetime.time(9, 30)), ("14時", datetime.time(14, 0)),
    ("14時30分", datetime.time(14, 30)), ("１４：００", datetime.time(14, 0)),
])
def test_it_reads_a_typed_time(typed, time):
    assert parse_time(typed) == time


@pytest.mark.parametrize("typed", ["25:00", "14:60", "午後2時", "14"])
def test_it_refuses_what_is_no_time(typed):
    with pytest.raises(WarekiParseError):
        parse_time(typed)


@pytest.mark.parametrize(("typed", "moment"), [
    ("R9.5.20 14:00", _at(2027, 5, 20, 14, 0)),
    ("令和9年5月20日 14時30分", _at(2027, 5, 20, 14, 30)),
    ("令和9年5月20日14時", _at(2027, 5, 20, 14, 0)),
    ("2027-05-20T14:00", _at(2027, 5, 20, 14, 0)),
    ("2027-05-20 9:05", _at(2027, 5, 20, 9, 5)),
    ("平成27年10月29日（木） 14:00", _at(2015, 10, 29, 14, 0)),
])
def test_it_reads_a_typed_day_and_time(typed, moment):
    assert parse_datetime(typed) == moment


def test_a_datetime_without_a_time_says_what_to_type():
    with pytest.raises(WarekiParseError) as refused:
        parse_datetime("R9.5.20")
    assert "日時は" in str(refused.value)
    with pytest.raises(WarekiParseError) as refused:
        parse_datetime("R9.2.30 14:00")
    assert str(refused.value) == "その日付はありません。"


@pytest.mark.parametrize(("typed", "year"), [
    ("令和9年度", 2027), ("令和9", 2027), ("R9", 2027), ("r9年度", 2027), ("令和元年度", 2019),
    ("平成27年度", 2015), ("H27", 2015), ("平成31年度", 2019), ("2027", 2027), ("2027年度", 2027),
    ("FY2027", 2027), ("２０２７", 2027), ("Ｒ９年度", 2027),
])
def test_it_reads_a_typed_fiscal_year(typed, year):
    assert parse_fiscal_year(typed) == year


@pytest.mark.parametrize("typed", ["", "来年度", "27", "R", "令和九年度"])
def test_it_refuses_what_is_no_fiscal_year(typed):
    with pytest.raises(WarekiParseError):
        parse_fiscal_year(typed)


def test_a_printed_fiscal_year_reads_back():
    for year in (1989, 2015, 2019, 2027):
        assert parse_fiscal_year(format_fiscal_year(year)) == year
