"""A person's Express Entry case: its status, each step's records, documents and draw history.

The status only moves through ``profiles.cases.services`` (``TRANSITIONS`` lists the allowed
moves); every move is logged in ``CaseTransition``. Evaluations stored here are snapshots of the
rules engine's result on the day in question: the engine decides, these rows remember.
"""

import uuid
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from eligibility.rules.dates import add_years
from profiles.cases.uploads import ACCEPTED, MAX_BYTES

__all__ = [
    "CaseStatus",
    "Case",
    "CaseTransition",
    "ProfileSubmission",
    "Invitation",
    "Application",
    "StageKind",
    "DecisionStage",
    "DocumentStatus",
    "DocumentItem",
    "Upload",
    "RoundCategory",
    "Round",
    "ReminderSent",
    "TRANSITIONS",
    "ITA_DAYS",
    "POOL_MONTHS",
    "BIOMETRICS_DAYS",
    "DECIDED",
]

# process.md, "Validity periods at a glance".
ITA_DAYS = 60
POOL_MONTHS = 12
BIOMETRICS_DAYS = 30


class CaseStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing the profile")
    IN_POOL = "in_pool", _("In the pool (profile submitted)")
    INVITED = "invited", _("Invited to apply")
    SUBMITTED = "submitted", _("Application submitted")
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


DECIDED = (CaseStatus.APPROVED, CaseStatus.REFUSED, CaseStatus.WITHDRAWN)

# (from, to) → what the move means. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (CaseStatus.PREPARING, CaseStatus.IN_POOL): _("Profile submitted"),
    (CaseStatus.IN_POOL, CaseStatus.INVITED): _("Invitation to apply received"),
    (CaseStatus.IN_POOL, CaseStatus.PREPARING): _("Profile expired"),
    (CaseStatus.INVITED, CaseStatus.IN_POOL): _("Invitation declined"),
    (CaseStatus.INVITED, CaseStatus.SUBMITTED): _("Application submitted"),
    (CaseStatus.SUBMITTED, CaseStatus.APPROVED): _("Application approved"),
    (CaseStatus.SUBMITTED, CaseStatus.REFUSED): _("Application refused"),
    (CaseStatus.SUBMITTED, CaseStatus.WITHDRAWN): _("Application withdrawn"),
}


class Case(models.Model):
    """One per applicant: where the person stands among IRCC's four steps."""

    applicant = models.OneToOneField(
        "profiles.Applicant", on_delete=models.CASCADE, related_name="case"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.PREPARING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CaseStatus.values), name="case_status_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} — {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status not in DECIDED


class CaseTransition(models.Model):
    """The case's timeline: every status change, when, by whom, from → to."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=16, choices=CaseStatus.choices)
    # When it happened (the profile's submission date, the ITA date…), and when it was recorded.
    on = models.DateField(null=True)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"

    @property
    def label(self) -> str:
        return str(TRANSITIONS.get((self.from_status, self.to_status), ""))


class Recorded(models.Model):
    """Who recorded a step of the case, and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True


class EvaluationSnapshot(Recorded):
    """The engine's verdict on the step's date, kept as it was: verdict, CRS, ruleset, result."""

    verdict = models.CharField(max_length=16)
    crs = models.PositiveSmallIntegerField(null=True)
    ruleset = models.CharField(max_length=10, blank=True)
    evaluation = models.JSONField(null=True)

    class Meta:
        abstract = True

    @property
    def verdict_label(self) -> str:
        from profiles.models import CecStatus  # profiles.models imports this module

        return str(CecStatus(self.verdict).label) if self.verdict in CecStatus.values else ""


class ProfileSubmission(EvaluationSnapshot):
    """Step 1: the Express Entry profile, with the evaluation on its submission date."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="profiles")
    submitted_on = models.DateField(_("profile submitted on"))
    profile_number = models.CharField(_("profile number"), max_length=30)
    job_seeker_code = models.CharField(_("job seeker validation code"), max_length=30)
    override_reason = models.TextField(_("reason for overriding the verdict"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_on", "id"]

    def __str__(self) -> str:
        return f"{self.profile_number} ({self.submitted_on:%Y-%m-%d})"

    @property
    def expires_on(self) -> date:
        return add_years(self.submitted_on, POOL_MONTHS // 12)


class Invitation(EvaluationSnapshot):
    """Step 2: an invitation to apply (ITA); the application is due 60 days later."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="invitations")
    profile = models.ForeignKey(
        ProfileSubmission, on_delete=models.PROTECT, related_name="invitations"
    )
    invited_on = models.DateField(_("ITA date"))
    round_number = models.CharField(_("round number"), max_length=8)
    crs_claimed = models.PositiveSmallIntegerField(_("CRS score in the invitation"))
    planned_submission_on = models.DateField(
        _("planned submission date"), null=True, blank=True
    )
    declined_on = models.DateField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["invited_on", "id"]

    def __str__(self) -> str:
        return f"ITA {self.invited_on:%Y-%m-%d} (round {self.round_number})"

    @property
    def deadline(self) -> date:
        """The last day on which the application may be submitted."""
        return self.invited_on + timedelta(days=ITA_DAYS)


class Application(Recorded):
    """Step 3: the submitted application for permanent residence (e-APR)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="applications")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, related_name="application"
    )
    submitted_on = models.DateField(_("application submitted on"))
    application_number = models.CharField(_("application number"), max_length=30)

    history = HistoricalRecords()

    class Meta:
        ordering = ["submitted_on", "id"]

    def __str__(self) -> str:
        return self.application_number


class StageKind(models.TextChoices):
    AOR = "aor", _("Acknowledgment of receipt (AOR)")
    BIOMETRICS_LETTER = "biometrics_letter", _("Biometrics instruction letter")
    BIOMETRICS_GIVEN = "biometrics_given", _("Biometrics given")
    MEDICAL = "medical", _("Medical exam")
    ELIGIBILITY_REVIEW = "eligibility_review", _("Eligibility review")
    BACKGROUND_CHECK = "background_check", _("Background and security check")
    ADDITIONAL_DOCUMENTS = "additional_documents", _("Additional documents requested")
    APPROVED = "approved", _("Decision: approved")
    REFUSED = "refused", _("Decision: refused")
    COPR = "copr", _("Confirmation of Permanent Residence (COPR)")
    LANDING = "landing", _("Landing")


class DecisionStage(Recorded):
    """Step 4: one stage after submission, on the timeline both the person and consultant see."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("stage"), max_length=24, choices=StageKind.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StageKind.values), name="decisionstage_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"


class DocumentStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    UPLOADED = "uploaded", _("Uploaded")
    ACCEPTED = "accepted", _("Accepted")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")


class DocumentItem(models.Model):
    """One line of the document checklist (``profiles.cases.checklist`` decides the lines)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="documents")
    # A stable key from the checklist ("reference_letter:job:12"), so a rebuild keeps uploads.
    key = models.CharField(max_length=80)
    # What document it is (``checklist.KINDS``) and what it is about (a job, a test, a
    # country…). Titles and instructions are rendered from these when shown, in the reader's
    # language, rather than stored as text.
    kind = models.CharField(max_length=40)
    subject = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    # False once the person's facts no longer call for it but files were already uploaded.
    required = models.BooleanField(default=True)
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.MISSING
    )
    comment = models.TextField(_("consultant's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="documentitem_unique_key"),
            models.CheckConstraint(
                condition=Q(status__in=DocumentStatus.values), name="documentitem_status_known"
            ),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def title(self) -> str:
        from profiles.cases.checklist import describe

        return describe(self.kind, self.subject).title

    @property
    def detail(self) -> str:
        from profiles.cases.checklist import describe

        return describe(self.kind, self.subject).detail


def _upload_path(instance: "Upload", filename: str) -> str:
    # Random names: the person's own file name never reaches the file system.
    return f"cases/{instance.item.case_id}/{uuid.uuid4().hex}.{instance.extension}"


class Upload(models.Model):
    """A file uploaded against a checklist item, stored under MEDIA_ROOT (never on a URL)."""

    item = models.ForeignKey(DocumentItem, on_delete=models.CASCADE, related_name="uploads")
    file = models.FileField(upload_to=_upload_path, max_length=200)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    extension = models.CharField(max_length=4)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["uploaded_at", "id"]
        constraints = [
            # What uploads.check_upload lets through, and nothing else: 1 byte to 4 MB, and a
            # type read from the content with the extension that goes with it.
            models.CheckConstraint(
                condition=Q(size__gte=1) & Q(size__lte=MAX_BYTES), name="upload_size_1b_to_4mb"
            ),
            models.CheckConstraint(
                condition=reduce(or_, (
                    Q(content_type=mime, extension=extension)
                    for mime, (extension, _names) in sorted(ACCEPTED.items())
                )),
                name="upload_type_accepted",
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class RoundCategory(models.TextChoices):
    """IRCC's round names, normalised (their wording changes over the years)."""

    ALL_PROGRAMS = "all_programs", _("All programs")
    CEC = "cec", _("Canadian Experience Class")
    PNP = "pnp", _("Provincial Nominee Program")
    FSW = "fsw", _("Federal Skilled Worker")
    FST = "fst", _("Federal Skilled Trades")
    FRENCH = "french", _("French-language proficiency")
    HEALTHCARE = "healthcare", _("Healthcare and social services")
    TRADES = "trades", _("Trade occupations")
    STEM = "stem", _("STEM occupations")
    TRANSPORT = "transport", _("Transport occupations")
    AGRICULTURE = "agriculture", _("Agriculture and agri-food")
    EDUCATION = "education", _("Education occupations")
    SENIOR_MANAGERS = "senior_managers", _("Senior managers")
    PHYSICIANS = "physicians", _("Physicians")
    MILITARY = "military", _("Skilled military recruits")
    OTHER = "other", _("Other")


class Round(models.Model):
    """One Express Entry round of invitations, from IRCC's rounds JSON (``import_rounds``)."""

    number = models.CharField(_("round"), max_length=8, unique=True)  # "91a" exists
    sequence = models.PositiveIntegerField()  # the numeric part, for ordering
    drawn_on = models.DateField(_("date"))
    name = models.CharField(_("round type"), max_length=120)
    category = models.CharField(max_length=20, choices=RoundCategory.choices)
    programs = models.CharField(max_length=200, blank=True)
    size = models.PositiveIntegerField(_("invitations"))
    crs_cutoff = models.PositiveSmallIntegerField(_("lowest CRS invited"))
    drawn_at_text = models.CharField(max_length=80, blank=True)
    tie_break_text = models.CharField(max_length=80, blank=True)
    tie_break_at = models.DateTimeField(null=True, blank=True)
    distribution_on = models.DateField(null=True, blank=True)
    # {"dd1": 500, …, "dd18": 229100}; null when IRCC published only zeros.
    distribution = models.JSONField(null=True, blank=True)

    class Meta:
        ordering = ["-drawn_on", "-sequence", "-number"]
        indexes = [models.Index(fields=["category", "drawn_on"])]

    def __str__(self) -> str:
        return f"#{self.number} {self.drawn_on:%Y-%m-%d} {self.name}"


class ReminderSent(models.Model):
    """A reminder already emailed, so that ``send_reminders`` never sends it twice."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    key = models.CharField(max_length=80)
    sent_on = models.DateField()
    recipients = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="remindersent_once"),
        ]

    def __str__(self) -> str:
        return self.key
