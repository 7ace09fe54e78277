"""The fiscal year's report (page, .xlsx, .docx) and every corporation's yearly sheets at 1×, 10×
and 100× the Nerima network: timings, query counts and peak Python memory.

`make bench` (or `pytest benchmarks/bench_annual.py -o python_files="bench_*.py" -s`);
`BENCH_ANNUAL_FACTORS=1,10` limits the sizes. Results are written down in benchmarks/annual.md.

The data is written with bulk_create here (the "scale" helper's `load_scale --factor N` was not
on this branch): per factor N, 63·N corporations, 3·N held meetings of 平成27年度 each inviting
63 corporations (about 40 come, 1–2 people each), 50·N projects (four in five published, 1–2
areas, 0–2 partners, a theme), 10·N needs (half taken on) and 50·N reviews.
"""

import datetime
import os
import random
import statistics
import time
import tracemalloc
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contributions.models import NetworkPattern, Project, ProjectReview, Theme
from corporations.models import Area, Corporation
from meetings.models import Attendee, Invitation, Meeting, MeetingSeries
from needs.models import Need, OfferRequest

TOKYO = ZoneInfo("Asia/Tokyo")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
FACTORS = [int(f) for f in os.environ.get("BENCH_ANNUAL_FACTORS", "1,10,100").split(",")]


def _build(world, factor: int) -> None:
    rng = random.Random(2015)
    areas = list(Area.objects.filter(is_active=True).order_by("sort_order"))
    patterns = list(NetworkPattern.objects.order_by("number"))
    themes = list(Theme.objects.all())
    corporations = Corporation.objects.bulk_create(
        Corporation(name=f"社会福祉法人ベンチ{i:05d}会", name_kana=f"ベンチ{i:05d}カイ",
                    home_area=areas[i % len(areas)])
        for i in range(63 * factor - 2)
    ) + [world.corp_a, world.corp_b]
    series = MeetingSeries.objects.create(title="ベンチマークの連絡会", fiscal_year=2015)
    first_day = datetime.datetime(2015, 4, 10, 14, tzinfo=TOKYO)
    meetings = Meeting.objects.bulk_create(
        Meeting(series=series, number=n + 1, starts_at=first_day + datetime.timedelta(hours=24 * n // factor + n),
                ends_at=first_day + datetime.timedelta(hours=24 * n // factor + n + 2), venue="区役所",
                status=Meeting.Status.HELD)
        for n in range(3 * factor)
    )
    now = timezone.now()
    invitations, attendees = [], []
    for index, meeting in enumerate(meetings):
        invited = [corporations[(index * 63 + k) % len(corporations)] for k in range(63)]
        for k, corporation in enumerate(invited):
            invitations.append(Invitation(meeting=meeting, corporation=corporation, invited_at=now))
            if rng.random() < 0.63:
                for person in range(rng.choice((1, 1, 2))):
                    attendees.append(Attendee(meeting=meeting, corporation=corporation, name=f"出席者{k}-{person}",
                                              area=corporation.home_area, present=True))
    Invitation.objects.bulk_create(invitations, batch_size=2000)
    Attendee.objects.bulk_create(attendees, batch_size=2000)
    projects = Project.objects.bulk_create(
        Project(owner=corporations[i % len(corporations)], title=f"ベンチの事業{i}", summary="地域の子ども食堂。",
                description="<p>月に一度、施設の食堂で。</p>", pattern=patterns[i % 4], kind="place", status="active",
                publication_state="published" if i % 5 else "draft",
                period_start=datetime.date(2012 + i % 4, 4, 1),
                period_end=datetime.date(2016, 3, 31) if i % 7 == 0 else None)
        for i in range(50 * factor)
    )
    Project.areas.through.objects.bulk_create(
        [Project.areas.through(project=p, area=areas[i % 4]) for i, p in enumerate(projects)]
        + [Project.areas.through(project=p, area=areas[(i + 1) % 4]) for i, p in enumerate(projects) if i % 2]
    )
    Project.partners.through.objects.bulk_create(
        Project.partners.through(project=p, corporation=corporations[(i + k) % len(corporations)])
        for i, p in enumerate(projects) for k in range(1, i % 3 + 1)
    )
    Project.themes.through.objects.bulk_create(
        Project.themes.through(project=p, theme=themes[i % len(themes)]) for i, p in enumerate(projects)
    )
    ProjectReview.objects.bulk_create(
        ProjectReview(project=p, reviewed_on=datetime.date(2015, 10, 1), stage="check") for p in projects
    )
    needs = Need.objects.bulk_create(
        Need(title=f"ニーズ{i}", source="csw", received_on=datetime.date(2015, 6, 1), in_charge=world.staff,
             created_by=world.staff, status="asking")
        for i in range(10 * factor)
    )
    OfferRequest.objects.bulk_create(
        OfferRequest(need=need, corporation=corporations[i], sent_at=now, sent_by=world.staff, status="accepted",
                     answered_at=now, answered_by=world.staff)
        for i, need in enumerate(needs) if i % 2
    )


def _get(client, url) -> bytes:
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def _measure(client, url):
    """Median time of RUNS requests, then one more traced for its peak Python memory (tracing
    slows Python down several times, so it is never timed)."""
    timings, cpu = [], []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as queries:
            start, start_cpu = time.perf_counter(), time.process_time()
            body = _get(client, url)
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        count = len(queries.captured_queries)
        slowest = sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]
    if os.environ.get("BENCH_PROFILE"):
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.runcall(_get, client, url)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)
        for query in slowest:
            print(query["time"], query["sql"][:300])
    tracemalloc.start()
    _get(client, url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(timings), statistics.median(cpu), count, peak / 2**20, len(body) / 2**10


@pytest.mark.parametrize("factor", FACTORS)
def test_bench_annual_report(world, staff_client, factor):
    start = time.perf_counter()
    _build(world, factor)
    built = time.perf_counter() - start
    print(f"\n{factor}x ({connection.vendor}): {Corporation.objects.count()} corporations, "
          f"{Meeting.objects.count()} meetings, {Attendee.objects.count()} attendees, "
          f"{Project.objects.count()} projects, {Need.objects.count()} needs (built in {built:.1f} s)")
    rows = [
        (name, url) for name, url in [
        ("report page", reverse("annual:report", args=[2015])),
        ("report .xlsx", reverse("annual:report_xlsx", args=[2015])),
        ("report .docx", reverse("annual:report_docx", args=[2015])),
        ("one corporation's sheet", reverse("annual:sheet", args=[2015, world.corp_a.pk])),
        ("every corporation's sheets", reverse("annual:sheets_all", args=[2015])),
        ] if not os.environ.get("BENCH_ONLY") or os.environ["BENCH_ONLY"] in name
    ]
    for name, url in rows:
        # Wall time on a machine shared with other jobs, and the CPU time of this process (the
        # database is SQLite in the same process, so its work is counted too).
        median, cpu, queries, peak, size = _measure(staff_client, url)
        print(f"  {name:28s} {median:9.1f} ms wall {cpu:9.1f} ms cpu  {queries:3d} queries  "
              f"peak {peak:7.1f} MiB  {size:9.0f} KiB")
