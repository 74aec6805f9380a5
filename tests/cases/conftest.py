from datetime import date
from decimal import Decimal

import pytest

from cases.enums import CaseStatus
from profiles.roles import CONSULTANT
from tests.auth import log_in_verified
from tests.cases.factories import CaseFactory
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory, UserFactory


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every factory-made user hashes a password; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    # Uploaded files go to a throw-away folder, never the project's private_media.
    settings.MEDIA_ROOT = tmp_path / "private_media"
    return settings.MEDIA_ROOT


def make_eligible(applicant, *, test_taken_on=date(2025, 6, 14)):
    """Two years and more of full-time Canadian work, and a valid IELTS at CLB 9."""
    JobFactory(applicant=applicant, start=date(2023, 9, 1), hours_per_week=Decimal("40"))
    LanguageTestFactory(applicant=applicant, taken_on=test_taken_on)
    return applicant


@pytest.fixture
def consultant(db):
    return UserFactory(role=CONSULTANT)


@pytest.fixture
def eligible_applicant(db, consultant):
    return make_eligible(ApplicantFactory(consultant=consultant))


@pytest.fixture
def case(eligible_applicant):
    return CaseFactory(applicant=eligible_applicant, status=CaseStatus.PREPARING)


@pytest.fixture
def owner_client(client, eligible_applicant):
    client.force_login(eligible_applicant.user)
    return client


@pytest.fixture
def consultant_client(client, consultant):
    log_in_verified(client, consultant)
    return client


@pytest.fixture
def outsider_client(client, db):
    client.force_login(ApplicantFactory().user)
    return client
