"""meetings/policies.py: every rule asked of every persona (plus a user with no membership)."""

import datetime

import pytest
from django.utils import timezone

from meetings import policies
from tests.conftest import POLICY_ROLES, user_for

from .factories import InvitationFactory, MeetingFactory


def _expect(allowed: set, role: str) -> bool:
    return role in allowed


STAFF = {"staff"}


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_lets_only_staff_manage_meetings(world, role):
    assert policies.can_manage_meetings(user_for(world, role)) is _expect(STAFF, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_shows_meetings_to_staff_and_every_member(world, role):
    allowed = {"editor_a", "viewer_a", "editor_b", "staff"}
    assert policies.can_view_meetings(user_for(world, role)) is _expect(allowed, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_lets_staff_and_the_corporations_editor_answer_while_the_meeting_takes_answers(world, role):
    invitation = InvitationFactory(corporation=world.corp_a, meeting=MeetingFactory())
    assert invitation.meeting.accepts_answers
    assert policies.can_answer(user_for(world, role), invitation) is _expect({"editor_a", "staff"}, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_lets_only_staff_answer_once_the_meeting_has_started(world, role):
    start = timezone.now() - datetime.timedelta(hours=1)
    meeting = MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    invitation = InvitationFactory(corporation=world.corp_a, meeting=meeting)
    assert not meeting.accepts_answers
    assert policies.can_answer(user_for(world, role), invitation) is _expect(STAFF, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_lets_only_staff_answer_for_a_cancelled_meeting(world, role):
    invitation = InvitationFactory(corporation=world.corp_a, meeting=MeetingFactory(status="cancelled"))
    assert policies.can_answer(user_for(world, role), invitation) is _expect(STAFF, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_shows_a_corporations_invitations_to_staff_and_its_members(world, role):
    allowed = {"editor_a", "viewer_a", "staff"}
    assert policies.can_see_invitations_of(user_for(world, role), world.corp_a.pk) is _expect(allowed, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_shows_every_corporations_replies_to_staff_only(world, role):
    assert policies.can_see_replies(user_for(world, role)) is _expect(STAFF, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_lets_only_staff_take_attendance(world, role):
    assert policies.can_take_attendance(user_for(world, role)) is _expect(STAFF, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_shows_reports_to_staff_only(world, role):
    assert policies.can_see_reports(user_for(world, role)) is _expect(STAFF, role)


def test_it_says_once_why_answers_are_closed():
    assert str(policies.ANSWERS_CLOSED_MESSAGE) == (
        "連絡会が始まったため、回答は変更できません。事務局にご連絡ください。"
    )


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_shows_a_meetings_history_to_staff_only(world, role):
    assert policies.can_read_meeting_history(user_for(world, role)) is _expect(STAFF, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_lets_the_editor_answer_on_the_deadline_day_itself(world, role):
    meeting = MeetingFactory(answer_deadline=timezone.localdate())
    invitation = InvitationFactory(corporation=world.corp_a, meeting=meeting)
    assert policies.members_may_answer(meeting)
    assert policies.can_answer(user_for(world, role), invitation) is _expect({"editor_a", "staff"}, role)


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_lets_only_staff_answer_after_the_answer_deadline(world, role):
    meeting = MeetingFactory(answer_deadline=timezone.localdate() - datetime.timedelta(days=1))
    invitation = InvitationFactory(corporation=world.corp_a, meeting=meeting)
    assert meeting.accepts_answers and not policies.members_may_answer(meeting)
    assert policies.can_answer(user_for(world, role), invitation) is _expect(STAFF, role)
    assert policies.answers_closed_message(meeting) == policies.DEADLINE_PASSED_MESSAGE


@pytest.mark.parametrize("role", POLICY_ROLES)
def test_it_shows_the_mail_log_and_letters_to_staff_only(world, role):
    assert policies.can_see_mail_log(user_for(world, role)) is _expect(STAFF, role)
