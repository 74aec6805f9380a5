import re

import pytest
from django.urls import reverse

from profiles.evaluation import applicant_reevaluate
from profiles.roles import CONSULTANT
from tests.auth import log_in_verified
from tests.factories import (
    ApplicantFactory,
    EducationFactory,
    JobFactory,
    LanguageTestFactory,
    UserFactory,
)


def make_client_of(consultant, **fields):
    """A complete applicant (education, a test, a job) assigned to ``consultant``, with the
    evaluation stored as the questionnaire would leave it."""
    applicant = ApplicantFactory(consultant=consultant, **fields)
    EducationFactory(applicant=applicant)
    LanguageTestFactory(applicant=applicant)
    JobFactory(applicant=applicant)
    applicant_reevaluate(applicant=applicant)
    return applicant


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Every factory-made user hashes a password; the production hasher is slow on purpose.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def other_consultant(db):
    return UserFactory(role=CONSULTANT)


@pytest.fixture
def superuser(db):
    user = UserFactory(is_staff=True, is_superuser=True)
    user.save()  # keeps the password the factory set, which the session is tied to
    return user


@pytest.fixture
def my_client(consultant):
    return make_client_of(consultant, user__first_name="Mine", user__last_name="Client")


@pytest.fixture
def their_client(other_consultant):
    return make_client_of(other_consultant, user__first_name="Theirs", user__last_name="Client")


@pytest.fixture
def consultant_client(client, consultant):
    log_in_verified(client, consultant)
    return client


@pytest.fixture
def superuser_client(client, superuser):
    log_in_verified(client, superuser)
    return client


def admin_url(name: str, *args) -> str:
    return reverse(f"admin:profiles_applicant_{name}", args=args)


def change_form_data(response) -> dict:
    """The POST a browser would send for the change form as rendered: every field of the form
    and of each inline formset, with its current value."""
    data: dict = {}

    def add(form):
        for bound in form:
            if bound.field.disabled:
                continue
            value = bound.value()
            if isinstance(value, bool):
                if value:
                    data[bound.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            elif value is not None:
                data[bound.html_name] = str(value)

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def csv_body(response) -> str:
    return b"".join(response.streaming_content).decode()


def visible_text(response) -> str:
    return re.sub(r"\s+", " ", response.content.decode())
