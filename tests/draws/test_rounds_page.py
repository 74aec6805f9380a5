"""The rounds page (eligibility's, at its first public address): the draw history for anyone,
and where a signed-in applicant's score stands."""

from datetime import date
from decimal import Decimal

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from eligibility.draws.standing import standing_for
from profiles.evaluation import crs_of_user, evaluate_applicant
from profiles.roles import CONSULTANT
from tests.auth import log_in_verified
from tests.draws.factories import RoundFactory
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def eligible_applicant():
    applicant = ApplicantFactory()
    JobFactory(applicant=applicant, start=date(2023, 9, 1), hours_per_week=Decimal("40"))
    LanguageTestFactory(applicant=applicant, taken_on=date(2025, 6, 14))
    return applicant


def test_the_page_keeps_its_public_address():
    assert reverse("draws:rounds") == "/case/rounds/"


def test_rounds_page_shows_the_draw_history_and_the_applicants_score(client, eligible_applicant):
    RoundFactory(number="432", crs_cutoff=516)
    client.force_login(eligible_applicant.user)
    body = client.get(reverse("draws:rounds")).content.decode()
    crs = evaluate_applicant(applicant=eligible_applicant).result.crs.total
    assert "516" in body
    assert "Last Canadian Experience Class round (#432" in body
    assert f"Your CRS score today: <strong>{crs}</strong>" in body


def test_rounds_page_filters_by_round_type(client):
    RoundFactory(number="432", crs_cutoff=516)
    RoundFactory(number="433", crs_cutoff=777, category="all_programs",
                 name="No Program Specified")
    body = client.get(reverse("draws:rounds"), {"category": "all_programs"}).content.decode()
    assert "777" in body
    assert "516" not in body


@pytest.mark.parametrize(("crs", "verdict"), [(516, "your score reaches it"), (515, "below it")])
def test_standing_says_whether_the_score_reaches_the_last_cutoff(crs, verdict):
    RoundFactory(number="432", crs_cutoff=516)
    html = render_to_string(
        "eligibility/_standing.html", {"standing": standing_for(crs=crs), "is_consultant": False}
    )
    assert f"— {verdict}." in html


def test_rounds_page_is_public_without_a_personal_standing(client):
    RoundFactory(number="432", crs_cutoff=516)
    response = client.get(reverse("draws:rounds"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "516" in body
    assert "Your score" not in body and "Finish the questionnaire" not in body


def test_rounds_page_for_a_consultant_shows_no_applicant_standing(client):
    RoundFactory(number="432", crs_cutoff=516)
    log_in_verified(client, UserFactory(role=CONSULTANT))
    body = client.get(reverse("draws:rounds")).content.decode()
    assert "516" in body
    assert "Finish the questionnaire" not in body


def test_crs_of_user_is_none_for_a_user_without_an_applicant_record():
    assert crs_of_user(user=UserFactory(role=CONSULTANT)) is None

