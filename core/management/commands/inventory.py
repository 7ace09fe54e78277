from django.core.management.base import BaseCommand, CommandError

from core.backup import inventory


class Command(BaseCommand):
    help = (
        "Rows of every table and the files under MEDIA_ROOT, one line each: run it before a backup "
        "and on the restored copy, and compare (README, Backup and restore). Fails when a row "
        "points to a file that storage does not have."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default="default")

    def handle(self, *args, database, **options):
        lines = inventory(database)
        self.stdout.write("\n".join(lines))
        missing = [line for line in lines if line.startswith("missing\t")]
        if missing:
            raise CommandError(f"{len(missing)} stored file(s) missing from MEDIA_ROOT")
