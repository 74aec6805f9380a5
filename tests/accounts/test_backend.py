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


def test_each_account_is_read_with_its_own_applicant(db):
    first, second = ApplicantFactory(), ApplicantFactory()
    user = PortalBackend().get_user(second.user_id)
    assert (user.pk, user.applicant.pk) == (second.user_id, second.pk)
    assert PortalBackend().get_user(first.user_id).applicant.pk == first.pk


def test_a_session_signed_in_before_the_portals_backend_stays_signed_in(client, applicant):
    from importlib import import_module

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(applicant.user_id)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = applicant.user.get_session_auth_hash()
    session.create()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    response = client.get(reverse("questionnaire:step", args=["about"]))
    assert response.status_code == 200
    stored = import_module(settings.SESSION_ENGINE).SessionStore(session.session_key)
    assert stored[BACKEND_SESSION_KEY] == "accounts.backends.PortalBackend"


def test_an_applicant_not_stored_is_not_taken_for_the_persons_own(db):
    from profiles.models import Applicant
    from profiles.selectors import applicant_for_user

    stored = ApplicantFactory()
    user = PortalBackend().get_user(stored.user_id)
    Applicant(user=user)  # sets user.applicant to a record that is not stored
    assert applicant_for_user(user=user).pk == stored.pk
