"""A questionnaire save evaluates the person again only when a fact the rules read changed:
otherwise the evaluation stored today, by this release, from the same facts, is kept
(``profiles.evaluation.applicant_reevaluate_after_save``)."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from django.utils import timezone

from profiles import evaluation
from profiles.evaluation import applicant_reevaluate
from profiles.models import Applicant, Job
from tests.factories import LanguageTestFactory
from tests.questionnaire.test_steps import HTMX, job_post, step_url

pytestmark = pytest.mark.django_db


def save_job(client, job=None, **fields):
    data = {**job_post(start="2023-01-09", **fields), "action": "save"}
    if job is not None:
        data.update({"jobs-INITIAL_FORMS": "1", "jobs-0-id": str(job.pk)})
    response = client.post(step_url("work_canada"), data, **HTMX)
    assert response.status_code == 200
    assert "Some answers need a correction" not in response.content.decode()


def stored(applicant) -> Applicant:
    return Applicant.objects.get(pk=applicant.pk)


@pytest.fixture
def saved_job(applicant_client, applicant):
    """A test and a job, saved once through the questionnaire (which evaluated them)."""
    LanguageTestFactory(applicant=applicant)
    save_job(applicant_client)
    return Job.objects.get(applicant=applicant)


@pytest.fixture
def evaluations():
    """Counts the evaluations made (the real engine still runs)."""
    with mock.patch.object(evaluation, "evaluate_facts",
                           side_effect=evaluation.evaluate_facts) as made:
        yield made


def test_a_save_that_changes_no_fact_keeps_todays_evaluation(applicant_client, applicant,
                                                             saved_job, evaluations):
    before = stored(applicant)
    save_job(applicant_client, saved_job, title="Lead developer", employer="Maple Ltd")
    after = stored(applicant)
    assert Job.objects.get(pk=saved_job.pk).title == "Lead developer"
    assert evaluations.call_count == 0
    assert (after.evaluated_at, after.evaluation) == (before.evaluated_at, before.evaluation)


def test_a_save_that_changes_a_fact_evaluates_again(applicant_client, applicant, saved_job,
                                                    evaluations):
    before = stored(applicant)
    save_job(applicant_client, saved_job, hours_per_week="20")
    after = stored(applicant)
    assert evaluations.call_count == 1
    assert after.evaluated_at > before.evaluated_at
    assert after.qualifying_hours < before.qualifying_hours


def test_a_row_changed_outside_the_questionnaire_is_evaluated_at_the_next_save(
    applicant_client, applicant, saved_job, evaluations
):
    before = stored(applicant)
    Job.objects.filter(pk=saved_job.pk).update(hours_per_week=Decimal(20))  # not evaluated
    save_job(applicant_client, saved_job, title="Lead developer", hours_per_week="20")
    assert evaluations.call_count == 1
    assert stored(applicant).qualifying_hours < before.qualifying_hours


def test_an_evaluation_stored_by_another_writer_is_made_again_at_the_next_save(
    applicant_client, applicant, saved_job, evaluations
):
    applicant_reevaluate(applicant=stored(applicant))  # the admin's "re-evaluate", say
    evaluations.reset_mock()
    save_job(applicant_client, saved_job, title="Lead developer")
    assert evaluations.call_count == 1


def test_an_evaluation_from_yesterday_is_made_again(applicant_client, applicant, saved_job,
                                                    evaluations):
    yesterday = timezone.now() - timedelta(days=1)
    Applicant.objects.filter(pk=applicant.pk).update(evaluated_at=yesterday)
    save_job(applicant_client, saved_job, title="Lead developer")
    assert evaluations.call_count == 1
    assert timezone.localdate(stored(applicant).evaluated_at) == timezone.localdate()


def test_a_new_release_evaluates_again(applicant_client, applicant, saved_job, evaluations):
    with mock.patch.object(evaluation, "release_stamp", return_value="another release"):
        save_job(applicant_client, saved_job, title="Lead developer")
    assert evaluations.call_count == 1


def test_where_the_person_is_is_written_even_when_the_evaluation_is_kept(
    applicant_client, applicant, saved_job, evaluations
):
    Applicant.objects.filter(pk=applicant.pk).update(
        completed_steps=[], current_step="about"
    )
    save_job(applicant_client, saved_job)
    after = stored(applicant)
    assert evaluations.call_count == 0
    assert (after.completed_steps, after.current_step) == (["work_canada"], "work_canada")


def test_what_the_evaluation_was_made_from_is_kept_on_the_applicants_row(
    applicant_client, applicant, saved_job, evaluations
):
    from django.core.cache import cache

    cache.clear()  # the row alone says the facts are unchanged
    before = stored(applicant)
    save_job(applicant_client, saved_job, title="Lead developer", employer="Maple Ltd")
    assert len(before.evaluated_from) == 32
    assert stored(applicant).evaluated_from == before.evaluated_from
    assert evaluations.call_count == 0


def test_a_save_just_before_midnight_stores_the_day_it_evaluated(
    applicant_client, applicant, saved_job, evaluations
):
    from datetime import datetime

    before = timezone.make_aware(datetime(2026, 11, 28, 23, 59, 59, 999_000))
    times = iter([before])

    def clock():  # the first reading just before midnight, every later one just after
        return next(times, before + timedelta(seconds=1))

    with mock.patch.object(evaluation.timezone, "now", side_effect=clock):
        evaluation.applicant_reevaluate_after_save(applicant=stored(applicant))
    after = stored(applicant)
    assert evaluations.call_args.kwargs["on"] == timezone.localdate(after.evaluated_at)
