"""Reads of the document checklist: the items with their uploads, and counts by status."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from cases.enums import DocumentStatus
from cases.models import Case, DocumentItem, Upload


def documents_for(*, case: Case) -> list[DocumentItem]:
    """The checklist with its uploads, in two queries whatever its length."""
    return list(
        case.documents.prefetch_related(
            Prefetch("uploads", queryset=Upload.objects.order_by("uploaded_at", "id"))
        )
    )


@dataclass(frozen=True)
class DocumentCounts:
    total: int
    missing: int
    uploaded: int
    accepted: int
    needs_changes: int


def document_counts(*, case: Case) -> DocumentCounts:
    by_status = dict(
        case.documents.filter(required=True)
        .order_by()
        .values("status")
        .annotate(count=Count("id"))
        .values_list("status", "count")
    )
    return DocumentCounts(
        total=sum(by_status.values()),
        missing=by_status.get(DocumentStatus.MISSING, 0),
        uploaded=by_status.get(DocumentStatus.UPLOADED, 0),
        accepted=by_status.get(DocumentStatus.ACCEPTED, 0),
        needs_changes=by_status.get(DocumentStatus.NEEDS_CHANGES, 0),
    )


def documents_not_ready(*, case: Case) -> list[DocumentItem]:
    """Required documents not accepted yet (missing, uploaded but not reviewed, sent back)."""
    return list(
        case.documents.filter(required=True).exclude(status=DocumentStatus.ACCEPTED)
    )
