"""Reads that join across models, and the access helpers scoped to what a user may see.

Meetings themselves (date, venue, programme, material) are seen by staff and by every
member corporation. Answers and attendees are personal data: a member sees its own
corporation's answer only; staff see all. One module per job: meetings, invitations and
answers, the attendance screen and sign-in sheet, the per-area report, the minutes, participation.
"""

from .attendance import (
    AttendanceScreen,
    area_group_guests,
    area_group_rows,
    area_groups,
    attendance_context,
    attendance_rows,
    attendance_screen,
    facilities_of,
    get_guest_for_meeting,
    signin_guests,
    signin_sheet_pages,
)
from .counts import attendance_counts, with_attendance_counts
from .invitations import (
    AreaReplies,
    active_area_choices,
    answer_rows,
    corporation_invitations,
    get_invitation_for_user,
    replies_overview,
    visible_invitations,
)
from .inviting import INVITE_PAGE_SIZE, invite_candidates
from .mail import MAIL_LOG_PAGE_SIZE, letter_invitations, mail_log, mail_totals, unreached_invitations
from .meetings import (
    fiscal_years,
    get_attachment_for_user,
    get_meeting_for_user,
    get_series_for_user,
    latest_fiscal_year_held,
    meeting_detail,
    meetings_by_fiscal_year,
    meetings_queryset,
    next_meeting,
    programme,
)
from .minutes import ProgrammeLine, get_minutes, minutes_context, minutes_rows
from .outreach import OUTREACH_AFTER_MISSED, OutreachList, OutreachRow, needs_outreach, outreach_list, outreach_rows
from .participation import (
    CORPORATIONS_PER_PAGE,
    MEETINGS_PER_PAGE,
    YearCorporations,
    held_meetings,
    matrix_page,
    meeting_totals,
    participation,
)
from .reports import AreaReport, MeetingReport, area_report, percentage
from .turnout import AreaParticipation, MatrixPage, MeetingTotal, ParticipationRow

__all__ = [
    "AreaParticipation",
    "AreaReplies",
    "AreaReport",
    "AttendanceScreen",
    "CORPORATIONS_PER_PAGE",
    "INVITE_PAGE_SIZE",
    "MAIL_LOG_PAGE_SIZE",
    "MEETINGS_PER_PAGE",
    "MatrixPage",
    "MeetingReport",
    "MeetingTotal",
    "OUTREACH_AFTER_MISSED",
    "OutreachList",
    "OutreachRow",
    "ParticipationRow",
    "ProgrammeLine",
    "YearCorporations",
    "active_area_choices",
    "answer_rows",
    "area_group_guests",
    "area_group_rows",
    "area_groups",
    "area_report",
    "attendance_context",
    "attendance_counts",
    "attendance_rows",
    "attendance_screen",
    "corporation_invitations",
    "facilities_of",
    "fiscal_years",
    "get_attachment_for_user",
    "get_guest_for_meeting",
    "get_invitation_for_user",
    "get_meeting_for_user",
    "get_minutes",
    "get_series_for_user",
    "held_meetings",
    "invite_candidates",
    "latest_fiscal_year_held",
    "letter_invitations",
    "mail_log",
    "mail_totals",
    "matrix_page",
    "meeting_detail",
    "meeting_totals",
    "meetings_by_fiscal_year",
    "meetings_queryset",
    "minutes_context",
    "minutes_rows",
    "needs_outreach",
    "next_meeting",
    "outreach_list",
    "outreach_rows",
    "participation",
    "percentage",
    "programme",
    "replies_overview",
    "signin_guests",
    "signin_sheet_pages",
    "unreached_invitations",
    "visible_invitations",
    "with_attendance_counts",
]
