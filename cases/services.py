"""Writes to a case. Views and commands call these; nothing else changes a case.

Each function is one transaction: the status change, its timeline entry, the step's record and
the case's next deadline are written together or not at all. A refused action raises
``CaseError`` with a message for the person, and the database is left as it was. Each takes
the ``CaseAccess`` the view found (``cases.access``): the case, who acts on it, and whether they
are its consultant, so no service asks again.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases import invitation_checks
from cases.access import CaseAccess
from cases.documents.selectors import documents_not_ready
from cases.documents.services import case_sync_checklist
from cases.enums import CaseStatus, StageKind
from cases.errors import (
    AFTER_DEADLINE,
    AFTER_POOL_EXPIRY,
    BEFORE_ITA,
    BEFORE_PROFILE,
    CASE_DATE_RANGE,
    DECLINE_BEFORE_ITA,
    DOCUMENTS_NOT_READY,
    FUTURE_DATE,
    INCOMPLETE,
    LANGUAGE_EXPIRED,
    NOT_ELIGIBLE,
    OVERRIDE_NEEDS_CONSULTANT,
    OVERRIDE_ONLY_CONSULTANT,
    PLAN_AFTER_DEADLINE,
    PLAN_BEFORE_ITA,
    STAGE_BEFORE_APPLICATION,
    STAGE_BEFORE_APPROVAL,
    STAGE_NOT_NOW,
    STAGES_MISSING,
    CaseError,
)
from cases.models import (
    FIRST_DAY,
    LAST_DAY,
    Application,
    Case,
    DecisionStage,
    Invitation,
    ProfileSubmission,
)
from cases.records import latest_application, latest_invitation, latest_profile
from cases.status import case_check_move, case_finish_change, case_lock, case_move, case_transition
from profiles.enums import CecStatus
from profiles.evaluation import evaluate_applicant
from profiles.reading import Evaluation


def _check_day(day: date, field: str) -> None:
    """A step's date that has happened, within the range the forms accept (``field``: the
    form field a refusal is shown next to)."""
    if not FIRST_DAY <= day <= LAST_DAY:
        raise CaseError(
            CASE_DATE_RANGE % {"low": FIRST_DAY.isoformat(), "high": LAST_DAY.isoformat()},
            field,
        )
    if day > timezone.localdate():
        raise CaseError(FUTURE_DATE, field)


@dataclass(frozen=True)
class Snapshot:
    """What a step's record keeps of the evaluation on its date."""

    verdict: str
    crs: int | None
    ruleset: str
    stored: dict | None  # the result's JSON as read, or None while the facts are incomplete
    evaluation: Evaluation

    def fields(self) -> dict:
        """The ``EvaluationSnapshot`` columns of the record that keeps it."""
        return {
            "verdict": self.verdict, "crs": self.crs, "ruleset": self.ruleset,
            "evaluation": self.stored,
        }


def _snapshot(evaluation: Evaluation) -> Snapshot:
    result = evaluation.result
    return Snapshot(
        verdict=evaluation.verdict.status,
        crs=result.crs.total if result else None,
        ruleset=result.ruleset if result else "",
        stored=evaluation.stored if result else None,
        evaluation=evaluation,
    )


@transaction.atomic
def case_submit_profile(
    *,
    access: CaseAccess,
    submitted_on: date,
    profile_number: str,
    job_seeker_code: str,
    override_reason: str = "",
) -> ProfileSubmission:
    """Step 1: the profile entered the pool on ``submitted_on``.

    The engine must find the person eligible for CEC on that date; the person's consultant may
    override a negative verdict with a written reason (kept with the record).
    """
    by = access.user
    locked = case_lock(access.case)
    _check_day(submitted_on, "submitted_on")
    override_reason = override_reason.strip()
    if override_reason and not access.is_consultant:
        raise CaseError(OVERRIDE_ONLY_CONSULTANT, "override_reason")
    case_check_move(case=locked, to=CaseStatus.IN_POOL)
    snapshot = _snapshot(evaluate_applicant(applicant=locked.applicant, on=submitted_on))
    if not snapshot.evaluation.complete and not override_reason:
        raise CaseError(INCOMPLETE % {"date": submitted_on.isoformat()})
    if snapshot.verdict != CecStatus.ELIGIBLE and not override_reason:
        raise CaseError(
            NOT_ELIGIBLE
            % {"date": submitted_on.isoformat(), "verdict": CecStatus(snapshot.verdict).label},
            "submitted_on",
        )
    profile = ProfileSubmission.objects.create(
        case=locked,
        submitted_on=submitted_on,
        profile_number=profile_number.strip(),
        job_seeker_code=job_seeker_code.strip(),
        **snapshot.fields(),
        override_reason=override_reason,
        recorded_by=by,
    )
    case_move(case=locked, to=CaseStatus.IN_POOL, by=by, note=override_reason, on=submitted_on)
    case_finish_change(case=access.case, locked=locked)
    return profile


@transaction.atomic
def case_expire_profile(*, access: CaseAccess, note: str = "") -> Case:
    """The profile left the pool (12 months passed, or it was withdrawn): start again."""
    return case_transition(case=access.case, to=CaseStatus.PREPARING, by=access.user, note=note)


@transaction.atomic
def case_record_invitation(
    *, access: CaseAccess, invited_on: date, round_number: str, crs_claimed: int,
    override_reason: str = "",
) -> Invitation:
    """Step 2: an invitation to apply; the person is evaluated on the ITA date. The round must
    be an imported one, drawn that day, that invites this person (``invitation_checks``); a
    round of another kind only with the consultant's written reason."""
    case, by = access.case, access.user
    locked = case_lock(case)
    _check_day(invited_on, "invited_on")
    case_check_move(case=locked, to=CaseStatus.INVITED)
    override_reason = _override(access, override_reason)
    profile = latest_profile(case=locked)
    if invited_on < profile.submitted_on:
        raise CaseError(
            BEFORE_PROFILE % {"date": profile.submitted_on.isoformat()}, "invited_on"
        )
    if invited_on > profile.expires_on:
        raise CaseError(
            AFTER_POOL_EXPIRY % {"date": profile.expires_on.isoformat()}, "invited_on"
        )
    drawn = invitation_checks.round_for_invitation(
        number=round_number.strip(), invited_on=invited_on
    )
    snapshot = _snapshot(evaluate_applicant(applicant=locked.applicant, on=invited_on))
    invitation_checks.check_round_fits(
        drawn=drawn, applicant=locked.applicant,
        eligible_categories=invitation_checks.eligible_categories(snapshot.stored),
        override_reason=override_reason,
    )
    invitation = Invitation.objects.create(
        case=locked,
        profile=profile,
        invited_on=invited_on,
        round_number=round_number.strip(),
        crs_claimed=crs_claimed,
        **snapshot.fields(),
        override_reason=override_reason,
        recorded_by=by,
    )
    case_move(case=locked, to=CaseStatus.INVITED, by=by, on=invited_on, note=override_reason)
    case_sync_checklist(case=locked, result=snapshot.evaluation.result)
    case_finish_change(case=case, locked=locked)
    return invitation


@transaction.atomic
def case_plan_submission(*, access: CaseAccess, planned_on: date | None) -> Invitation:
    """Remember the day the person plans to submit, to warn about what changes by then."""
    case = access.case
    locked = case_lock(case)
    if locked.status != CaseStatus.INVITED:
        raise CaseError(
            STAGE_NOT_NOW
            % {"stage": _("Planned submission date"), "status": CaseStatus(locked.status).label}
        )
    invitation = latest_invitation(case=locked)
    if planned_on is not None and planned_on < invitation.invited_on:
        raise CaseError(
            PLAN_BEFORE_ITA % {"date": invitation.invited_on.isoformat()},
            "planned_submission_on",
        )
    if planned_on is not None and planned_on > invitation.deadline:
        raise CaseError(
            PLAN_AFTER_DEADLINE % {"deadline": invitation.deadline.isoformat()},
            "planned_submission_on",
        )
    invitation.planned_submission_on = planned_on
    invitation.save(update_fields=["planned_submission_on"])
    case_finish_change(case=case, locked=locked)
    return invitation


@transaction.atomic
def case_decline_invitation(*, access: CaseAccess, declined_on: date) -> Case:
    """The person declined the ITA: the profile goes back to the pool."""
    case, by = access.case, access.user
    locked = case_lock(case)
    _check_day(declined_on, "declined_on")
    invitation = latest_invitation(case=locked)
    if invitation is not None and declined_on < invitation.invited_on:
        raise CaseError(
            DECLINE_BEFORE_ITA % {"date": invitation.invited_on.isoformat()}, "declined_on"
        )
    case_move(case=locked, to=CaseStatus.IN_POOL, by=by, on=declined_on)
    Invitation.objects.filter(pk=invitation.pk).update(declined_on=declined_on)
    case_finish_change(case=case, locked=locked)
    return locked


def _has_valid_language_test(evaluation: Evaluation) -> bool:
    # The engine says, per test, whether it is valid on the evaluation date.
    return evaluation.result is not None and bool(evaluation.result.valid_tests)


@transaction.atomic
def case_submit_application(
    *, access: CaseAccess, submitted_on: date, application_number: str,
    confirm_incomplete: bool = False,
) -> Application:
    """Step 3: the application went in. Refused after the 60-day deadline, and when the
    language test is not valid that day (the engine evaluates the person on that date). With
    required documents missing or not accepted it asks for confirmation, listing them."""
    case, by = access.case, access.user
    locked = case_lock(case)
    _check_day(submitted_on, "submitted_on")
    case_check_move(case=locked, to=CaseStatus.SUBMITTED)
    invitation = latest_invitation(case=locked)
    if submitted_on < invitation.invited_on:
        raise CaseError(BEFORE_ITA % {"date": invitation.invited_on.isoformat()}, "submitted_on")
    if submitted_on > invitation.deadline:
        raise CaseError(
            AFTER_DEADLINE
            % {
                "deadline": invitation.deadline.isoformat(),
                "ita": invitation.invited_on.isoformat(),
            },
            "submitted_on",
        )
    if not _has_valid_language_test(evaluate_applicant(applicant=locked.applicant,
                                                       on=submitted_on)):
        raise CaseError(LANGUAGE_EXPIRED % {"date": submitted_on.isoformat()}, "submitted_on")
    pending = documents_not_ready(case=locked)
    if pending and not confirm_incomplete:
        raise CaseError(
            DOCUMENTS_NOT_READY % {"documents": "; ".join(item.title for item in pending)},
            "confirm_incomplete",
        )
    application = Application.objects.create(
        case=locked,
        invitation=invitation,
        submitted_on=submitted_on,
        application_number=application_number.strip(),
        recorded_by=by,
    )
    case_move(case=locked, to=CaseStatus.SUBMITTED, by=by, on=submitted_on)
    case_finish_change(case=case, locked=locked)
    return application


# Stages recorded while the application is being processed, and those after approval.
PROCESSING_STAGES = (
    StageKind.AOR, StageKind.BIOMETRICS_LETTER, StageKind.BIOMETRICS_GIVEN, StageKind.MEDICAL,
    StageKind.ELIGIBILITY_REVIEW, StageKind.BACKGROUND_CHECK, StageKind.ADDITIONAL_DOCUMENTS,
    StageKind.APPROVED, StageKind.REFUSED,
)
AFTER_APPROVAL_STAGES = (StageKind.COPR, StageKind.LANDING)
DECISION_STATUS = {StageKind.APPROVED: CaseStatus.APPROVED, StageKind.REFUSED: CaseStatus.REFUSED}


def stages_allowed(status: str) -> tuple[str, ...]:
    if status == CaseStatus.SUBMITTED:
        return PROCESSING_STAGES
    if status == CaseStatus.APPROVED:
        return AFTER_APPROVAL_STAGES
    return ()


@transaction.atomic
def case_record_stage(
    *, access: CaseAccess, kind: str, on: date, note: str = "", override_reason: str = ""
) -> DecisionStage:
    """Step 4: a stage after submission. A decision stage also decides the case, and comes
    after the stages that precede it (``STAGES_BEFORE``) unless the consultant gives a
    written reason."""
    case, by = access.case, access.user
    locked = case_lock(case)
    _check_day(on, "on")
    override_reason = _override(access, override_reason)
    if kind not in stages_allowed(locked.status):
        raise CaseError(
            STAGE_NOT_NOW
            % {"stage": StageKind(kind).label, "status": CaseStatus(locked.status).label},
            "kind",
        )
    _check_stage_order(case=locked, kind=kind, on=on)
    if not override_reason:
        _check_stages_before(case=locked, kind=kind, on=on)
    stage = DecisionStage.objects.create(
        case=locked, kind=kind, on=on, note=note.strip(), override_reason=override_reason,
        recorded_by=by,
    )
    if kind in DECISION_STATUS:
        case_move(case=locked, to=DECISION_STATUS[kind], by=by, note=note.strip(), on=on)
    case_finish_change(case=case, locked=locked)
    return stage


def _check_stage_order(*, case: Case, kind: str, on: date) -> None:
    """A stage comes on or after the application's submission; a stage after approval (COPR,
    landing) on or after the approval."""
    application = latest_application(case=case)
    if application is not None and on < application.submitted_on:
        raise CaseError(
            STAGE_BEFORE_APPLICATION % {"date": application.submitted_on.isoformat()}, "on"
        )
    if kind in AFTER_APPROVAL_STAGES:
        approval = (
            DecisionStage.objects.filter(case=case, kind=StageKind.APPROVED)
            .order_by("-on").first()
        )
        if approval is not None and on < approval.on:
            raise CaseError(STAGE_BEFORE_APPROVAL % {"date": approval.on.isoformat()}, "on")


# The stages that must be on the timeline, on or before its date, before a stage is recorded
# (process.md, "Step 4"): a decision follows the acknowledgment of receipt, and an approval
# the biometrics and the medical exam; landing follows the COPR.
STAGES_BEFORE = {
    StageKind.APPROVED: (StageKind.AOR, StageKind.BIOMETRICS_GIVEN, StageKind.MEDICAL),
    StageKind.REFUSED: (StageKind.AOR,),
    StageKind.LANDING: (StageKind.COPR,),
}


def _check_stages_before(*, case: Case, kind: str, on: date) -> None:
    recorded = set(
        DecisionStage.objects.filter(case=case, on__lte=on).values_list("kind", flat=True)
    )
    missing = [StageKind(needed).label for needed in STAGES_BEFORE.get(kind, ())
               if needed not in recorded]
    if missing:
        raise CaseError(
            STAGES_MISSING % {"stage": StageKind(kind).label,
                              "missing": ", ".join(str(label) for label in missing)},
            "kind",
        )


def _override(access: CaseAccess, reason: str) -> str:
    """A written reason to record what the checks refuse: the case's consultant's only."""
    reason = reason.strip()
    if reason and not access.is_consultant:
        raise CaseError(OVERRIDE_NEEDS_CONSULTANT, "override_reason")
    return reason


@transaction.atomic
def case_withdraw_application(*, access: CaseAccess, note: str = "") -> Case:
    """The applicant withdrew the submitted application; the case is closed."""
    return case_transition(case=access.case, to=CaseStatus.WITHDRAWN, by=access.user, note=note)
