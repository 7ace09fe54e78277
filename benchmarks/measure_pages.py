"""Time pages and exports through Django's test client against the database DATABASE_URL names:
best of 3, size, queries and the count of <tr>, then the 3 slowest queries of the last run.

    DATABASE_URL=postgres://… DJANGO_SETTINGS_MODULE=network_portal.settings.test \
        python benchmarks/measure_pages.py "/meetings/participation/?fy=2020" …

A staff user `bench_staff` is created if missing (force-logged in, no password).
"""

import os
import sys
import time

sys.path.insert(0, os.getcwd())
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "network_portal.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import User  # noqa: E402

RUNS = 3


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def main(urls: list[str]) -> None:
    settings.ALLOWED_HOSTS = ["*"]
    staff, _created = User.objects.get_or_create(username="bench_staff", defaults={"is_staff": True})
    client = Client()
    client.force_login(staff)
    for url in urls:
        best = None
        for _run in range(RUNS):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = client.get(url)
                body = body_of(response)
                elapsed = time.perf_counter() - started
            best = elapsed if best is None else min(best, elapsed)
        print(f"{url}\t{response.status_code}\t{best * 1000:.0f} ms\t{len(body) / 1024:.0f} KB"
              f"\t{len(queries.captured_queries)} queries\t<tr>={body.count(b'<tr')}")
        for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3]:
            print("   ", query["time"], query["sql"][:160])


if __name__ == "__main__":
    main(sys.argv[1:])
