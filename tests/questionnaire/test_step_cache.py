"""A step, once rendered, is kept in the cache under a key made of what it shows
(``portal.step_part``): a second view reuses it, and any change to what it shows, wherever it
was made, shows at once. What belongs to one request (the CSRF token) or changes with each save
(the result beside the step) is never taken from the kept copy."""

import re

import pytest
from django.core.cache import caches
from django.test import Client

from cases.personal_data import account_delete
from profiles.evaluation import applicant_reevaluate
from profiles.models import Applicant, Job, Spouse
from tests.factories import (
    ApplicantFactory,
    JobFactory,
    LanguageTestFactory,
    SpouseFactory,
)
from tests.questionnaire.test_steps import HTMX, job_post, step_url

pytestmark = [pytest.mark.django_db, pytest.mark.kept_as_served]

STEP_TEMPLATE = "questionnaire/_step.html"


def rendered(response) -> bool:
    """Whether the step's template was rendered for this response (not taken from the cache)."""
    return STEP_TEMPLATE in [template.name for template in response.templates]


def titles(response) -> list[str]:
    return re.findall(r'name="jobs-\d+-title"[^>]*value="([^"]*)"', response.content.decode())


@pytest.fixture
def with_job(applicant):
    LanguageTestFactory(applicant=applicant)
    JobFactory(applicant=applicant, title="Developer")
    applicant_reevaluate(applicant=applicant)
    return applicant


def test_a_second_view_of_an_unchanged_step_is_taken_from_the_cache(applicant_client, with_job):
    first = applicant_client.get(step_url("work_canada"))
    again = applicant_client.get(step_url("work_canada"))
    assert rendered(first)
    assert not rendered(again)
    assert titles(again) == titles(first) == ["Developer"]


def test_a_row_changed_outside_the_questionnaire_shows_at_once(applicant_client, with_job):
    applicant_client.get(step_url("work_canada"))
    Job.objects.filter(applicant=with_job).update(title="Senior developer")  # as the admin would
    response = applicant_client.get(step_url("work_canada"))
    assert rendered(response)
    assert titles(response) == ["Senior developer"]


def test_a_row_added_outside_the_questionnaire_shows_at_once(applicant_client, with_job):
    applicant_client.get(step_url("work_canada"))
    JobFactory(applicant=with_job, title="Analyst")
    assert titles(applicant_client.get(step_url("work_canada"))) == ["Developer", "Analyst"]


def test_the_kept_step_carries_each_requests_own_csrf_token(with_job):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    for client in (first, second):
        client.force_login(with_job.user)
    first.get(step_url("work_canada"))
    page = second.get(step_url("work_canada"))
    assert not rendered(page)
    step = page.content.decode().split('id="step"')[1]  # the step's own form, not the menu's
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', step)[1]
    job = with_job.jobs.get()
    body = {**job_post(initial=1, title="Nurse", id=str(job.pk)), "action": "save",
            "csrfmiddlewaretoken": token}
    assert second.post(step_url("work_canada"), body).status_code == 302
    assert Job.objects.get(pk=job.pk).title == "Nurse"


def test_the_result_beside_a_kept_step_is_todays(applicant_client, with_job):
    before = applicant_client.get(step_url("work_canada")).content.decode()
    LanguageTestFactory(applicant=with_job, listening=9, reading=9, writing=9, speaking=9)
    applicant_reevaluate(applicant=with_job)  # a consultant's save stores a new evaluation
    total = Applicant.objects.get(pk=with_job.pk).crs_total
    assert f"data-summary-crs>{total}<" not in before
    response = applicant_client.get(step_url("work_canada"))
    assert not rendered(response)  # the jobs did not change
    assert f"data-summary-crs>{total}<" in response.content.decode()


def test_a_step_done_elsewhere_is_ticked_in_a_kept_step(applicant_client, with_job):
    applicant_client.get(step_url("work_canada"))
    Applicant.objects.filter(pk=with_job.pk).update(completed_steps=["language"])
    response = applicant_client.get(step_url("work_canada"))
    assert rendered(response)
    assert "1 of 6 steps done" in response.content.decode()


def test_a_step_in_french_is_not_the_english_one_kept(applicant_client, with_job):
    applicant_client.get(step_url("work_canada"))
    with_job.user.language = "fr"
    with_job.user.save(update_fields=["language"])
    response = applicant_client.get(step_url("work_canada"))
    assert rendered(response)
    assert "Travail au Canada" in response.content.decode()


def test_another_person_never_gets_a_kept_step():
    first, second = ApplicantFactory(family_name="Gagnon"), ApplicantFactory(family_name="Roy")
    pages = []
    for person in (first, second):
        client = Client()
        client.force_login(person.user)
        pages.append(client.get(step_url("about")))
    assert rendered(pages[1])
    assert 'value="Roy"' in pages[1].content.decode()
    assert "Gagnon" not in pages[1].content.decode()


def test_what_was_typed_into_a_refused_save_is_never_kept(applicant_client, with_job):
    job = with_job.jobs.get()
    refused = applicant_client.post(step_url("work_canada"), {
        **job_post(initial=1, title="Typed", noc="1", id=str(job.pk)), "action": "save",
    }, **HTMX)
    assert titles(refused) == ["Typed"]
    assert titles(applicant_client.get(step_url("work_canada"))) == ["Developer"]


def test_a_step_with_an_added_row_is_not_the_one_without(applicant_client, with_job):
    applicant_client.get(step_url("work_canada"))
    response = applicant_client.get(step_url("work_canada") + "?add=jobs")
    assert 'name="jobs-TOTAL_FORMS" value="2"' in response.content.decode()


def test_a_row_added_for_one_request_is_not_in_the_next(applicant_client, with_job):
    applicant_client.get(step_url("work_canada") + "?add=jobs")
    response = applicant_client.get(step_url("work_canada"))
    assert 'name="jobs-TOTAL_FORMS" value="1"' in response.content.decode()


def test_a_save_answers_with_the_rows_it_saved(applicant_client, with_job):
    job = with_job.jobs.get()
    for title in ("Nurse", "Developer", "Nurse"):  # the third answer's rows were kept once
        response = applicant_client.post(step_url("work_canada"), {
            **job_post(initial=1, title=title, id=str(job.pk)), "action": "save",
        }, **HTMX)
        assert titles(response) == [title]
        assert "Saved." in response.content.decode()


def test_the_spouse_step_is_kept_with_their_own_record_and_rows(client):
    spouse = SpouseFactory(family_name="Roy")
    client.force_login(spouse.applicant.user)
    client.get(step_url("spouse"))
    again = client.get(step_url("spouse"))
    assert not rendered(again)
    Spouse.objects.filter(pk=spouse.pk).update(family_name="Roy-Gagnon")
    response = client.get(step_url("spouse"))
    assert rendered(response)
    assert 'value="Roy-Gagnon"' in response.content.decode()


def test_a_deleted_account_leaves_no_kept_step(
    applicant_client, with_job, django_capture_on_commit_callbacks
):
    applicant_client.get(step_url("about"))
    applicant_client.get(step_url("work_canada"))
    owner = caches["kept"].get(f"kept-owner:{with_job.pk}")
    assert len(owner) == 2
    with django_capture_on_commit_callbacks(execute=True):
        account_delete(user=with_job.user)
    assert caches["kept"].get_many(owner) == {}
    assert caches["kept"].get(f"kept-owner:{with_job.pk}") is None


def test_what_an_evaluation_was_made_from_does_not_unkeep_the_about_step(
    applicant_client, with_job
):
    applicant_client.get(step_url("about"))
    Applicant.objects.filter(pk=with_job.pk).update(evaluated_from="0" * 32)
    assert not rendered(applicant_client.get(step_url("about")))
