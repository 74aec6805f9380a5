"""The consultant's review of a document: accept it, or ask for changes with a comment.

Only the person's consultant reviews (the applicant sees the verdict and the comment, never
judges their own documents); the review is one transaction on the checklist item.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from cases import expiries
from cases.access import CaseAccess
from cases.enums import DocumentStatus, NotificationKind
from cases.errors import REVIEW_NEEDS_COMMENT, REVIEW_ONLY_CONSULTANT, CaseError
from cases.models import DocumentItem
from cases.notifications import notify

# What a review may set; "missing" and "uploaded" follow from the files alone.
REVIEW_OUTCOMES = (DocumentStatus.ACCEPTED, DocumentStatus.NEEDS_CHANGES)


@transaction.atomic
def document_review(
    *, access: CaseAccess, item: DocumentItem, status: str, comment: str = "",
    issued_on: date | None = None,
) -> DocumentItem:
    """The consultant accepts a document or asks for changes (with a comment), and notes a
    police certificate's issue date, from which its expiry is watched; the applicant is told."""
    if not access.is_consultant or item.case_id != access.case.pk:
        raise CaseError(REVIEW_ONLY_CONSULTANT)
    if status not in REVIEW_OUTCOMES:
        raise CaseError(REVIEW_ONLY_CONSULTANT)
    comment = comment.strip()
    if status == DocumentStatus.NEEDS_CHANGES and not comment:
        raise CaseError(REVIEW_NEEDS_COMMENT)
    item.status = status
    item.comment = comment
    item.reviewed_by = access.user
    item.reviewed_at = timezone.now()
    fields = ["status", "comment", "reviewed_by", "reviewed_at"]
    if issued_on is not None and item.kind in expiries.POLICE_KINDS:
        item.issued_on = issued_on
        fields.append("issued_on")
    item.save(update_fields=fields)
    if "issued_on" in fields:
        expiries.case_store_documents_expiry(case=access.case)
    kind = (NotificationKind.DOCUMENT_ACCEPTED if status == DocumentStatus.ACCEPTED
            else NotificationKind.DOCUMENT_SENT_BACK)
    notify(user=access.case.applicant.user, case=access.case, kind=kind, item=item)
    return item
