"""A save that stays on its step, sent by a page showing the step without errors (``in_place``),
answers with only what it changed, each part swapped out of band; the rest of the page stays as
the person left it (profiles/questionnaire/in_place.py)."""

import re
from datetime import date

import pytest

from profiles.models import Applicant, Job
from tests.factories import JobFactory
from tests.questionnaire.test_steps import HTMX, job_post, step_url

pytestmark = pytest.mark.django_db


def jobs_post(jobs, **changes) -> dict:
    """The work step as the page sends it for ``jobs`` (stored rows), with ``changes``
    (``"1-title"`` for the second row's title) applied."""
    data = {"jobs-TOTAL_FORMS": str(len(jobs)), "jobs-INITIAL_FORMS": str(len(jobs)),
            "jobs-MIN_NUM_FORMS": "0", "jobs-MAX_NUM_FORMS": "1000",
            "action": "save", "in_place": "1"}
    for index, job in enumerate(jobs):
        row = job_post(employer=job.employer, title=job.title, noc=job.noc,
                       start=job.start.isoformat(), hours_per_week=str(job.hours_per_week))
        data.update({key.replace("jobs-0-", f"jobs-{index}-"): value
                     for key, value in row.items() if key.startswith("jobs-0-")})
        data[f"jobs-{index}-id"] = str(job.pk)
    data.update({f"jobs-{key}": value for key, value in changes.items()})
    return data


def save(client, data, slug="work_canada"):
    response = client.post(step_url(slug), data, **HTMX)
    assert response.status_code == 200
    return response, response.content.decode()


def out_of_band_ids(html: str) -> list[str]:
    return re.findall(r'<[a-z]+\b[^>]*? id="([^"]+)"[^>]*hx-swap-oob=', html)


@pytest.fixture
def three_jobs(applicant):
    return [JobFactory(applicant=applicant, title=f"Developer {n}",
                       start=date(2023, 1 + n, 2)) for n in range(3)]


@pytest.fixture
def work_step_done(applicant_client, three_jobs):
    """The work step saved once (so a later save changes neither the steps done nor the list)."""
    save(applicant_client, jobs_post(three_jobs))
    return applicant_client


def test_a_save_in_place_answers_with_only_the_changed_row(work_step_done, three_jobs):
    response, html = save(work_step_done, jobs_post(three_jobs, **{"1-title": "Lead developer"}))
    assert response["HX-Reswap"] == "none"  # the step itself is not swapped
    assert 'id="step"' not in html
    assert out_of_band_ids(html) == ["row-jobs-1", "save-status", "result-summary",
                                     "result-panel"]
    assert 'value="Lead developer"' in html
    assert Job.objects.get(pk=three_jobs[1].pk).title == "Lead developer"


def test_a_save_in_place_says_saved_where_the_person_pressed_save(work_step_done, three_jobs):
    _response, html = save(work_step_done, jobs_post(three_jobs, **{"0-title": "Lead"}))
    assert ('<p id="save-status" hx-swap-oob="innerHTML"><span class="text-success">Saved.</span>'
            '</p>') in html


def test_a_save_in_place_with_nothing_changed_sends_no_row(work_step_done, three_jobs):
    _response, html = save(work_step_done, jobs_post(three_jobs))
    assert "data-row" not in html
    assert "save-status" in html


def test_the_row_sent_is_the_row_a_fresh_page_shows(work_step_done, three_jobs):
    _response, html = save(work_step_done, jobs_post(three_jobs, **{"2-hours_per_week": "35"}))
    sent = html[html.index('<div class="formset-row'):html.index('<p id="save-status"')].strip()
    page = work_step_done.get(step_url("work_canada")).content.decode()
    start = page.index('<div class="formset-row card mb-3" id="row-jobs-2"')
    shown = page[start:start + len(sent)]
    assert 'value="35.00"' in sent  # as stored
    oob = ' hx-swap-oob="true"'
    assert sent.replace(oob, "", 1) == shown[:len(sent) - len(oob)]


def test_a_removed_row_sends_its_section_whole_with_the_new_count(work_step_done, three_jobs):
    _response, html = save(work_step_done, jobs_post(three_jobs, **{"1-DELETE": "on"}))
    assert "section-jobs" in out_of_band_ids(html)
    assert 'name="jobs-TOTAL_FORMS" value="2"' in html
    assert 'id="row-jobs-2"' not in html  # the third row is now the second
    assert not Job.objects.filter(pk=three_jobs[1].pk).exists()


def test_a_new_row_comes_back_with_its_id_so_a_second_save_updates_it(work_step_done,
                                                                        three_jobs):
    added = jobs_post(three_jobs)
    added.update({key.replace("jobs-0-", "jobs-3-"): value for key, value in
                  job_post(title="New job").items() if key.startswith("jobs-0-")})
    added["jobs-TOTAL_FORMS"] = "4"
    _response, html = save(work_step_done, added)
    new = Job.objects.get(title="New job")
    assert "section-jobs" in out_of_band_ids(html)
    assert 'name="jobs-INITIAL_FORMS" value="4"' in html
    assert f'name="jobs-3-id" value="{new.pk}"' in html


def test_an_added_row_left_empty_goes_with_its_section(work_step_done, three_jobs):
    data = jobs_post(three_jobs)
    data["jobs-TOTAL_FORMS"] = "4"  # "+ Add a job", then nothing typed in it:
    data["jobs-3-paid"] = "on"  # the new row as the browser sends it, with its default
    _response, html = save(work_step_done, data)
    assert 'name="jobs-TOTAL_FORMS" value="3"' in html
    assert Job.objects.count() == 3


def test_a_first_save_of_the_step_sends_the_steps_list_and_buttons(applicant_client, three_jobs):
    _response, html = save(applicant_client, jobs_post(three_jobs))
    assert out_of_band_ids(html)[:2] == ["step-nav", "step-actions"]
    assert "(done)" in html.split('id="step-nav"')[1].split("</nav>")[0]


def test_a_later_save_leaves_the_steps_list_alone(work_step_done, three_jobs):
    _response, html = save(work_step_done, jobs_post(three_jobs, **{"0-title": "Lead"}))
    assert "step-nav" not in html and "step-actions" not in html


def about_saved(client) -> dict:
    """The "About you" step saved once (single), in place; returns what was sent."""
    data = {"birth_date": "1990-05-04", "marital_status": "single",
            "intended_province": "ON", "action": "save", "in_place": "1"}
    save(client, data, slug="about")
    return data


def test_a_changed_form_is_sent_back_as_stored(applicant_client, applicant):
    data = about_saved(applicant_client)
    data["birth_date"] = "1991-05-04"
    _response, html = save(applicant_client, data, slug="about")
    assert "step-form" in out_of_band_ids(html)
    assert 'value="1991-05-04"' in html
    assert Applicant.objects.get(pk=applicant.pk).birth_date == date(1991, 5, 4)


def test_without_the_mark_the_whole_step_is_sent(work_step_done, three_jobs):
    data = jobs_post(three_jobs, **{"0-title": "Lead"})
    del data["in_place"]
    response, html = save(work_step_done, data)
    assert "HX-Reswap" not in response
    assert '<div id="step"' in html


def test_a_step_shown_with_errors_carries_no_mark(work_step_done, three_jobs):
    _response, html = save(work_step_done, jobs_post(three_jobs, **{"0-hours_per_week": "-3"}))
    assert "Some answers need a correction" in html
    assert 'name="in_place"' not in html


def test_a_step_shown_without_errors_carries_the_mark(applicant_client):
    html = applicant_client.get(step_url("work_canada")).content.decode()
    assert '<input type="hidden" name="in_place" value="1">' in html


def test_save_and_continue_still_sends_the_next_step(work_step_done, three_jobs):
    data = jobs_post(three_jobs)
    data["action"] = "next"
    response, html = save(work_step_done, data)
    assert "HX-Reswap" not in response
    assert '<div id="step"' in html and response["HX-Push-Url"] != step_url("work_canada")


def test_a_marital_status_change_sends_the_steps_list_with_the_spouse_step(applicant_client):
    data = about_saved(applicant_client)
    data["marital_status"] = "married"
    _response, html = save(applicant_client, data, slug="about")
    assert "step-nav" in out_of_band_ids(html)
    nav = html.split('id="step-nav"')[1].split("</nav>")[0]
    assert step_url("spouse") in nav


def test_a_section_sent_whole_is_the_section_a_fresh_page_shows(work_step_done, three_jobs):
    _response, html = save(work_step_done, jobs_post(three_jobs, **{"0-DELETE": "on"}))

    def section(text: str) -> str:
        start = text.index('<fieldset class="mb-4" id="section-jobs"')
        return text[start:text.index("</fieldset>", start)]

    page = work_step_done.get(step_url("work_canada")).content.decode()
    assert section(html).replace(' hx-swap-oob="true"', "", 1) == section(page)
