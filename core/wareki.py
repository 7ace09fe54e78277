"""Japanese era dates (和暦) and fiscal years (年度), the way ward offices print them."""

import datetime
import re
import unicodedata

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
# The Gregorian year of each era's first year (元年). Meiji began in 1868, but the portal prints
# 和暦 only from 1873 (the solar calendar), the first day in ERAS.
ERA_FIRST_YEAR = {"令和": 2019, "平成": 1989, "昭和": 1926, "大正": 1912, "明治": 1868}
WEEKDAYS_JA = "月火水木金土日"
# Excel's number format for a date cell in 和暦 (平成27年10月29日, 令和元年 for 2019, the
# ja-JP-x-gannen tag); openpyxl reads such a cell back as a datetime. Japanese in any
# language, like the era names.
XLSX_WAREKI_FORMAT = '[$-ja-JP-x-gannen]ggge"年"m"月"d"日";@'
# The fiscal years the portal records and prints: 1989 = 平成元年, it prints 年度 in 平成/令和 only.
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 1989, 2100


def is_printable_fiscal_year(fiscal_year: int | None) -> bool:
    """A fiscal year a row may hold (printable_fiscal_year, its CheckConstraint): one that 和暦 can print."""
    return fiscal_year is not None and FIRST_FISCAL_YEAR <= fiscal_year <= LAST_FISCAL_YEAR


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
            return name, day.year - ERA_FIRST_YEAR[name] + 1
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


# --- Reading what clerks type -------------------------------------------------------------

# The era's letters as offices type them (R9.5.20, h27.10.29); the names as NFKC leaves them
# (㍻ becomes 平成).
_ERA_BY_TYPED = {**{name: name for _start, name in ERAS}, **{initial: name for name, initial in ERA_INITIALS.items()}}
_ERA_START = {name: start for start, name in ERAS}
_ERA_NAMES = "|".join([name for _start, name in ERAS] + list(ERA_INITIALS.values()))
_SEP = r"\s*[-/.年]\s*"
_WAREKI_DATE = re.compile(
    rf"^(?P<era>{_ERA_NAMES})\s*(?P<year>元|\d{{1,2}}){_SEP}(?P<month>\d{{1,2}})\s*[-/.月]\s*(?P<day>\d{{1,2}})\s*日?$",
    re.IGNORECASE,
)
_WESTERN_DATE = re.compile(rf"^(?P<year>\d{{4}}){_SEP}(?P<month>\d{{1,2}})\s*[-/.月]\s*(?P<day>\d{{1,2}})\s*日?$")
_COMPACT_DATE = re.compile(r"^(?P<year>\d{4})(?P<month>\d{2})(?P<day>\d{2})$")
# A weekday printed after a date, as format_wareki(weekday=True) does: （水） or (水).
_WEEKDAY_SUFFIX = re.compile(rf"\s*[(（][{WEEKDAYS_JA}][)）]\s*$")
_TIME = re.compile(r"^(?P<hour>\d{1,2})(?::(?P<minute>\d{2})|時(?:(?P<minute_ja>\d{1,2})分?)?)$")
_DATETIME = re.compile(r"^(?P<date>.+?)[\sT]*(?P<time>\d{1,2}(?::\d{2}|時(?:\d{1,2}分?)?))$")
_FISCAL_YEAR = re.compile(
    rf"^(?:(?P<era>{_ERA_NAMES})\s*(?P<era_year>元|\d{{1,2}})|(?:FY\s*)?(?P<year>\d{{4}}))\s*(?:年度|年)?$",
    re.IGNORECASE,
)


class WarekiParseError(ValueError):
    """What was typed is not a date (or fiscal year) this portal reads; the message says why, in Japanese."""


def _clean_typed(text: str) -> str:
    # NFKC: full-width digits and letters, ideographic spaces and the ㍻-like era signs become plain.
    return unicodedata.normalize("NFKC", str(text)).strip()


def _era_to_western(era_typed: str, year_typed: str) -> tuple[str, int]:
    name = _ERA_BY_TYPED.get(era_typed) or _ERA_BY_TYPED[era_typed.upper()]
    era_year = 1 if year_typed == "元" else int(year_typed)
    if era_year < 1:
        raise WarekiParseError(_("元号の年は1（元年）からです。"))
    return name, ERA_FIRST_YEAR[name] + era_year - 1


def _checked_era_date(name: str, year: int, month: int, day: int) -> datetime.date:
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        raise WarekiParseError(_("その日付はありません。")) from None
    start = _ERA_START[name]
    ends = min((s for s, _n in ERAS if s > start), default=None)
    if date < start or (ends is not None and date >= ends):
        raise WarekiParseError(
            _("%(era)sにその日付はありません（%(date)sは%(right)sです）。")
            % {"era": name, "date": date.isoformat(), "right": format_wareki(date) if date >= ERAS[-1][0] else date}
        )
    return date


def parse_date(text: str) -> datetime.date:
    """A day as clerks type it: R9.5.20, 令和9年5月20日, 令和元年5月1日, H27.10.29, 2027-05-20,
    2027/5/20, 2027年5月20日, 20270520 (full-width digits too, a trailing （水） ignored).

    An era date outside its era (平成31年5月1日, which is 令和元年) is refused, not moved.
    Raises WarekiParseError with a Japanese message.
    """
    typed = _WEEKDAY_SUFFIX.sub("", _clean_typed(text))
    if not typed:
        raise WarekiParseError(_("日付を入力してください。"))
    if match := _WAREKI_DATE.match(typed):
        name, year = _era_to_western(match["era"], match["year"])
        return _checked_era_date(name, year, int(match["month"]), int(match["day"]))
    if match := _WESTERN_DATE.match(typed) or _COMPACT_DATE.match(typed):
        try:
            return datetime.date(int(match["year"]), int(match["month"]), int(match["day"]))
        except ValueError:
            raise WarekiParseError(_("その日付はありません。")) from None
    raise WarekiParseError(_("日付は R9.5.20、令和9年5月20日、2027-05-20 のように入力してください。"))


def parse_time(text: str) -> datetime.time:
    """14:00, 9:30, 14時, 14時30分."""
    match = _TIME.match(_clean_typed(text))
    if not match:
        raise WarekiParseError(_("時刻は 14:00 のように入力してください。"))
    minute = match["minute"] or match["minute_ja"] or "0"
    try:
        return datetime.time(int(match["hour"]), int(minute))
    except ValueError:
        raise WarekiParseError(_("その時刻はありません。")) from None


def parse_datetime(text: str) -> datetime.datetime:
    """A day and a time: R9.5.20 14:00, 令和9年5月20日 14時30分, 2027-05-20T14:00. Naive: the caller
    puts it in the portal's time zone."""
    typed = _clean_typed(text)
    match = _DATETIME.match(typed)
    if not match:
        parse_date(typed)  # says what is wrong with the day, if it is the day
        raise WarekiParseError(_("日時は R9.5.20 14:00、令和9年5月20日 14:00 のように入力してください。"))
    return datetime.datetime.combine(parse_date(match["date"]), parse_time(match["time"]))


def parse_fiscal_year(text) -> int:
    """A fiscal year typed as 和暦 or Western: 令和9年度, R9, 令和元年度, H27, 2027, 2027年度, FY2027.

    The era year counts as offices count fiscal years: 令和9年度 = 2027 (format_fiscal_year's inverse).
    """
    typed = _clean_typed(text)
    match = _FISCAL_YEAR.match(typed)
    if not match:
        raise WarekiParseError(_("年度は 令和9年度、R9、2027 のように入力してください。"))
    if match["year"]:
        return int(match["year"])
    _name, year = _era_to_western(match["era"], match["era_year"])
    return year
