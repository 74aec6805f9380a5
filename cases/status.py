"""The case's status machine: statuses move only along ``TRANSITIONS``, one locked row at a
time, and every move leaves a ``CaseTransition`` on the timeline. Every write to a case ends with
``_finish_change``, which stores the next deadline in the same transaction."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from cases.deadlines import case_store_next_deadline
from cases.enums import TRANSITIONS, CaseStatus, NotificationKind
from cases.errors import ILLEGAL_TRANSITION, CaseError
from cases.expiries import case_store_documents_expiry
from cases.models import Case, CaseTransition
from cases.notifications import notify, other_party
from profiles.models import Applicant, User


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
    # Whoever did not make the move hears of it (the applicant, or their consultant).
    notify(user=other_party(case=case, actor=by), case=case, kind=NotificationKind.CASE_MOVED,
           detail=to)
    return entry


def _finish_change(*, case: Case, locked: Case) -> None:
    """The last step of every service that changes the case's status, profile, invitation or
    stages: store the next deadline those writes may have moved, and give the caller's ``case``
    the stored status and deadline."""
    case_store_next_deadline(case=locked)
    case_store_documents_expiry(case=locked)
    case.status = locked.status
    case.next_deadline_on = locked.next_deadline_on
    case.next_deadline_kind = locked.next_deadline_kind


def case_open(*, applicant: Applicant) -> Case:
    """The applicant's case, created (preparing) the first time it is asked for."""
    case, _created = Case.objects.get_or_create(applicant=applicant)
    return case


@transaction.atomic
def case_transition(*, case: Case, to: str, by: User | None, note: str = "") -> Case:
    """Move the case to ``to`` if that move is allowed; CaseError otherwise."""
    locked = _locked(case)
    _move(case=locked, to=to, by=by, note=note)
    _finish_change(case=case, locked=locked)
    return locked
