"""The per-area attendance report as files: an .xlsx book (totals, then one sheet per area) and a CSV."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import XlsxBook, csv_response

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


def export_name(meeting, extension: str) -> str:
    return _("出席報告_%(number)s回_%(date)s.%(ext)s") % {
        "number": meeting.number, "date": timezone.localtime(meeting.starts_at).strftime("%Y%m%d"), "ext": extension,
    }


def report_xlsx_response(report: MeetingReport):
    book = XlsxBook()
    book.add_sheet(_("集計"), totals_header(), totals_rows(report))
    for area_report in report.areas:
        book.add_sheet(area_report.area.name, attendee_header(), area_sheet_rows(area_report))
    return book.response(export_name(report.meeting, "xlsx"))


def report_csv_response(report: MeetingReport):
    rows = (attendee_row(r.area, a) for r in report.areas for a in r.attendees)
    return csv_response(export_name(report.meeting, "csv"), attendee_header(), rows)
