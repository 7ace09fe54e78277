"""PostgreSQL counts each meeting's invitations and attendees (meetings/migrations/0009): a meeting
of 5 among meetings of 100 is planned as 5 rows, not as the average."""

import pytest
from django.db import connection

from meetings.models import Attendee, Invitation, Meeting
from tests.factories import CorporationFactory

from .factories import AttendeeFactory, MeetingFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner's statistics: PostgreSQL"
)


def _target(model) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute WHERE attrelid = %s::regclass AND attname = 'meeting_id'",
            [model._meta.db_table],
        )
        return cursor.fetchone()[0]


def test_the_meeting_column_keeps_a_thousand_meetings_frequencies(db):
    assert _target(Attendee) == _target(Invitation) == 1000


def test_a_small_meeting_among_large_ones_is_estimated_as_small(db):
    # 120 meetings of 30 attendees and one of 3: more meetings than the default target keeps.
    corporations = CorporationFactory.create_batch(30)
    large = MeetingFactory.create_batch(120)
    Attendee.objects.bulk_create(
        Attendee(meeting=meeting, corporation=corporation, area=corporation.home_area, name=f"出席者 {index}")
        for meeting in large
        for index, corporation in enumerate(corporations)
    )
    small = MeetingFactory()
    for corporation in corporations[:3]:
        AttendeeFactory(meeting=small, corporation=corporation, present=True)
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {Attendee._meta.db_table}")
        cursor.execute(
            f"EXPLAIN (FORMAT JSON) SELECT * FROM {Attendee._meta.db_table} WHERE meeting_id = %s", [small.pk]
        )
        plan = cursor.fetchone()[0][0]["Plan"]
    assert plan["Plan Rows"] < 10  # the average would be about 30
    assert Meeting.objects.count() == 121
