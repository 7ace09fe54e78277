"""The attendance screen of a 63- and a 630-corporation meeting: the screen, its save as a
browser posts it (server time of the whole request), and how changed rows are written.

Run with `make bench` (or `-k attendance`); results are written down in benchmarks/attendance.md.
"""

import gc
import time
from urllib.parse import urlencode

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from corporations.models import Corporation, Facility
from meetings.models import Attendee, Invitation, RsvpPerson
from meetings.services.rows import update_rows
from tests.factories import AreaFactory, ServiceTypeFactory
from tests.meetings.factories import MeetingFactory
from tests.meetings.helpers import formset_post


def _meeting(size: int):
    """A meeting with `size` invited corporations, each answering 出席 with one person, one facility each."""
    areas = [AreaFactory(name=name) for name in ("練馬", "光が丘", "石神井", "大泉")]
    corporations = Corporation.objects.bulk_create([
        Corporation(name=f"社会福祉法人ベンチ{size}会{i:04d}", name_kana=f"ベンチ{size}カイ{i:04d}",
                    home_area=areas[i % 4])
        for i in range(size)
    ])
    service_type = ServiceTypeFactory()
    Facility.objects.bulk_create([
        Facility(corporation=c, name=f"ベンチ施設{c.pk}", name_kana=f"ベンチシセツ{c.pk}", area=c.home_area,
                 service_type=service_type)
        for c in corporations
    ])
    meeting = MeetingFactory()
    now = timezone.now()
    invitations = Invitation.objects.bulk_create([
        Invitation(meeting=meeting, corporation=c, invited_at=now, answer=Invitation.Answer.ATTEND, answered_at=now)
        for c in corporations
    ])
    RsvpPerson.objects.bulk_create([
        RsvpPerson(invitation=i, name=f"予定 太郎{i.pk}", title="施設長", area_id=i.corporation.home_area_id)
        for i in invitations
    ])
    return meeting


def _timed(label, function, repeat=1):
    """Best wall-clock time and best CPU time of this process (the machine is shared: the CPU
    time is what the request itself spent; on PostgreSQL the server's own time is in the wall
    time only)."""
    best, best_cpu, queries, result = None, None, None, None
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            start, start_cpu = time.perf_counter(), time.process_time()
            result = function()
            elapsed, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        best = elapsed if best is None else min(best, elapsed)
        best_cpu = cpu if best_cpu is None else min(best_cpu, cpu)
        queries = len(captured.captured_queries)
    print(f"[{connection.vendor}] {label}: {best * 1000:.1f} ms wall, {best_cpu * 1000:.1f} ms CPU, {queries} queries")
    return result


def _post(client, url, data):
    # As a browser posts a form: urlencoded (the view reads it with its own field limit).
    return client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")


def corrections(client, url) -> dict:
    """The day's corrections, as posted from the screen: a third did not come after all, every title changes."""
    formset = client.get(url).context["formset"]
    changes = {}
    for i in range(formset.initial_form_count()):
        changes[f"rows-{i}-title"] = "理事"
        if i % 3 == 0:
            changes[f"rows-{i}-present"] = None
    return formset_post(formset, changes)


@pytest.mark.parametrize("size", [63, 630])
def test_bench_attendance_screen_and_save(world, size):
    meeting = _meeting(size)
    client = Client()
    client.force_login(world.staff)
    url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
    response = _timed(f"screen GET, {size} rows", lambda: client.get(url), repeat=3)
    print(f"[{connection.vendor}] screen GET, {size} rows: {len(response.content) // 1024} KB, "
          f"{response.content.count(b'<option')} <option>")
    formset = response.context["formset"]
    ticked = {f"rows-{i}-present": "on" for i in range(formset.initial_form_count())}
    data = formset_post(formset, ticked)
    print(f"[{connection.vendor}] POST fields, {size} rows: {len(data)}")
    # The page just read (630 forms and 1.4 MB of HTML) is not the server's to carry: dropped, so
    # that the garbage collector does not walk it during the timed request.
    del formset, response
    gc.collect()
    response = _timed(f"save from the screen, {size} new rows (whole request)", lambda: _post(client, url, data))
    assert response.status_code == 302, response.content[:2000]
    assert Attendee.objects.filter(meeting=meeting, present=True).count() == size

    data = corrections(client, url)
    gc.collect()
    response = _timed(f"save from the screen, {size} changed rows (whole request)", lambda: _post(client, url, data))
    assert response.status_code == 302
    assert Attendee.objects.filter(meeting=meeting, present=True).count() == size - len(range(0, size, 3))


def _rewrite(attendees, strategy):
    for attendee in attendees:
        attendee.title = "役職" + str(attendee.version)
        attendee.version += 1
    fields = ["title", "present", "version"]
    with transaction.atomic():
        if strategy == "one statement":
            Attendee.objects.bulk_update(attendees, fields)
        elif strategy == "batches of 50":
            Attendee.objects.bulk_update(attendees, fields, batch_size=50)
        elif strategy == "executemany":
            update_rows(Attendee, attendees, fields)
        else:
            for attendee in attendees:
                Attendee.objects.filter(pk=attendee.pk).update(
                    title=attendee.title, present=attendee.present, version=attendee.version
                )


@pytest.mark.parametrize("size", [63, 630])
def test_bench_changed_rows_written(world, size):
    """How the changed rows are written, without history: one bulk UPDATE (a CASE per column
    with a WHEN per row), batches of 50, or an UPDATE per row; all in one transaction."""
    meeting = _meeting(size)
    Attendee.objects.bulk_create([
        Attendee(meeting=meeting, corporation_id=i.corporation_id, name=f"出席 {i.pk}",
                 area_id=i.corporation.home_area_id, present=True)
        for i in meeting.invitations.select_related("corporation")
    ])
    attendees = list(meeting.attendees.all())
    for strategy in ("one statement", "batches of 50", "per row", "executemany"):
        _timed(f"{size} changed rows, {strategy}", lambda s=strategy: _rewrite(attendees, s), repeat=3)
