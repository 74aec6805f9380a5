import pytest

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
