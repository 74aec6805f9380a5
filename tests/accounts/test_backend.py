"""The sign-in backend reads the person's applicant record together with their account."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.backends import PortalBackend
from tests.factories import ApplicantFactory, UserFactory


def test_the_applicant_comes_with_the_account_in_one_query(db, django_assert_num_queries):
    applicant = ApplicantFactory()
    with django_assert_num_queries(1):
        user = PortalBackend().get_user(applicant.user_id)
        assert user.applicant.pk == applicant.pk


def test_an_account_without_an_applicant_has_none_without_a_query(
    db, django_assert_num_queries
):
    staff = UserFactory()
    user = PortalBackend().get_user(staff.pk)
    with django_assert_num_queries(0):
        assert not hasattr(user, "applicant")


def test_an_inactive_account_is_not_signed_in(db):
    applicant = ApplicantFactory(user__is_active=False)
    assert PortalBackend().get_user(applicant.user_id) is None


def test_an_unknown_account_is_not_signed_in(db):
    assert PortalBackend().get_user(987_654_321) is None


def test_a_questionnaire_page_does_not_read_the_applicant_apart(applicant_client):
    url = reverse("questionnaire:step", args=["work_canada"])
    applicant_client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = applicant_client.get(url)
    assert response.status_code == 200
    alone = [query["sql"] for query in queries.captured_queries
             if 'FROM "profiles_applicant"' in query["sql"]]
    assert alone == []
