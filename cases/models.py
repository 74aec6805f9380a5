"""A person's Express Entry case: its status, each step's records and its documents.

The status only moves through ``cases.services`` (``TRANSITIONS`` lists the allowed
moves); every move is logged in ``CaseTransition``. Evaluations stored here are snapshots of the
rules engine's result on the day in question: the engine decides, these rows remember.
"""

import uuid
from datetime import date, timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from cases.documents.uploads import ACCEPTED, MAX_BYTES
from cases.documents.vocabulary import describe
from cases.enums import (
    ITA_DAYS,
    POOL_MONTHS,
    TRANSITIONS,
    CaseStatus,
    DeadlineKind,
    DocumentStatus,
    NotificationKind,
    StageKind,
)
from eligibility.history import HistoricalRecords
from eligibility.rules.dates import add_years
from eligibility.rules.parse import HIGHEST_DATE
from eligibility.rules.rulesets import EARLIEST
from profiles.dates import in_range
from profiles.enums import CecStatus

# The dates a case step accepts: the rules engine evaluates the person on them and keeps no
# rules before NOC 2021 (EARLIEST); the latest is the engine's own bound. Forms and services
# say so next to the field; the database refuses anything else. Whether a day is in the future,
# and its order against another table's dates, forms and services decide.
FIRST_DAY, LAST_DAY = EARLIEST, HIGHEST_DATE


def _step_date(field: str, name: str, *, null: bool = False) -> models.CheckConstraint:
    return in_range(field, name, FIRST_DAY, LAST_DAY, null=null)


# What ``uploads.check_upload`` lets through, and nothing else: 1 byte to 4 MB, and a type read
# from the content with the extension that goes with it (uploads and message attachments).
FILE_SIZE_CHECKED = Q(size__gte=1) & Q(size__lte=MAX_BYTES)
FILE_TYPE_CHECKED = reduce(or_, (
    Q(content_type=mime, extension=extension)
    for mime, (extension, _names) in sorted(ACCEPTED.items())
))


class Case(models.Model):
    """One per applicant: where the person stands among IRCC's four steps."""

    applicant = models.OneToOneField(
        "profiles.Applicant", on_delete=models.CASCADE, related_name="case",
        verbose_name=_("applicant"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=CaseStatus.choices, default=CaseStatus.PREPARING
    )
    # The next deadline, computed by ``cases.deadlines`` and stored by every service that can
    # move it, in the same transaction, so lists filter and sort on it in the database.
    next_deadline_on = models.DateField(
        _("next deadline"), null=True, blank=True, editable=False, db_index=True
    )
    next_deadline_kind = models.CharField(
        _("what is due"), max_length=16, choices=DeadlineKind.choices, blank=True,
        editable=False,
    )
    # The earliest expiry of the medical exam and police certificates (``cases.expiries``),
    # stored by the services that change them, so the client list filters on it.
    documents_expire_on = models.DateField(
        _("documents expire on"), null=True, blank=True, editable=False, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    updated_at = models.DateTimeField(auto_now=True, verbose_name=_("updated at"))

    # The next deadline is derived from the steps' records, which keep their own history.
    history = HistoricalRecords(
        table_name="profiles_historicalcase",
        excluded_fields=["next_deadline_on", "next_deadline_kind", "documents_expire_on"],
    )

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        db_table = "profiles_case"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CaseStatus.values), name="case_status_known"
            ),
            # A date and what it is, or neither.
            models.CheckConstraint(
                condition=(
                    Q(next_deadline_on__isnull=True, next_deadline_kind="")
                    | Q(next_deadline_on__isnull=False,
                        next_deadline_kind__in=DeadlineKind.values)
                ),
                name="case_next_deadline_known",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.applicant} — {self.get_status_display()}"


class CaseTransition(models.Model):
    """The case's timeline: every status change, when, by whom, from → to."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("case")
    )
    from_status = models.CharField(
        max_length=16, choices=CaseStatus.choices, verbose_name=_("from status")
    )
    to_status = models.CharField(
        max_length=16, choices=CaseStatus.choices, verbose_name=_("to status")
    )
    # When it happened (the profile's submission date, the ITA date…), and when it was recorded.
    on = models.DateField(null=True, verbose_name=_("date"))
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    note = models.TextField(blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        db_table = "profiles_casetransition"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"

    @property
    def label(self) -> str:
        return str(TRANSITIONS.get((self.from_status, self.to_status), ""))


class Recorded(models.Model):
    """Who recorded a step of the case, and when."""

    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("recorded at"))

    class Meta:
        abstract = True


class EvaluationSnapshot(Recorded):
    """The engine's verdict on the step's date, kept as it was: verdict, CRS, ruleset, result."""

    verdict = models.CharField(_("CEC verdict"), max_length=16, choices=CecStatus.choices)
    crs = models.PositiveSmallIntegerField(null=True, verbose_name=_("CRS"))
    ruleset = models.CharField(max_length=10, blank=True, verbose_name=_("ruleset"))
    evaluation = models.JSONField(null=True, verbose_name=_("evaluation"))

    class Meta:
        abstract = True

    @property
    def verdict_label(self) -> str:
        return str(CecStatus(self.verdict).label) if self.verdict in CecStatus.values else ""


class ProfileSubmission(EvaluationSnapshot):
    """Step 1: the Express Entry profile, with the evaluation on its submission date."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="profiles", verbose_name=_("case")
    )
    submitted_on = models.DateField(_("profile submitted on"))
    profile_number = models.CharField(_("profile number"), max_length=30)
    job_seeker_code = models.CharField(_("job seeker validation code"), max_length=30)
    override_reason = models.TextField(_("reason for overriding the verdict"), blank=True)

    history = HistoricalRecords(table_name="profiles_historicalprofilesubmission")

    class Meta:
        verbose_name = _("Express Entry profile")
        verbose_name_plural = _("Express Entry profiles")
        db_table = "profiles_profilesubmission"
        ordering = ["submitted_on", "id"]
        constraints = [_step_date("submitted_on", "profilesubmission_submitted_on_in_range")]

    def __str__(self) -> str:
        return f"{self.profile_number} ({self.submitted_on:%Y-%m-%d})"

    @property
    def expires_on(self) -> date:
        return add_years(self.submitted_on, POOL_MONTHS // 12)


class Invitation(EvaluationSnapshot):
    """Step 2: an invitation to apply (ITA); the application is due 60 days later."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("case")
    )
    profile = models.ForeignKey(
        ProfileSubmission, on_delete=models.PROTECT, related_name="invitations",
        verbose_name=_("profile"),
    )
    invited_on = models.DateField(_("ITA date"))
    round_number = models.CharField(_("round number"), max_length=8)
    crs_claimed = models.PositiveSmallIntegerField(_("CRS score in the invitation"))
    planned_submission_on = models.DateField(
        _("planned submission date"), null=True, blank=True
    )
    declined_on = models.DateField(null=True, blank=True, verbose_name=_("declined on"))
    override_reason = models.TextField(
        _("reason for recording a round of another kind"), blank=True
    )

    history = HistoricalRecords(table_name="profiles_historicalinvitation")

    class Meta:
        verbose_name = _("invitation to apply")
        verbose_name_plural = _("invitations to apply")
        db_table = "profiles_invitation"
        ordering = ["invited_on", "id"]
        constraints = [
            _step_date("invited_on", "invitation_invited_on_in_range"),
            _step_date("planned_submission_on", "invitation_planned_on_in_range", null=True),
            _step_date("declined_on", "invitation_declined_on_in_range", null=True),
            models.CheckConstraint(
                condition=Q(planned_submission_on__isnull=True)
                | Q(planned_submission_on__gte=F("invited_on")),
                name="invitation_planned_not_before_invitation",
            ),
            models.CheckConstraint(
                condition=Q(declined_on__isnull=True) | Q(declined_on__gte=F("invited_on")),
                name="invitation_declined_not_before_invitation",
            ),
        ]

    def __str__(self) -> str:
        return _("ITA %(date)s (round %(round)s)") % {
            "date": f"{self.invited_on:%Y-%m-%d}", "round": self.round_number,
        }

    @property
    def deadline(self) -> date:
        """The last day on which the application may be submitted."""
        return self.invited_on + timedelta(days=ITA_DAYS)


class Application(Recorded):
    """Step 3: the submitted application for permanent residence (e-APR)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="applications", verbose_name=_("case")
    )
    invitation = models.OneToOneField(
        Invitation, on_delete=models.PROTECT, related_name="application",
        verbose_name=_("invitation"),
    )
    submitted_on = models.DateField(_("application submitted on"))
    application_number = models.CharField(_("application number"), max_length=30)

    history = HistoricalRecords(table_name="profiles_historicalapplication")

    class Meta:
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        db_table = "profiles_application"
        ordering = ["submitted_on", "id"]
        constraints = [_step_date("submitted_on", "application_submitted_on_in_range")]

    def __str__(self) -> str:
        return self.application_number


class DecisionStage(Recorded):
    """Step 4: one stage after submission, on the timeline both the person and consultant see."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="stages", verbose_name=_("case")
    )
    kind = models.CharField(_("stage"), max_length=24, choices=StageKind.choices)
    on = models.DateField(_("date"))
    note = models.TextField(_("note"), blank=True)
    override_reason = models.TextField(
        _("reason for recording it before the stages that precede it"), blank=True
    )

    history = HistoricalRecords(table_name="profiles_historicaldecisionstage")

    class Meta:
        verbose_name = _("processing stage")
        verbose_name_plural = _("processing stages")
        db_table = "profiles_decisionstage"
        ordering = ["on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=StageKind.values), name="decisionstage_kind_known"
            ),
            _step_date("on", "decisionstage_on_in_range"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.on:%Y-%m-%d}"


class DocumentItem(models.Model):
    """One line of the document checklist (``cases.documents.checklist`` decides the lines)."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="documents", verbose_name=_("case")
    )
    # A stable key from the checklist ("reference_letter:job:12"), so a rebuild keeps uploads.
    key = models.CharField(max_length=80, verbose_name=_("key"))
    # What document it is (``cases.documents.vocabulary.KINDS``) and what it is about (a job,
    # a test, a country…). Titles and instructions are rendered from these when shown, in the
    # reader's language, rather than stored as text.
    kind = models.CharField(max_length=40, verbose_name=_("kind"))
    subject = models.CharField(max_length=300, blank=True, verbose_name=_("subject"))
    position = models.PositiveSmallIntegerField(default=0, verbose_name=_("position"))
    # False once the person's facts no longer call for it but files were already uploaded.
    required = models.BooleanField(default=True, verbose_name=_("required"))
    status = models.CharField(
        _("status"), max_length=16, choices=DocumentStatus.choices, default=DocumentStatus.MISSING
    )
    comment = models.TextField(_("consultant's comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))
    # Lines a person added (a document the consultant requests, a country the applicant lived
    # in) rather than the checklist built from the facts: a rebuild keeps them.
    added = models.BooleanField(_("added by a person"), default=False, editable=False)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", editable=False, verbose_name=_("added by"),
    )
    instructions = models.TextField(_("what it must show"), blank=True)
    due_on = models.DateField(_("due date"), null=True, blank=True)
    # When the document was issued, where its age matters (a police certificate's).
    issued_on = models.DateField(_("issued on"), null=True, blank=True)

    history = HistoricalRecords(table_name="profiles_historicaldocumentitem")

    class Meta:
        verbose_name = _("checklist document")
        verbose_name_plural = _("checklist documents")
        db_table = "profiles_documentitem"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="documentitem_unique_key"),
            models.CheckConstraint(
                condition=Q(status__in=DocumentStatus.values), name="documentitem_status_known"
            ),
            _step_date("due_on", "documentitem_due_on_in_range", null=True),
            in_range("issued_on", "documentitem_issued_on_in_range", null=True),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def title(self) -> str:
        return describe(self.kind, self.subject).title

    @property
    def detail(self) -> str:
        # A requested document's instructions are the consultant's own words.
        return self.instructions or describe(self.kind, self.subject).detail

    @property
    def open(self) -> bool:
        """Still waiting for the applicant: nothing uploaded yet, or sent back."""
        return self.status in (DocumentStatus.MISSING, DocumentStatus.NEEDS_CHANGES)


def _upload_path(instance: "Upload", filename: str) -> str:
    # Random names: the person's own file name never reaches the file system.
    return f"cases/{instance.item.case_id}/{uuid.uuid4().hex}.{instance.extension}"


class Upload(models.Model):
    """A file uploaded against a checklist item, stored under MEDIA_ROOT (never on a URL)."""

    item = models.ForeignKey(
        DocumentItem, on_delete=models.CASCADE, related_name="uploads", verbose_name=_("item")
    )
    file = models.FileField(upload_to=_upload_path, max_length=200, verbose_name=_("file"))
    original_name = models.CharField(max_length=200, verbose_name=_("original file name"))
    content_type = models.CharField(max_length=40, verbose_name=_("content type"))
    extension = models.CharField(max_length=4, verbose_name=_("extension"))
    size = models.PositiveIntegerField(verbose_name=_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(auto_now_add=True, verbose_name=_("uploaded at"))

    history = HistoricalRecords(table_name="profiles_historicalupload")

    class Meta:
        verbose_name = _("uploaded file")
        verbose_name_plural = _("uploaded files")
        db_table = "profiles_upload"
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(condition=FILE_SIZE_CHECKED, name="upload_size_1b_to_4mb"),
            models.CheckConstraint(condition=FILE_TYPE_CHECKED, name="upload_type_accepted"),
        ]

    def __str__(self) -> str:
        return self.original_name


class ReminderSent(models.Model):
    """A reminder already emailed, so that ``send_reminders`` never sends it twice."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("case")
    )
    key = models.CharField(max_length=80, verbose_name=_("key"))
    sent_on = models.DateField(verbose_name=_("sent on"))
    recipients = models.TextField(blank=True, verbose_name=_("recipients"))

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        db_table = "profiles_remindersent"
        constraints = [
            models.UniqueConstraint(fields=["case", "key"], name="remindersent_once"),
        ]

    def __str__(self) -> str:
        return self.key


def _attachment_path(instance: "Message", filename: str) -> str:
    return f"cases/{instance.case_id}/messages/{uuid.uuid4().hex}.{instance.extension}"


class Message(models.Model):
    """One message of the case's thread between the applicant and their consultant.

    An attachment is checked like an upload (``uploads.check_upload``) and served only through
    a view that checks the case. ``read_at`` is when the other party (the one who did not
    write it) first marked it read. A consultant's private notes are another model entirely
    (``consultants.ConsultantNote``) and never reach the thread.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="messages", verbose_name=_("case")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+",
        verbose_name=_("author"),
    )
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))
    file = models.FileField(
        upload_to=_attachment_path, max_length=200, blank=True, verbose_name=_("attachment")
    )
    original_name = models.CharField(
        max_length=200, blank=True, verbose_name=_("original file name")
    )
    content_type = models.CharField(max_length=40, blank=True, verbose_name=_("content type"))
    extension = models.CharField(max_length=4, blank=True, verbose_name=_("extension"))
    size = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("size (bytes)"))

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "read_at"])]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="message_body_not_empty"),
            # No attachment at all, or one that passed the upload checks.
            models.CheckConstraint(
                condition=Q(file="", size__isnull=True, content_type="", extension="")
                | (~Q(file="") & FILE_SIZE_CHECKED & FILE_TYPE_CHECKED),
                name="message_attachment_checked",
            ),
        ]

    def __str__(self) -> str:
        return f"Message {self.pk} on case {self.case_id}"


class Notification(models.Model):
    """Something that happened on a case, for one person: on their dashboard until they
    dismiss it, and emailed (``cases.notifications.notify``) without its details."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
        verbose_name=_("user"),
    )
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("case")
    )
    kind = models.CharField(
        max_length=24, choices=NotificationKind.choices, verbose_name=_("kind")
    )
    item = models.ForeignKey(
        DocumentItem, on_delete=models.CASCADE, null=True, blank=True, related_name="+",
        verbose_name=_("item"),
    )
    # What the sentence needs besides the item: a status, a date (never free text).
    detail = models.CharField(max_length=80, blank=True, verbose_name=_("detail"))
    created_at = models.DateTimeField(auto_now_add=True, verbose_name=_("created at"))
    seen_at = models.DateTimeField(null=True, blank=True, verbose_name=_("seen at"))

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "seen_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=NotificationKind.values), name="notification_kind_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.user_id}"
