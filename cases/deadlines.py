"""The case's deadlines: the pool expiry, the 60-day application deadline after an ITA, and
the 30 days to give biometrics after the instruction letter.

``next_deadline_from`` is the one statement of which deadline applies. Every service that
changes a case's status, profile, invitation or stages calls ``case_store_next_deadline`` in its
transaction, so the case's ``next_deadline_on`` and ``next_deadline_kind`` are always current;
lists, filters, exports and reminders read those columns (``next_deadline``). The stored value
does not depend on today: a passed deadline stays until something moves the case on.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import ngettext

from cases.enums import BIOMETRICS_DAYS, CaseStatus, DeadlineKind, StageKind
from cases.models import Case, DecisionStage, Invitation, ProfileSubmission
from cases.records import latest_invitation, latest_profile
from profiles.reasons import format_date

# From this many days before a deadline (and once it has passed) the pages show it as urgent.
URGENT_DAYS = 14
# From this many days before the pool expiry the case page warns and the reminder email goes
# out (process.md: "Warn before expiry").
POOL_WARNING_DAYS = 30


@dataclass(frozen=True)
class Deadline:
    kind: str  # a DeadlineKind
    on: date
    days_left: int  # negative once passed

    @property
    def label(self) -> str:
        return str(DeadlineKind(self.kind).label)

    @property
    def passed(self) -> bool:
        return self.days_left < 0

    @property
    def urgent(self) -> bool:
        """Close enough, or passed, for the pages to draw attention to it."""
        return self.days_left <= URGENT_DAYS

    @property
    def sentence(self) -> str:
        """The deadline in words, as lists and emails show it: "Submit the application by
        2026-11-30 (in 5 days)"."""
        values = {"label": self.label, "date": format_date(self.on), "days": abs(self.days_left)}
        if self.passed:
            return ngettext("%(label)s %(date)s (passed %(days)d day ago)",
                            "%(label)s %(date)s (passed %(days)d days ago)",
                            values["days"]) % values
        return ngettext("%(label)s %(date)s (in %(days)d day)",
                        "%(label)s %(date)s (in %(days)d days)", values["days"]) % values


def biometrics_deadline(*, stages: list[DecisionStage]) -> date | None:
    """30 days after the latest instruction letter, unless biometrics were given since."""
    letter = None
    for stage in stages:  # in date order
        if stage.kind == StageKind.BIOMETRICS_LETTER:
            letter = stage
        elif stage.kind == StageKind.BIOMETRICS_GIVEN and letter and stage.on >= letter.on:
            letter = None
    return letter.on + timedelta(days=BIOMETRICS_DAYS) if letter else None


def next_deadline_from(
    *,
    status: str,
    profile: ProfileSubmission | None,
    invitation: Invitation | None,
    stages: list[DecisionStage],
) -> tuple[DeadlineKind, date] | None:
    """What is due next and by when, for a case at ``status`` with this latest profile, latest
    invitation and these stages (in date order); None when nothing is due.

    In the pool, the profile's expiry; invited, the application's 60 days; submitted, the
    biometrics after an instruction letter not yet answered. A decided or preparing case has
    none."""
    if status == CaseStatus.IN_POOL and profile is not None:
        return DeadlineKind.POOL_EXPIRY, profile.expires_on
    if status == CaseStatus.INVITED and invitation is not None:
        return DeadlineKind.APPLICATION_DUE, invitation.deadline
    if status == CaseStatus.SUBMITTED:
        due = biometrics_deadline(stages=stages)
        if due is not None:
            return DeadlineKind.BIOMETRICS_DUE, due
    return None


def _next_deadline_of_records(case: Case) -> tuple[DeadlineKind, date] | None:
    # Only the records the case's status calls for are read.
    return next_deadline_from(
        status=case.status,
        profile=latest_profile(case=case) if case.status == CaseStatus.IN_POOL else None,
        invitation=latest_invitation(case=case) if case.status == CaseStatus.INVITED else None,
        stages=(
            list(case.stages.order_by("on", "id"))
            if case.status == CaseStatus.SUBMITTED
            else []
        ),
    )


def case_store_next_deadline(*, case: Case) -> None:
    """Compute the case's next deadline from its records and store it on the case (and on
    ``case``). Call it inside the transaction that changed the status, the profile, the
    invitation or the stages, after those writes."""
    found = _next_deadline_of_records(case)
    kind, on = found if found else ("", None)
    Case.objects.filter(pk=case.pk).update(next_deadline_on=on, next_deadline_kind=kind)
    case.next_deadline_on, case.next_deadline_kind = on, kind


def pool_expiry_near(*, expires_on: date, today: date) -> bool:
    """Whether a profile's pool expiry is near enough to warn about: from ``POOL_WARNING_DAYS``
    days before it up to the day itself. Once it has passed there is nothing left to warn
    about (the deadline shows as passed). The case page's warning and the reminder ask this."""
    return 0 <= (expires_on - today).days <= POOL_WARNING_DAYS


def _deadline(kind: str, on: date, today: date | None) -> Deadline:
    return Deadline(kind=kind, on=on, days_left=(on - (today or timezone.localdate())).days)


def next_deadline(*, case: Case | None, today: date | None = None) -> Deadline | None:
    """The case's next deadline as stored on it (no query), with its days left; None without
    a case or a deadline."""
    if case is None or case.next_deadline_on is None:
        return None
    return _deadline(case.next_deadline_kind, case.next_deadline_on, today)


def deadlines_for(*, case: Case, today: date | None = None) -> list[Deadline]:
    """The case's deadlines that still matter at its current status, soonest first, worked out
    from its records now (the case page)."""
    found = _next_deadline_of_records(case)
    return [_deadline(*found, today)] if found else []
