"""GET /noc/<code>/: a unit group's public page."""

import pytest
from django.urls import reverse

from eligibility.models import ExampleTitle, MainDuty
from tests.auth import log_in_verified
from tests.noc.factories import UnitGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def nurses(db):
    group = UnitGroupFactory(
        code="31301", title="Registered nurses and registered psychiatric nurses",
        lead_statement="Registered nurses provide direct nursing care to patients.",
        duties=["Assess patients to identify appropriate nursing interventions",
                "Administer medications and treatments as prescribed"],
        examples=["Clinical nurse", "Psychiatric nurse"],
    )
    ExampleTitle.objects.filter(title="Psychiatric nurse").update(illustrative=True)
    return group


@pytest.mark.parametrize("who", ["anonymous", "applicant", "consultant"])
def test_anyone_can_read_a_unit_groups_page(client, nurses, who, applicant, consultant):
    if who != "anonymous":
        if who == "applicant":
            client.force_login(applicant.user)
        else:
            log_in_verified(client, consultant)
    response = client.get(reverse("noc:unit_group", args=["31301"]))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Registered nurses and registered psychiatric nurses" in html
    assert "Registered nurses provide direct nursing care to patients." in html
    assert 'data-teer="1"' in html and "TEER 1" in html
    assert "Assess patients to identify appropriate nursing interventions" in html
    # Illustrative example titles come first.
    assert html.index("Psychiatric nurse") < html.index("Clinical nurse")


def test_duties_keep_their_order_and_headings_stay_headings(client, nurses):
    MainDuty.objects.create(unit_group=nurses, position=0, text="Nurses", is_heading=True)
    html = client.get(reverse("noc:unit_group", args=["31301"])).content.decode()
    assert '<h3 class="h6 mt-2">Nurses</h3>' in html
    assert html.index("Assess patients") < html.index("Administer medications")


def test_a_teer_4_page_says_it_does_not_count_for_cec(client):
    UnitGroupFactory(code="64100", title="Retail salespersons")
    html = client.get(reverse("noc:unit_group", args=["64100"])).content.decode()
    assert "does not count for the Canadian Experience Class" in html


@pytest.mark.parametrize("code", ["99999", "1234", "abcde"])
def test_an_unknown_code_is_404(client, nurses, code):
    assert client.get(f"/noc/{code}/").status_code == 404


def test_the_page_reads_in_a_fixed_number_of_queries(client, nurses, django_assert_num_queries):
    # The request's savepoint and its release, the unit group, its duties, its example titles.
    with django_assert_num_queries(5):
        response = client.get(reverse("noc:unit_group", args=["31301"]))
    body = response.content.decode()
    assert "Registered nurses and registered psychiatric nurses" in body
    assert "Psychiatric nurse" in body


def test_get_never_writes(client, nurses):
    before = (MainDuty.objects.count(), ExampleTitle.objects.count())
    client.get(reverse("noc:unit_group", args=["31301"]))
    assert (MainDuty.objects.count(), ExampleTitle.objects.count()) == before
