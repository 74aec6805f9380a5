"""Work authorization: asked once, as the permit type; the answer decides and is explained."""

from datetime import date

import pytest
from django.urls import reverse

from eligibility.rules.work import UNAUTHORIZED
from profiles.models import Job
from tests.factories import JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db


def job_post(**fields) -> dict:
    row = {"employer": "Maple", "title": "Developer", "noc": "21232", "province": "ON",
           "start": "2023-01-09", "end": "", "hours_per_week": "40", "paid": "on",
           "permit_type": "pgwp", "duties": "", **fields}
    data = {"jobs-TOTAL_FORMS": "1", "jobs-INITIAL_FORMS": "0", "action": "save"}
    data.update({f"jobs-0-{key}": value for key, value in row.items()})
    return data


def test_the_work_step_asks_once(applicant_client, applicant):
    JobFactory(applicant=applicant)
    html = applicant_client.get(reverse("questionnaire:step", args=["work_canada"])).content
    html = html.decode()
    assert 'name="jobs-0-permit_type"' in html
    assert 'name="jobs-0-authorized"' not in html


def test_work_abroad_does_not_ask_it(applicant_client, applicant):
    JobFactory(applicant=applicant, country="FR", province="", permit_type="")
    html = applicant_client.get(reverse("questionnaire:step", args=["work_abroad"])).content
    assert b"permit_type" not in html


def test_a_job_in_canada_needs_an_answer(applicant_client, applicant):
    response = applicant_client.post(
        reverse("questionnaire:step", args=["work_canada"]), job_post(permit_type="")
    )
    assert "Work authorization while doing this job" in response.content.decode()
    assert 'id="error-summary"' in response.content.decode()
    assert not Job.objects.filter(applicant=applicant).exists()


@pytest.mark.parametrize("answer", ["none", "refugee_claimant"])
def test_work_without_authorization_does_not_count_and_the_result_says_why(
    applicant_client, applicant, answer
):
    LanguageTestFactory(applicant=applicant)
    applicant_client.post(
        reverse("questionnaire:step", args=["work_canada"]), job_post(permit_type=answer)
    )
    applicant.refresh_from_db()
    assert Job.objects.get(applicant=applicant).permit_type == answer
    assert applicant.qualifying_hours == 0
    html = applicant_client.get(reverse("result")).content.decode()
    row = html[html.index("Developer (NOC 21232"):]
    row = row[:row.index("</tr>")]
    assert UNAUTHORIZED in row


@pytest.mark.parametrize("answer", ["pgwp", "open", "employer_specific", "maintained", "exempt"])
def test_authorized_work_counts(applicant_client, applicant, answer):
    applicant_client.post(
        reverse("questionnaire:step", args=["work_canada"]), job_post(permit_type=answer)
    )
    applicant.refresh_from_db()
    assert applicant.qualifying_hours > 0


def test_the_answer_is_the_only_place_authorization_is_kept():
    field_names = {field.name for field in Job._meta.get_fields()}
    assert "authorized" not in field_names
    # Job.authorized and the bridge to the engine both read the answer through
    # profiles.enums.work_authorized.
    assert Job(permit_type="none").authorized is False
    assert Job(permit_type="refugee_claimant").authorized is False
    assert Job(permit_type="").authorized is True  # rows from before it was asked


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_an_unticked_box_as_no_authorization():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    before, after = [("profiles", "0011_move_cases_notes_rounds_out")], [
        ("profiles", "0012_job_work_authorization_asked_once")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    apps = executor.loader.project_state(before).apps
    User = apps.get_model("profiles", "User")
    Applicant = apps.get_model("profiles", "Applicant")
    OldJob = apps.get_model("profiles", "Job")
    applicant = Applicant.objects.create(user=User.objects.create(email="m@example.test"))
    common = {"applicant": applicant, "noc": "21232", "start": date(2024, 1, 8),
              "hours_per_week": 40}
    unticked = OldJob.objects.create(authorized=False, permit_type="pgwp", **common)
    listed_none = OldJob.objects.create(authorized=True, permit_type="none", **common)
    fine = OldJob.objects.create(authorized=True, permit_type="open", **common)

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(after)
    NewJob = executor.loader.project_state(after).apps.get_model("profiles", "Job")
    answers = dict(NewJob.objects.values_list("pk", "permit_type"))
    assert answers == {unticked.pk: "none", listed_none.pk: "none", fine.pk: "open"}
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest schema
