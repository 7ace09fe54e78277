"""The fiscal year's participation matrix and the outreach list (声かけ先) as files.

Both stream: the rows are read a chunk of corporations at a time (selectors), so the whole
register can be exported while the page shows one page of it. A mark is ○ (came), × (invited,
did not come) or an empty cell (not invited: neither present nor absent). Empty, not "－": a
corporation is invited to a few of a large year's meetings, and an empty cell costs nothing
to write, which keeps a 100× year's .xlsx (hundreds of thousands of cells) quick.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import XlsxBook, ascii_filename, csv_response
from core.wareki import format_fiscal_year, format_wareki

from .selectors.outreach import OutreachList
from .selectors.participation import YearCorporations, held_meetings, meeting_totals

MARK_ATTENDED, MARK_ABSENT = "○", "×"
# A mark's text (None: not invited, an empty cell); a look-up a cell, 1.6 million at 100×.
MARK_TEXT = {None: None, True: MARK_ATTENDED, False: MARK_ABSENT}


def _meeting_label(meeting) -> str:
    return f"{meeting.short_title}（{format_wareki(meeting.starts_at, short=True)}）"


def matrix_header(meetings) -> list[str]:
    return [_("法人名"), _("フリガナ"), _("地域"), *[_meeting_label(m) for m in meetings],
            _("出席回数"), _("案内された回数"), _("参加率（%）")]


def matrix_row(row) -> list:
    corporation = row.corporation
    return [corporation.name, corporation.name_kana, corporation.home_area.name,
            *map(MARK_TEXT.__getitem__, row.marks), row.attended, row.invited, row.participation_rate]


def total_rows(totals) -> list[list]:
    """The matrix's total rows: corporations invited, that came, and the rate, per meeting."""
    return [
        [_("案内した法人数"), "", "", *[t.invited for t in totals], "", "", ""],
        [_("出席法人数"), "", "", *[t.attended for t in totals], "", "", ""],
        [_("出席率（%）"), "", "", *[t.attendance_rate for t in totals], "", "", ""],
    ]


def _matrix_rows(year: YearCorporations, totals):
    for row in year:
        yield matrix_row(row)
    yield from total_rows(totals)


def _caption(fiscal_year: int, what: str, area) -> str:
    text = f"{format_fiscal_year(fiscal_year)} {what}"
    return f"{text}（{area.name}）" if area else text


def _names(stem_ja: str, stem_ascii: str, fiscal_year: int, area, extension: str) -> tuple[str, str]:
    """参加状況_2015.xlsx (参加状況_2015_練馬.xlsx for one area), participation-2015.xlsx as fallback."""
    suffix = f"_{area.name}" if area else ""
    japanese = f"{stem_ja}_{fiscal_year}{suffix}.{extension}"
    fallback = ascii_filename(f"{stem_ascii}-{fiscal_year}" + (f"-area{area.pk}" if area else ""), extension)
    return japanese, fallback


def meetings_header() -> list[str]:
    return [_("回"), _("開催日"), _("会場"), _("案内した法人数"), _("出席法人数"), _("出席率（%）")]


def meetings_rows(totals) -> list[list]:
    return [
        [t.meeting.short_title, timezone.localtime(t.meeting.starts_at).date(), t.meeting.venue,
         t.invited, t.attended, t.attendance_rate]
        for t in totals
    ]


def areas_header() -> list[str]:
    return [_("地域"), _("法人数"), _("延べ出席"), _("延べ案内"), _("参加率（%）")]


def areas_rows(areas) -> list[list]:
    return [[a.area.name, a.corporations, a.attendances, a.possible, a.participation_rate] for a in areas]


def matrix_xlsx_response(fiscal_year: int, area=None):
    meetings = held_meetings(fiscal_year)
    totals = meeting_totals(meetings, area)
    caption = _caption(fiscal_year, _("連絡会 参加状況（○ 出席、× 欠席、空欄 案内なし）"), area)
    book = XlsxBook()
    widths = [30, 24, 10, *[14 for _m in meetings], 10, 12, 10]
    year = YearCorporations(meetings, area)
    book.add_sheet(_("参加状況"), matrix_header(meetings), _matrix_rows(year, totals),
                   caption=caption, widths=widths)
    book.add_sheet(_("連絡会ごと"), meetings_header(), meetings_rows(totals), caption=caption,
                   widths=[10, 20, 30, 14, 12, 12])
    if area is None:
        book.add_sheet(_("地域別"), areas_header(), areas_rows(year.areas()),
                       caption=caption, widths=[12, 10, 10, 10, 12])
    filename, fallback = _names(_("参加状況"), "participation", fiscal_year, area, "xlsx")
    return book.response(filename, ascii_name=fallback)


def matrix_csv_response(fiscal_year: int, area=None):
    meetings = held_meetings(fiscal_year)
    totals = meeting_totals(meetings, area)
    filename, fallback = _names(_("参加状況"), "participation", fiscal_year, area, "csv")
    rows = _matrix_rows(YearCorporations(meetings, area), totals)
    return csv_response(filename, matrix_header(meetings), rows, ascii_name=fallback)


def outreach_header() -> list[str]:
    return [_("法人名"), _("フリガナ"), _("地域"), _("代表者"), _("電話番号"), _("メールアドレス"),
            _("連続欠席"), _("最後の出席")]


def outreach_row(row) -> list:
    corporation = row.corporation
    last = timezone.localtime(row.last_attended_at).date() if row.last_attended_at else None
    return [corporation.name, corporation.name_kana, corporation.home_area.name, corporation.representative,
            corporation.phone, corporation.email, row.missed_in_a_row, last]


def _outreach_rows(fiscal_year, after_missed, area):
    return (outreach_row(row) for row in OutreachList(fiscal_year, after_missed, area))


def outreach_xlsx_response(fiscal_year: int, after_missed: int, area=None):
    caption = _caption(fiscal_year, _("声かけ先（%(n)s回以上続けて欠席）") % {"n": after_missed}, area)
    book = XlsxBook()
    book.add_sheet(_("声かけ先"), outreach_header(), _outreach_rows(fiscal_year, after_missed, area),
                   caption=caption, widths=[30, 24, 10, 16, 16, 26, 10, 18])
    filename, fallback = _names(_("声かけ先"), "outreach", fiscal_year, area, "xlsx")
    return book.response(filename, ascii_name=fallback)


def outreach_csv_response(fiscal_year: int, after_missed: int, area=None):
    filename, fallback = _names(_("声かけ先"), "outreach", fiscal_year, area, "csv")
    return csv_response(filename, outreach_header(), _outreach_rows(fiscal_year, after_missed, area),
                        ascii_name=fallback)
