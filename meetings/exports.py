"""The per-area attendance report as files: an .xlsx book (totals, then one sheet per area) and a CSV."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import XlsxBook, ascii_filename, csv_response
from core.wareki import format_wareki

from .selectors import MeetingReport


def attendee_header() -> list[str]:
    return [_("地域"), _("法人名"), _("施設・事業所"), _("氏名"), _("役職"), _("グループ"), _("当日参加")]


def attendee_row(area, attendee) -> list:
    return [
        area.name, attendee.corporation.name, attendee.facility.name if attendee.facility else "",
        attendee.name, attendee.title, attendee.area.name, _("はい") if attendee.walk_in else "",
    ]


def totals_header() -> list[str]:
    return [_("地域"), _("案内した法人数"), _("出席法人数"), _("欠席法人数"), _("出席率（%）"), _("出席者数")]


def totals_rows(report: MeetingReport) -> list[list]:
    rows = [
        [r.area.name, r.total, len(r.attended), len(r.absent), r.attendance_rate, len(r.attendees)]
        for r in report.areas
    ]
    rows.append([_("合計"), report.total_count, report.attended_count, report.absent_count,
                 report.attendance_rate, report.attendee_count])
    return rows


def area_sheet_rows(area_report) -> list[list]:
    """The people present from one area, then its corporations that did not come."""
    rows = [attendee_row(area_report.area, a) for a in area_report.attendees]
    rows += [[area_report.area.name, c.name, "", _("（欠席）"), "", "", ""] for c in area_report.absent]
    return rows


def _names(meeting, extension: str) -> tuple[str, str]:
    """出席報告_2回_20151029.csv, and attendance-2015-10-29.csv for browsers without filename*."""
    day = timezone.localtime(meeting.starts_at).date()
    japanese = _("出席報告_%(number)s回_%(date)s.%(ext)s") % {
        "number": meeting.number, "date": day.strftime("%Y%m%d"), "ext": extension,
    }
    return japanese, ascii_filename(f"attendance-{day.isoformat()}", extension)


def _caption(meeting) -> str:
    return _("第%(number)s回 連絡会 出席報告（%(date)s）") % {
        "number": meeting.number, "date": format_wareki(meeting.starts_at),
    }


ATTENDEE_WIDTHS = [10, 30, 26, 16, 16, 10, 8]


def report_xlsx_response(report: MeetingReport):
    book = XlsxBook()
    caption = _caption(report.meeting)
    book.add_sheet(_("集計"), totals_header(), totals_rows(report), caption=caption, widths=[12, 14, 12, 12, 12, 10])
    for area_report in report.areas:
        # An area named "大泉/西" gets the sheet "大泉／西": core makes any title one Excel takes.
        book.add_sheet(area_report.area.name, attendee_header(), area_sheet_rows(area_report),
                       caption=f"{caption}　{area_report.area.name}", widths=ATTENDEE_WIDTHS)
    if report.guests:
        # Guests (no corporation) on a sheet of their own: counted apart from the corporations.
        book.add_sheet(
            _("来賓・関係者"), [_("所属"), _("氏名"), _("役職"), _("グループ"), _("当日参加")],
            [[g.organisation, g.name, g.title, g.area.name if g.area else "", _("はい") if g.walk_in else ""]
             for g in report.guests],
            caption=f"{caption}　{_('来賓・関係者（法人以外）')}", widths=[26, 16, 16, 10, 8],
        )
    filename, fallback = _names(report.meeting, "xlsx")
    return book.response(filename, ascii_name=fallback)


def report_csv_response(report: MeetingReport):
    # The same rows as the .xlsx area sheets, in the same order: the people present, then
    # each area's absent corporations ("（欠席）"). A clerk who opens either file sees who
    # did not come; the test compares the two files row by row.
    rows = (row for area_report in report.areas for row in area_sheet_rows(area_report))
    filename, fallback = _names(report.meeting, "csv")
    return csv_response(filename, attendee_header(), rows, ascii_name=fallback)
