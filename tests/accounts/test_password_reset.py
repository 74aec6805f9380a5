"""Password reset takes the same time whether or not the address has an account: the email
is sent after the request, off its path (accounts.mail)."""

import logging
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from accounts.mail import in_thread, make_job, send_plain_later, send_templated_later

pytestmark = pytest.mark.django_db


def reset(client, email):
    return client.post(reverse("password_reset"), {"email": email})


def test_no_email_leaves_during_the_request(
    client, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = reset(client, applicant.user.email)
    assert response.status_code == 302
    assert mailoutbox == []
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [applicant.user.email]


def test_an_unknown_address_gets_the_same_answer_and_no_email(
    client, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = reset(client, applicant.user.email)
        unknown = reset(client, "nobody@example.test")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [m.to for m in mailoutbox] == [[applicant.user.email]]
    page = client.get(unknown["Location"]).content.decode()
    assert "If an account exists for that address" in page


def test_both_answers_do_the_same_work_on_the_request_path(
    client, applicant, django_capture_on_commit_callbacks
):
    # The same queries whether or not the account exists: the email is the only difference,
    # and it is sent later.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def shape(queries):
        return [re.sub(r"'[^']*'|%s|\d+", "?", q["sql"]) for q in queries.captured_queries]

    reset(client, "warm-up@example.test")
    with django_capture_on_commit_callbacks(execute=False) as known_mail, \
            CaptureQueriesContext(connection) as known:
        reset(client, applicant.user.email)
    with django_capture_on_commit_callbacks(execute=False) as unknown_mail, \
            CaptureQueriesContext(connection) as unknown:
        reset(client, "nobody@example.test")
    assert shape(known) == shape(unknown)
    assert (len(known_mail), len(unknown_mail)) == (1, 0)


@pytest.mark.django_db(transaction=True)
def test_the_thread_runner_sends_off_the_calling_thread(mailoutbox, monkeypatch):
    import threading

    seen = []
    real_send = mail.EmailMessage.send

    def send(message, *args, **kwargs):
        seen.append(threading.current_thread().name)
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    in_thread(make_job("plain", to=["a@example.test"], subject="s", body="b")).join(timeout=10)
    assert seen == ["send-mail"]
    assert len(mailoutbox) == 1


def test_a_failed_send_is_logged_not_raised(
    caplog, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr(mail.EmailMessage, "send", refuse)
    with caplog.at_level(logging.ERROR, logger="security"), \
            django_capture_on_commit_callbacks(execute=True):
        send_plain_later(to=["a@example.test"], subject="s", body="b")
    assert "An email could not be sent" in caplog.text


def test_the_email_is_written_in_the_language_of_the_request(
    mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils.translation import gettext_lazy as _

    with translation.override("fr"), django_capture_on_commit_callbacks(execute=True):
        send_templated_later(
            to="a@example.test", subject=_("Log in"),
            template="accounts/email/activate.txt", context={"email": "a", "link": "x"},
        )
    with translation.override("fr"):
        expected = str(_("Log in"))
    assert mailoutbox[0].subject == expected
