"""Build the scale benchmarks' data: `manage.py load_scale --factor 100 [--reset]`.

Factor 1 is the demo (load_demo); factor 100 is the shape issue 13 measured (21,000
corporations, 100,000 facilities, 750 meetings, 1,000,000 attendees, 5,000 projects, and 700
needs and 11,000 resources); a factor between grows in a straight line (10 → about 2,000
corporations and 91,000 attendees). Guests, minutes and meeting mails grow with the meetings.
The rows beyond the demo are written with bulk inserts (portal/scale/).

Refuses a database that already has a register; `--reset` empties it first (every row but
the vocabularies the migrations seed: areas, service types, patterns, themes, target groups,
resource kinds). Deterministic: the same factor and seed give the same rows.
"""

import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from corporations.models import Corporation
from portal import scale


class Command(BaseCommand):
    help = "Load the demo and generated rows up to --factor times it (100 = issue 13's 100×)."

    def add_arguments(self, parser):
        parser.add_argument("--factor", type=float, default=10.0, help="1 = the demo, 100 = issue 13's 100×.")
        parser.add_argument("--reset", action="store_true", help="Empty the database first (keeps vocabularies).")
        parser.add_argument("--seed", type=int, default=100)

    def handle(self, *args, **options):
        factor = options["factor"]
        if factor < 1 or factor > 1000:
            raise CommandError("--factor must be between 1 and 1000.")
        started = time.perf_counter()
        if Corporation.objects.exists():
            if not options["reset"]:
                raise CommandError(
                    "The register is not empty: run with --reset to empty the database (vocabularies stay) first."
                )
            step = time.perf_counter()
            tables = scale.wipe()
            self.stdout.write(f"emptied {len(tables)} tables in {time.perf_counter() - step:.1f} s")
        step = time.perf_counter()
        call_command("load_demo", stdout=self.stdout)
        self.stdout.write(f"demo: {time.perf_counter() - step:.1f} s")
        demo = scale.count_rows()
        extra = scale.issue_shape(factor, demo)
        generator = scale.Generator(seed=options["seed"], report=self.stdout.write)
        generator.run(extra)
        total = scale.count_rows()
        self.stdout.write(self.style.SUCCESS(
            f"factor {factor:g}: {total.corporations:,} corporations, {total.facilities:,} facilities, "
            f"{total.meetings:,} meetings, {total.attendees:,} attendees, {total.projects:,} projects, "
            f"{total.needs:,} needs, {total.resources:,} resources in {time.perf_counter() - started:.1f} s"
        ))
