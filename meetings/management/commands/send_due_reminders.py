"""Daily: remind the corporations that have not answered, PORTAL_REMINDER_DAYS_BEFORE days before a
meeting's answer deadline (回答期限). Thin: services.reminders_send_due does the work; the mail
goes to the queue, which the mail worker sends."""

from django.core.management.base import BaseCommand

from meetings import services


class Command(BaseCommand):
    help = "Remind corporations that have not answered meetings whose answer deadline is near (run daily)."

    def handle(self, *args, **options):
        results = services.reminders_send_due()
        for meeting, result in results.items():
            self.stdout.write(
                f"{meeting}: {result.count} reminded, {len(result.mailed)} by mail, {len(result.unreached)} need paper"
            )
        if not results:
            self.stdout.write("No reminders due.")
