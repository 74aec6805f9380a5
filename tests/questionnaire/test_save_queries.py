"""The work step's HTMX save, as production runs it (sessions in Redis, the NOC catalogue
loaded): the step fragment and the result panel in one answer, in a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from profiles.models import Applicant
from tests.factories import JobFactory
from tests.noc.factories import UnitGroupFactory
from tests.questionnaire.test_steps import HTMX, job_post, step_url

pytestmark = pytest.mark.django_db

# Counted by the test: the request's transaction shows as a SAVEPOINT and its RELEASE here,
# which are not statements in production (BEGIN and COMMIT are the driver's), so production
# sends two fewer than the bound: 9 (the step's rows are not read again to show them back;
# the account and the applicant are read in one statement).
MAX_QUERIES = 11


@pytest.fixture
def save_one_changed_job(client, applicant, settings):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"  # Redis in production
    UnitGroupFactory(code="21232")
    client.force_login(applicant.user)
    rows = JobFactory.create_batch(3, applicant=applicant)
    data = {"jobs-TOTAL_FORMS": "3", "jobs-INITIAL_FORMS": "3", "action": "save"}
    for index, row in enumerate(rows):
        data.update({key.replace("jobs-0-", f"jobs-{index}-"): value for key, value in job_post(
            employer=row.employer, title=row.title, start=row.start.isoformat(),
        ).items() if key.startswith("jobs-0-")})
        data[f"jobs-{index}-id"] = str(row.pk)
    data["jobs-0-hours_per_week"] = "35"  # one row changes
    client.get(step_url("work_canada"))

    def save(in_place=False):
        sent = {**data, "in_place": "1"} if in_place else data
        with CaptureQueriesContext(connection) as queries:
            response = client.post(step_url("work_canada"), sent, **HTMX)
        return response, [query["sql"] for query in queries.captured_queries]

    return save


def test_the_htmx_save_answers_with_the_step_and_the_panel(save_one_changed_job):
    response, _queries = save_one_changed_job()
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html  # a fragment, not the page
    assert 'hx-swap-oob' in html  # the result panel, out of band


def test_the_htmx_save_of_one_changed_job_stays_within_the_query_bound(save_one_changed_job):
    _response, queries = save_one_changed_job()
    assert len(queries) <= MAX_QUERIES, "\n".join(queries)


def test_where_the_person_is_and_the_evaluation_are_one_update(save_one_changed_job, applicant):
    _response, queries = save_one_changed_job()
    applicant_updates = [sql for sql in queries if sql.startswith('UPDATE "profiles_applicant"')]
    assert len(applicant_updates) == 1
    stored = Applicant.objects.get(pk=applicant.pk)
    assert "work_canada" in stored.completed_steps
    assert stored.evaluation is not None


def test_the_htmx_save_shows_the_rows_as_the_database_gives_them_back(save_one_changed_job,
                                                                       client):
    response, _queries = save_one_changed_job()
    saved = response.content.decode()
    fresh = client.get(step_url("work_canada"), **HTMX).content.decode()

    def rows(html: str) -> str:
        start = html.index('<div id="rows-jobs">')
        return html[start:html.index('name="action" value="add:jobs"', start)]

    assert 'value="35.00"' in rows(saved)  # the changed hours, as stored
    assert rows(saved) == rows(fresh)


def test_the_save_in_place_stays_within_the_query_bound(save_one_changed_job):
    _response, queries = save_one_changed_job(in_place=True)
    assert len(queries) <= MAX_QUERIES, "\n".join(queries)
