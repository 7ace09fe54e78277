"""A meeting's history page and restoring an earlier version through meeting_update."""

import datetime
from zoneinfo import ZoneInfo

from django.urls import reverse

from meetings import services
from tests.meetings.factories import MeetingFactory, MeetingSeriesFactory

TOKYO = ZoneInfo("Asia/Tokyo")


def _meeting():
    starts_at = datetime.datetime(2015, 10, 29, 14, 0, tzinfo=TOKYO)
    return MeetingFactory(
        series=MeetingSeriesFactory(fiscal_year=2015), number=2, starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2), venue="練馬区役所",
    )


def test_it_shows_changed_times_in_japanese_time_and_wareki(staff_client, world):
    meeting = _meeting()
    services.meeting_update(
        meeting=meeting, acting_user=world.staff, starts_at=datetime.datetime(2015, 10, 30, 13, 30, tzinfo=TOKYO),
        ends_at=datetime.datetime(2015, 10, 30, 15, 30, tzinfo=TOKYO), status="cancelled",
    )
    response = staff_client.get(reverse("meetings:history", kwargs={"pk": meeting.pk}))
    assert response.status_code == 200
    changes = {c.label: (c.old, c.new) for c in response.context["rows"][0].changes}
    assert changes["開始日時"] == ("平成27年10月29日 14:00", "平成27年10月30日 13:30")
    assert changes["状態"][1] == str(meeting.Status.CANCELLED.label)
    detail = staff_client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).content.decode()
    assert reverse("meetings:history", kwargs={"pk": meeting.pk}) in detail


def test_it_restores_the_venue_as_a_change_by_who_restored(staff_client, world):
    meeting = _meeting()
    first = meeting.history.earliest("history_date")
    services.meeting_update(meeting=meeting, acting_user=world.staff, venue="石神井公園区民交流センター")
    url = reverse("meetings:restore", kwargs={"pk": meeting.pk, "history_id": first.history_id})
    confirm = staff_client.get(url)
    assert [(c.label, c.new) for c in confirm.context["plan"].rows] == [("会場", "練馬区役所")]
    assert staff_client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.venue == "練馬区役所"
    assert meeting.history.latest("history_date").history_user == world.staff


def test_it_hides_the_history_link_from_members(editor_a_client, world):
    meeting = _meeting()
    html = editor_a_client.get(reverse("meetings:detail", kwargs={"pk": meeting.pk})).content.decode()
    assert reverse("meetings:history", kwargs={"pk": meeting.pk}) not in html
