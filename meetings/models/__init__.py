"""Liaison meetings (連絡会): series, meetings, programme, material, invitations, attendance.

Attendees' names are personal data: only staff see other corporations' attendees, and a
member sees its own corporation's answer only (see selectors.py).

Nothing recorded disappears by cascade: the records of a meeting (programme, material,
invitations and their names, attendance, group notes) PROTECT the meeting, and a facility
named on attendance or on an answer cannot be deleted (it retires with 運営中 instead).
"""

from .attendance import AreaGroup, Attendee, Guest
from .invitations import Invitation, MeetingMail, RsvpPerson
from .meetings import (
    Attachment,
    Meeting,
    MeetingSeries,
    ProgramItem,
    attachment_path,
)
from .minutes import Minutes, MinutesDecision, MinutesFollowUp

__all__ = [
    "AreaGroup",
    "Attachment",
    "Attendee",
    "Guest",
    "Invitation",
    "Meeting",
    "MeetingMail",
    "MeetingSeries",
    "Minutes",
    "MinutesDecision",
    "MinutesFollowUp",
    "ProgramItem",
    "RsvpPerson",
    "attachment_path",
]
