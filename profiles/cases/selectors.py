"""Reads of cases. Ownership is checked here: a case is seen by its applicant and by the
applicant's consultant, and by nobody else (404, so a stranger cannot even tell it exists).
"""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from profiles.cases.models import (
    BIOMETRICS_DAYS,
    DECIDED,
    Application,
    Case,
    CaseStatus,
    DecisionStage,
    DocumentItem,
    DocumentStatus,
    Invitation,
    ProfileSubmission,
    Round,
    RoundCategory,
    StageKind,
    Upload,
)
from profiles.evaluation import evaluate_applicant
from profiles.models import Applicant, User

# How long before the pool expiry the person is warned (process.md: "Warn before expiry").
POOL_WARNING_DAYS = 30


# ----- access ------------------------------------------------------------------------------


def _visible_to(user: User) -> Q:
    return Q(applicant__user=user) | Q(applicant__consultant=user)


def case_for_user(*, user: User, pk: int) -> Case:
    """The case if ``user`` is its applicant or their consultant; 404 otherwise."""
    queryset = Case.objects.select_related("applicant__user", "applicant__consultant")
    return get_object_or_404(queryset.filter(_visible_to(user)), pk=pk)


def document_item_for_user(*, user: User, case_pk: int, pk: int) -> DocumentItem:
    queryset = DocumentItem.objects.select_related(
        "case__applicant__user", "case__applicant__consultant"
    ).filter(case_id=case_pk)
    return get_object_or_404(
        queryset.filter(
            Q(case__applicant__user=user) | Q(case__applicant__consultant=user)
        ),
        pk=pk,
    )


def upload_for_user(*, user: User, case_pk: int, pk: int) -> Upload:
    queryset = Upload.objects.select_related(
        "item__case__applicant__user", "item__case__applicant__consultant"
    ).filter(item__case_id=case_pk)
    return get_object_or_404(
        queryset.filter(
            Q(item__case__applicant__user=user) | Q(item__case__applicant__consultant=user)
        ),
        pk=pk,
    )


def client_for_consultant(*, user: User, applicant_pk: int) -> Applicant:
    """One of the consultant's own clients; 404 for anyone else's."""
    return get_object_or_404(Applicant, pk=applicant_pk, consultant=user)


def is_consultant_of(*, case: Case, user: User) -> bool:
    return case.applicant.consultant_id is not None and case.applicant.consultant_id == user.pk


# ----- the steps' records ------------------------------------------------------------------


def latest_profile(*, case: Case) -> ProfileSubmission | None:
    return case.profiles.order_by("-submitted_on", "-id").first()


def latest_invitation(*, case: Case) -> Invitation | None:
    return case.invitations.order_by("-invited_on", "-id").first()


def latest_application(*, case: Case) -> Application | None:
    return case.applications.order_by("-submitted_on", "-id").first()


@dataclass(frozen=True)
class Deadline:
    on: date
    label: str
    days_left: int  # negative once passed

    @property
    def passed(self) -> bool:
        return self.days_left < 0


def _deadline(on: date, label: str, today: date) -> Deadline:
    return Deadline(on=on, label=label, days_left=(on - today).days)


def biometrics_deadline(*, stages: list[DecisionStage]) -> date | None:
    """30 days after the latest instruction letter, unless biometrics were given since."""
    letter = None
    for stage in stages:  # in date order
        if stage.kind == StageKind.BIOMETRICS_LETTER:
            letter = stage
        elif stage.kind == StageKind.BIOMETRICS_GIVEN and letter and stage.on >= letter.on:
            letter = None
    return letter.on + timedelta(days=BIOMETRICS_DAYS) if letter else None


def _deadlines(
    *,
    case: Case,
    profile: ProfileSubmission | None,
    invitation: Invitation | None,
    stages: list[DecisionStage],
    today: date,
) -> list[Deadline]:
    found: list[Deadline] = []
    if case.status == CaseStatus.IN_POOL and profile:
        found.append(_deadline(profile.expires_on, _("Profile expires from the pool"), today))
    elif case.status == CaseStatus.INVITED and invitation:
        found.append(_deadline(invitation.deadline, _("Submit the application by"), today))
    elif case.status == CaseStatus.SUBMITTED:
        due = biometrics_deadline(stages=stages)
        if due:
            found.append(_deadline(due, _("Give biometrics by"), today))
    return sorted(found, key=lambda deadline: deadline.on)


def deadlines_for(*, case: Case, today: date | None = None) -> list[Deadline]:
    """The case's deadlines that still matter at its current status, soonest first."""
    return _deadlines(
        case=case,
        profile=latest_profile(case=case) if case.status == CaseStatus.IN_POOL else None,
        invitation=latest_invitation(case=case) if case.status == CaseStatus.INVITED else None,
        stages=(
            list(case.stages.order_by("on", "id"))
            if case.status == CaseStatus.SUBMITTED
            else []
        ),
        today=today or timezone.localdate(),
    )


def next_deadline_for(*, applicant: Applicant) -> Deadline | None:
    """The applicant's next deadline (date, label, days left), or None: for lists."""
    case = Case.objects.filter(applicant=applicant).first()
    if case is None or case.status in DECIDED:
        return None
    found = deadlines_for(case=case)
    return found[0] if found else None


# ----- the dashboard summary ----------------------------------------------------------------

STEP_LABELS = (
    _lazy("Express Entry profile"),
    _lazy("Invitation to apply"),
    _lazy("Application"),
    _lazy("Decision"),
)
# Status → the index of the step in progress (4: every step done).
CURRENT_STEP = {
    CaseStatus.PREPARING: 0,
    CaseStatus.IN_POOL: 1,
    CaseStatus.INVITED: 2,
    CaseStatus.SUBMITTED: 3,
    CaseStatus.APPROVED: 4,
    CaseStatus.REFUSED: 4,
    CaseStatus.WITHDRAWN: 4,
}


@dataclass(frozen=True)
class Step:
    number: int
    label: str
    state: str  # done | current | upcoming


@dataclass(frozen=True)
class CaseSummary:
    status: str
    status_label: str
    steps: tuple[Step, ...]
    next_deadline: Deadline | None
    url: str


def steps_for(status: str) -> tuple[Step, ...]:
    current = CURRENT_STEP[status]
    return tuple(
        Step(
            number=index + 1,
            label=str(label),
            state="done" if index < current else "current" if index == current else "upcoming",
        )
        for index, label in enumerate(STEP_LABELS)
    )


def case_summary_for(*, applicant: Applicant) -> CaseSummary:
    """Where the person stands among the four steps and their next deadline (dashboard)."""
    case = Case.objects.filter(applicant=applicant).first()
    status = case.status if case else CaseStatus.PREPARING
    found = deadlines_for(case=case) if case and case.status not in DECIDED else []
    return CaseSummary(
        status=status,
        status_label=str(CaseStatus(status).label),
        steps=steps_for(status),
        next_deadline=found[0] if found else None,
        url=reverse("cases:detail", args=[case.pk]) if case else reverse("cases:home"),
    )


# ----- timeline -----------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    on: date
    label: str
    note: str
    by: str
    at: datetime | None = None  # when it was recorded, for status changes


def timeline_for(*, case: Case) -> list[TimelineEntry]:
    """Status changes and decision stages, in the order they happened."""
    entries = [
        TimelineEntry(
            on=move.on or timezone.localdate(move.at),
            label=f"{move.label} ({CaseStatus(move.from_status).label} → "
            f"{CaseStatus(move.to_status).label})",
            note=move.note,
            by=str(move.by) if move.by else "",
            at=move.at,
        )
        for move in case.transitions.select_related("by")
    ]
    entries += [
        TimelineEntry(
            on=stage.on,
            label=str(StageKind(stage.kind).label),
            note=stage.note,
            by=str(stage.recorded_by) if stage.recorded_by else "",
        )
        for stage in case.stages.select_related("recorded_by")
        # A decision is already on the timeline as the status change it caused.
        if stage.kind not in (StageKind.APPROVED, StageKind.REFUSED)
    ]
    # Stable sort: on the same day, status changes (recorded first) come before stages.
    return sorted(entries, key=lambda entry: entry.on)


# ----- step 2: what would change by the submission date ------------------------------------


# The engine's CRS factor codes, as the person reads them.
FACTOR_LABELS = {
    "age": _lazy("age"),
    "education": _lazy("education"),
    "first_language": _lazy("first official language"),
    "second_language": _lazy("second official language"),
    "canadian_work": _lazy("Canadian work experience"),
    "spouse_education": _lazy("spouse's education"),
    "spouse_language": _lazy("spouse's language"),
    "spouse_canadian_work": _lazy("spouse's Canadian work"),
    "education_language": _lazy("education and language"),
    "education_canadian_work": _lazy("education and Canadian work"),
    "foreign_work_language": _lazy("foreign work and language"),
    "foreign_work_canadian_work": _lazy("foreign and Canadian work"),
    "certificate_language": _lazy("trade certificate and language"),
    "provincial_nomination": _lazy("provincial nomination"),
    "job_offer": _lazy("job offer"),
    "french": _lazy("French-language skills"),
    "canadian_education": _lazy("Canadian education"),
    "sibling": _lazy("sibling in Canada"),
}


def _factor(code: str) -> str:
    return str(FACTOR_LABELS.get(code, code.replace("_", " ")))


def _lines(result: dict) -> dict[str, int]:
    return {line["factor"]: line["points"] for line in result["crs"]["lines"]}


def invitation_warnings(
    *, case: Case, invitation: Invitation, today: date | None = None
) -> tuple[date, list[str]]:
    """Re-evaluate on the ITA date and on the planned submission date (the deadline when no
    date is planned) and say what would change: eligibility, the score and why (a test that
    expires, a birthday, a job that ends), and the round's cut-off."""
    planned = invitation.planned_submission_on or invitation.deadline
    warnings: list[str] = []
    if planned > invitation.deadline:
        warnings.append(
            _("%(date)s is after the deadline of %(deadline)s.")
            % {"date": planned.isoformat(), "deadline": invitation.deadline.isoformat()}
        )
    applicant = case.applicant
    at_ita = evaluate_applicant(applicant=applicant, on=invitation.invited_on).result
    at_plan = evaluate_applicant(applicant=applicant, on=planned).result
    if at_ita is None or at_plan is None:
        warnings.append(_("The answers are incomplete, so the score cannot be checked."))
        return planned, warnings
    ita_day, plan_day = invitation.invited_on.isoformat(), planned.isoformat()
    if at_ita["crs"]["total"] != invitation.crs_claimed:
        warnings.append(
            _(
                "On the ITA date (%(date)s) the answers give a CRS of %(crs)s, not the "
                "%(claimed)s in the invitation: check the answers before applying."
            )
            % {"date": ita_day, "crs": at_ita["crs"]["total"], "claimed": invitation.crs_claimed}
        )
    if not at_ita["cec"]["eligible"]:
        warnings.append(
            _("On the ITA date (%(date)s) the rules engine finds the profile not eligible "
              "for CEC.")
            % {"date": ita_day}
        )
    if at_ita["cec"]["eligible"] and not at_plan["cec"]["eligible"]:
        unmet = "; ".join(
            requirement["reason"]
            for requirement in at_plan["cec"]["requirements"]
            if not requirement["met"]
        )
        warnings.append(
            _("On %(date)s the profile would no longer be eligible for CEC: %(why)s")
            % {"date": plan_day, "why": unmet}
        )
    for test in at_ita["language"]:
        if test["valid"] and date.fromisoformat(test["valid_until"]) < planned:
            warnings.append(
                _(
                    "The %(test)s of %(taken)s expires on %(until)s, before %(date)s: the "
                    "result must be valid on the day the application is submitted."
                )
                % {
                    "test": test.get("label", test["test"]),
                    "taken": test["taken_on"],
                    "until": test["valid_until"],
                    "date": plan_day,
                }
            )
    before, after = at_ita["crs"]["total"], at_plan["crs"]["total"]
    if before != after:
        old, new = _lines(at_ita), _lines(at_plan)
        changes = ", ".join(
            f"{_factor(factor)} {old.get(factor, 0)} → {new.get(factor, 0)}"
            for factor in sorted(set(old) | set(new))
            if old.get(factor, 0) != new.get(factor, 0)
        )
        warnings.append(
            _("On %(date)s the CRS would be %(after)s instead of %(before)s (%(changes)s).")
            % {"date": plan_day, "after": after, "before": before, "changes": changes}
        )
    drawn = Round.objects.filter(number=invitation.round_number).first()
    if drawn and after < drawn.crs_cutoff:
        warnings.append(
            _(
                "That is below the lowest score invited in round %(round)s (%(cutoff)s): IRCC "
                "can refuse the application."
            )
            % {"round": drawn.number, "cutoff": drawn.crs_cutoff}
        )
    return planned, warnings


# ----- draw history -------------------------------------------------------------------------

# IRCC's pool distribution: the leaf ranges (dd3 and dd9 are subtotals, dd18 the total).
BANDS: tuple[tuple[str, int, int], ...] = (
    ("dd1", 601, 1200), ("dd2", 501, 600),
    ("dd4", 491, 500), ("dd5", 481, 490), ("dd6", 471, 480), ("dd7", 461, 470),
    ("dd8", 451, 460),
    ("dd10", 441, 450), ("dd11", 431, 440), ("dd12", 421, 430), ("dd13", 411, 420),
    ("dd14", 401, 410),
    ("dd15", 351, 400), ("dd16", 301, 350), ("dd17", 0, 300),
)


@dataclass(frozen=True)
class PoolPlace:
    round: Round
    low: int
    high: int
    in_band: int
    above: int
    total: int


@dataclass(frozen=True)
class Standing:
    crs: int | None
    last_cec: Round | None
    last_all_programs: Round | None
    pool: PoolPlace | None
    recent: list[Round] = field(default_factory=list)


def pool_place(*, crs: int, distribution_round: Round) -> PoolPlace | None:
    counts = distribution_round.distribution or {}
    for key, low, high in BANDS:
        if low <= crs <= high:
            above = sum(counts.get(other, 0) for other, other_low, _h in BANDS if other_low > high)
            return PoolPlace(
                round=distribution_round, low=low, high=high, in_band=counts.get(key, 0),
                above=above, total=counts.get("dd18", 0),
            )
    return None


def standing_for(*, crs: int | None, recent: int = 0) -> Standing:
    """The person's CRS against the last CEC-only and all-program cut-offs and the latest
    published pool distribution."""
    last_cec = Round.objects.filter(category=RoundCategory.CEC).first()
    last_all = Round.objects.filter(category=RoundCategory.ALL_PROGRAMS).first()
    latest = Round.objects.filter(distribution__isnull=False).first()
    place = pool_place(crs=crs, distribution_round=latest) if crs is not None and latest else None
    return Standing(
        crs=crs,
        last_cec=last_cec,
        last_all_programs=last_all,
        pool=place,
        recent=list(Round.objects.all()[:recent]) if recent else [],
    )


def rounds_page(*, category: str | None = None) -> list[Round]:
    queryset = Round.objects.all()
    if category:
        queryset = queryset.filter(category=category)
    return list(queryset)


# ----- documents ----------------------------------------------------------------------------


def documents_for(*, case: Case) -> list[DocumentItem]:
    """The checklist with its uploads, in two queries whatever its length."""
    return list(
        case.documents.prefetch_related(
            Prefetch("uploads", queryset=Upload.objects.order_by("uploaded_at", "id"))
        )
    )


@dataclass(frozen=True)
class DocumentCounts:
    total: int
    missing: int
    uploaded: int
    accepted: int
    needs_changes: int


def document_counts(*, case: Case) -> DocumentCounts:
    by_status = dict(
        case.documents.filter(required=True)
        .order_by()
        .values("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    return DocumentCounts(
        total=sum(by_status.values()),
        missing=by_status.get(DocumentStatus.MISSING, 0),
        uploaded=by_status.get(DocumentStatus.UPLOADED, 0),
        accepted=by_status.get(DocumentStatus.ACCEPTED, 0),
        needs_changes=by_status.get(DocumentStatus.NEEDS_CHANGES, 0),
    )


# ----- lists: the next deadline of many applicants at once ---------------------------------


def next_deadlines_for(*, applicants, today: date | None = None) -> dict[int, Deadline | None]:
    """Applicant id → next deadline (or None), in four queries however many applicants: for
    the consultant's client list, which would otherwise ask ``next_deadline_for`` per row."""
    today = today or timezone.localdate()
    ids = [applicant.pk for applicant in applicants]
    found: dict[int, Deadline | None] = dict.fromkeys(ids)
    cases = (
        Case.objects.filter(applicant_id__in=ids)
        .exclude(status__in=DECIDED)
        .prefetch_related(
            Prefetch("profiles", queryset=ProfileSubmission.objects.order_by("-submitted_on",
                                                                              "-id")),
            Prefetch("invitations", queryset=Invitation.objects.order_by("-invited_on", "-id")),
            Prefetch("stages", queryset=DecisionStage.objects.order_by("on", "id")),
        )
    )
    for case in cases:
        deadlines = _deadlines(
            case=case,
            profile=next(iter(case.profiles.all()), None),
            invitation=next(iter(case.invitations.all()), None),
            stages=list(case.stages.all()),
            today=today,
        )
        found[case.applicant_id] = deadlines[0] if deadlines else None
    return found
