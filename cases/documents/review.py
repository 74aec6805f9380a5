"""The consultant's review of a document: accept it, or ask for changes with a comment.

Only the person's consultant reviews (the applicant sees the verdict and the comment, never
judges their own documents); the review is one transaction on the checklist item.
"""

from django.db import transaction
from django.utils import timezone

from cases.access import CaseAccess
from cases.enums import DocumentStatus
from cases.errors import REVIEW_NEEDS_COMMENT, REVIEW_ONLY_CONSULTANT, CaseError
from cases.models import DocumentItem

# What a review may set; "missing" and "uploaded" follow from the files alone.
REVIEW_OUTCOMES = (DocumentStatus.ACCEPTED, DocumentStatus.NEEDS_CHANGES)


@transaction.atomic
def document_review(
    *, access: CaseAccess, item: DocumentItem, status: str, comment: str = ""
) -> DocumentItem:
    """The consultant accepts a document or asks for changes (with a comment)."""
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
    item.save(update_fields=["status", "comment", "reviewed_by", "reviewed_at"])
    return item
