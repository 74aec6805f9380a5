"""Hints next to the questions say what shared/rules says, and nothing else."""

import pytest
from django.urls import reverse

from tests.factories import ApplicantFactory, EducationFactory, JobFactory, SpouseFactory

pytestmark = pytest.mark.django_db


def step_html(client, slug: str) -> str:
    return client.get(reverse("questionnaire:step", args=[slug])).content.decode()


def test_self_employment_abroad_is_said_to_count(applicant_client, applicant):
    # crs.md: foreign work is paid work outside Canada in TEER 0–3; self-employment included.
    JobFactory(applicant=applicant, country="FR", province="", self_employed=True)
    html = step_html(applicant_client, "work_abroad")
    assert "Self-employment outside Canada counts as foreign work experience." in html
    assert "Self-employment does not count" not in html


def test_self_employment_in_canada_is_said_not_to_count(applicant_client, applicant):
    # cec.md §1: not self-employment, except the physicians' public policy.
    JobFactory(applicant=applicant)
    assert "Self-employment does not count (except publicly funded fee-for-service " \
        "physicians)." in step_html(applicant_client, "work_canada")


def test_a_spouses_canadian_credential_is_not_said_to_add_points(client):
    # crs.md: Canadian education points (D) are the principal applicant's only.
    spouse = SpouseFactory()
    EducationFactory(applicant=spouse.applicant, person="spouse")
    client.force_login(spouse.applicant.user)
    html = step_html(client, "spouse")
    assert "adds no points of its own" in html
    assert "adds 15 points" not in html and "adds points of its own" not in html


def test_the_applicants_canadian_credential_hint_gives_the_grid(applicant_client, applicant):
    EducationFactory(applicant=applicant)
    html = step_html(applicant_client, "education")
    assert "adds 15 points of its own" in html
    assert " 30. A secondary school diploma adds none" in html


def test_age_hint_names_both_columns_and_the_invitation_date(applicant_client):
    html = step_html(applicant_client, "about")
    assert "up to 110 CRS points (100 with a spouse or partner who comes with you)" in html
    assert "on the day you apply" not in html


def test_sibling_hint_includes_the_spouses_sibling(client):
    applicant = ApplicantFactory()
    client.force_login(applicant.user)
    assert "or of a spouse or partner who comes with you" in step_html(client, "other")


def test_work_abroad_intro_names_the_teer(applicant_client):
    assert "TEER 0, 1, 2 or 3" in step_html(applicant_client, "work_abroad")
