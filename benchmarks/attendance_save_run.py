"""The attendance save of issue 13 on a (copy of a) scale database, with real commits:
`python benchmarks/attendance_save_run.py --db NAME [--rows 630] [--repeat 3] [--profile FILE]`.

Writes: run it on a copy (`createdb -T network_portal_scale_x100 …`), never on the shared
databases. Modelled on benchmarks/bench_attendance.py, but outside a test case's transaction, so
that the save commits and the data generation's deferred triggers (core/generation.py) fire at
COMMIT as in production. Each repeat: a new meeting of the newest series inviting --rows active
corporations of the register at random (seeded), each answering 出席 with one person (at 1×, the
61 corporations not left for the walk-ins with up to eleven each); the screen's
GET, then the two saves a browser posts (urlencoded) through Django's test client with the bench
settings (persistent connection): every row ticked and two walk-ins typed
(new rows), then a third unticked and every
title changed (changed rows). For each request: wall time, this process's CPU, the PostgreSQL
backend's CPU (from /proc, same machine) and the queries.
"""

import argparse
import cProfile
import gc
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

TICK = os.sysconf("SC_CLK_TCK")


def setup(database: str):
    """The bench settings on `database`, static files collected once into a directory of this script's own,
    and the test client's instrumentation (response.context, the test server's host name)."""
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "SECRET_KEY": "bench-" + "k" * 60,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "PORTAL_VAR_DIR": "/tmp/portal-bench-var-attendance-save",
    })
    import django
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    django.setup()
    if not Path("/tmp/portal-bench-var-attendance-save/staticfiles/staticfiles.json").exists():
        call_command("collectstatic", "--noinput", verbosity=0)
    setup_test_environment()


def backend_cpu(connection) -> float:
    """CPU seconds the PostgreSQL backend of `connection` has used (utime + stime)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def new_meeting(rows: int, seed: int):
    from django.utils import timezone

    from corporations.models import Corporation
    from meetings.models import Invitation, Meeting, RsvpPerson

    last = Meeting.objects.order_by("-series__fiscal_year", "-number").select_related("series").first()
    number = Meeting.objects.filter(series=last.series).order_by("-number").values_list("number", flat=True)[0] + 1
    start = timezone.now() - timedelta(hours=1)
    meeting = Meeting.objects.create(series=last.series, number=number, starts_at=start,
                                     ends_at=start + timedelta(hours=2), status=Meeting.Status.HELD)
    ids = list(Corporation.objects.filter(is_active=True).values_list("pk", flat=True))
    chosen = random.Random(seed).sample(ids, min(rows, len(ids) - 2))  # two left for the walk-ins
    per = -(-rows // len(chosen))  # the 1× register has 63 corporations: several people each
    now = timezone.now()
    invitations = Invitation.objects.bulk_create([
        Invitation(meeting=meeting, corporation_id=pk, invited_at=now, answer=Invitation.Answer.ATTEND,
                   answered_at=now)
        for pk in chosen
    ])
    homes = dict(Corporation.objects.filter(pk__in=chosen).values_list("pk", "home_area_id"))
    RsvpPerson.objects.bulk_create([
        RsvpPerson(invitation=i, name=f"予定 太郎{i.pk}-{n}", title="施設長", area_id=homes[i.corporation_id])
        for n in range(per) for i in invitations
    ][:rows])
    return meeting


def walk_in_texts(meeting) -> list[str]:
    """Two walk-ins from corporations not invited, typed as staff would: one by its number, one by
    its full name (a name no other corporation has)."""
    from django.db.models import Count

    from corporations.models import Corporation

    active = Corporation.objects.filter(is_active=True).exclude(
        pk__in=meeting.invitations.values("corporation_id"))
    number = active.order_by("pk").values_list("pk", flat=True)[0]
    unique = Corporation.objects.values("name").annotate(n=Count("pk")).filter(n=1).values("name")
    name = (active.exclude(pk=number).filter(name__in=unique).order_by("name")
            .values_list("name", flat=True)[0])
    return [str(number), name]


def timed(label, function, connection, profile=None):
    from django.test.utils import CaptureQueriesContext

    gc.collect()
    with CaptureQueriesContext(connection) as captured:
        server = backend_cpu(connection)
        start, start_cpu = time.perf_counter(), time.process_time()
        if profile is not None:
            profile.enable()
        result = function()
        if profile is not None:
            profile.disable()
        wall, cpu = time.perf_counter() - start, time.process_time() - start_cpu
        server = backend_cpu(connection) - server
    queries = len(captured.captured_queries) - 2  # the two pg_backend_pid() of backend_cpu
    print(f"  {label}: {wall * 1000:.0f} ms wall, {cpu * 1000:.0f} ms CPU, "
          f"PostgreSQL {server * 1000:.0f} ms CPU, {queries} queries", flush=True)
    return result, (wall, cpu, server, queries)


def run(rows: int, repeat: int, profile_file: str | None):
    from django.db import connection
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from benchmarks.bench_attendance import corrections
    from meetings.models import Attendee
    from tests.meetings.helpers import formset_post

    client = Client()
    client.force_login(User.objects.get(username="staff"))
    profile = cProfile.Profile() if profile_file else None
    figures = {"GET": [], "new": [], "changed": []}
    for attempt in range(repeat):
        meeting = new_meeting(rows, seed=attempt)
        url = reverse("meetings:attendance", kwargs={"pk": meeting.pk})
        client.get(url)  # warm-up: the connection, the templates
        response, figure = timed(f"screen GET, {rows} rows", lambda u=url: client.get(u), connection)
        figures["GET"].append(figure)
        formset = response.context["formset"]
        first = formset.initial_form_count()
        ticked = {f"rows-{i}-present": "on" for i in range(first)}
        for index, text in enumerate(walk_in_texts(meeting), start=first):  # typed, matched on the server
            ticked.update({f"rows-{index}-corporation_text": text, f"rows-{index}-name": f"当日 花子{index}",
                           f"rows-{index}-present": "on"})
        data = formset_post(formset, ticked)
        del formset, response
        body = urlencode(data)
        response, figure = timed(
            f"save, {rows} new rows ({len(data)} fields)",
            lambda u=url, b=body: client.post(u, b, content_type="application/x-www-form-urlencoded"),
            connection, profile,
        )
        assert response.status_code == 302, response.content[:3000]
        assert Attendee.objects.filter(meeting=meeting, present=True).count() == rows + 2
        figures["new"].append(figure)
        body = urlencode(corrections(client, url))
        response, figure = timed(
            f"save, {rows} changed rows",
            lambda u=url, b=body: client.post(u, b, content_type="application/x-www-form-urlencoded"),
            connection, profile,
        )
        assert response.status_code == 302, response.content[:3000]
        assert Attendee.objects.filter(meeting=meeting, present=True).count() == rows + 2 - len(range(0, rows + 2, 3))
        figures["changed"].append(figure)
    for name, values in figures.items():
        walls, cpus, servers, queries = zip(*values, strict=True)
        print(f"{name}: median {statistics.median(walls) * 1000:.0f} ms wall "
              f"({min(walls) * 1000:.0f}–{max(walls) * 1000:.0f}), "
              f"{statistics.median(cpus) * 1000:.0f} ms CPU, PostgreSQL {statistics.median(servers) * 1000:.0f} ms, "
              f"queries {sorted(set(queries))}")
    if profile is not None:
        profile.dump_stats(profile_file)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--rows", type=int, default=630)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", help="write a cProfile of the saves to this file")
    arguments = parser.parse_args()
    setup(arguments.db)
    print(f"{arguments.db}, {arguments.rows} rows, load average {os.getloadavg()[0]:.1f}", flush=True)
    run(arguments.rows, arguments.repeat, arguments.profile)
