"""Measure the portal under gunicorn on one database: `python benchmarks/scale_run.py --db NAME`.

Starts gunicorn (production settings, benchmarks/bench_settings.py, 2 sync workers, 30 s
timeout) on a database built by `manage.py load_scale`, logs in as the demo's staff, and
for each page of issue 13's table: a request to warm up, then --repeat requests one after the
other (median time, size, <option>s). With --wrk, each page's throughput for --seconds with
wrk (2 threads, 4 connections) and its ratio to the hello-world view in the same run.
Prints a Markdown table; benchmarks/scale.md and throughput.md hold the results.
"""

import argparse
import http.client
import os
import re
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8791"))  # another port when two runs share the machine


def setup(database: str):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "benchmarks.bench_settings",
        "SECRET_KEY": "bench-" + "k" * 60,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        # Another directory when two runs share the machine (collectstatic writes there).
        "PORTAL_VAR_DIR": os.environ.get("PORTAL_VAR_DIR", "/tmp/portal-bench-var"),
    })
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def session_for(username: str = "staff", engine: str = "django.contrib.sessions.backends.db") -> str:
    """A logged-in session of the demo's `username` (its key: the cookie's value), kept by `engine`
    (database rows by default; signed cookies write nothing)."""
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    from accounts.models import User

    user = User.objects.get(username=username)
    session = import_module(engine).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()  # (a new session of the database is created; a signed cookie is signed)
    return session.session_key


def staff_session() -> str:
    return session_for("staff")


def pages() -> list[tuple[str, str]]:
    from django.urls import reverse

    from corporations.models import Area, Corporation
    from meetings.models import Meeting

    second = Meeting.objects.get(series__fiscal_year=2015, number=2, series__title__startswith="社会福祉法人等")
    upcoming = Meeting.objects.filter(status="planned").order_by("-starts_at").first()
    corporation = Corporation.objects.get(name="社会福祉法人つくりっこの家")
    area = Area.objects.order_by("sort_order", "name").first()
    return [
        ("hello-world view", "/bench/hello/"),
        ("empty page (base.html only)", "/bench/empty/"),
        ("corporation detail", reverse("corporations:detail", args=[corporation.pk])),
        ("admin: facilities of that corporation",
         reverse("admin:corporations_facility_changelist") + f"?corporation__id__exact={corporation.pk}"),
        ("register list", reverse("corporations:list")),
        ("admin: corporations changelist", reverse("admin:corporations_corporation_changelist")),
        ("register .csv", reverse("corporations:export_csv")),
        ("register .xlsx", reverse("corporations:export_xlsx")),
        ("attendance screen (63-corporation meeting)", reverse("meetings:attendance", args=[second.pk])),
        ("admin: attendees of that meeting",
         reverse("admin:meetings_attendee_changelist") + f"?fiscal_year=2015&meeting={second.pk}"),
        ("programme editor", reverse("meetings:program", args=[second.pk])),
        ("participation matrix", reverse("meetings:participation")),
        ("invite page", reverse("meetings:invite", args=[upcoming.pk])),
        ("board", reverse("contributions:board")),
        ("project report", reverse("contributions:report")),
        ("board FY2015", reverse("contributions:board") + "?year=2015"),
        ("project report FY2015", reverse("contributions:report") + "?year=2015"),
        ("participation FY2015, one area, page 2",
         reverse("meetings:participation") + f"?fy=2015&area={area.pk}&page=2"),
        ("participation .csv FY2015", reverse("meetings:participation_csv") + "?fy=2015"),
        ("participation .xlsx FY2015", reverse("meetings:participation_xlsx") + "?fy=2015"),
        ("outreach list FY2015", reverse("meetings:outreach") + "?fy=2015"),
        ("outreach .csv FY2015", reverse("meetings:outreach_csv") + "?fy=2015"),
        ("outreach .xlsx FY2015", reverse("meetings:outreach_xlsx") + "?fy=2015"),
        ("mail log (63-corporation meeting)", reverse("meetings:mail_log", args=[second.pk])),
        ("annual report FY2015", reverse("annual:report", args=[2015])),
        ("annual report .xlsx FY2015", reverse("annual:report_xlsx", args=[2015])),
        ("annual report .docx FY2015", reverse("annual:report_docx", args=[2015])),
        ("projects list", reverse("contributions:list")),
        ("admin: projects changelist", reverse("admin:contributions_project_changelist")),
        ("needs list", reverse("needs:list")),
        ("admin: needs changelist", reverse("admin:needs_need_changelist")),
        ("offers list", reverse("needs:offers")),
        ("admin: offer requests changelist", reverse("admin:needs_offerrequest_changelist")),
        ("resources list", reverse("needs:resources")),
        ("admin: resources changelist", reverse("admin:needs_resource_changelist")),
        ("admin: invitations", reverse("admin:meetings_invitation_changelist")),
        ("admin: answers' names", reverse("admin:meetings_rsvpperson_changelist")),
        ("admin: attendees", reverse("admin:meetings_attendee_changelist")),
        # What load_scale writes as well (guests, minutes, mails, needs, resources) and the
        # meeting's other pages (issue 13: minutes, sign-in sheet, groups, admin of meetings data).
        ("home", reverse("portal:home")),
        ("dashboard", reverse("portal:dashboard")),
        ("meetings list", reverse("meetings:list")),
        ("meeting detail (63-corporation meeting)", reverse("meetings:detail", args=[second.pk])),
        ("minutes (63-corporation meeting)", reverse("meetings:minutes", args=[second.pk])),
        ("guests (63-corporation meeting)", reverse("meetings:guests", args=[second.pk])),
        ("sign-in sheet (63-corporation meeting)", reverse("meetings:signin_sheet", args=[second.pk])),
        ("groups (63-corporation meeting)", reverse("meetings:groups", args=[second.pk])),
        ("meeting report (63-corporation meeting)", reverse("meetings:report", args=[second.pk])),
        ("meeting report .xlsx", reverse("meetings:report_xlsx", args=[second.pk])),
        ("needs .xlsx", reverse("needs:list_xlsx")),
        ("needs by area", reverse("needs:areas")),
        ("project report .csv", reverse("contributions:report_csv")),
        ("project report .xlsx", reverse("contributions:report_xlsx")),
        ("admin: guests", reverse("admin:meetings_guest_changelist")),
        ("admin: minutes", reverse("admin:meetings_minutes_changelist")),
        ("admin: minutes' follow-ups", reverse("admin:meetings_minutesfollowup_changelist")),
        ("admin: meeting mails", reverse("admin:meetings_meetingmail_changelist")),
        ("admin: outgoing mails", reverse("admin:core_outgoingmail_changelist")),
    ]


def fetch(url: str, cookie: str, timeout: float = 120, port: int = PORT):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={cookie}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        body, status = error.read(), error.code
    except (urllib.error.URLError, TimeoutError) as error:
        return time.perf_counter() - started, f"error {error}", b""
    except http.client.IncompleteRead as error:
        # A streamed export cut off (the worker's timeout): what came, marked.
        return time.perf_counter() - started, "cut off", error.partial
    return time.perf_counter() - started, status, body


def start_gunicorn(root: Path = ROOT, port: int = PORT, *, workers: int = 2, collect_static: bool = True):
    """gunicorn serving the checkout at root (another checkout: its own static files)."""
    env = os.environ.copy()
    if root != ROOT:
        env["PORTAL_VAR_DIR"] += f"-{port}"
    if collect_static:
        subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=root, env=env,
                       check=True)
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    process = subprocess.Popen(
        [gunicorn, "network_portal.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}", "--timeout",
         "30", "--log-level", "warning"], cwd=root, env=env,
    )
    for _attempt in range(100):
        time.sleep(0.3)
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/bench/hello/", timeout=5)
            return process
        except OSError:
            continue
    process.terminate()
    raise SystemExit("gunicorn did not start")


def wrk(url: str, cookie: str, seconds: int, port: int = PORT) -> float:
    output = subprocess.run(
        ["wrk", "-t2", "-c4", f"-d{seconds}s", "--timeout", "30s", "-H", f"Cookie: sessionid={cookie}",
         f"http://127.0.0.1:{port}{url}"], capture_output=True, text=True,
    ).stdout
    found = re.search(r"Requests/sec:\s+([\d.]+)", output)
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if bad:
        print(f"  ({url}: {bad.group(1)} answers not 2xx)", file=sys.stderr)
    return float(found.group(1)) if found else 0.0


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--wrk", action="store_true")
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated page labels (substrings)")
    parser.add_argument("--skip", default="", help="comma-separated page labels (substrings) to leave out")
    parser.add_argument("--no-warmup", action="store_true")
    parser.add_argument("--baseline", type=Path, help="another checkout (the code before a change): each page is "
                        "measured on both servers in turn, and its ratio to each server's own hello view compared")
    parser.add_argument("--cold", action="store_true", help="every request a cache miss: gunicorn without a "
                        "cache (BENCH_COLD=1, a dummy cache), or in process the cache emptied before each request")
    parser.add_argument("--in-process", action="store_true", help="no server: each page's CPU time a request "
                        "in this process (Django's test client, the same settings), and its ratio to the hello view's")
    args = parser.parse_args()
    if args.cold:
        os.environ["BENCH_COLD"] = "1"
    if args.in_process:
        return in_process(args)
    if args.baseline:
        return compare(args)
    setup(args.db)
    cookie = staff_session()
    chosen = [p for p in pages() if not args.only or any(o in p[0] for o in args.only.split(","))]
    chosen = [p for p in chosen if not args.skip or not any(o in p[0] for o in args.skip.split(","))]
    process = start_gunicorn()
    try:
        print(f"| page ({args.db}) | median s | status | KB | <option> | req/s | × hello |")
        print("|---|---|---|---|---|---|---|")
        hello_rate = None
        for label, url in chosen:
            if not args.no_warmup:
                fetch(url, cookie)  # warm up (templates, connections)
            runs = [fetch(url, cookie) for _ in range(args.repeat)]
            seconds = statistics.median(r[0] for r in runs)
            status, body = runs[-1][1], runs[-1][2]
            rate = wrk(url, cookie, args.seconds) if args.wrk else None
            if label.startswith("hello"):
                hello_rate = rate
            ratio = f"{rate / hello_rate:.3f}" if rate and hello_rate else ""
            print(f"| {label} | {seconds:.3f} | {status} | {len(body) / 1024:.0f} | {body.count(b'<option')} | "
                  f"{rate if rate is not None else ''} | {ratio} |", flush=True)
    finally:
        process.terminate()
        process.wait(timeout=30)


def in_process(args):
    """CPU seconds a request (this thread's, so other processes' load counts little), median of
    --repeat rounds of 20 requests, with the queries of one request."""
    setup(args.db)
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    call_command("collectstatic", "--noinput", verbosity=0)  # the production storage needs its manifest
    cookie = staff_session()
    client = Client(HTTP_HOST="127.0.0.1")
    client.cookies["sessionid"] = cookie
    chosen = [p for p in pages() if not args.only or any(o in p[0] for o in args.only.split(","))]
    chosen = [p for p in chosen if not args.skip or not any(o in p[0] for o in args.skip.split(","))]
    print(f"| page ({args.db}, in process) | queries | CPU ms a request | × hello |")
    print("|---|---|---|---|")
    hello = None
    for label, url in chosen:
        client.get(url)  # warm up
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        queries = len(captured)  # now: the next request empties the log
        rounds = []
        for _round in range(max(args.repeat, 1)):
            started = time.thread_time()
            for _request in range(20):
                if args.cold:
                    cache.clear()  # (a dummy cache already when --cold; clearing costs nothing then)
                client.get(url)
            rounds.append((time.thread_time() - started) / 20)
        cpu = statistics.median(rounds)
        if label.startswith("hello"):
            hello = cpu
        ratio = f"{hello / cpu:.3f}" if hello else ""
        print(f"| {label} | {queries} | {cpu * 1000:.2f} | {ratio} |", flush=True)


def compare(args):
    """Before and after in one run: both checkouts served at once, each page measured with wrk on
    the baseline then on this checkout, twice (B A B A), so that both see the same load."""
    setup(args.db)
    cookie = staff_session()
    chosen = [p for p in pages() if not args.only or any(o in p[0] for o in args.only.split(","))]
    chosen = [p for p in chosen if not args.skip or not any(o in p[0] for o in args.skip.split(","))]
    servers = {"before": (args.baseline.resolve(), PORT + 1), "after": (ROOT, PORT)}
    processes = [start_gunicorn(root, port) for root, port in servers.values()]
    try:
        print(f"| page ({args.db}) | before req/s | × hello | after req/s | × hello | after ÷ before (ratios) |")
        print("|---|---|---|---|---|---|")
        hello = {}
        for label, url in chosen:
            rates = {name: [] for name in servers}
            for name, (_root, port) in list(servers.items()) * 2:
                fetch(url, cookie, port=port)  # warm up
                rates[name].append(wrk(url, cookie, args.seconds, port=port))
            rate = {name: statistics.mean(values) for name, values in rates.items()}
            if label.startswith("hello"):
                hello = rate
            ratio = {name: rate[name] / hello[name] if hello.get(name) else 0.0 for name in servers}
            change = ratio["after"] / ratio["before"] if ratio["before"] else 0.0
            print(f"| {label} | {rate['before']:.1f} | {ratio['before']:.3f} | {rate['after']:.1f} | "
                  f"{ratio['after']:.3f} | {change:.2f} |", flush=True)
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
