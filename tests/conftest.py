import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from profiles.roles import CONSULTANT, NOC_EDITOR
from tests.factories import ApplicantFactory, UserFactory

# The real-browser fixtures (browser, page) for every test module that asks for them.
pytest_plugins = ["tests.browser"]


@pytest.fixture
def applicant(db):
    return ApplicantFactory()


@pytest.fixture
def other_applicant(db):
    return ApplicantFactory()


@pytest.fixture
def consultant(db):
    return UserFactory(role=CONSULTANT)


@pytest.fixture
def noc_editor(db):
    return UserFactory(role=NOC_EDITOR)


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant.user)
    return client


@pytest.fixture(autouse=True)
def _each_test_starts_in_english():
    """A request in French leaves French active in the thread (the locale middleware activates
    it): every test starts, and ends, in the site's default language."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _each_test_starts_with_an_empty_cache():
    """Cached fragments (a result panel, a chances table) never cross from one test to the
    next."""
    cache.clear()
    yield
    cache.clear()
