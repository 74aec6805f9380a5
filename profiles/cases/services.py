"""Writes to a case. Views and commands call these; nothing else changes a case.

Each function is one transaction: the status change, its timeline entry and the step's record
are written together or not at all. A refused action raises ``CaseError`` with a message for the
person, and the database is left as it was.
"""

from dataclasses import dataclass
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from profiles.cases import checklist, uploads
from profiles.cases.models import (
    DECIDED,
    TRANSITIONS,
    Application,
    Case,
    CaseStatus,
    CaseTransition,
    DecisionStage,
    DocumentItem,
    DocumentStatus,
    Invitation,
    ProfileSubmission,
    StageKind,
    Upload,
)
from profiles.evaluation import Evaluation, cec_status_of, evaluate_applicant
from profiles.models import Applicant, CecStatus, User

# Messages the person reads; the tests assert them.
ILLEGAL_TRANSITION = _lazy("A case that is “%(from)s” cannot become “%(to)s”. Nothing was changed.")
NOT_ELIGIBLE = _lazy(
    "On %(date)s the rules engine finds the profile not eligible for the Canadian Experience "
    "Class (%(verdict)s), so it cannot be recorded. The consultant can override this with a "
    "written reason."
)
INCOMPLETE = _lazy(
    "The answers are not complete enough for an evaluation on %(date)s; the questionnaire "
    "must be finished first."
)
OVERRIDE_ONLY_CONSULTANT = _lazy("Only the person's consultant can override the verdict.")
FUTURE_DATE = _lazy("This date is in the future; record a step once it has happened.")
BEFORE_PROFILE = _lazy("The invitation cannot come before the profile was submitted (%(date)s).")
AFTER_DEADLINE = _lazy(
    "The deadline to submit was %(deadline)s (60 days after the invitation of %(ita)s). "
    "IRCC no longer accepts an application for this invitation."
)
AFTER_POOL_EXPIRY = _lazy(
    "The profile expired on %(date)s (12 months in the pool); an invitation after that date "
    "cannot belong to it."
)
DECLINE_BEFORE_ITA = _lazy("The invitation cannot be declined before it came (%(date)s).")
ACCEPTED_LOCKED = _lazy(
    "This document was accepted by your consultant; ask them before replacing it."
)
BEFORE_ITA = _lazy("The application cannot be submitted before the invitation (%(date)s).")
LANGUAGE_EXPIRED = _lazy(
    "On %(date)s you have no valid language test result: a result is valid for 2 years and "
    "must still be valid on the day the application is submitted."
)
STAGE_NOT_NOW = _lazy("“%(stage)s” cannot be recorded while the case is “%(status)s”.")
REVIEW_ONLY_CONSULTANT = _lazy(
    "Only the person's consultant can accept a document or ask for changes."
)
REVIEW_NEEDS_COMMENT = _lazy("Say what needs to change.")
ACCEPTED_CANNOT_DELETE = _lazy("An accepted document cannot be deleted; ask your consultant.")


class CaseError(Exception):
    """An action the case's rules refuse; ``message`` is shown to the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _is_consultant(*, case: Case, user: User) -> bool:
    return case.applicant.consultant_id is not None and case.applicant.consultant_id == user.pk


def _not_in_future(day: date) -> None:
    if day > timezone.localdate():
        raise CaseError(FUTURE_DATE)


def _locked(case: Case) -> Case:
    # Lock the row so two requests cannot both move the case from the same status.
    locked = Case.objects.select_for_update().select_related("applicant").get(pk=case.pk)
    case.status = locked.status
    return locked


def _check_move(*, case: Case, to: str) -> None:
    if (case.status, to) not in TRANSITIONS:
        raise CaseError(
            ILLEGAL_TRANSITION
            % {"from": CaseStatus(case.status).label, "to": CaseStatus(to).label}
        )


def _move(
    *, case: Case, to: str, by: User | None, note: str = "", on: date | None = None
) -> CaseTransition:
    _check_move(case=case, to=to)
    entry = CaseTransition.objects.create(
        case=case, from_status=case.status, to_status=to, by=by, note=note,
        on=on or timezone.localdate(),
    )
    case.status = to
    case.save(update_fields=["status", "updated_at"])
    return entry


def case_open(*, applicant: Applicant) -> Case:
    """The applicant's case, created (preparing) the first time it is asked for."""
    case, _created = Case.objects.get_or_create(applicant=applicant)
    return case


@transaction.atomic
def case_transition(*, case: Case, to: str, by: User | None, note: str = "") -> Case:
    """Move the case to ``to`` if that move is allowed; CaseError otherwise."""
    locked = _locked(case)
    _move(case=locked, to=to, by=by, note=note)
    case.status = locked.status
    return locked


@dataclass(frozen=True)
class Snapshot:
    verdict: str
    crs: int | None
    ruleset: str
    evaluation: dict | None


def _snapshot(evaluation: Evaluation) -> Snapshot:
    result = evaluation.result
    return Snapshot(
        verdict=cec_status_of(result),
        crs=result["crs"]["total"] if result else None,
        ruleset=result["ruleset"] if result else "",
        evaluation=result,
    )


@transaction.atomic
def case_submit_profile(
    *,
    case: Case,
    by: User,
    submitted_on: date,
    profile_number: str,
    job_seeker_code: str,
    override_reason: str = "",
) -> ProfileSubmission:
    """Step 1: the profile entered the pool on ``submitted_on``.

    The engine must find the person eligible for CEC on that date; the person's consultant may
    override a negative verdict with a written reason (kept with the record).
    """
    locked = _locked(case)
    _not_in_future(submitted_on)
    override_reason = override_reason.strip()
    if override_reason and not _is_consultant(case=locked, user=by):
        raise CaseError(OVERRIDE_ONLY_CONSULTANT)
    _check_move(case=locked, to=CaseStatus.IN_POOL)
    snapshot = _snapshot(evaluate_applicant(applicant=locked.applicant, on=submitted_on))
    if snapshot.evaluation is None and not override_reason:
        raise CaseError(INCOMPLETE % {"date": submitted_on.isoformat()})
    if snapshot.verdict != CecStatus.ELIGIBLE and not override_reason:
        raise CaseError(
            NOT_ELIGIBLE
            % {"date": submitted_on.isoformat(), "verdict": CecStatus(snapshot.verdict).label}
        )
    profile = ProfileSubmission.objects.create(
        case=locked,
        submitted_on=submitted_on,
        profile_number=profile_number.strip(),
        job_seeker_code=job_seeker_code.strip(),
        verdict=snapshot.verdict,
        crs=snapshot.crs,
        ruleset=snapshot.ruleset,
        evaluation=snapshot.evaluation,
        override_reason=override_reason,
        recorded_by=by,
    )
    _move(case=locked, to=CaseStatus.IN_POOL, by=by, note=override_reason, on=submitted_on)
    case.status = locked.status
    return profile


@transaction.atomic
def case_expire_profile(*, case: Case, by: User | None, note: str = "") -> Case:
    """The profile left the pool (12 months passed, or it was withdrawn): start again."""
    return case_transition(case=case, to=CaseStatus.PREPARING, by=by, note=note)


def _latest_profile(case: Case) -> ProfileSubmission:
    return case.profiles.order_by("-submitted_on", "-id").first()


def _latest_invitation(case: Case) -> Invitation:
    return case.invitations.order_by("-invited_on", "-id").first()


@transaction.atomic
def case_record_invitation(
    *, case: Case, by: User, invited_on: date, round_number: str, crs_claimed: int
) -> Invitation:
    """Step 2: an invitation to apply; the person is evaluated on the ITA date."""
    locked = _locked(case)
    _not_in_future(invited_on)
    _check_move(case=locked, to=CaseStatus.INVITED)
    profile = _latest_profile(locked)
    if invited_on < profile.submitted_on:
        raise CaseError(BEFORE_PROFILE % {"date": profile.submitted_on.isoformat()})
    if invited_on > profile.expires_on:
        raise CaseError(AFTER_POOL_EXPIRY % {"date": profile.expires_on.isoformat()})
    snapshot = _snapshot(evaluate_applicant(applicant=locked.applicant, on=invited_on))
    invitation = Invitation.objects.create(
        case=locked,
        profile=profile,
        invited_on=invited_on,
        round_number=round_number.strip(),
        crs_claimed=crs_claimed,
        verdict=snapshot.verdict,
        crs=snapshot.crs,
        ruleset=snapshot.ruleset,
        evaluation=snapshot.evaluation,
        recorded_by=by,
    )
    _move(case=locked, to=CaseStatus.INVITED, by=by, on=invited_on)
    _sync_checklist(case=locked, evaluation=snapshot.evaluation)
    case.status = locked.status
    return invitation


@transaction.atomic
def case_plan_submission(*, case: Case, by: User, planned_on: date | None) -> Invitation:
    """Remember the day the person plans to submit, to warn about what changes by then."""
    locked = _locked(case)
    if locked.status != CaseStatus.INVITED:
        raise CaseError(
            STAGE_NOT_NOW
            % {"stage": _("Planned submission date"), "status": CaseStatus(locked.status).label}
        )
    invitation = _latest_invitation(locked)
    invitation.planned_submission_on = planned_on
    invitation.save(update_fields=["planned_submission_on"])
    return invitation


@transaction.atomic
def case_decline_invitation(*, case: Case, by: User, declined_on: date) -> Case:
    """The person declined the ITA: the profile goes back to the pool."""
    locked = _locked(case)
    _not_in_future(declined_on)
    invitation = _latest_invitation(locked)
    if invitation is not None and declined_on < invitation.invited_on:
        raise CaseError(DECLINE_BEFORE_ITA % {"date": invitation.invited_on.isoformat()})
    _move(case=locked, to=CaseStatus.IN_POOL, by=by, on=declined_on)
    Invitation.objects.filter(pk=invitation.pk).update(declined_on=declined_on)
    case.status = locked.status
    return locked


def _has_valid_language_test(evaluation: Evaluation) -> bool:
    # The engine says, per test, whether it is valid on the evaluation date.
    return evaluation.result is not None and any(
        test["valid"] for test in evaluation.result["language"]
    )


@transaction.atomic
def case_submit_application(
    *, case: Case, by: User, submitted_on: date, application_number: str
) -> Application:
    """Step 3: the application went in. Refused after the 60-day deadline, and when the
    language test is not valid that day (the engine evaluates the person on that date)."""
    locked = _locked(case)
    _not_in_future(submitted_on)
    _check_move(case=locked, to=CaseStatus.SUBMITTED)
    invitation = _latest_invitation(locked)
    if submitted_on < invitation.invited_on:
        raise CaseError(BEFORE_ITA % {"date": invitation.invited_on.isoformat()})
    if submitted_on > invitation.deadline:
        raise CaseError(
            AFTER_DEADLINE
            % {
                "deadline": invitation.deadline.isoformat(),
                "ita": invitation.invited_on.isoformat(),
            }
        )
    if not _has_valid_language_test(evaluate_applicant(applicant=locked.applicant,
                                                       on=submitted_on)):
        raise CaseError(LANGUAGE_EXPIRED % {"date": submitted_on.isoformat()})
    application = Application.objects.create(
        case=locked,
        invitation=invitation,
        submitted_on=submitted_on,
        application_number=application_number.strip(),
        recorded_by=by,
    )
    _move(case=locked, to=CaseStatus.SUBMITTED, by=by, on=submitted_on)
    case.status = locked.status
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
    *, case: Case, by: User, kind: str, on: date, note: str = ""
) -> DecisionStage:
    """Step 4: a stage after submission. A decision stage also decides the case."""
    locked = _locked(case)
    _not_in_future(on)
    if kind not in stages_allowed(locked.status):
        raise CaseError(
            STAGE_NOT_NOW
            % {"stage": StageKind(kind).label, "status": CaseStatus(locked.status).label}
        )
    stage = DecisionStage.objects.create(
        case=locked, kind=kind, on=on, note=note.strip(), recorded_by=by
    )
    if kind in DECISION_STATUS:
        _move(case=locked, to=DECISION_STATUS[kind], by=by, note=note.strip(), on=on)
    case.status = locked.status
    return stage


@transaction.atomic
def case_withdraw_application(*, case: Case, by: User, note: str = "") -> Case:
    return case_transition(case=case, to=CaseStatus.WITHDRAWN, by=by, note=note)


# ----- documents -------------------------------------------------------------------------


def _sync_checklist(*, case: Case, evaluation: dict | None) -> list[DocumentItem]:
    entries = checklist.checklist_for(applicant=case.applicant, evaluation=evaluation)
    existing = {item.key: item for item in case.documents.all()}
    wanted = set()
    for position, entry in enumerate(entries):
        wanted.add(entry.key)
        item = existing.get(entry.key)
        if item is None:
            DocumentItem.objects.create(
                case=case, key=entry.key, kind=entry.kind, subject=entry.subject,
                position=position,
            )
        elif (item.kind, item.subject, item.position, item.required) != (
            entry.kind, entry.subject, position, True
        ):
            item.kind, item.subject, item.position, item.required = (
                entry.kind, entry.subject, position, True
            )
            item.save(update_fields=["kind", "subject", "position", "required"])
    for key, item in existing.items():
        if key in wanted:
            continue
        # A line the facts no longer call for: drop it, unless files were uploaded to it.
        if item.uploads.exists():
            if item.required:
                item.required = False
                item.save(update_fields=["required"])
        else:
            item.delete()
    return list(case.documents.all())


@transaction.atomic
def case_rebuild_checklist(*, case: Case) -> list[DocumentItem]:
    """Rebuild the checklist from today's answers, evaluated on the ITA date (or today)."""
    locked = _locked(case)
    invitation = _latest_invitation(locked)
    on = invitation.invited_on if invitation else timezone.localdate()
    evaluation = evaluate_applicant(applicant=locked.applicant, on=on)
    return _sync_checklist(case=locked, evaluation=evaluation.result)


@transaction.atomic
def document_upload(*, item: DocumentItem, by: User, file: UploadedFile) -> Upload:
    """Store a checked file against a checklist item; the item becomes "uploaded"."""
    if item.status == DocumentStatus.ACCEPTED:
        # Otherwise a new upload would reopen the item and let the accepted file be deleted.
        raise CaseError(ACCEPTED_LOCKED)
    kind = uploads.check_upload(file)  # raises uploads.UploadRefused
    upload = Upload(
        item=item,
        original_name=uploads.safe_display_name(file.name),
        content_type=kind.mime,
        extension=kind.extension,
        size=file.size,
        uploaded_by=by,
    )
    upload.file.save("upload", file, save=False)
    upload.save()
    item.status = DocumentStatus.UPLOADED
    item.save(update_fields=["status"])
    return upload


@transaction.atomic
def document_delete_upload(*, upload: Upload, by: User) -> DocumentItem:
    item = upload.item
    if item.status == DocumentStatus.ACCEPTED:
        raise CaseError(ACCEPTED_CANNOT_DELETE)
    stored = upload.file.name
    storage = upload.file.storage
    upload.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(stored))
    if not item.uploads.exists():
        item.status = DocumentStatus.MISSING
        item.save(update_fields=["status"])
    return item


@transaction.atomic
def document_review(
    *, item: DocumentItem, by: User, status: str, comment: str = ""
) -> DocumentItem:
    """The consultant accepts a document or asks for changes (with a comment)."""
    if not _is_consultant(case=item.case, user=by):
        raise CaseError(REVIEW_ONLY_CONSULTANT)
    if status not in (DocumentStatus.ACCEPTED, DocumentStatus.NEEDS_CHANGES):
        raise CaseError(REVIEW_ONLY_CONSULTANT)
    comment = comment.strip()
    if status == DocumentStatus.NEEDS_CHANGES and not comment:
        raise CaseError(REVIEW_NEEDS_COMMENT)
    item.status = status
    item.comment = comment
    item.reviewed_by = by
    item.reviewed_at = timezone.now()
    item.save(update_fields=["status", "comment", "reviewed_by", "reviewed_at"])
    return item


__all__ = [
    "CaseError",
    "DECIDED",
    "case_decline_invitation",
    "case_expire_profile",
    "case_open",
    "case_plan_submission",
    "case_rebuild_checklist",
    "case_record_invitation",
    "case_record_stage",
    "case_submit_application",
    "case_submit_profile",
    "case_transition",
    "case_withdraw_application",
    "document_delete_upload",
    "document_review",
    "document_upload",
    "stages_allowed",
]
