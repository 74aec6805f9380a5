"""My chances on the result page, the dashboard and the case page (a person's chances are not
public), and the cut-off chart (public: its address carries only round types and a number)."""

import re

import pytest
from django.urls import reverse

from cases.enums import CaseStatus
from profiles.roles import CONSULTANT
from tests.auth import log_in_verified
from tests.cases.factories import CaseFactory
from tests.chances.conftest import crs_of, days_ago, healthcare_round, make_nurse
from tests.factories import ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = ("result", "dashboard")


def chances_of(response):
    return response.context["chances"]


@pytest.fixture
def nurse_client(client, nurse):
    client.force_login(nurse.user)
    return client


@pytest.fixture
def round_422(nurse):
    return healthcare_round(cutoff=475, days=30, number="422")


@pytest.mark.parametrize("page", PAGES)
def test_the_owner_sees_the_healthcare_rounds_with_round_422(nurse_client, round_422, page):
    response = nurse_client.get(reverse(page))
    html = response.content.decode()
    assert 'data-round-type="healthcare"' in html
    assert "#422" in html
    assert '<td class="text-end" data-cutoff>475</td>' in html
    assert '<td class="text-end" data-size>4,000</td>' in html


@pytest.mark.parametrize("page", PAGES)
def test_the_owner_sees_their_own_crs_beside_the_rounds(nurse_client, nurse, round_422, page):
    response = nurse_client.get(reverse(page))
    assert chances_of(response).crs == crs_of(nurse)


@pytest.mark.parametrize("page", PAGES)
def test_another_person_sees_only_their_own_chances(client, nurse, round_422, page):
    other = ApplicantFactory()  # no jobs: no category, and a CRS of their own
    client.force_login(other.user)
    response = client.get(reverse(page))
    assert chances_of(response).crs == crs_of(other) != crs_of(nurse)
    assert 'data-round-type="healthcare"' not in response.content.decode()


@pytest.mark.parametrize("page", PAGES)
def test_an_anonymous_visitor_is_sent_to_log_in(client, nurse, round_422, page):
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


@pytest.fixture
def nurse_case(nurse):
    return CaseFactory(applicant=nurse, status=CaseStatus.IN_POOL)


def test_the_case_page_shows_the_owner_their_chances(nurse_client, nurse_case, round_422):
    response = nurse_client.get(reverse("cases:detail", args=[nurse_case.pk]))
    assert [chance.category for chance in chances_of(response).round_types][0] == "healthcare"
    assert "Rounds that can invite you" in response.content.decode()


def test_the_case_page_shows_the_consultant_their_clients_chances(
    client, consultant, nurse_case, round_422
):
    log_in_verified(client, consultant)
    response = client.get(reverse("cases:detail", args=[nurse_case.pk]))
    assert "Rounds that can invite the client" in response.content.decode()
    assert chances_of(response).round_types[0].latest == round_422


def test_the_case_page_is_404_for_an_outsider(client, nurse_case):
    client.force_login(ApplicantFactory().user)
    assert client.get(reverse("cases:detail", args=[nurse_case.pk])).status_code == 404


def test_the_case_page_is_404_for_another_consultant(client, nurse_case):
    log_in_verified(client, UserFactory(role=CONSULTANT))
    assert client.get(reverse("cases:detail", args=[nurse_case.pk])).status_code == 404


def test_the_case_page_sends_an_anonymous_visitor_to_log_in(client, nurse_case):
    response = client.get(reverse("cases:detail", args=[nurse_case.pk]))
    assert response.status_code == 302


def test_the_page_links_the_chart_with_the_types_and_score(nurse_client, nurse, round_422):
    html = nurse_client.get(reverse("result")).content.decode()
    crs = crs_of(nurse)
    query = f"types=healthcare%2Ccec%2Call_programs&amp;crs={crs}"
    assert f"{reverse('draws:rounds_chart')}?{query}" in html
    assert "data-chart-table" in html


# --- the chart ------------------------------------------------------------------------------


def chart(client, **params):
    return client.get(reverse("draws:rounds_chart"), params)


def test_the_chart_is_an_svg_anyone_can_load(client, round_422):
    response = chart(client, types="healthcare,cec", crs=480)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    assert svg.lstrip().startswith("<?xml")
    assert "<svg" in svg


def test_the_chart_draws_the_round_and_the_score(client, round_422):
    svg = chart(client, types="healthcare", crs=480).content.decode()
    assert "Healthcare and social services" in svg
    assert "Your CRS: 480" in svg


def test_the_chart_carries_no_script(client, round_422):
    svg = chart(client, types="healthcare", crs=480).content.decode()
    assert "<script" not in svg


def test_the_charts_csp_allows_only_its_own_inline_style(client, round_422):
    policy = chart(client, types="healthcare", crs=480)["Content-Security-Policy"]
    assert "style-src 'self' 'unsafe-inline'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


@pytest.mark.parametrize("params", [
    {"types": "healthcare"},
    {"types": "healthcare", "crs": "lots"},
    {"types": "healthcare", "crs": "1300"},
    {"types": "nonsense", "crs": "480"},
    {"types": "", "crs": "480"},
    {"types": "healthcare", "crs": "480", "on": "yesterday"},
])
def test_the_chart_refuses_what_it_cannot_draw(client, params):
    assert client.get(reverse("draws:rounds_chart"), params).status_code == 404


def test_the_result_page_says_what_would_open_a_category(client, db):
    applicant = make_nurse(ApplicantFactory(), start=days_ago(210))
    client.force_login(applicant.user)
    response = client.get(reverse("result"))
    openings = {item.category: item for item in response.context["openings"]}
    assert openings["healthcare"].code == "experience"
    assert '<li data-category="healthcare">' in response.content.decode()


def test_the_page_says_when_no_round_can_invite_the_person_yet(client, db):
    applicant = make_nurse(ApplicantFactory(), start=days_ago(210))
    client.force_login(applicant.user)
    assert "data-not-yet" in client.get(reverse("result")).content.decode()


def test_the_page_says_nothing_of_the_kind_to_an_eligible_person(nurse_client, round_422):
    assert "data-not-yet" not in nurse_client.get(reverse("result")).content.decode()


@pytest.fixture
def nurse_7_months_short(db):
    return make_nurse(ApplicantFactory(), start=days_ago(210))


def test_the_dashboard_says_what_would_open_a_category(client, nurse_7_months_short):
    client.force_login(nurse_7_months_short.user)
    html = client.get(reverse("dashboard")).content.decode()
    assert '<li data-category="healthcare">' in html
    assert "opens the healthcare and social services occupations rounds on" in html


def test_the_result_page_says_its_openings_once(client, nurse_7_months_short):
    client.force_login(nurse_7_months_short.user)
    html = client.get(reverse("result")).content.decode()
    assert html.count("data-openings") == 1


def test_the_result_page_says_the_openings_in_french(client, nurse_7_months_short):
    user = nurse_7_months_short.user
    user.language = "fr"
    user.save(update_fields=["language"])
    client.force_login(user)
    html = client.get(reverse("result")).content.decode()
    openings = html.split("data-openings>", 1)[1].split("</ul>", 1)[0]
    item = re.search(r'<li data-category="healthcare">([^<]*)</li>', openings).group(1)
    assert "rondes d&#x27;invitations de la catégorie" in item
    assert "opens" not in item and "months" not in item


def test_the_case_page_shows_the_consultant_what_would_open_a_category(client, consultant):
    applicant = make_nurse(ApplicantFactory(consultant=consultant), start=days_ago(210))
    case = CaseFactory(applicant=applicant, status=CaseStatus.IN_POOL)
    log_in_verified(client, consultant)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert [item.category for item in response.context["openings"]][:2] == ["french", "healthcare"]
    assert '<li data-category="healthcare">' in response.content.decode()


def test_the_case_page_shows_an_outsider_no_openings(client, nurse_7_months_short):
    case = CaseFactory(applicant=nurse_7_months_short, status=CaseStatus.IN_POOL)
    client.force_login(ApplicantFactory().user)
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 404 and "data-openings" not in response.content.decode()
