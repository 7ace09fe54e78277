"""Who may do what with meetings: one named function per action, the only place each rule is written.

Views ask these and pass the answers to templates; services ask again before they write.
Meetings themselves (date, venue, programme, material) are seen by staff and by every
member corporation; answers and attendees are personal data (see selectors.py).
"""

from django.utils.translation import gettext_lazy

from accounts.policies import is_council_staff, is_editor_of, is_staff_or_member_of, staff_and_members, staff_only

# Shown on the answer page once a meeting takes no more answers, and raised by the service.
ANSWERS_CLOSED_MESSAGE = gettext_lazy("連絡会が始まったため、回答は変更できません。事務局にご連絡ください。")
DEADLINE_PASSED_MESSAGE = gettext_lazy("回答期限を過ぎたため、回答は変更できません。事務局にご連絡ください。")


@staff_only
def can_manage_meetings(user) -> bool:
    """Create, edit and copy meetings and series, their programme, material and invitations: staff."""


@staff_and_members
def can_view_meetings(user) -> bool:
    """Every meeting, its page, programme, material and calendar entry: staff and the members
    of any corporation (a meeting is no secret among them)."""


@staff_only
def can_see_mail_log(user) -> bool:
    """A meeting's mail log (to whom, when, sent or failed) and its printed letters: staff."""


@staff_only
def can_see_replies(user) -> bool:
    """Every corporation's answers to a meeting: staff."""


@staff_only
def can_take_attendance(user) -> bool:
    """The attendance screen, the sign-in sheet, the area groups and the minutes: staff."""


@staff_only
def can_see_reports(user) -> bool:
    """Per-area reports, their exports and the fiscal year's participation: staff."""


@staff_only
def can_read_meeting_history(user) -> bool:
    """A meeting's change history (変更履歴) and restoring an earlier version of it: staff."""


@staff_only
def can_read_minutes(user) -> bool:
    """A meeting's minutes (議事録), printed or as .docx: staff (they name the people present)."""


@staff_only
def can_write_minutes(user) -> bool:
    """Write a meeting's minutes: its course, decisions and follow-ups: staff."""


def members_may_answer(meeting) -> bool:
    """The meeting takes its members' own answers: planned, not started, and its answer deadline
    (回答期限, inclusive) not over. After that only staff enter answers (代理入力)."""
    return meeting.accepts_answers and not meeting.answer_deadline_passed


def answers_closed_message(meeting):
    """Why a member can no longer answer: the deadline passed, or the meeting started."""
    if meeting.accepts_answers and meeting.answer_deadline_passed:
        return DEADLINE_PASSED_MESSAGE
    return ANSWERS_CLOSED_MESSAGE


def can_answer(user, invitation) -> bool:
    """Staff at any time (代理入力); an editor of the invited corporation while the meeting
    takes members' answers (members_may_answer)."""
    if is_council_staff(user):
        return True
    return is_editor_of(user, invitation.corporation_id) and members_may_answer(invitation.meeting)


def can_see_invitations_of(user, corporation_id: int) -> bool:
    """A corporation's invitations and answers: staff, or a member of that corporation."""
    return is_staff_or_member_of(user, corporation_id)
