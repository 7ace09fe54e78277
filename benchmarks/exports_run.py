"""Time and memory of the large exports under gunicorn: `python benchmarks/exports_run.py --db NAME`.

For each export (the register's .csv and .xlsx, the participation matrix's and the outreach list's
for FY2015, the fiscal-year report's .xlsx and .docx, the needs' and the project report's .xlsx): a fresh
gunicorn (production settings, benchmarks/bench_settings.py, one sync worker, 30 s timeout) on
the database, a hello-world request, then --repeat requests of the export one after another,
each read to its end as a browser downloads it. Prints the time of each request as the client
saw it, the size, and the worker's memory: its resident size after the hello-world request
(Django loaded) and its peak (VmHWM) after the exports. `--root` runs another checkout's code
(the main branch, for a before/after in the same run) against the same database; the session
is made by this checkout (both share the schema). benchmarks/scale.md holds the results.
"""

import argparse
from pathlib import Path

import scale_run
from scale_run import fetch, setup, staff_session

EXPORTS = [
    ("register .csv", "/corporations/export.csv"),
    ("register .xlsx", "/corporations/export.xlsx"),
    ("participation .csv FY2015", "/meetings/participation.csv?fy=2015"),
    ("participation .xlsx FY2015", "/meetings/participation.xlsx?fy=2015"),
    ("outreach .xlsx FY2015", "/meetings/participation/outreach.xlsx?fy=2015"),
    ("annual report .xlsx FY2015", "/annual/2015/report.xlsx"),
    ("annual report .docx FY2015", "/annual/2015/report.docx"),
    ("needs .xlsx", "/needs/needs.xlsx"),
    ("project report .xlsx", "/projects/report.xlsx"),
]


def _worker_memory(master: int) -> tuple[int, int]:
    """(resident MB now, peak resident MB) of the master's one worker."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    status = Path(f"/proc/{children[0]}/status").read_text().splitlines()
    values = {line.split(":")[0]: int(line.split()[1]) for line in status if line.startswith(("VmRSS", "VmHWM"))}
    return values["VmRSS"] // 1024, values["VmHWM"] // 1024


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--root", default=str(scale_run.ROOT), help="the checkout whose code gunicorn runs")
    parser.add_argument("--port", type=int, default=8793)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated export labels (substrings)")
    args = parser.parse_args()
    setup(args.db)
    cookie = staff_session()
    scale_run.PORT = args.port
    chosen = [e for e in EXPORTS if not args.only or any(o in e[0] for o in args.only.split(","))]
    print(f"| export ({args.db}, {args.root}) | seconds each | status | KB | worker MB: loaded / peak |")
    print("|---|---|---|---|---|")
    for label, url in chosen:
        process = scale_run.start_gunicorn(root=Path(args.root), workers=1, collect_static=False)
        try:
            fetch("/bench/hello/", cookie)
            loaded, _peak = _worker_memory(process.pid)
            runs = [fetch(url, cookie) for _ in range(args.repeat)]
            _now, peak = _worker_memory(process.pid)
        finally:
            process.terminate()
            process.wait(timeout=30)
        seconds = " / ".join(f"{r[0]:.2f}" for r in runs)
        print(f"| {label} | {seconds} | {runs[-1][1]} | {len(runs[-1][2]) / 1024:.0f} | {loaded} / {peak} |",
              flush=True)


if __name__ == "__main__":
    main()
