"""The quick check: one public page, the questionnaire's forms and the same engine; answers
only in the anonymous session until sign-up, then carried into the questionnaire."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import RequestCount
from profiles.models import Applicant, Education, Job, LanguageTest, User
from profiles.quick_check import SESSION_KEY
from tests.chances.conftest import NURSE, healthcare_round
from tests.factories import PASSWORD, ApplicantFactory
from tests.noc.factories import UnitGroupFactory

pytestmark = pytest.mark.django_db

NEW = "nurse@example.test"

NURSE_ANSWERS = {
    "about-birth_date": "1994-03-10",
    "about-marital_status": "single",
    "about-intended_province": "ON",
    "spouse-accompanying": "on",
    "education-level": "bachelors",
    "education-canadian": "on",
    "test-test": "ielts_general",
    "test-taken_on": "2025-06-14",
    "test-listening": "8.5",
    "test-reading": "8",
    "test-writing": "7.5",
    "test-speaking": "7.5",
    "job-title": "Registered nurse",
    "job-noc": NURSE,
    "job-start": "2023-01-09",
    "job-hours_per_week": "37.5",
    "job-paid": "on",
    "job-permit_type": "pgwp",
    "abroad-paid": "on",
}


def post(client, data, *, save=False, address="203.0.113.9"):
    data = {**data, ("save" if save else "check"): ""}
    return client.post(reverse("quick_check"), data, REMOTE_ADDR=address)


def counts():
    return tuple(model.objects.count() for model in (User, Applicant, Job, LanguageTest,
                                                     Education))


def test_anyone_can_open_the_quick_check(client):
    response = client.get(reverse("quick_check"))
    assert response.status_code == 200
    assert 'name="job-noc"' in response.content.decode()


def test_a_signed_in_person_is_sent_to_their_dashboard(client):
    client.force_login(ApplicantFactory().user)
    assert client.get(reverse("quick_check"))["Location"] == reverse("dashboard")


def test_a_check_shows_the_verdict_crs_and_healthcare_against_round_422(client):
    healthcare_round(cutoff=475, days=30, number="422")
    post(client, NURSE_ANSWERS)
    response = client.get(reverse("quick_check"))
    html = response.content.decode()
    assert 'data-verdict="eligible"' in html
    assert f"CRS score: <strong>{response.context['evaluation'].result.crs.total}" in html
    assert 'data-round-type="healthcare"' in html
    assert "#422" in html


def test_a_check_stores_nothing_but_the_session(client):
    before = counts()
    post(client, NURSE_ANSWERS)
    assert counts() == before
    assert client.session[SESSION_KEY]["job"]["noc"] == NURSE


def test_an_invalid_answer_is_refused_like_the_questionnaire_refuses_it(client):
    response = post(client, {**NURSE_ANSWERS, "test-reading": "9.25"})
    assert response.status_code == 200
    assert response.context["check"]["test"].errors["reading"]
    assert SESSION_KEY not in client.session


def test_an_unknown_noc_code_is_refused(client, settings):
    UnitGroupFactory(code="21232")
    response = post(client, NURSE_ANSWERS)
    assert "is not a NOC 2021 unit group" in str(response.context["check"]["job"].errors["noc"])


def test_a_job_before_the_date_of_birth_is_refused(client):
    response = post(client, {**NURSE_ANSWERS, "about-birth_date": "2000-01-01",
                             "job-start": "1999-01-01"})
    assert response.context["check"]["job"].errors["start"]


def test_optional_parts_left_empty_are_left_out(client):
    post(client, NURSE_ANSWERS)
    assert set(client.session[SESSION_KEY]) == {"about", "education", "test", "job", "other"}


def test_a_spouse_is_kept_only_for_a_married_person(client):
    married = {**NURSE_ANSWERS, "about-marital_status": "married"}
    del married["spouse-accompanying"]
    post(client, married)
    assert client.session[SESSION_KEY]["spouse"]["accompanying"] is False
    post(client, NURSE_ANSWERS)
    assert "spouse" not in client.session[SESSION_KEY]


def test_save_and_continue_leads_to_sign_up(client):
    response = post(client, NURSE_ANSWERS, save=True)
    assert response["Location"] == reverse("sign_up")


def test_the_quick_check_is_rate_limited_like_sign_up(client, settings):
    window = settings.CEC_RATE_LIMITS["quick_check"][1]
    settings.CEC_RATE_LIMITS = {**settings.CEC_RATE_LIMITS, "quick_check": (2, window)}
    post(client, NURSE_ANSWERS)
    post(client, NURSE_ANSWERS)
    assert post(client, NURSE_ANSWERS).status_code == 429
    assert RequestCount.objects.filter(scope="quick_check").exists()


def sign_up_and_log_in(client, mailoutbox, capture):
    with capture(execute=True):
        client.post(reverse("sign_up"), {"email": NEW, "password1": PASSWORD,
                                         "password2": PASSWORD}, REMOTE_ADDR="203.0.113.9")
    link = re.search(r"https?://\S+", mailoutbox[0].body).group(0)
    client.post(link)
    return client.post(reverse("login"), {"username": NEW, "password": PASSWORD})


def test_the_first_login_carries_every_answer_into_the_questionnaire(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    post(client, NURSE_ANSWERS, save=True)
    sign_up_and_log_in(client, mailoutbox, django_capture_on_commit_callbacks)
    applicant = Applicant.objects.get(user__email=NEW)
    assert (applicant.birth_date, applicant.marital_status, applicant.intended_province) == (
        date(1994, 3, 10), "single", "ON"
    )
    job = applicant.jobs.get()
    assert (job.noc, job.country, job.start, str(job.hours_per_week), job.permit_type) == (
        NURSE, "CA", date(2023, 1, 9), "37.50", "pgwp"
    )
    test = applicant.language_tests.get()
    assert (test.test, str(test.reading), str(test.listening)) == ("ielts_general", "8.0", "8.5")
    assert applicant.education.get().level == "bachelors"
    assert applicant.eligible_categories == ",healthcare,"
    assert SESSION_KEY not in client.session


def test_the_questionnaire_shows_the_carried_answers(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    post(client, NURSE_ANSWERS, save=True)
    sign_up_and_log_in(client, mailoutbox, django_capture_on_commit_callbacks)
    html = client.get(reverse("questionnaire:step", args=["work_canada"])).content.decode()
    assert f'value="{NURSE}"' in html
    assert 'value="2023-01-09"' in html


def test_answers_never_overwrite_a_questionnaire_already_begun(client):
    applicant = ApplicantFactory(birth_date=date(1980, 1, 1))
    post(client, NURSE_ANSWERS)
    client.force_login(applicant.user)
    applicant.refresh_from_db()
    assert applicant.birth_date == date(1980, 1, 1)
    assert not applicant.jobs.exists()
    assert SESSION_KEY not in client.session
