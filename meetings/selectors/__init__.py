"""Reads that join across models, and the access helpers scoped to what a user may see.

Meetings themselves (date, venue, programme, material) are seen by staff and by every
member corporation. Answers and attendees are personal data: a member sees its own
corporation's answer only; staff see all. One module per job: meetings, invitations and
answers, the attendance screen and sign-in sheet, the per-area report, participation.
"""

from .attendance import (
    AttendanceScreen,
    area_group_rows,
    area_groups,
    attendance_context,
    attendance_rows,
    attendance_screen,
    signin_sheet_pages,
)
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
from .participation import OUTREACH_AFTER_MISSED, AreaParticipation, ParticipationRow, needs_outreach, participation
from .reports import AreaReport, MeetingReport, area_report, minutes_context, percentage

__all__ = [
    "INVITE_PAGE_SIZE", "MAIL_LOG_PAGE_SIZE", "invite_candidates", "letter_invitations", "mail_log", "mail_totals",
    "unreached_invitations",
    "OUTREACH_AFTER_MISSED", "AreaParticipation", "AreaReplies", "AreaReport", "AttendanceScreen", "MeetingReport",
    "ParticipationRow", "active_area_choices", "answer_rows", "area_group_rows", "area_groups", "area_report",
    "attendance_context", "attendance_rows", "attendance_screen", "corporation_invitations", "fiscal_years",
    "get_attachment_for_user", "get_invitation_for_user", "get_meeting_for_user", "get_series_for_user",
    "latest_fiscal_year_held", "meeting_detail", "meetings_by_fiscal_year", "meetings_queryset", "minutes_context",
    "needs_outreach", "next_meeting", "participation", "percentage", "programme", "replies_overview",
    "signin_sheet_pages",
    "visible_invitations",
]
