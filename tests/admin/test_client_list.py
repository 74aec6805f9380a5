"""The client list: the consultant's own clients with their stored evaluation, filterable and
searchable in the database with a number of queries that does not grow with the rows."""

from datetime import timedelta

import pytest
from django.utils import timezone

from profiles.enums import CecStatus
from profiles.models import Applicant, User
from tests.admin.conftest import admin_url, make_client_of, visible_text

pytestmark = pytest.mark.django_db


def listed(response) -> set[int]:
    return {row.pk for row in response.context["cl"].result_list}


def test_list_shows_only_the_consultants_own_clients(consultant_client, my_client, their_client):
    assert listed(consultant_client.get(admin_url("changelist"))) == {my_client.pk}


def test_list_shows_name_email_verdict_crs_hours_and_language_expiry(
    consultant_client, my_client
):
    text = visible_text(consultant_client.get(admin_url("changelist")))
    assert "Mine Client" in text
    assert my_client.user.email in text
    assert str(my_client.get_cec_status_display()) in text
    assert f">{my_client.crs_total}<" in text
    assert f">{my_client.qualifying_hours:,}<" in text or f">{my_client.qualifying_hours}<" in text


def test_hours_are_grouped_by_thousands_in_each_language(consultant_client, consultant, my_client):
    Applicant.objects.filter(pk=my_client.pk).update(qualifying_hours=1560)
    assert ">1,560<" in visible_text(consultant_client.get(admin_url("changelist")))
    User.objects.filter(pk=consultant.pk).update(language="fr")
    french = consultant_client.get(admin_url("changelist")).content.decode()
    assert ">1\N{NO-BREAK SPACE}560<" in french


def test_verdict_names_the_date_when_eligible_later(consultant_client, my_client):
    on = timezone.localdate() + timedelta(days=40)
    Applicant.objects.filter(pk=my_client.pk).update(
        cec_status=CecStatus.ELIGIBLE_LATER, cec_eligible_on=on
    )
    text = visible_text(consultant_client.get(admin_url("changelist")))
    assert f"Eligible on {on.isoformat()}" in text


def test_superuser_sees_every_client_and_their_consultant(
    superuser_client, my_client, their_client
):
    response = superuser_client.get(admin_url("changelist"))
    assert listed(response) == {my_client.pk, their_client.pk}
    assert their_client.consultant.email in visible_text(response)


@pytest.mark.parametrize(
    ("query", "crs", "shown"),
    [
        ({"crs": "500"}, 520, True),
        ({"crs": "500"}, 480, False),
        ({"crs": "0"}, 350, True),
        ({"crs": "none"}, None, True),
    ],
)
def test_crs_band_filter(consultant_client, my_client, query, crs, shown):
    Applicant.objects.filter(pk=my_client.pk).update(crs_total=crs)
    response = consultant_client.get(admin_url("changelist"), query)
    assert (my_client.pk in listed(response)) is shown


def test_needs_review_filter(consultant, consultant_client, my_client):
    review = make_client_of(consultant)
    Applicant.objects.filter(pk=review.pk).update(cec_status=CecStatus.NEEDS_REVIEW)
    response = consultant_client.get(admin_url("changelist"), {"cec_status__exact": "needs_review"})
    assert listed(response) == {review.pk}


def test_qualifying_hours_filter(consultant_client, my_client):
    Applicant.objects.filter(pk=my_client.pk).update(qualifying_hours=1200)
    assert listed(consultant_client.get(admin_url("changelist"), {"hours": "close"})) == {
        my_client.pk
    }
    assert listed(consultant_client.get(admin_url("changelist"), {"hours": "enough"})) == set()


def test_language_expiry_filter_finds_a_test_expiring_within_30_days(
    consultant_client, my_client
):
    soon = timezone.localdate() + timedelta(days=20)
    Applicant.objects.filter(pk=my_client.pk).update(language_expires_on=soon)
    response = consultant_client.get(admin_url("changelist"), {"language": "30"})
    assert listed(response) == {my_client.pk}


def test_language_expiry_filter_leaves_out_a_test_expiring_later(consultant_client, my_client):
    later = timezone.localdate() + timedelta(days=200)
    Applicant.objects.filter(pk=my_client.pk).update(language_expires_on=later)
    response = consultant_client.get(admin_url("changelist"), {"language": "90"})
    assert listed(response) == set()


@pytest.mark.parametrize("term", ["mine", "MINE CLIENT"])
def test_search_by_name(consultant_client, my_client, term):
    assert listed(consultant_client.get(admin_url("changelist"), {"q": term})) == {my_client.pk}


@pytest.mark.parametrize("term", ["nguyen", "thi mai", "Mai NGUYEN", "Lily"])
def test_search_by_passport_or_preferred_name(consultant_client, my_client, term):
    my_client.family_name, my_client.given_names = "Nguyen", "Thi Mai"
    my_client.preferred_name = "Lily"
    my_client.save()
    assert listed(consultant_client.get(admin_url("changelist"), {"q": term})) == {my_client.pk}


def test_list_shows_the_passport_name_once_given(consultant_client, my_client):
    my_client.family_name, my_client.given_names = "Nguyen", "Thi Mai"
    my_client.save()
    text = visible_text(consultant_client.get(admin_url("changelist")))
    assert "Thi Mai Nguyen" in text
    assert "Mine Client" not in text


def test_search_by_email(consultant_client, my_client):
    response = consultant_client.get(admin_url("changelist"), {"q": my_client.user.email})
    assert listed(response) == {my_client.pk}


def test_search_does_not_reach_another_consultants_client(consultant_client, their_client):
    response = consultant_client.get(admin_url("changelist"), {"q": their_client.user.email})
    assert listed(response) == set()


def test_list_sorts_by_crs_in_the_database(consultant, consultant_client):
    high, low = make_client_of(consultant), make_client_of(consultant)  # newest first by default
    Applicant.objects.filter(pk=low.pk).update(crs_total=300)
    Applicant.objects.filter(pk=high.pk).update(crs_total=500)
    columns = consultant_client.get(admin_url("changelist")).context["cl"].list_display
    response = consultant_client.get(admin_url("changelist"),
                                     {"o": f"-{columns.index('crs_total')}"})
    assert [row.pk for row in response.context["cl"].result_list] == [high.pk, low.pk]


FILTERED = {"crs": "400", "hours": "enough", "cec_status__exact": "eligible", "language": "90"}


@pytest.mark.parametrize("rows", [1, 12])
@pytest.mark.parametrize("query", [{}, FILTERED, {"q": "client"}])
def test_list_queries_do_not_grow_with_the_rows(
    consultant, consultant_client, django_assert_max_num_queries, rows, query
):
    for _ in range(rows):
        make_client_of(consultant, user__last_name="Client")
    # Stored columns every filter of FILTERED keeps, so the filtered list has rows to show.
    Applicant.objects.update(crs_total=420, qualifying_hours=2000, cec_status=CecStatus.ELIGIBLE,
                             language_expires_on=timezone.localdate() + timedelta(days=30))
    # A search adds one query: the matching ids, found before the list is filtered. Every
    # staff request also loads the session's second-factor device.
    with django_assert_max_num_queries(10):
        response = consultant_client.get(admin_url("changelist"), query)
    assert len(response.context["cl"].result_list) == rows


@pytest.mark.parametrize("rows", [1, 12])
def test_superuser_list_queries_do_not_grow_with_the_rows(
    consultant, superuser_client, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        make_client_of(consultant)
    with django_assert_max_num_queries(8):
        response = superuser_client.get(admin_url("changelist"))
    assert len(response.context["cl"].result_list) == rows
