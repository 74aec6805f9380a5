"""The result beside each step (the panel and its summary for phones) is kept in the cache per
stored evaluation and language: never another person's, never older than the last save."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from profiles.models import Applicant
from profiles.questionnaire import views
from profiles.templatetags.portal import _result_keys
from tests.factories import ApplicantFactory, LanguageTestFactory
from tests.questionnaire.test_steps import HTMX, job_post, step_url

pytestmark = pytest.mark.django_db


def panel(html: str) -> str:
    return html.split('<section id="result-panel"')[1].split("</section>")[0]


def summary(html: str) -> str:
    return html.split('<section id="result-summary"')[1].split("</section>")[0]


def page(client) -> str:
    return client.get(step_url("work_canada")).content.decode()


def save_job(client, **fields):
    response = client.post(step_url("work_canada"), {**job_post(**fields), "action": "save"},
                           **HTMX)
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def saved(applicant_client, applicant):
    """The applicant with a test and a job, saved (so today's evaluation is stored)."""
    LanguageTestFactory(applicant=applicant)
    save_job(applicant_client, start="2023-01-09")
    return applicant_client


def test_a_second_visit_takes_the_result_from_the_cache(saved):
    first = page(saved)
    with mock.patch.object(views, "current_evaluation") as evaluated:
        again = page(saved)
    assert evaluated.call_count == 0
    assert panel(again) == panel(first)
    assert summary(again) == summary(first)


def test_a_page_reads_both_result_fragments_from_the_cache_at_once(saved):
    from profiles.templatetags import portal

    first = page(saved)
    with mock.patch.object(portal.cache, "get_many", wraps=portal.cache.get_many) as read:
        again = page(saved)
    assert read.call_count == 1
    assert sorted(key.split(":")[1] for key in read.call_args.args[0]) == ["panel", "summary"]
    assert (panel(again), summary(again)) == (panel(first), summary(first))


def test_a_save_shows_the_new_score_at_once(saved, applicant):
    page(saved)  # the panel is in the cache
    before = Applicant.objects.get(pk=applicant.pk).crs_total
    answer = save_job(saved, start="2025-06-02", initial=1,
                      **{"id": str(applicant.jobs.get().pk)})
    after = Applicant.objects.get(pk=applicant.pk).crs_total
    assert after != before
    assert f"data-crs-total>{after}<" in panel(answer)
    html = page(saved)
    assert f"data-crs-total>{after}<" in panel(html)
    assert f"data-summary-crs>{after}<" in summary(html)


def test_a_language_switch_shows_the_result_in_french(saved, applicant):
    assert "Your result so far" in panel(page(saved))
    applicant.user.language = "fr"
    applicant.user.save(update_fields=["language"])
    html = page(saved)
    assert "Votre résultat jusqu'ici" in panel(html)
    assert "Votre résultat jusqu'ici" in summary(html)


def test_another_applicant_gets_their_own_result(saved, applicant, client):
    page(saved)
    other = ApplicantFactory()
    LanguageTestFactory(applicant=other)
    client.force_login(other.user)
    save_job(client, start="2025-06-02")
    total = Applicant.objects.get(pk=other.pk).crs_total
    assert total != Applicant.objects.get(pk=applicant.pk).crs_total
    assert f"data-crs-total>{total}<" in panel(page(client))


def test_a_result_stored_before_today_is_not_kept(saved, applicant):
    stored = Applicant.objects.get(pk=applicant.pk)
    assert _result_keys(stored, False) is not None
    stored.evaluated_at = timezone.now() - timedelta(days=1)
    assert _result_keys(stored, False) is None


def test_a_result_never_stored_is_not_kept(applicant):
    assert _result_keys(applicant, False) is None


def test_a_save_that_leaves_the_result_as_it_was_finds_its_panel_kept(saved, applicant):
    job = applicant.jobs.get()
    before = _result_keys(Applicant.objects.get(pk=applicant.pk), False)
    save_job(saved, start="2023-01-09", title="Lead developer", initial=1, id=str(job.pk))
    assert Applicant.objects.get(pk=applicant.pk).jobs.get().title == "Lead developer"
    assert _result_keys(Applicant.objects.get(pk=applicant.pk), False) == before


def test_a_save_that_changes_the_result_has_a_new_panel_key(saved, applicant):
    job = applicant.jobs.get()
    before = _result_keys(Applicant.objects.get(pk=applicant.pk), False)
    save_job(saved, start="2023-01-09", hours_per_week="30", initial=1, id=str(job.pk))
    assert _result_keys(Applicant.objects.get(pk=applicant.pk), False) != before
