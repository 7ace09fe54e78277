"""The cache in use: `python benchmarks/mixed_run.py --db NAME` (a copy: this script WRITES to it).

scale_run.py measures each page asked again and again (every fragment found: warm) or with the
cache emptied before each request (cold). An office in use sits between the two: a fragment is
kept per viewer, per page, per minute and per data generation (core/fragments.py), so what is
found depends on how many people look at how many pages, how often, and how often anyone saves.
This script plays such a day in process: the demo's staff and members (and two more staff
accounts, made in the copy) ask the pages they may see, picked at random (seeded), at a given
number of requests a simulated minute, while a clerk's save (an attendee ticked present or not,
a committed write like any other) happens a given number of times a minute. The minute in the
fragments' keys follows the simulated clock (core.fragments.timezone is given a clock that runs
on by one minute every N requests); the cache's own 60-second expiry is real time, longer than
a scenario's run, so it never ends an entry the simulated clock would have kept.

For each scenario: the share of fragment lookups that found their HTML, and the mean CPU time of
a request (this thread's: Python, not PostgreSQL) against a hello-world view's.

Make the copy first, e.g. (createdb -T refuses while another session reads the template):
  createdb -h 127.0.0.1 -U postgres network_portal_mixed
  pg_dump -h 127.0.0.1 -U postgres network_portal_scale_x1 | psql -q -h 127.0.0.1 -U postgres network_portal_mixed
"""

import argparse
import datetime
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale_run  # noqa: E402  (sets up Django with the benchmark settings)

SCENARIOS = [
    # label, requests a simulated minute (all users), writes a simulated minute
    ("quiet: nobody saves", 30, 0),
    ("an office day: a save a minute", 30, 1),
    ("busy: a save every 10 s", 30, 6),
    ("meeting day: attendance taken, a save every 2 s", 30, 30),
    ("for comparison: the cache emptied before every request", 30, None),
]
PAGES = [  # HTML pages a clerk or a member reads (no exports, no admin)
    "home", "dashboard", "corporation detail", "register list", "attendance screen (63-corporation meeting)",
    "board", "project report", "projects list", "needs list", "offers list", "resources list", "meetings list",
    "meeting detail (63-corporation meeting)", "participation matrix", "annual report FY2015", "needs by area",
]


class Clock:
    """timezone for core.fragments: now() runs `offset` ahead of the real clock."""

    def __init__(self, real):
        self.real, self.offset = real, datetime.timedelta()

    def now(self):
        return self.real.now() + self.offset


class CountingCache:
    """The cache for core.fragments, counting lookups and finds."""

    def __init__(self, cache):
        self.cache, self.lookups, self.found = cache, 0, 0

    def get(self, key, *args, **kwargs):
        value = self.cache.get(key, *args, **kwargs)
        self.lookups += 1
        self.found += value is not None
        return value

    def __getattr__(self, name):
        return getattr(self.cache, name)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True, help="a copy of a load_scale database: this script writes to it")
    parser.add_argument("--requests", type=int, default=600, help="requests a scenario")
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    if args.db.startswith("network_portal_scale_"):
        raise SystemExit("This script writes: give it a copy, not a shared scale database.")
    scale_run.setup(args.db)

    from django.core.cache import cache
    from django.core.management import call_command
    from django.test import Client

    import core.fragments
    from accounts.models import User
    from meetings.models import Attendee

    call_command("collectstatic", "--noinput", verbosity=0)
    staff = User.objects.get(username="staff")
    for extra in ("staff2", "staff3"):  # three clerks, each with a session of their own
        User.objects.update_or_create(username=extra, defaults={"is_staff": True, "is_superuser": True,
                                                                "password": staff.password})
    urls = dict(scale_run.pages())
    clients = {}
    for username in ("staff", "staff2", "staff3", "member", "member2"):
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies["sessionid"] = scale_run.session_for(username)
        # The pages this user may read (a member is refused the secretariat's).
        clients[username] = (client, [urls[p] for p in PAGES if client.get(urls[p]).status_code == 200])
    ticked = Attendee.objects.filter(meeting__number=2, meeting__series__fiscal_year=2015).order_by("pk").first()

    hello = Client(HTTP_HOST="127.0.0.1")
    started = time.thread_time()
    for _ in range(200):
        hello.get(urls["hello-world view"])
    hello_cpu = (time.thread_time() - started) / 200

    clock = Clock(core.fragments.timezone)
    counting = CountingCache(cache)
    core.fragments.timezone, core.fragments.cache = clock, counting
    print(f"{args.requests} requests a scenario; pages a user may read: "
          + ", ".join(f"{name} {len(pages)}" for name, (_client, pages) in clients.items()))
    print(f"hello-world view: {hello_cpu * 1000:.2f} ms CPU a request\n")
    print("| scenario | requests / writes a minute | fragments found | CPU ms a request (mean / median) | × hello |")
    print("|---|---|---|---|---|")
    try:
        for label, per_minute, writes in SCENARIOS:
            randomness = random.Random(args.seed)
            cache.clear()
            counting.lookups = counting.found = 0
            times = []
            for number in range(args.requests):
                if number and number % per_minute == 0:
                    clock.offset += datetime.timedelta(minutes=1)
                if writes is None:
                    cache.clear()
                elif writes and number % max(per_minute // writes, 1) == 0:
                    Attendee.objects.filter(pk=ticked.pk).update(present=bool(number % 2))  # commits
                client, pages = clients[randomness.choice(list(clients))]
                url = randomness.choice(pages)
                began = time.thread_time()
                response = client.get(url)
                times.append(time.thread_time() - began)
                assert response.status_code == 200, (url, response.status_code)
            found = counting.found / counting.lookups if counting.lookups else 0.0
            mean = statistics.mean(times)
            saves = writes if writes is not None else "–"
            print(f"| {label} | {per_minute} / {saves} | {found:.0%} | {mean * 1000:.1f} / "
                  f"{statistics.median(times) * 1000:.1f} | {hello_cpu / mean:.3f} |", flush=True)
    finally:
        core.fragments.timezone, core.fragments.cache = clock.real, cache


if __name__ == "__main__":
    main()
