"""``is_consultant_of``: the one answer to "is this user the applicant's consultant"; and a
step's view finds the case once."""

import pytest
from django.urls import reverse

from cases import access
from cases.access import access_to, is_consultant_of
from cases.enums import CaseStatus
from profiles.roles import CONSULTANT
from tests.cases.factories import CaseFactory
from tests.factories import ApplicantFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_the_applicants_consultant_is_their_consultant(eligible_applicant, consultant):
    assert is_consultant_of(applicant=eligible_applicant, user=consultant)


def test_the_applicant_is_not_their_own_consultant(eligible_applicant):
    assert not is_consultant_of(applicant=eligible_applicant, user=eligible_applicant.user)


def test_another_consultant_is_not(eligible_applicant):
    assert not is_consultant_of(applicant=eligible_applicant, user=UserFactory(role=CONSULTANT))


def test_nobody_is_the_consultant_of_an_applicant_without_one():
    applicant = ApplicantFactory(consultant=None)
    assert not is_consultant_of(applicant=applicant, user=applicant.user)


def test_no_user_is_nobodys_consultant(eligible_applicant):
    assert not is_consultant_of(applicant=eligible_applicant, user=None)


def test_the_case_access_gives_the_same_answer(eligible_applicant, consultant):
    case = CaseFactory(applicant=eligible_applicant)
    assert access_to(case=case, user=consultant).is_consultant
    assert not access_to(case=case, user=eligible_applicant.user).is_consultant


@pytest.mark.parametrize(("status", "name", "form"), [
    (CaseStatus.PREPARING, "cases:profile", "profile_form"),
    (CaseStatus.SUBMITTED, "cases:stage", "stage_form"),
])
def test_a_step_asks_for_the_case_once_per_request(
    consultant_client, eligible_applicant, monkeypatch, status, name, form
):
    # The form needs what the access says (may the consultant override, which stages now):
    # it is read from the one lookup the step makes, not from a second one.
    case = CaseFactory(applicant=eligible_applicant, status=status)
    lookups = []
    real = access.case_access
    monkeypatch.setattr(access, "case_access",
                        lambda **kwargs: lookups.append(kwargs) or real(**kwargs))
    response = consultant_client.post(reverse(name, args=[case.pk]), {})
    assert len(lookups) == 1
    assert response.context[form].errors  # the empty form is shown again with its errors
    case.refresh_from_db()
    assert case.status == status
