"""Every date of every questionnaire form: the range the rules engine reads, the order life
implies (nothing of the person's own before their birth), the message next to its field, and
nothing stored when a date is refused."""

import html
import re
from datetime import date

import pytest
from django import forms
from django.db import IntegrityError, transaction

from profiles.models import Applicant, Education, Job, LanguageTest, Spouse
from profiles.questionnaire.steps import STEPS, STEPS_BY_SLUG
from tests.factories import ApplicantFactory, JobFactory, SpouseFactory
from tests.questionnaire.test_steps import step_url

pytestmark = pytest.mark.django_db

BAD_DATES = ["1800-01-01", "9999-12-31", "2026-02-30"]

# A valid row for each kind of section; the date under test replaces one of its fields.
EDUCATION_ROW = {"level": "bachelors", "eca_organisation": "WES", "eca_number": "123",
                 "eca_date": "2024-03-01"}
TEST_ROW = {"test": "ielts_general", "taken_on": "2025-06-14", "listening": "8", "reading": "7",
            "writing": "7", "speaking": "7"}
JOB_ROW = {"employer": "Maple", "title": "Developer", "noc": "21232", "province": "ON",
           "country": "IN", "start": "2024-01-08", "end": "2024-06-30", "hours_per_week": "40",
           "paid": "on", "permit_type": "open"}
ROWS = {"education": EDUCATION_ROW, "spouse_education": EDUCATION_ROW, "tests": TEST_ROW,
        "spouse_tests": TEST_ROW, "jobs": JOB_ROW, "abroad_jobs": JOB_ROW,
        "spouse_jobs": JOB_ROW}

# (step, section or None for the step's own form, field): every date field of every form.
DATE_FIELDS = [
    ("about", None, "birth_date"),
    ("about", None, "passport_issued_on"),
    ("about", None, "passport_expires_on"),
    ("about", None, "status_expires_on"),
    ("spouse", None, "passport_issued_on"),
    ("spouse", None, "passport_expires_on"),
    ("spouse", "spouse_education", "eca_date"),
    ("spouse", "spouse_tests", "taken_on"),
    ("spouse", "spouse_jobs", "start"),
    ("spouse", "spouse_jobs", "end"),
    ("education", "education", "eca_date"),
    ("language", "tests", "taken_on"),
    ("work_canada", "jobs", "start"),
    ("work_canada", "jobs", "end"),
    ("work_abroad", "abroad_jobs", "start"),
    ("work_abroad", "abroad_jobs", "end"),
]


# Valid values of the steps' own date fields, given together (a passport's two dates go as a
# pair); the date under test replaces one of them.
OWN_DATES = {"passport_issued_on": "2020-01-15", "passport_expires_on": "2030-01-14"}
VALID_OWN = {"birth_date": "1990-05-17", "status_expires_on": "2027-03-31", **OWN_DATES}


def _date_fields(form_class) -> set[str]:
    return {name for name, field in form_class().fields.items()
            if isinstance(field, forms.DateField)}


def test_the_walk_covers_every_date_field_of_every_questionnaire_form():
    found = set()
    for step in STEPS:
        if step.form:
            found |= {(step.slug, None, name) for name in _date_fields(step.form)}
        for section in step.sections:
            found |= {(step.slug, section.key, name) for name in _date_fields(section.form)}
    assert found == set(DATE_FIELDS)


def step_post(slug: str, section_key: str | None, field: str, value: str) -> dict:
    step = STEPS_BY_SLUG[slug]
    data = {"action": "save"}
    if slug == "about":
        data.update({"birth_date": "1990-05-17", "marital_status": "married",
                     "intended_province": "ON", **OWN_DATES})
    if slug == "spouse":
        data.update({"accompanying": "on", **OWN_DATES})
    for section in step.sections:
        rows = 1 if section.key == section_key else 0
        data.update({f"{section.key}-TOTAL_FORMS": str(rows),
                     f"{section.key}-INITIAL_FORMS": "0"})
        if rows:
            data.update({f"{section.key}-0-{k}": v for k, v in ROWS[section.key].items()})
    key = field if section_key is None else f"{section_key}-0-{field}"
    data[key] = value
    return data


def stored_rows() -> list:
    return [list(model.objects.order_by("pk").values())
            for model in (Applicant, Spouse, Education, LanguageTest, Job)] + [
        model.history.count() for model in (Applicant, Education, LanguageTest, Job)]


def bound_form(response, section_key):
    if section_key is None:
        return response.context["form"]
    formset = dict((s.key, f) for s, f in response.context["sections"])[section_key]
    return formset.forms[0]


def assert_next_to_field(page: str, form, field: str) -> None:
    """Each of the field's messages is in the error element tied to that field's input."""
    assert form.errors.get(field), form.errors
    auto_id = form[field].auto_id
    for message in form.errors[field]:
        pattern = (rf'id="[^"]*{re.escape(auto_id)}[^"]*"[^>]*>\s*(<strong>)?\s*'
                   rf'[^<]*{re.escape(html.escape(message))}')
        assert re.search(pattern, page), (field, message)
    assert 'aria-invalid="true"' in page


@pytest.fixture
def married(client):
    applicant = ApplicantFactory(marital_status="married", birth_date=date(1990, 5, 17))
    SpouseFactory(applicant=applicant)
    client.force_login(applicant.user)
    return client


@pytest.mark.parametrize("value", BAD_DATES)
@pytest.mark.parametrize(("slug", "section_key", "field"), DATE_FIELDS,
                         ids=[f"{s}-{k}-{f}" for s, k, f in DATE_FIELDS])
def test_a_bad_date_is_refused_next_to_its_field_and_nothing_is_stored(
    married, slug, section_key, field, value
):
    before = stored_rows()
    response = married.post(step_url(slug), step_post(slug, section_key, field, value))
    assert response.status_code == 200
    assert_next_to_field(response.content.decode(), bound_form(response, section_key), field)
    assert stored_rows() == before


@pytest.mark.parametrize(("slug", "section_key", "field"), DATE_FIELDS,
                         ids=[f"{s}-{k}-{f}" for s, k, f in DATE_FIELDS])
def test_the_valid_row_of_the_walk_is_saved(married, slug, section_key, field):
    valid = ROWS[section_key][field] if section_key else VALID_OWN[field]
    response = married.post(step_url(slug), step_post(slug, section_key, field, valid))
    assert response.status_code == 302


# ----- not before birth, and the engine's other date rules ----------------------------------


@pytest.mark.parametrize(("slug", "section_key", "field"), [
    ("education", "education", "eca_date"),
    ("language", "tests", "taken_on"),
    ("work_canada", "jobs", "start"),
    ("work_abroad", "abroad_jobs", "start"),
])
def test_the_persons_own_dates_cannot_come_before_their_birth(married, slug, section_key, field):
    data = step_post(slug, section_key, field, "1989-12-31")
    if field == "start":
        data[f"{section_key}-0-end"] = ""
    response = married.post(step_url(slug), data)
    form = bound_form(response, section_key)
    assert form.errors[field] == ["This date is before your date of birth (1990-05-17)."]
    assert_next_to_field(response.content.decode(), form, field)
    assert not Job.objects.exists() and not LanguageTest.objects.exists()


def test_the_spouses_dates_are_not_bound_by_the_persons_birth(married):
    data = step_post("spouse", "spouse_jobs", "start", "1985-01-07")
    response = married.post(step_url("spouse"), data)
    assert response.status_code == 302
    assert Job.objects.get().start == date(1985, 1, 7)


def test_a_date_of_birth_after_a_recorded_job_is_refused(client):
    applicant = ApplicantFactory(birth_date=date(1990, 5, 17))
    JobFactory(applicant=applicant, start=date(2008, 9, 1))
    client.force_login(applicant.user)
    response = client.post(step_url("about"), {
        "birth_date": "2009-01-01", "marital_status": "single", "action": "save"})
    form = response.context["form"]
    assert "You have a job, test or assessment dated 2008-09-01" in form.errors["birth_date"][0]
    applicant.refresh_from_db()
    assert applicant.birth_date == date(1990, 5, 17)


def test_a_tef_result_older_than_the_engine_converts_is_refused_at_its_date(married):
    data = step_post("language", "tests", "taken_on", "2019-06-01")
    data.update({"tests-0-test": "tef_canada", "tests-0-listening": "300",
                 "tests-0-reading": "250", "tests-0-writing": "350", "tests-0-speaking": "350"})
    response = married.post(step_url("language"), data)
    form = bound_form(response, "tests")
    assert "TEF Canada results from before 2019-10-01" in form.errors["taken_on"][0]
    assert not LanguageTest.objects.exists()


# ----- the database refuses what the forms refuse -------------------------------------------


@pytest.mark.parametrize(("factory", "field", "value"), [
    (ApplicantFactory, "birth_date", date(1800, 1, 1)),
    (JobFactory, "start", date(1800, 1, 1)),
    (JobFactory, "end", date(9999, 12, 31)),
])
def test_the_database_refuses_a_date_outside_the_engines_range(factory, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        factory(**{field: value})


def test_the_database_refuses_a_test_dated_9999():
    from tests.factories import LanguageTestFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        LanguageTestFactory(taken_on=date(9999, 12, 31))


def test_the_database_refuses_an_eca_dated_1800():
    from tests.factories import EducationFactory

    with pytest.raises(IntegrityError), transaction.atomic():
        EducationFactory(eca_date=date(1800, 1, 1))
