"""Email sent by the workers: a failed send is tried again (up to a day later), and the job's
key (accounts.mail.deliver) keeps any retry or redelivery from sending it twice."""

from celery import shared_task

from accounts.mail import Job, deliver


@shared_task(
    autoretry_for=(OSError,),  # smtplib's errors, refused connections, timeouts
    retry_backoff=30,
    retry_backoff_max=3600,
    max_retries=24,
)
def send_email(job: Job) -> bool:
    return deliver(job)


def on_worker(job: Job) -> None:
    """The mail runner with a broker (settings.CEC_MAIL_RUNNER): a worker sends it."""
    send_email.delay(job)
