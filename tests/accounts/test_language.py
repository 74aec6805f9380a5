"""Choosing the language: the first visit follows the browser, the switcher on every page keeps
the person on the same page and is remembered on their account, login brings it back, and a
person's emails go out in their language."""

import re

import pytest
from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse
from django.utils import translation

from profiles.models import User
from tests.factories import PASSWORD, ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


def switch(client, language, next_url="/noc/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_a_first_visit_follows_the_browsers_language(client):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr-CA,fr;q=0.9,en;q=0.5")
    assert html_lang(response) == "fr"
    assert response["Content-Language"] == "fr"


def test_every_page_offers_the_other_language_named_in_it(client):
    english = client.get(reverse("home")).content.decode()
    assert '<html lang="en">' in english
    assert 'lang="fr"' in english and ">Français</button>" in english
    french = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'lang="en"' in french and ">English</button>" in french


def test_the_switcher_keeps_the_page_the_person_was_on(client):
    assert client.get(reverse("home")).status_code == 200  # the switcher is on this page
    response = switch(client, "fr", next_url="/noc/?q=nurse")
    assert response.status_code == 302
    assert response["Location"] == "/noc/?q=nurse"
    assert response.cookies[COOKIE].value == "fr"
    assert html_lang(client.get("/noc/?q=nurse")) == "fr"


def test_the_switcher_never_sends_a_person_to_another_site(client):
    response = switch(client, "fr", next_url="https://evil.example/")
    assert response["Location"] == "/"


def test_an_anonymous_switch_stores_nothing_but_the_cookie(client):
    user = UserFactory()
    switch(client, "fr")
    user.refresh_from_db()
    assert user.language == "en"


def test_a_signed_in_person_switching_has_it_remembered_on_their_account(client):
    applicant = ApplicantFactory()
    client.force_login(applicant.user)
    switch(client, "fr")
    applicant.user.refresh_from_db()
    assert applicant.user.language == "fr"


def test_an_unknown_language_changes_nothing(client):
    applicant = ApplicantFactory()
    client.force_login(applicant.user)
    switch(client, "de")
    applicant.user.refresh_from_db()
    assert applicant.user.language == "en"


def test_the_switch_is_a_post_only(client):
    assert client.get(reverse("set_language"), {"language": "fr"}).status_code == 405


def test_on_login_the_accounts_language_is_activated_and_the_cookie_set(client):
    user = ApplicantFactory(user__language="fr").user
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "fr"
    assert html_lang(client.get(reverse("dashboard"))) == "fr"


def test_a_signed_in_persons_account_language_wins_over_the_browser(client):
    user = ApplicantFactory(user__language="fr").user
    client.force_login(user)
    response = client.get(reverse("dashboard"), HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(response) == "fr"


def test_signing_up_in_french_makes_a_french_account(client, mailoutbox,
                                                     django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("sign_up"),
            {"email": "nouvelle@example.test", "password1": PASSWORD, "password2": PASSWORD},
            HTTP_ACCEPT_LANGUAGE="fr-CA", REMOTE_ADDR="203.0.113.9",
        )
    assert User.objects.get(email="nouvelle@example.test").language == "fr"
    assert len(mailoutbox) == 1


@pytest.fixture
def languages_at_send(monkeypatch):
    """The active language each time an email is sent."""
    seen = []
    original = EmailMessage.send

    def send(self, *args, **kwargs):
        seen.append(translation.get_language())
        return original(self, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send)
    return seen


def test_the_activation_link_sent_again_goes_in_the_accounts_language(
    client, languages_at_send, django_capture_on_commit_callbacks
):
    UserFactory(email="attente@example.test", is_active=False, language="fr")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("sign_up"),
            {"email": "attente@example.test", "password1": PASSWORD, "password2": PASSWORD},
            REMOTE_ADDR="203.0.113.10",
        )
    assert languages_at_send == ["fr"]


def test_a_password_reset_email_goes_in_the_accounts_language(
    client, mailoutbox, languages_at_send, django_capture_on_commit_callbacks
):
    user = ApplicantFactory(user__language="fr").user
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": user.email},
                    HTTP_ACCEPT_LANGUAGE="en", REMOTE_ADDR="203.0.113.11")
    assert languages_at_send == ["fr"]
    # Django's own French for the subject.
    assert "Réinitialisation du mot de passe" in mailoutbox[0].subject
