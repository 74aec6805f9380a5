"""Reads of cases: the applicant's case, the four steps and where the case stands among them
(the dashboard summary), and the timeline. Who may see a case is not decided here but in
``cases.access``; these reads take a case or an applicant already found through it.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from cases import expiries
from cases import notifications as notifications_module
from cases.deadlines import Deadline, next_deadline
from cases.enums import CaseStatus, StageKind
from cases.models import Case, Notification
from cases.thread.selectors import unread_count
from profiles.models import Applicant


def case_of(*, applicant: Applicant) -> Case | None:
    """The applicant's case, or None before it is started (reading never creates one)."""
    return Case.objects.filter(applicant=applicant).first()


# ----- the dashboard summary ----------------------------------------------------------------

STEP_LABELS = (
    gettext_lazy("Express Entry profile"),
    gettext_lazy("Invitation to apply"),
    gettext_lazy("Application"),
    gettext_lazy("Decision"),
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
    return CaseSummary(
        status=status,
        status_label=str(CaseStatus(status).label),
        steps=steps_for(status),
        next_deadline=next_deadline(case=case),
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




# ----- what is new for the person (dashboard) -------------------------------------------------


@dataclass(frozen=True)
class Update:
    sentence: str
    url: str
    at: datetime


@dataclass(frozen=True)
class ExpiryLine:
    label: str
    on: date
    days_left: int


@dataclass(frozen=True)
class Updates:
    notifications: list[Update]
    unread_messages: int
    messages_url: str
    expiries: list[ExpiryLine]
    maintained: bool


NOTIFICATIONS_SHOWN = 10
# The dashboard lists what expires within this many days (or has expired).
EXPIRIES_SHOWN_DAYS = 180


def updates_for(*, applicant: Applicant, today: date | None = None) -> Updates:
    """What the dashboard shows as new: unseen notifications, unread messages, and what of the
    person's file expires soon (with the maintained-status flag)."""
    today = today or timezone.localdate()
    case = Case.objects.filter(applicant=applicant).first()
    notifications = list(
        Notification.objects.filter(user=applicant.user, seen_at__isnull=True)
        .select_related("item")[:NOTIFICATIONS_SHOWN]
    )
    return Updates(
        notifications=[
            Update(sentence=notifications_module.sentence(note),
                   url=notifications_module.link_for(case=note.case, kind=note.kind,
                                                     item=note.item),
                   at=note.created_at)
            for note in notifications
        ],
        unread_messages=unread_count(user=applicant.user, case=case) if case else 0,
        messages_url=reverse("cases:messages", args=[case.pk]) if case else "",
        expiries=[
            ExpiryLine(label=expiry.label, on=expiry.on, days_left=expiry.days_left(today))
            for expiry in expiries.expiries_for(applicant=applicant, case=case)
            if expiry.days_left(today) <= EXPIRIES_SHOWN_DAYS
        ],
        maintained=expiries.on_maintained_status(applicant),
    )
