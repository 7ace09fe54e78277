"""Writes of the meetings app. Each runs in a transaction and is recorded in the history.

Each asks meetings/policies.py again before it writes (PermissionDenied, or ValidationError
for an answer that comes too late). Single rows are saved with core.saving.save_recorded
(checked, as the acting user, only the changed fields); bulk writes use
django-simple-history's bulk helpers so that a 63-row attendance save stays a handful of
queries and still leaves a history row per attendee.

Create services take every field as a keyword argument; update services take only what
changed (`**changes`, typed by a TypedDict).

One module per job: meetings (and programmes, material), invitations and answers, attendance,
guests, minutes; rows.py writes many rows of a meeting in a few statements.
"""

from .attendance import (
    AreaGroupChanges,
    AttendanceConflict,
    AttendanceResult,
    area_groups_save,
    attendance_mark_as_answered,
    attendance_save,
)
from .guests import GuestChanges, guest_add, guest_update
from .invitations import (
    MailingResult,
    PersonFields,
    invitations_remind,
    invitations_send,
    reminders_send_due,
    rsvp_answer,
)
from .meetings import (
    MeetingChanges,
    ProgramItemChanges,
    attachment_add,
    check_manager,
    meeting_copy,
    meeting_create,
    meeting_update,
    program_save,
    series_create,
)
from .minutes import DecisionFields, FollowUpFields, MinutesChanges, minutes_save

__all__ = [
    "AreaGroupChanges",
    "AttendanceConflict",
    "AttendanceResult",
    "DecisionFields",
    "FollowUpFields",
    "GuestChanges",
    "MailingResult",
    "MeetingChanges",
    "MinutesChanges",
    "PersonFields",
    "ProgramItemChanges",
    "area_groups_save",
    "attachment_add",
    "attendance_mark_as_answered",
    "attendance_save",
    "check_manager",
    "guest_add",
    "guest_update",
    "invitations_remind",
    "invitations_send",
    "meeting_copy",
    "meeting_create",
    "meeting_update",
    "minutes_save",
    "program_save",
    "reminders_send_due",
    "rsvp_answer",
    "series_create",
]
