"""Time the fiscal year's report (page, .xlsx, .docx) under gunicorn, two checkouts side by side:
`python benchmarks/annual_http.py --db network_portal_scale_x100 --repeat 5 before=/work/main:8761 after=.:8762`

Each checkout runs its own gunicorn (production settings as benchmarks/bench_settings.py, one
sync worker) on the same database, read-only: the staff session is a signed cookie (a settings
module written to a temporary folder sets SESSION_ENGINE), so nothing is written to the shared
scale databases. After one warm-up request per URL, each URL is asked `--repeat` times,
alternating which checkout goes first; prints the median, min and max per checkout, the ratio
of the medians (same run, same load) and the worker's peak RSS (VmHWM).
"""

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

URLS = [("hello-world view", "/bench/hello/"), ("report page", "/annual/2015/"),
        ("report .xlsx", "/annual/2015/report.xlsx"), ("report .docx", "/annual/2015/report.docx")]
SETTINGS = '''from benchmarks.bench_settings import *  # noqa: F403

SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
'''
COOKIE = '''
from importlib import import_module
import django
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from accounts.models import User
user = User.objects.get(username="staff")
session = import_module(settings.SESSION_ENGINE).SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.save()
print(session.session_key)
'''


def get(port: int, cookie: str, url: str) -> tuple[float, int]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{url}", headers={"Cookie": f"sessionid={cookie}"})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=120) as response:
        body = response.read()
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
    return time.perf_counter() - started, len(body)


def peak_rss_mib(master: subprocess.Popen) -> list[int]:
    children = subprocess.run(["pgrep", "-P", str(master.pid)], capture_output=True, text=True).stdout.split()
    peaks = []
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM"):
                peaks.append(int(line.split()[1]) // 1024)
    return peaks


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("targets", nargs="+", help="label=checkout:port")
    args = parser.parse_args()
    targets = [(label, *rest.rsplit(":", 1)) for label, rest in (t.split("=", 1) for t in args.targets)]
    settings_dir = tempfile.mkdtemp(prefix="annual-bench-")
    Path(settings_dir, "annual_bench_settings.py").write_text(SETTINGS)
    python, gunicorn = sys.executable, str(Path(sys.executable).with_name("gunicorn"))
    servers, cookies = {}, {}
    try:
        for label, checkout, port in targets:
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "annual_bench_settings", "PYTHONPATH": settings_dir,
                   "SECRET_KEY": "bench-" + "k" * 60, "PORTAL_VAR_DIR": f"{settings_dir}/var-{label}",
                   "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{args.db}"}
            collect = [python, "manage.py", "collectstatic", "--noinput", "-v0"]
            subprocess.run(collect, cwd=checkout, env=env, check=True)
            cookies[label] = subprocess.run([python, "-c", COOKIE], cwd=checkout, env=env, capture_output=True,
                                            text=True, check=True).stdout.strip()
            servers[label] = subprocess.Popen(
                [gunicorn, "network_portal.wsgi", "--workers", "1", "--bind", f"127.0.0.1:{port}", "--timeout", "120",
                 "--log-level", "warning"], cwd=checkout, env=env)
        for label, _checkout, port in targets:
            for _attempt in range(100):
                time.sleep(0.3)
                try:
                    get(int(port), cookies[label], URLS[0][1])
                    break
                except OSError:
                    continue
            for _name, url in URLS:
                get(int(port), cookies[label], url)
        times: dict = {}
        for round_number in range(args.repeat):
            order = targets if round_number % 2 == 0 else targets[::-1]
            for name, url in URLS:
                for label, _checkout, port in order:
                    times.setdefault((name, label), []).append(get(int(port), cookies[label], url))
        print(f"db={args.db} repeat={args.repeat} load average {os.getloadavg()[0]:.1f}")
        for name, _url in URLS:
            cells = [name]
            for label, *_rest in targets:
                seconds = [t for t, _size in times[name, label]]
                cells.append(f"{label}: median {statistics.median(seconds):.3f} s (min {min(seconds):.3f}, "
                             f"max {max(seconds):.3f}), {times[name, label][0][1] // 1024} KB")
            if len(targets) == 2:
                first, second = (statistics.median(t for t, _s in times[name, label]) for label, *_r in targets)
                cells.append(f"{targets[1][0]} / {targets[0][0]} = {second / first:.2f}")
            print(" | ".join(cells))
        for label, *_rest in targets:
            print(f"{label}: worker peak RSS {peak_rss_mib(servers[label])} MiB")
    finally:
        for server in servers.values():
            server.send_signal(signal.SIGTERM)
        for server in servers.values():
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
