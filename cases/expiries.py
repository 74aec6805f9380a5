"""Every expiry of a person's file, watched: passports (theirs and their spouse's), their status
in Canada, the medical exam and the police certificates.

Periods (``shared/rules/process.md``, "Validity periods at a glance"): a medical exam is valid
12 months. The rules give no period for police certificates; our reading: 12 months from the
issue date, the medical's period, after which IRCC may ask for a new one. A passport and a
permit expire on the date printed on them. Reminders go out 120, 60 and 30 days before a
passport or permit expires (a permit matters most: CEC work must be authorized, and a lapse
means leaving or restoring status), and 60 and 30 days before a medical or police certificate
does. A person on maintained status is flagged wherever their expiries are shown.

The passport and permit dates are stored on the person; the earliest of the case's medical and
police-certificate expiries is stored on the case (``documents_expire_on``), in the transaction
that changed it, so the client list filters on stored columns.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.enums import StageKind
from cases.models import Case
from eligibility.rules.dates import add_years
from profiles.enums import StatusInCanada
from profiles.models import Applicant, Spouse

MEDICAL_YEARS = 1
POLICE_YEARS = 1
IDENTITY_DAYS_BEFORE = (120, 60, 30)
DOCUMENT_DAYS_BEFORE = (60, 30)
POLICE_KINDS = ("police_certificate", "spouse_police_certificate")

# Neutral names: the same reminder goes to the person and to their consultant.
LABELS = {
    "passport": _("Passport"),
    "spouse_passport": _("Spouse's or partner's passport"),
    "status": _("Status in Canada (permit)"),
    "medical": _("Medical exam"),
    "police_certificate": _("Police certificate"),
}


@dataclass(frozen=True)
class Expiry:
    kind: str  # a key of LABELS
    on: date
    thresholds: tuple[int, ...]
    ref: str = ""  # what makes it unique among its kind (a certificate's item id)

    @property
    def label(self) -> str:
        return str(LABELS[self.kind])

    def days_left(self, today: date) -> int:
        return (self.on - today).days


def _document_expiries(case: Case | None) -> list[Expiry]:
    if case is None:
        return []
    found = []
    medical = case.stages.filter(kind=StageKind.MEDICAL).order_by("-on").first()
    if medical is not None:
        found.append(Expiry("medical", add_years(medical.on, MEDICAL_YEARS),
                            DOCUMENT_DAYS_BEFORE))
    for item in case.documents.filter(kind__in=POLICE_KINDS, issued_on__isnull=False):
        found.append(Expiry("police_certificate", add_years(item.issued_on, POLICE_YEARS),
                            DOCUMENT_DAYS_BEFORE, ref=str(item.pk)))
    return found


def expiries_for(*, applicant: Applicant, case: Case | None = None) -> list[Expiry]:
    """Everything of the person's file that expires, soonest first."""
    found = []
    if applicant.passport_expires_on:
        found.append(Expiry("passport", applicant.passport_expires_on, IDENTITY_DAYS_BEFORE))
    try:
        spouse = applicant.spouse if applicant.has_spouse else None
    except Spouse.DoesNotExist:
        spouse = None
    if spouse is not None and spouse.passport_expires_on:
        found.append(Expiry("spouse_passport", spouse.passport_expires_on, IDENTITY_DAYS_BEFORE))
    if applicant.status_expires_on:
        found.append(Expiry("status", applicant.status_expires_on, IDENTITY_DAYS_BEFORE))
    found += _document_expiries(case)
    return sorted(found, key=lambda expiry: expiry.on)


def on_maintained_status(applicant: Applicant) -> bool:
    return applicant.status_in_canada == StatusInCanada.MAINTAINED


def case_store_documents_expiry(*, case: Case) -> None:
    """Store the earliest medical or police-certificate expiry on the case (for the list's
    filter). Call it in the transaction that recorded a stage or a certificate's date."""
    on = min((expiry.on for expiry in _document_expiries(case)), default=None)
    Case.objects.filter(pk=case.pk).update(documents_expire_on=on)
    case.documents_expire_on = on


def expiring_within(days: int, today: date | None = None) -> Q:
    """Clients with something expiring by ``today + days`` (or expired already), as a lookup on
    the stored columns."""
    until = (today or timezone.localdate()) + timedelta(days=days)
    return (Q(passport_expires_on__lte=until) | Q(spouse__passport_expires_on__lte=until)
            | Q(status_expires_on__lte=until) | Q(case__documents_expire_on__lte=until))
