"""Email sent by jobs (accounts.mail, accounts.tasks): once per job whoever runs it and however
often, and tried again when the mail server fails."""

import json

import pytest
from django.core import mail
from django.urls import reverse

from accounts.mail import deliver, make_job
from accounts.models import SentEmail
from accounts.tasks import on_worker, send_email

pytestmark = pytest.mark.django_db


@pytest.fixture
def job():
    return make_job("plain", to=["a@example.test"], subject="Hello", body="Body")


@pytest.fixture
def failing_once(monkeypatch):
    """The mail server refuses the first message and takes the next."""
    real_send = mail.EmailMessage.send
    calls = []

    def send(message, *args, **kwargs):
        calls.append(message.subject)
        if len(calls) == 1:
            raise OSError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    return calls


def test_a_job_delivered_twice_sends_one_email(job, mailoutbox):
    assert deliver(job) is True
    assert deliver(job) is False
    assert len(mailoutbox) == 1
    assert SentEmail.objects.filter(key=job["key"]).count() == 1


def test_two_jobs_with_the_same_content_send_two_emails(mailoutbox):
    for _ in range(2):
        deliver(make_job("plain", to=["a@example.test"], subject="Hello", body="Body"))
    assert len(mailoutbox) == 2


def test_a_failed_send_records_nothing_so_it_can_be_tried_again(job, failing_once, mailoutbox):
    with pytest.raises(OSError):
        deliver(job)
    assert not SentEmail.objects.filter(key=job["key"]).exists()
    assert deliver(job) is True
    assert [m.subject for m in mailoutbox] == ["Hello"]


def test_the_worker_task_retries_a_failed_send(job, failing_once, mailoutbox, settings):
    # Eager here (no broker in tests): the retry runs at once instead of after its back-off.
    send_email.apply(args=[job], throw=False)
    assert failing_once == ["Hello", "Hello"]
    assert len(mailoutbox) == 1


def test_the_worker_runner_queues_the_task_that_sends(job, mailoutbox):
    on_worker(job)
    assert [m.to for m in mailoutbox] == [["a@example.test"]]


def test_a_job_names_a_known_sender_only():
    with pytest.raises(ValueError, match="unknown email sender"):
        make_job("os.system", command="true")


def test_the_password_reset_job_is_json_and_sends_the_link(
    client, applicant, mailoutbox, django_capture_on_commit_callbacks, settings
):
    settings.CEC_MAIL_RUNNER = "tests.background.test_email_jobs.keep"
    KEPT.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": applicant.user.email})
    jobs = [json.loads(json.dumps(job)) for job in KEPT]  # what a broker would carry
    assert [job["sender"] for job in jobs] == ["password_reset"]
    deliver(jobs[0])
    (sent,) = mailoutbox
    assert sent.to == [applicant.user.email]
    assert jobs[0]["arguments"]["context"]["token"] in sent.body


KEPT: list = []


def keep(job) -> None:
    KEPT.append(job)
