"""GET /noc/search/?q=: the fragment the questionnaire's NOC field swaps in as people type."""

import pytest
from django.urls import reverse

from tests.auth import log_in_verified
from tests.noc.factories import UnitGroupFactory

SEARCH = reverse("noc:search")


@pytest.fixture
def engineers(db):
    return UnitGroupFactory(
        code="21231",
        title="Software engineers and designers",
        examples=["Development and operations (DevOps) engineer"],
    )


def test_it_requires_login(client, engineers):
    response = client.get(SEARCH, {"q": "software"})
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_it_returns_listbox_options_carrying_the_code_and_title(applicant_client, engineers):
    response = applicant_client.get(
        SEARCH, {"q": "software", "list": "noc-list-jobs-0"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-noc-code="21231"' in html
    assert 'data-noc-title="Software engineers and designers"' in html
    # The search box (a combobox) controls this listbox by its id; each option has its own.
    assert '<ul role="listbox" id="noc-list-jobs-0"' in html
    assert 'role="option" id="noc-list-jobs-0-0"' in html
    assert "<html" not in html


def test_a_list_id_of_another_shape_is_not_echoed(applicant_client, engineers):
    html = applicant_client.get(
        SEARCH, {"q": "software", "list": '"><script>x</script>'}
    ).content.decode()
    assert "<script>" not in html
    assert 'id="noc-list"' in html


def test_it_shows_the_example_title_that_matched(applicant_client, engineers):
    response = applicant_client.get(SEARCH, {"q": "devops"})
    assert 'Example title: <span lang="en">Development and operations (DevOps) engineer</span>' in (
        response.content.decode()
    )


def test_it_says_when_nothing_matches(applicant_client, engineers):
    response = applicant_client.get(SEARCH, {"q": "astronaut"})
    assert "No NOC unit group matches these words." in response.content.decode()


def test_an_empty_query_returns_no_results(applicant_client, engineers):
    response = applicant_client.get(SEARCH, {"q": ""})
    assert "data-noc-code" not in response.content.decode()


def test_it_refuses_post(applicant_client, engineers):
    assert applicant_client.post(SEARCH, {"q": "software"}).status_code == 405


@pytest.mark.parametrize("groups", [1, 10])
def test_its_queries_do_not_grow_with_matches(
    applicant_client, groups, django_assert_max_num_queries
):
    for n in range(groups):
        UnitGroupFactory(code=f"9{n % 6}{n:03d}", title=f"Sample welder {n}",
                         examples=[f"Welder type {n}"])
    # Session, user, the ranked query, the matched example titles.
    with django_assert_max_num_queries(6):
        response = applicant_client.get(SEARCH, {"q": "welder type"})
    assert response.content.decode().count("data-noc-code") == groups


def test_the_catalogue_page_works_without_javascript(applicant_client, engineers):
    response = applicant_client.get(reverse("noc:catalogue"), {"q": "software"})
    assert response.status_code == 200
    assert 'data-noc-code="21231"' in response.content.decode()
    assert "Open Government Licence" in response.content.decode()


@pytest.mark.parametrize("who", ["anonymous", "applicant", "consultant"])
def test_the_catalogue_is_public_and_links_each_result_to_its_page(
    client, engineers, who, applicant, consultant
):
    if who != "anonymous":
        if who == "applicant":
            client.force_login(applicant.user)
        else:
            log_in_verified(client, consultant)
    html = client.get(reverse("noc:catalogue"), {"q": "software"}).content.decode()
    assert f'href="{reverse("noc:unit_group", args=["21231"])}"' in html
    assert "<html" in html


def test_the_catalogue_answers_htmx_with_its_results_only(client, engineers):
    response = client.get(reverse("noc:catalogue"), {"q": "software"},
                          headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert reverse("noc:unit_group", args=["21231"]) in html
    assert "HX-Request" in response["Vary"]


def test_the_catalogue_restores_history_as_a_whole_page(client, engineers):
    response = client.get(reverse("noc:catalogue"), {"q": "software"}, headers={
        "HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.content.decode()


def test_an_htmx_request_without_login_redirects_the_whole_page(client, engineers):
    response = client.get(
        SEARCH,
        {"q": "software"},
        headers={"HX-Request": "true", "HX-Current-URL": "http://testserver/questionnaire/"},
    )
    assert response.status_code == 200
    assert response["HX-Redirect"] == f"{reverse('login')}?next=/questionnaire/"
