"""The page header, rendered once per language and kind of visitor and kept in memory: each
request still gets its own email, path and CSRF token, and the header of its language and
kind."""

import re

import pytest
from django.test import Client

from profiles.roles import CONSULTANT
from tests.auth import log_in_verified
from tests.factories import ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db

NOC_PAGE = "/noc/"


def header(response) -> str:
    html = response.content.decode()
    return html[html.index("<header"):html.index("</header>")]


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_each_person_sees_their_own_email_in_a_header_kept_from_someone_else():
    first = ApplicantFactory(user__email="first@example.test").user
    second = ApplicantFactory(user__email="o'brien&co@example.test").user
    signed_in(first).get(NOC_PAGE)
    shown = header(signed_in(second).get(NOC_PAGE))
    assert "o&#x27;brien&amp;co@example.test" in shown
    assert "first@example.test" not in shown


@pytest.mark.kept_as_served  # the suite's check renders every header afresh beside it
def test_the_header_is_rendered_once_for_visitors_of_the_same_kind():
    first = signed_in(ApplicantFactory().user).get(NOC_PAGE)
    second = signed_in(ApplicantFactory().user).get(NOC_PAGE)
    assert "_header.html" in [t.name for t in first.templates]
    assert "_header.html" not in [t.name for t in second.templates]


def test_the_language_switch_comes_back_to_this_requests_page_escaped():
    client = signed_in(ApplicantFactory().user)
    client.get(NOC_PAGE)
    shown = header(client.get(NOC_PAGE + "?q=cook&page=2"))
    assert 'name="next" value="/noc/?q=cook&amp;page=2"' in shown


def test_the_kept_headers_log_out_form_carries_a_token_that_logs_out():
    user = ApplicantFactory().user
    Client().get(NOC_PAGE)  # an anonymous header is kept first, then a signed-in one
    signed_in(ApplicantFactory().user).get(NOC_PAGE)
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    page = header(client.get(NOC_PAGE))
    token = re.search(r'action="/accounts/logout/".*?name="csrfmiddlewaretoken" value="([^"]+)"',
                      page, re.S).group(1)
    response = client.post("/accounts/logout/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_a_french_page_gets_the_french_header_after_an_english_one():
    signed_in(ApplicantFactory().user).get(NOC_PAGE)
    shown = header(signed_in(ApplicantFactory(user__language="fr").user).get(NOC_PAGE))
    assert "Se déconnecter" in shown
    assert "Log out" not in shown


def test_staff_see_their_work_link_and_an_applicant_after_them_does_not(client):
    consultant = UserFactory(role=CONSULTANT)
    log_in_verified(client, consultant)
    assert "My work" in header(client.get(NOC_PAGE))
    assert "My work" not in header(signed_in(ApplicantFactory().user).get(NOC_PAGE))


def test_an_anonymous_visitor_after_a_signed_in_one_gets_the_log_in_links():
    signed_in(ApplicantFactory().user).get(NOC_PAGE)
    shown = header(Client().get(NOC_PAGE))
    assert "Log in" in shown and "Log out" not in shown


def test_a_path_or_email_holding_the_headers_stand_ins_is_shown_as_typed():
    stand_ins = "csrf-token-of-the-request kept-header-email-of-the-request"
    user = ApplicantFactory(user__email="csrf-token-of-the-request@example.test").user
    client = signed_in(user)
    client.get(NOC_PAGE)
    response = client.get(NOC_PAGE, {"q": stand_ins})
    shown = header(response)
    assert response.status_code == 200
    assert "csrf-token-of-the-request@example.test" in shown
    assert "q=csrf-token-of-the-request+kept-header-email-of-the-request" in shown
