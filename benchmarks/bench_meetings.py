"""Attendance save of 63 corporations and the per-area report: timings and query counts.

Run with `make bench`; results are written down in benchmarks/meetings.md.
"""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from meetings import selectors, services
from tests.factories import FacilityFactory
from tests.meetings.factories import (
    InvitationFactory,
    MeetingFactory,
    RsvpPersonFactory,
    corporations_in_areas,
)


def _rows(meeting, corporations, *, name):
    return [
        {"attendee_id": None, "corporation_id": c.pk, "facility_id": None, "name": f"{name} {i}", "title": "施設長",
         "area_id": c.home_area_id, "present": i % 3 != 0, "walk_in": False}
        for i, c in enumerate(corporations)
    ]


def _timed(label, function, repeat=5):
    best, queries = None, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            function()
            elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
        queries = len(captured.captured_queries)
    print(f"{label}: best of {repeat} {best * 1000:.1f} ms, {queries} queries")
    return best, queries


def test_bench_attendance_save_of_63_corporations(world):
    corporations = corporations_in_areas(63)
    for corporation in corporations:
        FacilityFactory(corporation=corporation)
    meetings = [MeetingFactory() for _ in range(5)]
    for meeting in meetings:
        for corporation in corporations:
            RsvpPersonFactory(invitation=InvitationFactory(meeting=meeting, corporation=corporation))
    pending = iter(meetings)
    _best, queries = _timed(
        "attendance save, 63 new rows",
        lambda: services.attendance_save(meeting=(m := next(pending)), rows=_rows(m, corporations, name="出席者"),
                                         acting_user=world.staff),
    )
    assert queries <= 10
    meeting = meetings[0]
    rows = [
        {**row, "attendee_id": a.pk, "title": "理事"}
        for row, a in zip(_rows(meeting, corporations, name="出席者"), meeting.attendees.order_by("pk"), strict=False)
    ]
    _timed(
        "attendance save, 63 changed rows",
        lambda: services.attendance_save(meeting=meeting, rows=rows, acting_user=world.staff),
        repeat=1,
    )

    from django.test import Client

    client = Client()
    client.force_login(world.staff)
    _timed(
        "attendance screen GET (63 corporations)",
        lambda: client.get(reverse("meetings:attendance", kwargs={"pk": meeting.pk})),
    )
    _timed("per-area report page", lambda: client.get(reverse("meetings:report", kwargs={"pk": meeting.pk})))
    _timed("per-area report selector", lambda: selectors.area_report(meeting))
    _timed("report print page", lambda: client.get(reverse("meetings:report_print", kwargs={"pk": meeting.pk})))
    _timed("report .xlsx", lambda: client.get(reverse("meetings:report_xlsx", kwargs={"pk": meeting.pk})))
