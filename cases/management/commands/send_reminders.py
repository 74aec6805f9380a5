"""Email the reminders due today (ITA deadline, language test expiry, pool expiry, biometrics).

Run once a day from cron; running it again the same day sends nothing twice.
"""

from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from cases.reminders import reminder_send_due


class Command(BaseCommand):
    help = "Email the case reminders due today; idempotent."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--today", help="act as if today were this date (YYYY-MM-DD); for checks"
        )

    def handle(self, *args, today: str | None = None, **options) -> None:
        try:
            day = date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--today: {error}") from error
        sent = reminder_send_due(today=day)
        self.stdout.write(f"send_reminders: {sent} reminder(s) sent for {day.isoformat()}.")
