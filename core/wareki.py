"""Japanese era dates (和暦) and fiscal years (年度), the way ward offices print them."""

import datetime

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

# (first day, name); newest first. Dates before Meiji 6 are not printed in 和暦 here.
ERAS: list[tuple[datetime.date, str]] = [
    (datetime.date(2019, 5, 1), "令和"),
    (datetime.date(1989, 1, 8), "平成"),
    (datetime.date(1926, 12, 25), "昭和"),
    (datetime.date(1912, 7, 30), "大正"),
    (datetime.date(1873, 1, 1), "明治"),
]
WEEKDAYS_JA = "月火水木金土日"
# Excel's number format for a date cell in 和暦 (平成27年10月29日, 令和元年 for 2019, the
# ja-JP-x-gannen tag); openpyxl reads such a cell back as a datetime. Japanese in any
# language, like the era names.
XLSX_WAREKI_FORMAT = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.date()
    return value


def era_of(day: datetime.date) -> tuple[str, int]:
    """The era name and the year within it: 2015-10-29 → ("平成", 27)."""
    for start, name in ERAS:
        if day >= start:
            return name, day.year - start.year + 1
    raise ValueError(f"{day} is before the eras this portal prints")


def era_year_label(name: str, year: int) -> str:
    # The first year of an era is printed 元年, as offices do.
    return f"{name}{'元' if year == 1 else year}年"


def fiscal_year_of(value: datetime.date | datetime.datetime) -> int:
    """The fiscal year (April to March) a day falls in: 2016-02-10 → 2015."""
    day = _as_date(value)
    return day.year if day.month >= 4 else day.year - 1


def current_fiscal_year() -> int:
    """The fiscal year of today, in the portal's time zone."""
    return fiscal_year_of(timezone.localdate())


def fiscal_year_bounds(fiscal_year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(fiscal_year, 4, 1), datetime.date(fiscal_year + 1, 3, 31)


def _japanese() -> bool:
    return (get_language() or "ja").startswith("ja")


# The era's initial for the short form offices use in narrow columns (H27.10.29).
ERA_INITIALS = {"令和": "R", "平成": "H", "昭和": "S", "大正": "T", "明治": "M"}


def format_wareki(value, *, weekday: bool = False, short: bool = False) -> str:
    """平成27年10月29日 (with （木） when weekday is asked); H27.10.29 when short is asked;
    Gregorian in English (2015-10-29 when short)."""
    if value in (None, ""):
        return ""
    day = _as_date(value)
    if short:
        if not _japanese():
            return day.isoformat()
        name, year = era_of(day)
        return f"{ERA_INITIALS[name]}{year}.{day.month}.{day.day}"
    if not _japanese():
        text = day.strftime("%-d %b %Y")
        return f"{text} ({day.strftime('%a')})" if weekday else text
    name, year = era_of(day)
    text = f"{era_year_label(name, year)}{day.month}月{day.day}日"
    if weekday:
        text += f"（{WEEKDAYS_JA[day.weekday()]}）"
    return text


def format_fiscal_year(fiscal_year: int | None) -> str:
    """平成27年度 for 2015. The era is the one in force on 1 May, so FY2019 is 令和元年度."""
    if fiscal_year in (None, ""):
        return ""
    fiscal_year = int(fiscal_year)
    if not _japanese():
        return _("FY%(year)s") % {"year": fiscal_year}
    name, year = era_of(datetime.date(fiscal_year, 5, 1))
    return f"{era_year_label(name, year)}度"
