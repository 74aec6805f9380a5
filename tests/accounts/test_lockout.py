"""Logins cannot be guessed: django-axes locks an account, or an address, after five wrong
passwords within 15 minutes, on the portal and the admin login alike."""

import logging
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tests.factories import PASSWORD, ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db

WRONG = "not-the-password-at-all"


def log_in(client, email, password=PASSWORD, address="203.0.113.7", url=None):
    return client.post(
        url or reverse("login"),
        {"username": email, "password": password},
        REMOTE_ADDR=address,
    )


def fail(client, email, times=5, address="203.0.113.7", url=None):
    for _ in range(times):
        response = log_in(client, email, WRONG, address=address, url=url)
    return response


def test_four_wrong_passwords_still_let_the_right_one_in(client, applicant):
    fail(client, applicant.user.email, times=4)
    assert log_in(client, applicant.user.email).status_code == 302


def test_the_fifth_wrong_password_locks_the_account_and_says_how_to_get_back_in(
    client, applicant
):
    response = fail(client, applicant.user.email)
    assert response.status_code == 429
    html = response.content.decode()
    assert "paused logging in for 15 minutes" in html
    assert f'href="{reverse("password_reset")}"' in html


def test_a_locked_account_refuses_even_the_right_password(client, applicant):
    fail(client, applicant.user.email)
    response = log_in(client, applicant.user.email)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_every_address(client, applicant):
    for n in range(5):
        log_in(client, applicant.user.email, WRONG, address=f"198.51.100.{n}")
    assert log_in(client, applicant.user.email, address="192.0.2.99").status_code == 429


def test_the_address_is_locked_for_every_account(client, applicant, other_applicant):
    for n in range(5):
        log_in(client, f"guess{n}@example.test", WRONG, address="203.0.113.50")
    assert log_in(client, other_applicant.user.email, address="203.0.113.50").status_code == 429
    # The same account from another address is not locked.
    assert log_in(client, other_applicant.user.email, address="203.0.113.51").status_code == 302


def test_an_email_in_capitals_counts_as_the_same_account(client, applicant):
    for n in range(5):
        email = applicant.user.email.upper() if n % 2 else applicant.user.email
        log_in(client, email, WRONG, address=f"198.51.100.{n}")
    assert log_in(client, applicant.user.email, address="192.0.2.1").status_code == 429


def test_a_successful_login_starts_the_count_again(client, applicant):
    fail(client, applicant.user.email, times=4)
    assert log_in(client, applicant.user.email).status_code == 302
    client.post(reverse("logout"))
    assert fail(client, applicant.user.email, times=4).status_code == 200
    assert log_in(client, applicant.user.email).status_code == 302


def test_the_admin_login_is_locked_too(client):
    staff = UserFactory(is_staff=True)
    url = reverse("admin:login")
    assert fail(client, staff.email, url=url).status_code == 429
    response = log_in(client, staff.email, url=url)
    assert response.status_code == 429
    assert "paused logging in" in response.content.decode()


def test_a_lockout_is_logged(client, applicant, caplog):
    with caplog.at_level(logging.WARNING, logger="security"):
        fail(client, applicant.user.email, address="203.0.113.9")
    lines = [r.getMessage() for r in caplog.records if r.name == "security"]
    assert lines == [
        f"Login locked out after 5 failures: account '{applicant.user.email}', "
        "address 203.0.113.9"
    ]


def test_the_lock_lifts_after_the_cool_off(client, applicant):
    fail(client, applicant.user.email)
    # Sixteen minutes pass.
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, applicant.user.email).status_code == 302


def test_the_lock_holds_until_the_cool_off_ends(client, applicant):
    fail(client, applicant.user.email)
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert log_in(client, applicant.user.email).status_code == 429


def test_a_password_reset_by_email_lifts_the_lock(client, applicant):
    user = applicant.user
    fail(client, user.email)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    # The link redirects to a URL without the token, as Django's reset does.
    link = client.get(reverse("password_reset_confirm", args=[uid, token]))
    new = "a-brand-new-password-2026"
    response = client.post(link["Location"], {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("password_reset_complete")
    assert not AccessAttempt.objects.filter(username=user.email).exists()
    assert log_in(client, user.email, new).status_code == 302


def test_the_lockout_page_is_the_same_for_an_unknown_address(client):
    response = fail(client, "nobody@example.test")
    assert response.status_code == 429
    assert "paused logging in for 15 minutes" in response.content.decode()


def test_behind_the_proxy_each_person_is_counted_by_their_own_address(
    client, applicant, settings
):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    for n in range(5):
        client.post(
            reverse("login"),
            {"username": f"guess{n}@example.test", "password": WRONG},
            REMOTE_ADDR="10.0.0.1",
            HTTP_X_FORWARDED_FOR=f"1.2.3.4, 198.51.100.{n}",
        )
    # Five people behind the same proxy are five addresses: nobody is locked.
    response = client.post(
        reverse("login"),
        {"username": ApplicantFactory().user.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.200",
    )
    assert response.status_code == 302
