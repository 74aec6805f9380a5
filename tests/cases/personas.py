"""The people who may try a case's page: its applicant, their consultant, another applicant,
another consultant, and an anonymous visitor. Every view of a case is tried as each."""

from profiles.roles import CONSULTANT
from tests.auth import log_in_verified
from tests.factories import ApplicantFactory, UserFactory

PERSONAS = ("applicant", "consultant", "other_applicant", "other_consultant", "anonymous")
STRANGERS = ("other_applicant", "other_consultant")


def log_in_as(client, persona: str, case):
    """``client`` signed in as ``persona`` for ``case`` (anonymous: left signed out)."""
    if persona == "applicant":
        client.force_login(case.applicant.user)
    elif persona == "consultant":
        log_in_verified(client, case.applicant.consultant)
    elif persona == "other_applicant":
        client.force_login(ApplicantFactory().user)
    elif persona == "other_consultant":
        log_in_verified(client, UserFactory(role=CONSULTANT))
    return client


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/login" in response["Location"]
