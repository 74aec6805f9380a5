"""Who the person is: passport names, number and dates, and status in Canada, asked in the
questionnaire's first step (the spouse's on the spouse step), checked by the form and the
database, and shown in the review."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from profiles.models import EXPIRY_NOT_AFTER_ISSUE, PASSPORT_DATES_TOGETHER, Spouse
from profiles.questionnaire.forms import FUTURE_DATE, ISSUED_BEFORE_BIRTH, STATUS_EXPIRY_NEEDED
from tests.factories import ApplicantFactory, SpouseFactory

pytestmark = pytest.mark.django_db

ABOUT = {"birth_date": "1990-05-17", "marital_status": "single", "intended_province": "BC",
         "action": "save"}
IDENTITY = {
    "family_name": "Nguyen", "given_names": "Thi Mai", "preferred_name": "Lily",
    "phone": "+1 416 555 0199", "citizenship": "VN", "passport_number": "C1234567",
    "passport_issued_on": "2020-01-15", "passport_expires_on": "2030-01-14",
    "status_in_canada": "pgwp", "status_document_number": "U123456789",
    "status_expires_on": "2027-03-31",
}


def step_url(slug: str) -> str:
    return reverse("questionnaire:step", args=[slug])


def post_about(client, **changes):
    return client.post(step_url("about"), {**ABOUT, **IDENTITY, **changes})


def test_about_step_saves_names_passport_and_status_in_canada(applicant_client, applicant):
    post_about(applicant_client)
    applicant.refresh_from_db()
    assert (applicant.family_name, applicant.given_names, applicant.preferred_name) == (
        "Nguyen", "Thi Mai", "Lily")
    assert (str(applicant.citizenship), applicant.passport_number) == ("VN", "C1234567")
    assert (applicant.passport_issued_on, applicant.passport_expires_on) == (
        date(2020, 1, 15), date(2030, 1, 14))
    assert (applicant.status_in_canada, applicant.status_expires_on) == (
        "pgwp", date(2027, 3, 31))


def assert_refused(response, applicant, message):
    assert response.status_code == 200
    assert str(message) in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.passport_number == ""  # nothing of the step was saved


def test_passport_expiry_before_its_issue_is_refused(applicant_client, applicant):
    response = post_about(applicant_client, passport_expires_on="2019-12-31")
    assert_refused(response, applicant, EXPIRY_NOT_AFTER_ISSUE)


def test_passport_expiry_on_its_issue_day_is_refused(applicant_client, applicant):
    response = post_about(applicant_client, passport_expires_on="2020-01-15")
    assert_refused(response, applicant, EXPIRY_NOT_AFTER_ISSUE)


def test_one_passport_date_without_the_other_is_refused(applicant_client, applicant):
    response = post_about(applicant_client, passport_expires_on="")
    assert_refused(response, applicant, PASSPORT_DATES_TOGETHER)


def test_passport_issued_in_the_future_is_refused(applicant_client, applicant):
    soon = date.today() + timedelta(days=3)
    response = post_about(applicant_client, passport_issued_on=soon.isoformat(),
                          passport_expires_on=(soon + timedelta(days=3650)).isoformat())
    assert_refused(response, applicant, FUTURE_DATE)


def test_passport_issued_before_birth_is_refused(applicant_client, applicant):
    response = post_about(applicant_client, passport_issued_on="1989-01-01")
    assert_refused(response, applicant, ISSUED_BEFORE_BIRTH)


def test_a_permit_needs_its_expiry_date(applicant_client, applicant):
    response = post_about(applicant_client, status_expires_on="")
    assert_refused(response, applicant, STATUS_EXPIRY_NEEDED)


def test_no_status_needs_no_expiry_date(applicant_client, applicant):
    post_about(applicant_client, status_in_canada="none", status_document_number="",
               status_expires_on="")
    applicant.refresh_from_db()
    assert (applicant.status_in_canada, applicant.status_expires_on) == ("none", None)


def test_a_date_outside_the_engines_range_is_refused(applicant_client, applicant):
    response = post_about(applicant_client, status_expires_on="2300-01-01")
    assert_refused(response, applicant, "Enter a date between")


def test_spouse_step_saves_the_spouses_passport(client):
    spouse = SpouseFactory()
    client.force_login(spouse.applicant.user)
    client.post(step_url("spouse"), {
        "accompanying": "on", "family_name": "Tremblay", "given_names": "Luc",
        "citizenship": "FR", "passport_number": "12AB34567",
        "passport_issued_on": "2021-06-01", "passport_expires_on": "2031-05-31",
        "action": "save", **{f"spouse_{key}-{field}": "0" for key in ("education", "tests", "jobs")
                             for field in ("TOTAL_FORMS", "INITIAL_FORMS")},
    })
    spouse.refresh_from_db()
    assert (spouse.passport_name, spouse.passport_expires_on) == (
        "Luc Tremblay", date(2031, 5, 31))


@pytest.mark.parametrize("model", ["applicant", "spouse"])
@pytest.mark.parametrize(("issued", "expires"), [
    (date(2020, 1, 1), date(2019, 1, 1)),
    (date(2020, 1, 1), date(2020, 1, 1)),
    (date(2020, 1, 1), None),
    (None, date(2020, 1, 1)),
])
def test_database_refuses_passport_dates_out_of_order_or_alone(model, issued, expires):
    row = SpouseFactory() if model == "spouse" else ApplicantFactory()
    row.passport_issued_on, row.passport_expires_on = issued, expires
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_database_refuses_an_unknown_status_in_canada(applicant):
    applicant.status_in_canada = "tourist"
    with pytest.raises(IntegrityError), transaction.atomic():
        applicant.save()


def test_review_shows_the_names_passport_and_status(applicant_client, applicant):
    post_about(applicant_client)
    html = applicant_client.get(step_url("review")).content.decode()
    assert "Thi Mai Nguyen (Lily)" in html
    assert "passport C1234567, issued 2020-01-15, expires 2030-01-14" in html
    assert "Post-graduation work permit (PGWP) U123456789, expires 2027-03-31" in html


def test_review_says_when_the_passport_name_is_missing(applicant_client):
    html = applicant_client.get(step_url("review")).content.decode()
    assert "name as in the passport missing" in html


def test_review_shows_the_spouses_passport_name(client):
    spouse = SpouseFactory(family_name="Tremblay", given_names="Luc")
    client.force_login(spouse.applicant.user)
    assert "Luc Tremblay" in client.get(step_url("review")).content.decode()
    assert Spouse.objects.count() == 1
