"""The four steps' services: what each records, and what each refuses."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cases import services
from cases.access import access_to
from cases.enums import CaseStatus, StageKind
from cases.errors import CaseError
from cases.models import Application, DecisionStage, Invitation, ProfileSubmission
from tests.cases.conftest import make_eligible
from tests.cases.factories import (
    CaseFactory,
    DecisionStageFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
    as_applicant,
    days_ago,
    round_drawn,
)
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db


def submit_profile(case, by, **overrides):
    values = {
        "submitted_on": days_ago(30),
        "profile_number": "E001234567",
        "job_seeker_code": "JS1234567890",
    }
    values.update(overrides)
    return services.case_submit_profile(access=access_to(case=case, user=by), **values)


# ----- step 1 -------------------------------------------------------------------------------


def test_profile_submission_puts_the_case_in_the_pool(case):
    submit_profile(case, case.applicant.user)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_POOL


def test_profile_submission_keeps_a_snapshot_of_the_evaluation_on_that_date(case):
    profile = submit_profile(case, case.applicant.user)
    assert profile.verdict == "eligible"
    assert profile.crs > 0
    assert profile.ruleset == "2025-03-25"
    assert profile.evaluation["as_of"] == days_ago(30).isoformat()


def test_profile_expires_twelve_months_after_submission(case):
    profile = submit_profile(case, case.applicant.user, submitted_on=date(2026, 2, 10))
    assert profile.expires_on == date(2027, 2, 10)


def test_profile_is_refused_when_the_engine_finds_the_person_not_eligible(consultant):
    case = CaseFactory(applicant=ApplicantFactory(consultant=consultant))  # no work, no test
    with pytest.raises(CaseError) as refused:
        submit_profile(case, case.applicant.user)
    assert "not eligible for the Canadian Experience Class" in str(refused.value.message)
    case.refresh_from_db()
    assert case.status == CaseStatus.PREPARING
    assert not ProfileSubmission.objects.exists()


def test_consultant_can_override_a_negative_verdict_with_a_reason(consultant):
    case = CaseFactory(applicant=ApplicantFactory(consultant=consultant))
    profile = submit_profile(case, consultant, override_reason="Hours proven by pay stubs")
    assert profile.override_reason == "Hours proven by pay stubs"
    assert profile.verdict != "eligible"
    assert case.transitions.get().note == "Hours proven by pay stubs"


def test_the_applicant_cannot_override_the_verdict(consultant):
    case = CaseFactory(applicant=ApplicantFactory(consultant=consultant))
    with pytest.raises(CaseError):
        submit_profile(case, case.applicant.user, override_reason="I am sure")
    assert not ProfileSubmission.objects.exists()


def test_a_profile_date_in_the_future_is_refused(case):
    with pytest.raises(CaseError):
        submit_profile(case, case.applicant.user,
                       submitted_on=timezone.localdate() + timedelta(days=1))


def test_a_second_profile_while_in_the_pool_is_refused(case):
    submit_profile(case, case.applicant.user)
    with pytest.raises(CaseError):
        submit_profile(case, case.applicant.user, profile_number="E009999999")
    assert ProfileSubmission.objects.count() == 1


def test_an_expired_profile_takes_the_case_back_to_preparing(case):
    submit_profile(case, case.applicant.user)
    services.case_expire_profile(access=as_applicant(case))
    case.refresh_from_db()
    assert case.status == CaseStatus.PREPARING


# ----- step 2 -------------------------------------------------------------------------------


@pytest.fixture
def in_pool(case):
    submit_profile(case, case.applicant.user, submitted_on=days_ago(60))
    return case


def record_ita(case, **overrides):
    values = {"invited_on": days_ago(20), "round_number": "434", "crs_claimed": 500}
    values.update(overrides)
    round_drawn(values["invited_on"], values["round_number"])
    return services.case_record_invitation(access=as_applicant(case), **values)


def test_an_invitation_moves_the_case_to_invited(in_pool):
    record_ita(in_pool)
    in_pool.refresh_from_db()
    assert in_pool.status == CaseStatus.INVITED


def test_the_application_deadline_is_sixty_days_after_the_invitation(in_pool):
    invitation = record_ita(in_pool, invited_on=date(2026, 10, 1))
    assert invitation.deadline == date(2026, 11, 30)


def test_an_invitation_is_evaluated_on_its_date(in_pool):
    invitation = record_ita(in_pool)
    assert invitation.evaluation["as_of"] == days_ago(20).isoformat()
    assert invitation.crs == invitation.evaluation["crs"]["total"]


def test_an_invitation_builds_the_document_checklist(in_pool):
    record_ita(in_pool)
    keys = set(in_pool.documents.values_list("key", flat=True))
    assert {"passport", "photo", "work_permits", "police_certificate:CA"} <= keys


def test_an_invitation_before_the_profile_is_refused(in_pool):
    with pytest.raises(CaseError):
        record_ita(in_pool, invited_on=days_ago(61))
    assert not Invitation.objects.exists()


def test_declining_the_invitation_puts_the_profile_back_in_the_pool(in_pool):
    record_ita(in_pool)
    services.case_decline_invitation(access=as_applicant(in_pool),
                                     declined_on=days_ago(1))
    in_pool.refresh_from_db()
    assert in_pool.status == CaseStatus.IN_POOL
    assert Invitation.objects.get().declined_on == days_ago(1)


# ----- step 3: the 60-day deadline on both sides of its boundary ----------------------------


@pytest.fixture
def invited(eligible_applicant):
    invitation = InvitationFactory(case__applicant=eligible_applicant, invited_on=days_ago(70))
    return invitation.case


def submit_application(case, on):
    # Whether documents are ready is tested in test_checks_before_ircc; here it is confirmed.
    return services.case_submit_application(
        access=as_applicant(case), submitted_on=on, application_number="E000123456",
        confirm_incomplete=True,
    )


def test_submission_on_the_sixtieth_day_is_accepted(invited):
    invitation = invited.invitations.get()
    submit_application(invited, invitation.invited_on + timedelta(days=60))
    invited.refresh_from_db()
    assert invited.status == CaseStatus.SUBMITTED


def test_submission_on_the_sixty_first_day_is_refused(invited):
    invitation = invited.invitations.get()
    with pytest.raises(CaseError) as refused:
        submit_application(invited, invitation.invited_on + timedelta(days=61))
    assert "The deadline to submit was" in str(refused.value.message)
    invited.refresh_from_db()
    assert invited.status == CaseStatus.INVITED
    assert not Application.objects.exists()


def test_submission_is_refused_when_the_language_test_has_expired_that_day(db):
    # IELTS of 2024-10-01 is valid until 2026-09-30; the application goes in on 2026-10-05.
    applicant = make_eligible(ApplicantFactory(), test_taken_on=date(2024, 10, 1))
    invitation = InvitationFactory(case__applicant=applicant, invited_on=date(2026, 9, 20),
                                   profile__submitted_on=date(2026, 9, 1))
    with pytest.raises(CaseError) as refused:
        submit_application(invitation.case, date(2026, 10, 5))
    assert "no valid language test result" in str(refused.value.message)


def test_submission_while_the_language_test_is_still_valid_is_accepted(db):
    applicant = make_eligible(ApplicantFactory(), test_taken_on=date(2024, 10, 1))
    invitation = InvitationFactory(case__applicant=applicant, invited_on=date(2026, 9, 20),
                                   profile__submitted_on=date(2026, 9, 1))
    application = submit_application(invitation.case, date(2026, 9, 30))
    assert application.invitation == invitation


def test_submission_before_an_invitation_is_refused(case):
    with pytest.raises(CaseError):
        submit_application(case, days_ago(1))


# ----- step 4 -------------------------------------------------------------------------------


@pytest.fixture
def submitted(eligible_applicant):
    return CaseFactory(applicant=eligible_applicant, status=CaseStatus.SUBMITTED)


def record(case, kind, on=None, note=""):
    return services.case_record_stage(access=as_applicant(case), kind=kind,
                                      on=on or days_ago(1), note=note)


def record_preceding(case, kind, on):
    """The stages that must come before ``kind`` (services.STAGES_BEFORE), recorded on ``on``."""
    for needed in services.STAGES_BEFORE.get(kind, ()):
        record(case, needed, on=on)


def test_processing_stages_are_recorded_on_the_timeline(submitted):
    for kind in (StageKind.AOR, StageKind.BIOMETRICS_LETTER, StageKind.MEDICAL):
        record(submitted, kind)
    assert list(DecisionStage.objects.values_list("kind", flat=True)) == [
        "aor", "biometrics_letter", "medical"
    ]


def test_an_approval_decides_the_case(submitted):
    record_preceding(submitted, StageKind.APPROVED, days_ago(3))
    record(submitted, StageKind.APPROVED)
    submitted.refresh_from_db()
    assert submitted.status == CaseStatus.APPROVED


def test_a_refusal_decides_the_case(submitted):
    record_preceding(submitted, StageKind.REFUSED, days_ago(3))
    record(submitted, StageKind.REFUSED, note="Work experience not shown")
    submitted.refresh_from_db()
    assert submitted.status == CaseStatus.REFUSED


def test_copr_and_landing_follow_an_approval(submitted):
    record_preceding(submitted, StageKind.APPROVED, days_ago(12))
    record(submitted, StageKind.APPROVED, on=days_ago(10))
    record(submitted, StageKind.COPR, on=days_ago(5))
    record(submitted, StageKind.LANDING)
    assert DecisionStage.objects.filter(kind__in=("approved", "copr", "landing")).count() == 3


def test_copr_before_a_decision_is_refused(submitted):
    with pytest.raises(CaseError):
        record(submitted, StageKind.COPR)
    assert not DecisionStage.objects.exists()


def test_a_stage_before_submission_is_refused(invited):
    with pytest.raises(CaseError):
        record(invited, StageKind.AOR)


def test_withdrawing_the_application_decides_the_case(submitted):
    services.case_withdraw_application(access=as_applicant(submitted))
    submitted.refresh_from_db()
    assert submitted.status == CaseStatus.WITHDRAWN


def test_biometrics_deadline_is_thirty_days_after_the_letter(submitted):
    from cases.deadlines import deadlines_for

    DecisionStageFactory(case=submitted, kind=StageKind.BIOMETRICS_LETTER, on=days_ago(10))
    (deadline,) = deadlines_for(case=submitted)
    assert deadline.on == days_ago(10) + timedelta(days=30)
    assert deadline.days_left == 20


def test_biometrics_given_removes_the_deadline(submitted):
    from cases.deadlines import deadlines_for

    DecisionStageFactory(case=submitted, kind=StageKind.BIOMETRICS_LETTER, on=days_ago(10))
    DecisionStageFactory(case=submitted, kind=StageKind.BIOMETRICS_GIVEN, on=days_ago(2))
    assert deadlines_for(case=submitted) == []


def test_whole_journey_leaves_a_timeline_of_every_status(case):
    user = case.applicant.user
    submit_profile(case, user, submitted_on=days_ago(60))
    record_ita(case)
    submit_application(case, days_ago(5))
    record_preceding(case, StageKind.APPROVED, days_ago(4))
    record(case, StageKind.APPROVED, on=days_ago(1))
    moves = list(case.transitions.values_list("from_status", "to_status"))
    assert moves == [
        ("preparing", "in_pool"), ("in_pool", "invited"), ("invited", "submitted"),
        ("submitted", "approved"),
    ]


def test_a_profile_factory_case_is_in_the_pool():
    assert ProfileSubmissionFactory().case.status == CaseStatus.IN_POOL


def test_the_timeline_is_in_the_order_things_happened(case):
    from cases.selectors import timeline_for

    user = case.applicant.user
    submit_profile(case, user, submitted_on=days_ago(60))
    record_ita(case)
    submit_application(case, days_ago(5))
    record_preceding(case, StageKind.APPROVED, days_ago(4))
    record(case, StageKind.APPROVED, on=days_ago(1))
    entries = timeline_for(case=case)
    assert [entry.on for entry in entries] == [
        days_ago(60), days_ago(20), days_ago(5), *[days_ago(4)] * 3, days_ago(1)
    ]
    assert entries[-1].label.startswith("Application approved")


def test_an_invitation_after_the_profile_expired_is_refused(case):
    submit_profile(case, case.applicant.user, submitted_on=days_ago(400))
    with pytest.raises(CaseError, match="profile expired on"):
        record_ita(case, invited_on=days_ago(20))
    assert not Invitation.objects.exists()


def test_declining_before_the_invitation_came_is_refused(in_pool):
    record_ita(in_pool, invited_on=days_ago(20))
    with pytest.raises(CaseError, match="cannot be declined before"):
        services.case_decline_invitation(access=as_applicant(in_pool),
                                         declined_on=days_ago(21))
    in_pool.refresh_from_db()
    assert in_pool.status == CaseStatus.INVITED
