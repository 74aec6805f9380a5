"""The case's deadlines: the pool expiry, the 60-day application deadline after an ITA, and
the 30 days to give biometrics after the instruction letter."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.enums import BIOMETRICS_DAYS, DECIDED, CaseStatus, StageKind
from cases.models import Case, DecisionStage, Invitation, ProfileSubmission
from cases.records import latest_invitation, latest_profile
from profiles.models import Applicant


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
