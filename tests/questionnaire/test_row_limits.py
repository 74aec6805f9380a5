"""Repeatable sections hold a bounded number of rows; a tampered counter is refused before any
form is built, naming the section, with the rows typed shown back and nothing stored."""

import pytest
from django.urls import reverse

from profiles.models import Job, LanguageTest
from profiles.questionnaire import forms as questionnaire_forms
from profiles.questionnaire.steps import MAX_JOBS, MAX_TESTS, STEPS
from tests.questionnaire.test_steps import HTMX, job_post, step_url

pytestmark = pytest.mark.django_db

SECTIONS = [(step, section) for step in STEPS for section in step.sections]


def jobs_post(count: int, **fields) -> dict:
    data = job_post(total=count)
    for index in range(1, count):
        data.update({key.replace("jobs-0-", f"jobs-{index}-"): value
                     for key, value in job_post(**fields).items() if key.startswith("jobs-0-")})
    return data


def test_every_section_has_a_limit_and_django_builds_no_more_forms_than_it():
    for _step, section in SECTIONS:
        formset_class = section.formset_class()
        assert 0 < section.max_rows <= MAX_JOBS
        assert formset_class.absolute_max == formset_class.max_num == section.max_rows


@pytest.mark.parametrize(("step", "section"), SECTIONS, ids=[s.key for _x, s in SECTIONS])
def test_every_section_refuses_a_counter_of_100000_naming_itself(step, section):
    data = {f"{section.key}-TOTAL_FORMS": "100000", f"{section.key}-INITIAL_FORMS": "0"}
    formset = section.formset_class()(
        data, queryset=section.model.objects.none(), prefix=section.key
    )
    assert not formset.is_valid()
    assert len(formset.forms) == 0
    assert str(section.title) in " ".join(formset.non_form_errors())


def test_a_counter_of_100000_builds_only_the_rows_sent_and_stores_nothing(
    applicant_client, monkeypatch
):
    built = []
    original = questionnaire_forms.JobForm.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(questionnaire_forms.JobForm, "__init__", counting)
    data = {**job_post(employer="Typed Ltd"), "jobs-TOTAL_FORMS": "100000", "action": "save"}
    response = applicant_client.post(step_url("work_canada"), data)
    html = response.content.decode()
    assert len(built) == 1
    assert f"“Your jobs in Canada” can hold at most {MAX_JOBS} rows" in html
    assert 'value="Typed Ltd"' in html
    assert not Job.objects.exists()


def test_a_missing_row_counter_is_refused_and_the_rows_typed_are_shown_back(applicant_client):
    data = jobs_post(2, employer="Second Ltd")
    del data["jobs-TOTAL_FORMS"], data["jobs-INITIAL_FORMS"]
    response = applicant_client.post(step_url("work_canada"), {**data, "action": "save"})
    html = response.content.decode()
    assert "“Your jobs in Canada”: the number of rows sent was missing or damaged" in html
    assert 'value="Maple Software"' in html and 'value="Second Ltd"' in html
    assert 'name="jobs-TOTAL_FORMS" value="2"' in html
    assert not Job.objects.exists()


def test_a_row_counter_that_is_not_a_number_is_refused(applicant_client):
    data = {**job_post(), "jobs-TOTAL_FORMS": "1e9", "action": "save"}
    html = applicant_client.post(step_url("work_canada"), data).content.decode()
    assert "“Your jobs in Canada”: the number of rows sent was missing or damaged" in html
    assert not Job.objects.exists()


def test_jobs_at_the_limit_are_saved(applicant_client, applicant):
    applicant_client.post(step_url("work_canada"), {**jobs_post(MAX_JOBS), "action": "save"})
    assert Job.objects.filter(applicant=applicant).count() == MAX_JOBS


def test_one_job_over_the_limit_is_refused_and_nothing_stored(applicant_client):
    data = jobs_post(MAX_JOBS + 1)
    html = applicant_client.post(step_url("work_canada"), {**data, "action": "save"})
    assert f"can hold at most {MAX_JOBS} rows" in html.content.decode()
    assert not Job.objects.exists()


def test_tests_at_the_limit_are_saved(applicant_client, applicant):
    data = {"tests-TOTAL_FORMS": str(MAX_TESTS), "tests-INITIAL_FORMS": "0", "action": "save"}
    for index in range(MAX_TESTS):
        data.update({f"tests-{index}-{key}": value for key, value in {
            "test": "ielts_general", "taken_on": "2025-06-14", "listening": "8",
            "reading": "7", "writing": "7", "speaking": "7"}.items()})
    applicant_client.post(step_url("language"), data)
    assert LanguageTest.objects.filter(applicant=applicant).count() == MAX_TESTS


def test_adding_a_row_to_a_full_section_says_it_is_full(applicant_client):
    response = applicant_client.get(
        reverse("questionnaire:add_row", args=["work_canada", "jobs"]),
        {"jobs-TOTAL_FORMS": str(MAX_JOBS)}, **HTMX,
    )
    html = response.content.decode()
    assert f"“Your jobs in Canada” can hold at most {MAX_JOBS} rows." in html
    assert "jobs-20-noc" not in html
