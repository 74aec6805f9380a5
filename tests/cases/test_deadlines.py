"""The next deadline: one rule (``next_deadline_from``), stored on the case by every service
that can move it, in the same transaction, and left alone by a refused action."""

from datetime import date, timedelta

import pytest

from cases import services
from cases.deadlines import Deadline, next_deadline_from, pool_expiry_near
from cases.enums import CaseStatus, DeadlineKind, StageKind
from cases.errors import CaseError
from cases.models import Case, DecisionStage, Invitation, ProfileSubmission
from cases.status import case_transition
from eligibility.rules.dates import add_years
from tests.cases.factories import as_applicant, as_consultant, days_ago, round_drawn

# ----- the rule -----------------------------------------------------------------------------


def profile(on):
    return ProfileSubmission(submitted_on=on)


def invitation(on):
    return Invitation(invited_on=on)


def stage(kind, on):
    return DecisionStage(kind=kind, on=on)


LETTER, GIVEN = StageKind.BIOMETRICS_LETTER, StageKind.BIOMETRICS_GIVEN


@pytest.mark.parametrize(("status", "records", "expected"), [
    pytest.param(CaseStatus.IN_POOL, {"profile": profile(date(2026, 3, 2))},
                 (DeadlineKind.POOL_EXPIRY, date(2027, 3, 2)), id="in pool: the expiry"),
    pytest.param(CaseStatus.IN_POOL, {"profile": profile(date(2028, 2, 29))},
                 (DeadlineKind.POOL_EXPIRY, date(2029, 2, 28)), id="in pool: from Feb 29"),
    pytest.param(CaseStatus.INVITED, {"invitation": invitation(date(2026, 10, 1))},
                 (DeadlineKind.APPLICATION_DUE, date(2026, 11, 30)),
                 id="invited: 60 days after the ITA"),
    pytest.param(CaseStatus.SUBMITTED, {"stages": [stage(LETTER, date(2026, 10, 20))]},
                 (DeadlineKind.BIOMETRICS_DUE, date(2026, 11, 19)),
                 id="submitted: 30 days after the letter"),
    pytest.param(CaseStatus.SUBMITTED, {"stages": [stage(LETTER, date(2026, 10, 20)),
                                                   stage(GIVEN, date(2026, 10, 25))]},
                 None, id="submitted: biometrics given"),
    pytest.param(CaseStatus.SUBMITTED, {"stages": [stage(LETTER, date(2026, 9, 1)),
                                                   stage(GIVEN, date(2026, 9, 5)),
                                                   stage(LETTER, date(2026, 10, 20))]},
                 (DeadlineKind.BIOMETRICS_DUE, date(2026, 11, 19)),
                 id="submitted: a new letter after biometrics given"),
    pytest.param(CaseStatus.SUBMITTED, {}, None, id="submitted: no letter"),
    pytest.param(CaseStatus.PREPARING, {"profile": profile(date(2026, 3, 2))}, None,
                 id="preparing"),
    pytest.param(CaseStatus.APPROVED, {"stages": [stage(LETTER, date(2026, 10, 20))]}, None,
                 id="decided"),
])
def test_the_rule(status, records, expected):
    values = {"profile": None, "invitation": None, "stages": [], **records}
    assert next_deadline_from(status=status, **values) == expected


@pytest.mark.parametrize(("kind", "label"), [
    (DeadlineKind.POOL_EXPIRY, "Profile expires from the pool"),
    (DeadlineKind.APPLICATION_DUE, "Submit the application by"),
    (DeadlineKind.BIOMETRICS_DUE, "Give biometrics by"),
])
def test_each_kind_has_the_label_the_person_reads(kind, label):
    assert kind.label == label


@pytest.mark.parametrize(("days_left", "urgent"), [
    (15, False), (14, True), (0, True), (-3, True),
])
def test_a_deadline_is_urgent_from_14_days_before(days_left, urgent):
    deadline = Deadline(kind=DeadlineKind.APPLICATION_DUE, on=date(2026, 11, 30),
                        days_left=days_left)
    assert deadline.urgent is urgent


@pytest.mark.parametrize(("days_left", "near"), [
    pytest.param(31, False, id="31 days before: not yet"),
    pytest.param(30, True, id="30 days before: from then"),
    pytest.param(1, True, id="the day before"),
    pytest.param(0, True, id="on the day itself"),
    pytest.param(-1, False, id="the day after: passed, nothing to warn about"),
])
def test_the_pool_expiry_is_near_from_30_days_before_to_the_day_itself(days_left, near):
    expires_on = date(2026, 12, 15)
    today = expires_on - timedelta(days=days_left)
    assert pool_expiry_near(expires_on=expires_on, today=today) is near


# ----- stored by every change that can move it ------------------------------------------------

PROFILE_DAYS_AGO, ITA_DAYS_AGO, LETTER_DAYS_AGO = 60, 20, 4


def submit_profile(case, **overrides):
    values = {"submitted_on": days_ago(PROFILE_DAYS_AGO), "profile_number": "E001234567",
              "job_seeker_code": "JS1234567890", **overrides}
    services.case_submit_profile(access=as_applicant(case), **values)


def record_invitation(case, **overrides):
    values = {"invited_on": days_ago(ITA_DAYS_AGO), "round_number": "434", "crs_claimed": 500,
              **overrides}
    round_drawn(values["invited_on"], values["round_number"])
    services.case_record_invitation(access=as_applicant(case), **values)


def decline_invitation(case, **overrides):
    values = {"declined_on": days_ago(2), **overrides}
    services.case_decline_invitation(access=as_applicant(case), **values)


def plan_submission(case):
    services.case_plan_submission(access=as_applicant(case), planned_on=days_ago(-10))


def submit_application(case, **overrides):
    values = {"submitted_on": days_ago(5), "application_number": "E000123456",
              "confirm_incomplete": True, **overrides}
    services.case_submit_application(access=as_applicant(case), **values)


def record_stage(kind, days=1):
    def record(case, **overrides):
        values = {"kind": kind, "on": days_ago(days), **overrides}
        if kind in services.STAGES_BEFORE:
            # The stages before a decision are not what this tests: the consultant overrides.
            values["override_reason"] = "Recorded without the earlier stages"
            services.case_record_stage(access=as_consultant(case), **values)
            return
        services.case_record_stage(access=as_applicant(case), **values)

    record.__name__ = f"record_{kind}"
    return record


def expire_profile(case):
    services.case_expire_profile(access=as_applicant(case))


def withdraw_application(case):
    services.case_withdraw_application(access=as_applicant(case))


# Each starting point is reached through the services, as in use.
STARTS = {
    "preparing": [],
    "in_pool": [submit_profile],
    "invited": [submit_profile, record_invitation],
    "submitted": [submit_profile, record_invitation, submit_application],
    "biometrics_asked": [submit_profile, record_invitation, submit_application,
                         record_stage(LETTER, LETTER_DAYS_AGO)],
}


def pool_expiry():
    return DeadlineKind.POOL_EXPIRY, add_years(days_ago(PROFILE_DAYS_AGO), 1)


def application_due():
    return DeadlineKind.APPLICATION_DUE, days_ago(ITA_DAYS_AGO) + timedelta(days=60)


def biometrics_due():
    return DeadlineKind.BIOMETRICS_DUE, days_ago(LETTER_DAYS_AGO) + timedelta(days=30)


def nothing_due():
    return "", None


@pytest.fixture
def start(case):
    def reach(name):
        for step in STARTS[name]:
            step(case)
        return case

    return reach


def stored(case) -> tuple[str, date | None]:
    case = Case.objects.get(pk=case.pk)
    return case.next_deadline_kind, case.next_deadline_on


@pytest.mark.parametrize(("start_at", "change", "before", "after"), [
    pytest.param("preparing", submit_profile, nothing_due, pool_expiry, id="profile submitted"),
    pytest.param("in_pool", expire_profile, pool_expiry, nothing_due, id="profile expired"),
    pytest.param("in_pool", record_invitation, pool_expiry, application_due,
                 id="invitation recorded"),
    pytest.param("invited", decline_invitation, application_due, pool_expiry,
                 id="invitation declined"),
    pytest.param("invited", submit_application, application_due, nothing_due,
                 id="application submitted"),
    pytest.param("submitted", record_stage(LETTER, LETTER_DAYS_AGO), nothing_due,
                 biometrics_due, id="biometrics letter recorded"),
    pytest.param("biometrics_asked", record_stage(GIVEN), biometrics_due, nothing_due,
                 id="biometrics given"),
    pytest.param("biometrics_asked", record_stage(StageKind.APPROVED), biometrics_due,
                 nothing_due, id="approved"),
    pytest.param("biometrics_asked", record_stage(StageKind.REFUSED), biometrics_due,
                 nothing_due, id="refused"),
    pytest.param("biometrics_asked", withdraw_application, biometrics_due, nothing_due,
                 id="application withdrawn"),
])
def test_a_change_stores_the_next_deadline_it_moves(start, start_at, change, before, after):
    case = start(start_at)
    assert stored(case) == before()
    change(case)
    assert stored(case) == after()


@pytest.mark.parametrize(("start_at", "change", "expected"), [
    pytest.param("invited", plan_submission, application_due, id="submission planned"),
    pytest.param("biometrics_asked", record_stage(StageKind.MEDICAL), biometrics_due,
                 id="another stage recorded"),
])
def test_a_change_that_does_not_move_the_deadline_keeps_it(start, start_at, change, expected):
    case = start(start_at)
    change(case)
    assert stored(case) == expected()


def test_the_status_machine_stores_the_next_deadline_too(start, consultant):
    case = start("in_pool")
    case_transition(case=case, to=CaseStatus.PREPARING, by=consultant)
    assert stored(case) == nothing_due()


def test_the_callers_case_shows_the_stored_deadline(start):
    case = start("in_pool")
    record_invitation(case)
    assert (case.next_deadline_kind, case.next_deadline_on) == application_due()


@pytest.mark.parametrize(("start_at", "refused"), [
    pytest.param("in_pool", lambda case: submit_profile(case, profile_number="E009999999"),
                 id="a second profile"),
    pytest.param("in_pool", lambda case: record_invitation(case, invited_on=days_ago(61)),
                 id="an invitation before the profile"),
    pytest.param("invited", lambda case: decline_invitation(case, declined_on=days_ago(21)),
                 id="a decline before the invitation"),
    pytest.param("invited", lambda case: submit_application(case, submitted_on=days_ago(21)),
                 id="an application before the invitation"),
    pytest.param("invited", record_stage(StageKind.AOR), id="a stage before submission"),
    pytest.param("biometrics_asked", lambda case: record_stage(GIVEN)(case, on=days_ago(-1)),
                 id="a stage in the future"),
    pytest.param("biometrics_asked", record_stage(StageKind.COPR), id="COPR before approval"),
    pytest.param("biometrics_asked", lambda case: case_transition(
        case=case, to=CaseStatus.IN_POOL, by=case.applicant.user), id="a forbidden move"),
])
def test_a_refused_action_leaves_the_stored_deadline_as_it_was(start, start_at, refused):
    case = start(start_at)
    before = stored(case)
    with pytest.raises(CaseError):
        refused(case)
    assert stored(case) == before


def test_the_deadline_is_stored_in_the_changes_own_transaction(start, monkeypatch):
    case = start("in_pool")

    def failing(*, case):
        raise RuntimeError("storing the deadline failed")

    monkeypatch.setattr("cases.status.case_store_next_deadline", failing)
    with pytest.raises(RuntimeError):
        record_invitation(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_POOL
    assert not Invitation.objects.exists()
    assert stored(case) == pool_expiry()
