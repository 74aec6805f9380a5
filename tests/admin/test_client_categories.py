"""The client list's categories column and filter (stored at each evaluation, never computed
per row), and the standing per category on the client page."""

import csv
import io

import pytest

from profiles.evaluation import applicant_reevaluate
from profiles.models import Applicant
from profiles.reevaluation import applicants_reevaluate
from tests.admin.conftest import admin_url, visible_text
from tests.auth import log_in_verified
from tests.chances.conftest import days_ago, healthcare_round, make_nurse
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db


def listed(response) -> set[int]:
    return {row.pk for row in response.context["cl"].result_list}


@pytest.fixture
def nurse_client_row(consultant):
    applicant = make_nurse(ApplicantFactory(consultant=consultant))
    applicant_reevaluate(applicant=applicant)
    return applicant


def test_an_evaluation_stores_the_eligible_categories(nurse_client_row):
    nurse_client_row.refresh_from_db()
    assert nurse_client_row.eligible_categories == ",healthcare,"


def test_a_batch_reevaluation_stores_them_too(nurse_client_row):
    Applicant.objects.filter(pk=nurse_client_row.pk).update(eligible_categories="")
    applicants_reevaluate(applicants=Applicant.objects.filter(pk=nurse_client_row.pk))
    nurse_client_row.refresh_from_db()
    assert nurse_client_row.eligible_categories == ",healthcare,"


def test_a_client_in_no_listed_occupation_stores_none(my_client):
    my_client.refresh_from_db()
    assert my_client.eligible_categories == ""


def test_the_list_shows_the_categories_column(consultant_client, nurse_client_row):
    text = visible_text(consultant_client.get(admin_url("changelist")))
    assert ">Healthcare and social services<" in text


@pytest.mark.parametrize(("value", "nurse_shown", "other_shown"), [
    ("healthcare", True, False),
    ("stem", False, False),
    ("any", True, False),
    ("none", False, True),
])
def test_the_category_filter(
    consultant_client, nurse_client_row, my_client, value, nurse_shown, other_shown
):
    shown = listed(consultant_client.get(admin_url("changelist"), {"category": value}))
    assert (nurse_client_row.pk in shown, my_client.pk in shown) == (nurse_shown, other_shown)


def test_a_category_code_inside_another_is_not_matched(consultant_client, nurse_client_row):
    Applicant.objects.filter(pk=nurse_client_row.pk).update(eligible_categories=",stem_x,")
    assert listed(consultant_client.get(admin_url("changelist"), {"category": "stem"})) == set()


@pytest.mark.parametrize("rows", [1, 12])
def test_the_filtered_list_queries_do_not_grow_with_the_rows(
    consultant, consultant_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        applicant_reevaluate(applicant=make_nurse(ApplicantFactory(consultant=consultant)))
    with django_assert_max_num_queries(10):
        response = consultant_client.get(admin_url("changelist"), {"category": "healthcare"})
    assert len(listed(response)) == rows


def test_the_client_page_shows_the_standing_per_category(consultant_client, nurse_client_row):
    healthcare_round(cutoff=475, days=30, number="422")
    text = visible_text(consultant_client.get(admin_url("change", nurse_client_row.pk)))
    assert "Rounds that can invite the client" in text
    assert 'data-round-type="healthcare"' in text
    assert "#422" in text


def test_another_consultants_client_page_is_404(client, other_consultant, nurse_client_row):
    log_in_verified(client, other_consultant)
    assert client.get(admin_url("change", nurse_client_row.pk)).status_code == 404


def test_an_applicant_never_reaches_the_client_page(client, nurse_client_row):
    client.force_login(nurse_client_row.user)
    response = client.get(admin_url("change", nurse_client_row.pk))
    assert response.status_code == 302


def test_an_anonymous_visitor_never_reaches_the_client_page(client, nurse_client_row):
    response = client.get(admin_url("change", nurse_client_row.pk))
    assert response.status_code == 302


def test_the_csv_export_has_the_categories(consultant_client, nurse_client_row):
    response = consultant_client.post(admin_url("changelist"), {
        "action": "export_csv", "_selected_action": [nurse_client_row.pk],
    })
    header, row = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert row[header.index("categories")] == "healthcare"


def test_the_client_page_says_what_would_open_a_category(consultant_client, consultant):
    applicant = make_nurse(ApplicantFactory(consultant=consultant), start=days_ago(210))
    applicant_reevaluate(applicant=applicant)
    text = visible_text(consultant_client.get(admin_url("change", applicant.pk)))
    assert "What would open a category" in text
    assert "opens the healthcare and social services occupations rounds on" in text
