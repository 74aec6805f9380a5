"""Sign-up and password-reset requests are limited per address (and a reset per email), in
the database so every worker shares the count."""

from datetime import timedelta

import pytest
from django.urls import reverse

from accounts.models import RequestCount
from accounts.ratelimit import hit
from profiles.models import User
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_up(client, n, address="203.0.113.7"):
    return client.post(
        reverse("sign_up"),
        {"email": f"person{n}@signup.test", "password1": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
    )


def reset(client, email, address="203.0.113.7"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def an_hour_passes():
    RequestCount.objects.update(window_start=RequestCount.objects.first().window_start
                                - timedelta(hours=1))


def test_ten_sign_ups_an_hour_from_one_address_then_a_polite_refusal(client):
    for n in range(10):
        assert sign_up(client, n).status_code == 302
    response = sign_up(client, 10)
    assert response.status_code == 429
    assert "Please try again in an hour" in response.content.decode()
    assert not User.objects.filter(email="person10@signup.test").exists()


def test_the_sign_up_limit_is_per_address(client):
    for n in range(10):
        sign_up(client, n)
    assert sign_up(client, 10, address="198.51.100.1").status_code == 302


def test_sign_up_opens_again_the_next_hour(client):
    for n in range(11):
        sign_up(client, n)
    an_hour_passes()
    assert sign_up(client, 11).status_code == 302
    assert User.objects.filter(email="person11@signup.test").exists()


def test_ten_reset_requests_an_hour_from_one_address(client):
    for n in range(10):
        assert reset(client, f"someone{n}@example.test").status_code == 302
    response = reset(client, "someone10@example.test")
    assert response.status_code == 429


def test_three_reset_emails_an_hour_to_one_address_and_the_same_answer_after(
    client, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [reset(client, applicant.user.email, address=f"198.51.100.{n}")
                   for n in range(5)]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("password_reset_done"))
    }
    assert len(mailoutbox) == 3


def test_reset_opens_again_the_next_hour(client):
    for n in range(11):
        reset(client, f"someone{n}@example.test")
    an_hour_passes()
    assert reset(client, "someone11@example.test").status_code == 302


def test_a_get_is_never_counted(client):
    for _ in range(12):
        assert client.get(reverse("sign_up")).status_code == 200
    assert not RequestCount.objects.exists()


def test_hit_counts_per_key_and_keeps_no_email_in_clear(settings):
    settings.CEC_RATE_LIMITS = {"test": (2, timedelta(minutes=10))}
    assert [hit(scope="test", key="a@example.test") for _ in range(3)] == [True, True, False]
    assert hit(scope="test", key="b@example.test")
    assert not RequestCount.objects.filter(key__contains="@").exists()


def test_hit_drops_windows_that_are_over(settings):
    settings.CEC_RATE_LIMITS = {"test": (2, timedelta(minutes=10))}
    hit(scope="test", key="a")
    RequestCount.objects.update(window_start=RequestCount.objects.get().window_start
                                - timedelta(minutes=10))
    assert hit(scope="test", key="a")
    assert RequestCount.objects.count() == 1
