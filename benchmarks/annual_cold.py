"""The open fiscal year's report page on a cache miss, in process: `python benchmarks/annual_cold.py --db NAME`.

Django's test client signed in as the demo's `staff` through a signed-cookie session (nothing is
written to the database: the shared scale databases stay read-only), the cache emptied before
each request (what the first request after a write costs), a warm-up request, then --repeat
requests: the median of time.process_time() (CPU of this process: Python, not PostgreSQL) and
time.perf_counter() (wall), the queries of one request. --profile prints cProfile's top
functions of one cold request; --html FILE writes the page (CSRF tokens blanked) to compare.
"""

import argparse
import cProfile
import os
import pstats
import re
import statistics
import sys
import time

from scale_run import session_for, setup


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--url", default="/annual/2015/")
    parser.add_argument("--warm", action="store_true", help="keep the cache (the page between writes)")
    parser.add_argument("--profile", type=int, default=0, help="print this many of cProfile's top functions")
    parser.add_argument("--sort", default="cumulative")
    parser.add_argument("--html", help="write the page here, CSRF tokens blanked")
    args = parser.parse_args()
    os.environ.setdefault("PORTAL_VAR_DIR", "/tmp/portal-bench-var")
    setup(args.db)
    from django.conf import settings
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import override_settings

    call_command("collectstatic", "--noinput", verbosity=0)
    signed = "django.contrib.sessions.backends.signed_cookies"
    with override_settings(SESSION_ENGINE=signed):
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[settings.SESSION_COOKIE_NAME] = session_for("staff", signed)

        def get():
            if not args.warm:
                cache.clear()
            response = client.get(args.url)
            assert response.status_code == 200, response.status_code
            # An export streams: read it whole, as a client would.
            response.body = b"".join(response.streaming_content) if response.streaming else response.content
            return response

        get()  # warm up (templates, connection)
        queries = []
        with connection.execute_wrapper(lambda execute, sql, *rest: queries.append(sql) or execute(sql, *rest)):
            response = get()
        if args.html:
            html = re.sub(rb'(name="csrfmiddlewaretoken" value=")[^"]*', rb"\1", response.body)
            with open(args.html, "wb") as out:
                out.write(html)
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            get()
            profiler.disable()
            pstats.Stats(profiler, stream=sys.stdout).sort_stats(args.sort).print_stats(args.profile)
        cpu, wall = [], []
        for _request in range(args.repeat):
            started, started_wall = time.process_time(), time.perf_counter()
            get()
            cpu.append(time.process_time() - started)
            wall.append(time.perf_counter() - started_wall)
    print(f"{args.db} {args.url} {'kept' if args.warm else 'cold'}: {len(queries)} queries, "
          f"CPU {statistics.median(cpu):.3f} s, wall {statistics.median(wall):.3f} s "
          f"(median of {args.repeat}; CPU {min(cpu):.3f}-{max(cpu):.3f}), {len(response.body) / 1024:.0f} KB",
          flush=True)


if __name__ == "__main__":
    main()
