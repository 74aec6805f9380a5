"""The case's vocabulary: its statuses, the moves between them, decision stages, deadline kinds
and document statuses. A leaf that imports nothing of the project, read by models, services,
forms, the admin and the reminders alike."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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


class DeadlineKind(models.TextChoices):
    """What the case's next deadline is; the label is what the person reads before its date."""

    POOL_EXPIRY = "pool_expiry", _("Profile expires from the pool")
    APPLICATION_DUE = "application_due", _("Submit the application by")
    BIOMETRICS_DUE = "biometrics_due", _("Give biometrics by")


class DocumentStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    UPLOADED = "uploaded", _("Uploaded")
    ACCEPTED = "accepted", _("Accepted")
    NEEDS_CHANGES = "needs_changes", _("Needs changes")


class NotificationKind(models.TextChoices):
    """What happened; the sentence a person reads is ``cases.notifications``."""

    DOCUMENT_ACCEPTED = "document_accepted", _("Document accepted")
    DOCUMENT_SENT_BACK = "document_sent_back", _("Document sent back")
    DOCUMENT_REQUESTED = "document_requested", _("Document requested")
    CASE_MOVED = "case_moved", _("Case moved")
    MESSAGE = "message", _("New message")
