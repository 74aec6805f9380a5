"""Sign-up never tells who has an account: an address that has one is answered exactly as a
new one, and only its owner learns, by email, what happened."""

import re

import pytest
from django.urls import reverse

from profiles.models import Applicant, User
from profiles.roles import APPLICANT
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW = "new.person@example.test"


def sign_up(client, email=NEW, password=PASSWORD, address="203.0.113.7"):
    return client.post(
        reverse("sign_up"),
        {"email": email, "password1": password, "password2": password},
        REMOTE_ADDR=address,
    )


def without_tokens(html: str) -> str:
    return re.sub(r'[A-Za-z0-9]{64}', "TOKEN", html)


def link_in(body: str) -> str:
    return re.search(r"https?://\S+", body).group(0)


def test_a_new_address_gets_an_inactive_account_and_an_activation_link(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("sign_up_done")
    user = User.objects.get(email=NEW)
    assert not user.is_active
    assert list(user.groups.values_list("name", flat=True)) == [APPLICANT]
    assert Applicant.objects.filter(user=user).exists()
    assert "_auth_user_id" not in client.session
    assert [m.to for m in mailoutbox] == [[NEW]]
    assert "/accounts/activate/" in mailoutbox[0].body


def test_a_taken_address_is_answered_exactly_as_a_new_one(
    client, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    from django.test import Client

    with django_capture_on_commit_callbacks(execute=True):
        new = sign_up(Client())
        taken = sign_up(client, email=applicant.user.email.upper())
    assert (taken.status_code, taken["Location"]) == (new.status_code, new["Location"])
    new_page = Client().get(new["Location"])
    taken_page = client.get(taken["Location"])
    assert new_page.status_code == taken_page.status_code == 200
    assert without_tokens(taken_page.content.decode()) == without_tokens(
        new_page.content.decode()
    )
    # Nothing about the existing account changed; its owner was told by email.
    assert User.objects.filter(email__iexact=applicant.user.email).count() == 1
    assert applicant.user.check_password(PASSWORD)
    owner_mail = [m for m in mailoutbox if m.to == [applicant.user.email]]
    assert len(owner_mail) == 1
    assert "Someone tried to sign up" in owner_mail[0].body
    assert "/accounts/login/" in owner_mail[0].body
    assert "/accounts/password_reset/" in owner_mail[0].body


def test_the_form_never_says_an_address_is_taken(client, applicant):
    response = sign_up(client, email=applicant.user.email)
    assert response.status_code == 302
    assert "already" not in client.get(response["Location"]).content.decode()


def test_an_account_waiting_for_activation_gets_its_link_again(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
        sign_up(client, password="another-long-password-77")
    user = User.objects.get(email=NEW)
    assert user.check_password(PASSWORD)  # the first password stays
    assert len(mailoutbox) == 2
    assert all("/accounts/activate/" in m.body for m in mailoutbox)


def test_the_link_asks_before_activating_then_activates_once(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = link_in(mailoutbox[0].body)
    page = client.get(link)
    assert page.status_code == 200
    assert "Activate my account" in page.content.decode()
    assert not User.objects.get(email=NEW).is_active  # a GET (a mail scanner) changes nothing
    response = client.post(link)
    assert response["Location"] == reverse("login")
    assert User.objects.get(email=NEW).is_active
    again = client.get(link)
    assert "This link no longer works" in again.content.decode()
    assert client.post(link).status_code == 200
    # The person logs in with the password they chose.
    login = client.post(reverse("login"), {"username": NEW, "password": PASSWORD})
    assert login["Location"] == reverse("dashboard")


def test_an_inactive_account_cannot_log_in_and_is_not_told_why(client):
    sign_up(client)
    response = client.post(reverse("login"), {"username": NEW, "password": PASSWORD})
    assert response.status_code == 200
    assert "Please enter a correct email address and password" in response.content.decode()


def test_a_tampered_activation_link_activates_nothing(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client)
    link = link_in(mailoutbox[0].body)
    tampered = link[:-3] + ("aaa/" if not link.endswith("aaa/") else "bbb/")
    assert "This link no longer works" in client.post(tampered).content.decode()
    assert not User.objects.get(email=NEW).is_active


def test_another_persons_link_cannot_activate_my_account(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    # An outsider who has their own valid link swaps in my account's id: refused.
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, email="outsider@example.test")
        sign_up(client)
    outsider_link = link_in(mailoutbox[0].body)
    mine = User.objects.get(email=NEW)
    parts = outsider_link.rstrip("/").split("/")
    parts[-2] = urlsafe_base64_encode(force_bytes(mine.pk))
    assert "This link no longer works" in client.post("/".join(parts) + "/").content.decode()
    assert not User.objects.get(email=NEW).is_active


def test_a_signed_in_person_is_sent_to_the_dashboard(applicant_client):
    response = applicant_client.get(reverse("sign_up"))
    assert response["Location"] == reverse("dashboard")


def test_sign_up_with_a_weak_password_is_refused_and_keeps_the_email(client):
    response = sign_up(client, password="12345678")
    assert response.status_code == 200
    assert NEW in response.content.decode()
    assert not User.objects.filter(email=NEW).exists()


def test_sign_up_sends_nothing_during_the_request(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sign_up(client)
    assert mailoutbox == []
    assert len(callbacks) == 1


def test_staff_sign_up_address_is_treated_like_any_other(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    staff = UserFactory(is_staff=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = sign_up(client, email=staff.email)
    assert response["Location"] == reverse("sign_up_done")
    assert "Someone tried to sign up" in mailoutbox[0].body
