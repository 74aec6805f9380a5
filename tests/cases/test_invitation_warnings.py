"""Step 2: re-evaluating on the ITA date and the planned submission date, and saying what
would change."""

from datetime import date

import pytest

from cases.invitation_warnings import invitation_warnings
from profiles.evaluation import evaluate_applicant
from tests.cases.conftest import make_eligible
from tests.cases.factories import InvitationFactory
from tests.draws.factories import RoundFactory
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db


def warnings_for(invitation):
    return invitation_warnings(case=invitation.case, invitation=invitation)


def invite(applicant, **kwargs):
    invitation = InvitationFactory(case__applicant=applicant, **kwargs)
    invitation.crs_claimed = invitation_crs(invitation)
    invitation.save()
    return invitation


def invitation_crs(invitation):
    result = evaluate_applicant(applicant=invitation.case.applicant, on=invitation.invited_on)
    return result.result.crs.total


def test_nothing_to_warn_when_nothing_changes(db):
    applicant = make_eligible(ApplicantFactory(birth_date=date(1990, 1, 1)))
    invitation = invite(applicant, invited_on=date(2026, 8, 1),
                        planned_submission_on=date(2026, 8, 20))
    assert warnings_for(invitation) == (date(2026, 8, 20), [])


def test_without_a_planned_date_the_deadline_is_checked(db):
    applicant = make_eligible(ApplicantFactory(birth_date=date(1990, 1, 1)))
    invitation = invite(applicant, invited_on=date(2026, 8, 1))
    planned, _warnings = warnings_for(invitation)
    assert planned == invitation.deadline


def test_a_language_test_expiring_before_submission_is_warned(db):
    applicant = make_eligible(ApplicantFactory(), test_taken_on=date(2024, 8, 20))
    invitation = invite(applicant, invited_on=date(2026, 8, 1),
                        planned_submission_on=date(2026, 9, 15))
    _planned, warnings = warnings_for(invitation)
    assert any("expires on 2026-08-19, before 2026-09-15" in w for w in warnings)
    assert any("no longer be eligible" in w for w in warnings)


def test_a_birthday_before_submission_lowers_the_score(db):
    # Born 1996-04-02: 29 on the ITA date, 30 on the planned date.
    applicant = make_eligible(ApplicantFactory(birth_date=date(1996, 4, 2)))
    invitation = invite(applicant, invited_on=date(2026, 3, 1),
                        planned_submission_on=date(2026, 4, 10))
    _planned, warnings = warnings_for(invitation)
    (score,) = [w for w in warnings if "the CRS would be" in w]
    # The factor is named as on the result page (profiles.phrases), not by its code.
    assert score == "On 2026-04-10 the CRS would be 282 instead of 287 (Age 110 → 105)."


def test_a_job_that_ended_drops_out_of_the_window_before_submission(db):
    applicant = ApplicantFactory(birth_date=date(1990, 1, 1))
    JobFactory(applicant=applicant, start=date(2022, 1, 1), end=date(2024, 6, 27))
    LanguageTestFactory(applicant=applicant, taken_on=date(2025, 6, 14))
    invitation = invite(applicant, invited_on=date(2026, 6, 1),
                        planned_submission_on=date(2026, 7, 25))
    _planned, warnings = warnings_for(invitation)
    assert any("On 2026-07-25 the profile would no longer be eligible for CEC" in w
               for w in warnings)


def test_a_score_below_the_rounds_cutoff_is_warned(db):
    applicant = make_eligible(ApplicantFactory(birth_date=date(1996, 4, 2)))
    invitation = invite(applicant, invited_on=date(2026, 3, 1),
                        planned_submission_on=date(2026, 4, 10))
    RoundFactory(number="999", crs_cutoff=invitation.crs_claimed)
    invitation.round_number = "999"
    invitation.save()
    _planned, warnings = warnings_for(invitation)
    assert any("below the lowest score invited in round 999" in w for w in warnings)


def test_a_claimed_score_that_differs_from_the_answers_is_warned(db):
    applicant = make_eligible(ApplicantFactory(birth_date=date(1990, 1, 1)))
    invitation = invite(applicant, invited_on=date(2026, 8, 1))
    invitation.crs_claimed += 7
    invitation.save()
    _planned, warnings = warnings_for(invitation)
    assert any("not the" in w and str(invitation.crs_claimed) in w for w in warnings)


def test_a_planned_date_after_the_deadline_is_warned(db):
    applicant = make_eligible(ApplicantFactory(birth_date=date(1990, 1, 1)))
    invitation = invite(applicant, invited_on=date(2026, 8, 1),
                        planned_submission_on=date(2026, 10, 5))
    _planned, warnings = warnings_for(invitation)
    assert "2026-10-05 is after the deadline of 2026-09-30." in warnings
