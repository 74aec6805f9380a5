"""The daily reminders as a worker's task (cases.tasks): sent once, retried when they fail."""

from datetime import date, timedelta

import pytest
from django.core import mail

from cases.models import ReminderSent
from cases.tasks import send_reminders
from tests.cases.factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def invitation(eligible_applicant):
    return InvitationFactory(case__applicant=eligible_applicant, invited_on=date(2026, 10, 1))


def ita_subjects(mailoutbox):
    return [m.subject for m in mailoutbox if "left to submit" in m.subject]


def test_the_task_sends_the_reminder_due_once_however_often_it_runs(invitation, mailoutbox):
    day = (invitation.deadline - timedelta(days=30)).isoformat()
    assert send_reminders(day) == 1
    assert send_reminders(day) == 0
    assert ita_subjects(mailoutbox) == ["30 days left to submit your application"]
    assert ReminderSent.objects.count() == 1


def test_a_reminder_that_failed_is_sent_by_the_retry(invitation, mailoutbox, monkeypatch):
    real_send = mail.EmailMessage.send
    tries = []

    def send(message, *args, **kwargs):
        tries.append(message.subject)
        if len(tries) == 1:
            raise OSError("mail server down")
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    day = (invitation.deadline - timedelta(days=30)).isoformat()
    send_reminders.apply(args=[day], throw=False)
    assert len(tries) == 2
    assert ita_subjects(mailoutbox) == ["30 days left to submit your application"]
