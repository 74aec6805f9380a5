"""The questionnaire's steps: ownership, HTMX fragments, saving, validation, resuming."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from profiles.evaluation import evaluate_applicant
from profiles.models import END_BEFORE_START, Job, LanguageTest, Spouse
from profiles.questionnaire.forms import FUTURE_DATE
from tests.auth import log_in_verified
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db

SINGLE_STEPS = ["about", "education", "language", "work_canada", "work_abroad", "other", "review"]
HTMX = {"HTTP_HX_REQUEST": "true"}


def step_url(slug: str) -> str:
    return reverse("questionnaire:step", args=[slug])


def job_post(prefix="jobs", index=0, total=1, initial=0, **fields) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(total), f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    row = {
        "employer": "Maple Software", "title": "Developer", "noc": "21232", "province": "ON",
        "start": "2024-01-08", "end": "", "hours_per_week": "40", "paid": "on",
        "permit_type": "pgwp", "duties": "", **fields,
    }
    data.update(
        {f"{prefix}-{index}-{key}": value for key, value in row.items() if value is not None}
    )
    return data


@pytest.mark.parametrize("slug", SINGLE_STEPS)
def test_step_page_shows_for_its_owner(applicant_client, slug):
    response = applicant_client.get(step_url(slug))
    assert response.status_code == 200
    assert b"<html" in response.content


@pytest.mark.parametrize("slug", SINGLE_STEPS)
def test_step_redirects_an_anonymous_visitor_to_log_in(client, slug):
    response = client.get(step_url(slug))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("slug", SINGLE_STEPS)
def test_step_answers_htmx_with_a_fragment(applicant_client, slug):
    response = applicant_client.get(step_url(slug), **HTMX)
    assert response.status_code == 200
    assert b"<html" not in response.content
    assert b'id="step"' in response.content


def test_step_is_404_for_a_user_without_an_applicant_record(client, consultant):
    log_in_verified(client, consultant)
    assert client.get(step_url("about")).status_code == 404


def test_unknown_step_is_404(applicant_client):
    assert applicant_client.get(step_url("nonsense")).status_code == 404


def test_spouse_step_is_skipped_for_a_single_person(applicant_client):
    response = applicant_client.get(step_url("spouse"))
    assert response.status_code == 302


def test_spouse_step_saves_for_a_married_person(client):
    applicant = ApplicantFactory(marital_status="married")
    client.force_login(applicant.user)
    data = {"accompanying": "on", **{f"spouse_{k}-{f}": v for k in ("education", "tests", "jobs")
                                    for f, v in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}}
    response = client.post(step_url("spouse"), {**data, "action": "save"})
    assert response.status_code == 302
    assert Spouse.objects.get(applicant=applicant).accompanying is True


def test_about_step_saves_and_goes_to_the_next_step(applicant_client, applicant):
    response = applicant_client.post(step_url("about"), {
        "birth_date": "1990-05-17", "marital_status": "single", "intended_province": "BC",
        "action": "next",
    })
    assert response["Location"] == step_url("education")
    applicant.refresh_from_db()
    assert (applicant.birth_date, applicant.intended_province) == (date(1990, 5, 17), "BC")


def test_birth_date_in_the_future_is_refused_with_its_message(applicant_client, applicant):
    tomorrow = date.today() + timedelta(days=2)
    response = applicant_client.post(step_url("about"), {
        "birth_date": tomorrow.isoformat(), "marital_status": "divorced", "action": "next",
    })
    assert response.status_code == 200
    assert str(FUTURE_DATE) in response.content.decode()
    assert 'value="divorced" selected' in response.content.decode()
    applicant.refresh_from_db()
    assert applicant.marital_status == "single"


def test_a_job_is_added_with_the_applicant_and_canada_filled_in(applicant_client, applicant):
    applicant_client.post(step_url("work_canada"), {**job_post(), "action": "save"})
    job = Job.objects.get(applicant=applicant)
    assert (job.person, str(job.country), job.hours_per_week) == ("principal", "CA", Decimal(40))


def test_saving_a_job_stores_a_fresh_evaluation(applicant_client, applicant):
    applicant_client.post(step_url("work_canada"), {**job_post(), "action": "save"})
    applicant.refresh_from_db()
    assert applicant.evaluation is not None
    assert applicant.qualifying_hours is not None


def test_job_ending_before_it_starts_shows_the_message_and_keeps_the_row(applicant_client):
    data = job_post(start="2024-05-01", end="2024-04-01", employer="Keep Me Ltd")
    response = applicant_client.post(step_url("work_canada"), {**data, "action": "save"})
    html = response.content.decode()
    assert str(END_BEFORE_START) in html
    assert 'value="Keep Me Ltd"' in html
    assert not Job.objects.exists()


def test_hours_over_168_are_refused_naming_the_field(applicant_client):
    response = applicant_client.post(
        step_url("work_canada"), {**job_post(hours_per_week="200"), "action": "save"}
    )
    assert "Hours per week" in response.content.decode()
    assert not Job.objects.exists()


def test_a_score_off_the_tests_scale_is_refused_and_the_rest_kept(applicant_client):
    data = {
        "tests-TOTAL_FORMS": "1", "tests-INITIAL_FORMS": "0",
        "tests-0-test": "ielts_general", "tests-0-taken_on": "2025-06-14",
        "tests-0-listening": "8", "tests-0-reading": "6.3", "tests-0-writing": "7",
        "tests-0-speaking": "7", "tests-0-registration_number": "REG-77", "action": "save",
    }
    response = applicant_client.post(step_url("language"), data)
    html = response.content.decode()
    assert "IELTS General Training scores are 0–9 in steps of 0.5" in html
    assert 'value="REG-77"' in html
    assert not LanguageTest.objects.exists()


def test_posting_another_applicants_job_id_changes_nothing(applicant_client, other_applicant):
    theirs = JobFactory(applicant=other_applicant, employer="Theirs")
    data = job_post(total=1, initial=1, employer="Hijacked")
    data["jobs-0-id"] = str(theirs.pk)
    applicant_client.post(step_url("work_canada"), {**data, "action": "save"})
    theirs.refresh_from_db()
    assert theirs.employer == "Theirs"


def test_deleting_a_row_removes_that_job_only(applicant_client, applicant):
    keep = JobFactory(applicant=applicant, employer="Keep")
    drop = JobFactory(applicant=applicant, employer="Drop")
    data = job_post(index=0, total=2, initial=2, employer="Keep")
    data.update({k.replace("jobs-0-", "jobs-1-"): v for k, v in job_post(employer="Drop").items()
                 if k.startswith("jobs-0-")})
    data.update({"jobs-0-id": str(keep.pk), "jobs-1-id": str(drop.pk), "jobs-1-DELETE": "on"})
    applicant_client.post(step_url("work_canada"), {**data, "action": "save"})
    assert list(Job.objects.values_list("employer", flat=True)) == ["Keep"]


def test_add_row_fragment_carries_the_next_index_and_new_total(applicant_client):
    response = applicant_client.get(
        reverse("questionnaire:add_row", args=["work_canada", "jobs"]),
        {"jobs-TOTAL_FORMS": "2"}, **HTMX,
    )
    html = response.content.decode()
    assert 'name="jobs-2-noc"' in html
    assert 'name="jobs-TOTAL_FORMS" value="3"' in html
    assert 'hx-swap-oob="true"' in html


def test_add_row_without_javascript_saves_and_shows_an_empty_row(applicant_client):
    response = applicant_client.post(step_url("work_canada"), {**job_post(), "action": "add:jobs"})
    assert response["Location"] == step_url("work_canada") + "?add=jobs"
    page = applicant_client.get(response["Location"]).content.decode()
    assert 'name="jobs-1-noc"' in page


def test_htmx_save_answers_with_the_step_and_the_result_panel_out_of_band(
    applicant_client, applicant
):
    LanguageTestFactory(applicant=applicant)
    response = applicant_client.post(
        step_url("work_canada"), {**job_post(), "action": "save"}, **HTMX
    )
    html = response.content.decode()
    assert b"<html" not in response.content
    assert 'id="step"' in html
    # The panel comes in the same response, swapped out of band, with the new score.
    applicant.refresh_from_db()
    assert '<section id="result-panel"' in html and 'hx-swap-oob="true"' in html
    assert f"data-crs-total>{applicant.crs_total}<" in html
    # ...and nothing asks the browser for a second request after the save.
    assert "HX-Trigger-After-Settle" not in response
    assert "hx-trigger" not in html.split('<section id="result-panel"')[1]


def test_an_invalid_htmx_save_leaves_the_result_panel_alone(applicant_client):
    response = applicant_client.post(
        step_url("work_canada"), {**job_post(hours_per_week="500"), "action": "save"}, **HTMX
    )
    html = response.content.decode()
    assert 'id="error-summary"' in html
    assert 'id="result-panel"' not in html


def test_htmx_continue_pushes_the_next_steps_url(applicant_client):
    response = applicant_client.post(
        step_url("work_canada"), {**job_post(), "action": "next"}, **HTMX
    )
    assert response["HX-Push-Url"] == step_url("work_abroad")


def test_returning_person_resumes_at_the_step_they_saved_their_way_to(applicant_client):
    applicant_client.post(step_url("work_canada"), {**job_post(), "action": "next"})
    response = applicant_client.get(reverse("questionnaire:start"))
    assert response["Location"] == step_url("work_abroad")


def test_opening_a_step_stores_nothing(applicant_client, applicant):
    applicant_client.get(step_url("language"))
    applicant.refresh_from_db()
    assert applicant.current_step == ""


def test_result_panel_shows_the_verdict_requirements_and_crs(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant)
    applicant.completed_steps = ["work_canada"]  # work answered: none in Canada
    applicant.save()
    html = applicant_client.get(step_url("language")).content.decode()
    result = evaluate_applicant(applicant=applicant).result
    assert f'<span class="fs-4 fw-bold" data-crs-total>{result.crs.total}</span>' in html
    assert 'data-verdict="not_eligible"' in html
    assert "You do not meet the Canadian Experience Class requirements today." in html
    for requirement in result.requirements:
        assert f"<strong>{requirement.label}</strong>" in html
    for section in result.crs.sections:
        assert f"<li>{section.label}: <strong>{section.points}</strong></li>" in html


def test_result_panel_says_when_the_person_becomes_eligible(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant)
    JobFactory(applicant=applicant, start=date.today() - timedelta(days=200))
    html = applicant_client.get(step_url("language")).content.decode()
    on = evaluate_applicant(applicant=applicant).result.eligible_on
    assert 'data-verdict="eligible_on"' in html
    assert f"you meet the work requirement on {on.isoformat()}." in html


def test_result_panel_beside_the_step_shows_the_crs_total(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant)
    html = applicant_client.get(step_url("language")).content.decode()
    total = evaluate_applicant(applicant=applicant).result.crs.total
    assert f"data-crs-total>{total}<" in html


def test_result_page_lists_every_crs_line(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant)
    JobFactory(applicant=applicant, start=date(2023, 1, 2))
    html = applicant_client.get(reverse("result")).content.decode()
    result = evaluate_applicant(applicant=applicant).result
    assert "First official language" in html
    for line in result.crs.lines:
        assert (f'<th scope="row">{line.label}</th><td class="text-end">{line.points}</td>'
                in html)
    assert f'<td class="text-end">{result.crs.total}</td>' in html
    assert "How to raise your score" in html


def test_result_page_explains_each_requirement_job_and_test(applicant_client, applicant):
    LanguageTestFactory(applicant=applicant, taken_on=date(2025, 6, 14))
    # Created first but started later: the page matches jobs by id, not by position.
    later = JobFactory(applicant=applicant, title="Team lead", start=date(2025, 1, 6))
    earlier = JobFactory(applicant=applicant, title="Developer", start=date(2023, 1, 2),
                         end=date(2024, 12, 31))
    html = applicant_client.get(reverse("result")).content.decode()
    result = evaluate_applicant(applicant=applicant).result
    assert 'data-verdict="eligible"' in html
    for requirement in result.requirements:
        assert f'<th scope="row">{requirement.label}</th>' in html
    for job in (later, earlier):
        hours = result.job(job.pk).counted_hours
        assert f"{job.title} (NOC {job.noc}, {job.start.isoformat()} – " in html
        row = html[html.index(f"{job.title} (NOC"):]
        assert row.index(f"<td>{hours:,}</td>") < row.index("</tr>")
    assert "IELTS General Training of 2025-06-14: CLB 9/9/9/9" in html
    assert "valid until 2027-06-13" in html


@pytest.mark.parametrize("jobs", [1, 10])
def test_work_step_page_queries_do_not_grow_with_jobs(
    applicant_client, applicant, jobs, django_assert_max_num_queries
):
    JobFactory.create_batch(jobs, applicant=applicant)
    applicant_client.get(step_url("work_canada"))  # today's evaluation is stored once
    with django_assert_max_num_queries(15):
        response = applicant_client.get(step_url("work_canada"))
    shown = re.findall(r'name="jobs-\d+-id" value="(\d+)"', response.content.decode())
    assert sorted(map(int, shown)) == sorted(applicant.jobs.values_list("pk", flat=True))


@pytest.mark.parametrize("jobs", [1, 10])
def test_work_step_save_queries_do_not_grow_with_jobs(
    applicant_client, applicant, jobs, django_assert_max_num_queries
):
    rows = JobFactory.create_batch(jobs, applicant=applicant)
    data = {"jobs-TOTAL_FORMS": str(jobs), "jobs-INITIAL_FORMS": str(jobs), "action": "save"}
    for index, row in enumerate(rows):
        data.update({k.replace("jobs-0-", f"jobs-{index}-"): v for k, v in job_post(
            employer=row.employer, title=row.title, start=row.start.isoformat(),
            ).items() if k.startswith("jobs-0-")})
        data[f"jobs-{index}-id"] = str(row.pk)
    data["jobs-0-hours_per_week"] = "35"  # one row changes
    with django_assert_max_num_queries(15):
        applicant_client.post(step_url("work_canada"), data)
    rows[0].refresh_from_db()
    assert rows[0].hours_per_week == 35
    assert applicant.jobs.count() == jobs


def test_result_page_compares_a_jobs_duties_with_its_noc(applicant_client, applicant):
    from tests.noc.conftest import SAMPLE, import_noc

    import_noc(SAMPLE / "structure.csv", SAMPLE / "elements.csv")
    JobFactory(applicant=applicant, noc="21232",
               duties="I write computer programs and test them. I fix bugs in the code.")
    html = applicant_client.get(reverse("result")).content.decode()
    assert "Your duties compared with the NOC" in html
    assert "data-duties-covered=" in html


def test_result_page_says_when_a_jobs_code_is_not_in_the_catalogue(applicant_client, applicant):
    JobFactory(applicant=applicant, noc="21299", duties="I do many things.")
    html = applicant_client.get(reverse("result")).content.decode()
    assert "This code is not in the NOC 2021 catalogue we hold" in html


def test_dashboard_shows_progress_the_result_and_the_case(applicant_client, applicant):
    applicant.completed_steps = ["language", "work_canada"]  # answered, with nothing to add
    applicant.save()
    html = applicant_client.get(reverse("dashboard")).content.decode()
    assert "steps done" in html
    assert "Your Express Entry case" in html
    crs = evaluate_applicant(applicant=applicant).result.crs.total
    assert f"data-crs-total>{crs}</span>" in html
    assert "You do not meet the Canadian Experience Class requirements today." in html


def test_a_noc_code_missing_from_the_catalogue_is_refused_next_to_its_field(applicant_client):
    from tests.noc.conftest import SAMPLE, import_noc

    import_noc(SAMPLE / "structure.csv", SAMPLE / "elements.csv")
    response = applicant_client.post(
        step_url("work_canada"), {**job_post(noc="21299"), "action": "save"}
    )
    assert "21299 is not a NOC 2021 unit group" in response.content.decode()
    assert not Job.objects.exists()


def test_added_row_carries_its_remove_and_id_fields(applicant_client):
    html = applicant_client.get(
        reverse("questionnaire:add_row", args=["work_canada", "jobs"]),
        {"jobs-TOTAL_FORMS": "1"}, **HTMX,
    ).content.decode()
    assert 'name="jobs-1-DELETE"' in html
    assert 'name="jobs-1-id"' in html


def test_a_new_row_removed_before_saving_is_not_saved(applicant_client, applicant):
    data = job_post(employer="Typo Inc")
    data["jobs-0-DELETE"] = "on"
    applicant_client.post(step_url("work_canada"), {**data, "action": "save"})
    assert not Job.objects.filter(applicant=applicant).exists()


def test_a_removed_row_stays_removed_when_another_row_has_an_error(applicant_client, applicant):
    drop = JobFactory(applicant=applicant, employer="Drop")
    data = job_post(index=0, total=2, initial=1, employer="Drop")
    data["jobs-0-id"] = str(drop.pk)
    data["jobs-0-DELETE"] = "on"
    data.update({k.replace("jobs-0-", "jobs-1-"): v for k, v in job_post(
        hours_per_week="500").items() if k.startswith("jobs-0-")})
    html = applicant_client.post(step_url("work_canada"), {**data, "action": "save"}).content
    html = html.decode()
    assert 'class="formset-row card mb-3 marked-removed" id="row-jobs-0"' in html
    assert 'id="row-jobs-1"' in html and "marked-removed\" id=\"row-jobs-1\"" not in html


def test_posting_another_applicants_education_id_is_refused_with_a_message(
    applicant_client, other_applicant
):
    from tests.factories import EducationFactory

    theirs = EducationFactory(applicant=other_applicant, level="doctoral")
    data = {"education-TOTAL_FORMS": "1", "education-INITIAL_FORMS": "1",
            "education-0-id": str(theirs.pk), "education-0-level": "secondary",
            "action": "save"}
    response = applicant_client.post(step_url("education"), data)
    assert "This row no longer exists" in response.content.decode()
    theirs.refresh_from_db()
    assert theirs.level == "doctoral"


def test_result_page_redirects_an_anonymous_visitor(client):
    response = client.get(reverse("result"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_result_page_is_404_for_a_user_without_an_applicant_record(client, consultant):
    log_in_verified(client, consultant)
    assert client.get(reverse("result")).status_code == 404


def test_result_page_shows_only_the_owners_jobs(applicant_client, applicant, other_applicant):
    JobFactory(applicant=other_applicant, title="Their secret job")
    JobFactory(applicant=applicant, title="My own job")
    html = applicant_client.get(reverse("result")).content.decode()
    assert "My own job" in html
    assert "Their secret job" not in html


def test_add_row_redirects_an_anonymous_visitor(client):
    url = reverse("questionnaire:add_row", args=["work_canada", "jobs"])
    assert client.get(url, {"jobs-TOTAL_FORMS": "0"}).status_code == 302


def test_add_row_is_404_for_a_user_without_an_applicant_record(client, consultant):
    log_in_verified(client, consultant)
    url = reverse("questionnaire:add_row", args=["work_canada", "jobs"])
    assert client.get(url, {"jobs-TOTAL_FORMS": "0"}).status_code == 404


def test_add_row_is_404_for_a_section_the_step_does_not_have(applicant_client):
    url = reverse("questionnaire:add_row", args=["about", "jobs"])
    assert applicant_client.get(url, {"jobs-TOTAL_FORMS": "0"}).status_code == 404


def test_result_panel_names_what_is_missing_in_words_with_a_link(client):
    applicant = ApplicantFactory(birth_date=None)
    client.force_login(applicant.user)
    html = client.get(reverse("dashboard")).content.decode()
    assert "About you: your date of birth is missing" in html
    assert f'href="{step_url("about")}"' in html
