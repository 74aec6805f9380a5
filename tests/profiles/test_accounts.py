import pytest
from django.urls import reverse

from profiles.models import Applicant, User
from profiles.roles import APPLICANT
from tests.auth import log_in_verified
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_up(client, email="new.person@example.test", password=PASSWORD):
    return client.post(
        reverse("sign_up"), {"email": email, "password1": password, "password2": password}
    )


def test_sign_up_makes_an_applicant_group_member():
    from django.test import Client

    sign_up(Client())
    user = User.objects.get(email="new.person@example.test")
    assert list(user.groups.values_list("name", flat=True)) == [APPLICANT]


def test_sign_up_creates_an_applicant_record(client):
    sign_up(client)
    assert Applicant.objects.filter(user__email="new.person@example.test").exists()


def test_sign_up_with_a_weak_password_is_refused(client):
    response = sign_up(client, password="12345678")
    assert response.status_code == 200
    assert not User.objects.filter(email="new.person@example.test").exists()


def test_log_in_with_email_and_password(client, applicant):
    response = client.post(
        reverse("login"), {"username": applicant.user.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_log_out_needs_a_post_and_ends_the_session(applicant_client):
    applicant_client.post(reverse("logout"))
    response = applicant_client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_password_reset_sends_an_email_with_a_link(
    client, applicant, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("password_reset"), {"email": applicant.user.email})
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body


def test_dashboard_redirects_an_anonymous_visitor_to_log_in(client):
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_dashboard_is_404_for_a_user_without_an_applicant_record(client, consultant):
    log_in_verified(client, consultant)
    assert client.get(reverse("dashboard")).status_code == 404


def test_pages_carry_the_disclaimer_and_the_htmx_csrf_header(client):
    html = client.get(reverse("home")).content.decode()
    assert "Estimates only — IRCC's own systems and officers decide." in html
    assert 'hx-headers=\'{"X-CSRFToken": "' in html
