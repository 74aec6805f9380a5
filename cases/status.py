"""The case's status machine: statuses move only along ``TRANSITIONS``, one locked row at a
time, and every move leaves a ``CaseTransition`` on the timeline. Every write to a case ends with
``case_finish_change``, which stores the next deadline in the same transaction."""

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


def case_lock(case: Case) -> Case:
    """The case's row, locked until the caller's transaction ends, so two requests cannot both
    move the case from the same status; ``case`` is given the status it holds."""
    locked = Case.objects.select_for_update().select_related("applicant").get(pk=case.pk)
    case.status = locked.status
    return locked


def case_check_move(*, case: Case, to: str) -> None:
    """CaseError unless ``TRANSITIONS`` allows the case to move from its status to ``to``."""
    if (case.status, to) not in TRANSITIONS:
        raise CaseError(
            ILLEGAL_TRANSITION
            % {"from": CaseStatus(case.status).label, "to": CaseStatus(to).label}
        )


def case_move(
    *, case: Case, to: str, by: User | None, note: str = "", on: date | None = None
) -> CaseTransition:
    """Move a locked case (``case_lock``) to ``to`` and log the move; CaseError if it is not
    allowed. The caller ends its transaction with ``case_finish_change``."""
    case_check_move(case=case, to=to)
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


def case_finish_change(*, case: Case, locked: Case) -> None:
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
    locked = case_lock(case)
    case_move(case=locked, to=to, by=by, note=note)
    case_finish_change(case=case, locked=locked)
    return locked
