"""The mail worker: sends the queue of outgoing mail (core/mail.py) and retries failures.

`make run` starts it next to runserver; in production run it as a service of its own
(README, "Mail"). `--once` sends what is due and stops (for cron or a check by hand).
"""

import time

from django.core.management.base import BaseCommand

from core import mail


class Command(BaseCommand):
    help = "Send the queued mail, then keep watching the queue (--once: send what is due and stop)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Send what is due now and stop.")
        parser.add_argument("--interval", type=float, default=5.0, help="Seconds between looks at the queue.")

    def handle(self, *args, once: bool = False, interval: float = 5.0, **options):
        while True:
            sent, failed, requeued = mail.deliver_queued()
            if sent or failed or requeued:
                self.stdout.write(f"mail: {sent} sent, {failed} failed, {requeued} to retry")
            if once:
                return
            time.sleep(interval)
