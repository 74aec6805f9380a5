"""The daily reminders, run by celery beat on a worker (settings.CELERY_BEAT_SCHEDULE)."""

from datetime import date

from celery import shared_task
from django.utils import timezone

from cases.reminders import reminders_send


class RemindersNotSent(Exception):
    pass


@shared_task(bind=True, max_retries=12, default_retry_delay=600)
def send_reminders(self, today: str | None = None) -> int:
    """Email the reminders due today. Safe to run again: a reminder sent is recorded with its
    key (``ReminderSent``) in the send's own transaction. Any that failed are tried again in
    ten minutes, those already sent being skipped."""
    day = date.fromisoformat(today) if today else timezone.localdate()
    sent, failed = reminders_send(today=day)
    if failed:
        raise self.retry(
            args=[day.isoformat()], exc=RemindersNotSent(f"{failed} reminder(s) not sent")
        )
    return sent
