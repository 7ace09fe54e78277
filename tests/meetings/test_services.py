"""meetings/services.py called directly: typed arguments, the rules asked again, Meeting.clean() on every path."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from core import wareki
from meetings import selectors, services
from meetings.models import AreaGroup, Invitation, Meeting, MeetingSeries
from tests.factories import AreaFactory

from .factories import InvitationFactory, MeetingFactory, MeetingSeriesFactory

FY2015_MESSAGE = "開始日時は平成27年度（平成27年4月1日〜平成28年3月31日）の中にしてください。"


def _tokyo(year, month, day, hour=14):
    return datetime.datetime(year, month, day, hour, tzinfo=ZoneInfo("Asia/Tokyo"))


def test_it_creates_a_series_and_a_meeting_from_keyword_arguments(world):
    series = services.series_create(acting_user=world.staff, title="連絡会", fiscal_year=2015)
    meeting = services.meeting_create(
        acting_user=world.staff, series=series, number=1, starts_at=_tokyo(2015, 7, 29),
        ends_at=_tokyo(2015, 7, 29, 16),
    )
    assert meeting.status == Meeting.Status.PLANNED and meeting.venue == ""
    assert series.history.first().history_user == world.staff == meeting.history.first().history_user


def test_it_writes_only_the_changed_fields_of_a_meeting(world):
    meeting = MeetingFactory(series=MeetingSeriesFactory(fiscal_year=2015), starts_at=_tokyo(2015, 10, 29),
                             ends_at=_tokyo(2015, 10, 29, 17), venue="元の会場", notes="メモ")
    Meeting.objects.filter(pk=meeting.pk).update(notes="別の職員が書いたメモ")
    services.meeting_update(meeting=meeting, acting_user=world.staff, venue="区民会館")
    meeting.refresh_from_db()
    # the stale notes in memory were not written back
    assert (meeting.venue, meeting.notes) == ("区民会館", "別の職員が書いたメモ")
    assert meeting.history.first().history_user == world.staff


def test_it_keeps_a_meeting_inside_its_series_fiscal_year_on_every_path(world):
    series = MeetingSeriesFactory(fiscal_year=2015)
    with pytest.raises(ValidationError) as error:
        services.meeting_create(acting_user=world.staff, series=series, number=1,
                                starts_at=_tokyo(2016, 4, 10), ends_at=_tokyo(2016, 4, 10, 16))
    assert error.value.message_dict == {"starts_at": [FY2015_MESSAGE]}
    with pytest.raises(ValidationError):
        services.meeting_copy(series=series, acting_user=world.staff,
                              starts_at=_tokyo(2015, 3, 31), ends_at=_tokyo(2015, 3, 31, 16))
    meeting = services.meeting_create(acting_user=world.staff, series=series, number=1,
                                      starts_at=_tokyo(2016, 3, 31), ends_at=_tokyo(2016, 3, 31, 16))
    with pytest.raises(ValidationError):
        services.meeting_update(meeting=meeting, acting_user=world.staff,
                                starts_at=_tokyo(2016, 4, 1), ends_at=_tokyo(2016, 4, 1, 16))
    assert Meeting.objects.get().starts_at == _tokyo(2016, 3, 31)


@pytest.mark.parametrize("role", ["editor_a", "viewer_a"])
def test_it_refuses_staff_writes_to_members_and_changes_nothing(world, role):
    user = getattr(world, role)
    meeting = MeetingFactory(venue="元の会場")
    with pytest.raises(PermissionDenied):
        services.series_create(acting_user=user, title="x", fiscal_year=2015)
    with pytest.raises(PermissionDenied):
        services.meeting_update(meeting=meeting, acting_user=user, venue="x")
    with pytest.raises(PermissionDenied):
        services.invitations_send(meeting=meeting, corporations=[world.corp_a], acting_user=user)
    with pytest.raises(PermissionDenied):
        services.attendance_save(meeting=meeting, rows=[], acting_user=user)
    with pytest.raises(PermissionDenied):
        services.area_groups_save(meeting=meeting, acting_user=user, groups=[])
    meeting.refresh_from_db()
    assert meeting.venue == "元の会場" and MeetingSeries.objects.count() == 1 and not meeting.invitations.exists()


def test_it_refuses_an_answer_once_the_meeting_has_started(world):
    start = timezone.now() - datetime.timedelta(hours=1)
    invitation = InvitationFactory(
        corporation=world.corp_a, meeting=MeetingFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    )
    with pytest.raises(ValidationError) as error:
        services.rsvp_answer(invitation=invitation, acting_user=world.editor_a, answer="absent", comment="", persons=[])
    assert error.value.messages == ["連絡会が始まったため、回答は変更できません。事務局にご連絡ください。"]
    # staff may still enter it on the corporation's behalf (代理入力)
    services.rsvp_answer(invitation=invitation, acting_user=world.staff, answer="absent", comment="", persons=[])
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.ABSENT and invitation.is_proxy


def test_it_refuses_an_answer_from_a_viewer_or_another_corporation(world):
    invitation = InvitationFactory(corporation=world.corp_a, meeting=MeetingFactory())
    for user in (world.viewer_a, world.editor_b):
        with pytest.raises(PermissionDenied):
            services.rsvp_answer(invitation=invitation, acting_user=user, answer="absent", comment="", persons=[])
    invitation.refresh_from_db()
    assert invitation.answer == Invitation.Answer.PENDING


def test_it_saves_only_the_groups_something_was_typed_for(world):
    meeting = MeetingFactory()
    nerima, oizumi = AreaFactory(name="練馬"), AreaFactory(name="大泉")
    saved = services.area_groups_save(meeting=meeting, acting_user=world.staff, groups=[
        (AreaGroup(area=nerima), {"notes": "就労体験の場について"}),
        (AreaGroup(area=oizumi), {"notes": ""}),
    ])
    assert saved == 1 and list(meeting.area_groups.values_list("area__name", "notes")) == [
        ("練馬", "就労体験の場について")
    ]


def test_it_names_the_outreach_rule_once():
    assert selectors.OUTREACH_AFTER_MISSED == 2
    assert selectors.needs_outreach(2) and selectors.needs_outreach(3) and not selectors.needs_outreach(1)
    assert selectors.needs_outreach(3, after_missed=3) and not selectors.needs_outreach(2, after_missed=3)


def test_it_gives_the_current_fiscal_year_from_the_local_date(monkeypatch):
    monkeypatch.setattr(wareki.timezone, "localdate", lambda: datetime.date(2016, 3, 31))
    assert wareki.current_fiscal_year() == 2015
    monkeypatch.setattr(wareki.timezone, "localdate", lambda: datetime.date(2016, 4, 1))
    assert wareki.current_fiscal_year() == 2016
