"""Writes to the document checklist: keep it in step with the facts, take uploads and delete
them. Each is one transaction; the consultant's review is in ``cases.documents.review``."""

import uuid
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django_countries import countries

from cases.access import CaseAccess
from cases.documents import checklist, uploads
from cases.enums import DocumentStatus, NotificationKind
from cases.errors import (
    ACCEPTED_CANNOT_DELETE,
    ACCEPTED_LOCKED,
    ALREADY_LISTED,
    DUE_IN_PAST,
    REQUEST_ONLY_CONSULTANT,
    CaseError,
)
from cases.models import Case, DocumentItem, Upload
from cases.notifications import notify
from cases.records import latest_invitation
from cases.status import case_lock
from profiles.evaluation import evaluate_applicant
from profiles.reading import Result

# Lines people added come after the built checklist, in the order they were added.
ADDED_POSITION = 1000


def check_item_of(*, access: CaseAccess, item: DocumentItem) -> None:
    """ValueError unless ``item`` is on the case ``access`` was found for: a service is never
    handed another case's item (views fetch items through ``CaseAccess.document_item``)."""
    if item.case_id != access.case.pk:
        raise ValueError(f"document item {item.pk} is not on case {access.case.pk}")


def case_sync_checklist(*, case: Case, result: Result | None) -> list[DocumentItem]:
    """Bring a locked case's checklist in step with ``result``: add the lines it calls for,
    update changed ones, drop those no longer called for (kept, not required, when files were
    uploaded). Call it inside the caller's transaction."""
    entries = checklist.checklist_for(applicant=case.applicant, result=result)
    existing = {item.key: item for item in case.documents.all()}
    wanted = set()
    for position, entry in enumerate(entries):
        wanted.add(entry.key)
        item = existing.get(entry.key)
        if item is None:
            DocumentItem.objects.create(
                case=case, key=entry.key, kind=entry.kind, subject=entry.subject,
                position=position,
            )
        elif (item.kind, item.subject, item.position, item.required) != (
            entry.kind, entry.subject, position, True
        ):
            item.kind, item.subject, item.position, item.required = (
                entry.kind, entry.subject, position, True
            )
            item.save(update_fields=["kind", "subject", "position", "required"])
    for key, item in existing.items():
        if key in wanted or item.added:
            # A line a person added stays whatever the facts say.
            continue
        # A line the facts no longer call for: drop it, unless files were uploaded to it.
        if item.uploads.exists():
            if item.required:
                item.required = False
                item.save(update_fields=["required"])
        else:
            item.delete()
    return list(case.documents.all())


@transaction.atomic
def case_rebuild_checklist(*, access: CaseAccess) -> list[DocumentItem]:
    """Rebuild the checklist from today's answers, evaluated on the ITA date (or today)."""
    locked = case_lock(access.case)
    invitation = latest_invitation(case=locked)
    on = invitation.invited_on if invitation else timezone.localdate()
    evaluation = evaluate_applicant(applicant=locked.applicant, on=on)
    return case_sync_checklist(case=locked, result=evaluation.result)


@transaction.atomic
def document_upload(*, access: CaseAccess, item: DocumentItem, file: UploadedFile) -> Upload:
    """Store a checked file against a checklist item; the item becomes "uploaded"."""
    check_item_of(access=access, item=item)
    if item.status == DocumentStatus.ACCEPTED:
        # Otherwise a new upload would reopen the item and let the accepted file be deleted.
        raise CaseError(ACCEPTED_LOCKED)
    kind = uploads.check_upload(file)  # raises cases.errors.UploadRefused
    upload = Upload(
        item=item,
        original_name=uploads.safe_display_name(file.name),
        content_type=kind.mime,
        extension=kind.extension,
        size=file.size,
        uploaded_by=access.user,
    )
    upload.file.save("upload", file, save=False)
    upload.save()
    item.status = DocumentStatus.UPLOADED
    item.save(update_fields=["status"])
    return upload


@transaction.atomic
def document_delete_upload(*, access: CaseAccess, upload: Upload) -> DocumentItem:
    """Delete a file, and its stored copy once the transaction commits; an item left with no
    file is "missing" again. An accepted document stays."""
    item = upload.item
    check_item_of(access=access, item=item)
    if item.status == DocumentStatus.ACCEPTED:
        raise CaseError(ACCEPTED_CANNOT_DELETE)
    stored = upload.file.name
    storage = upload.file.storage
    upload.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: storage.delete(stored))
    if not item.uploads.exists():
        item.status = DocumentStatus.MISSING
        item.save(update_fields=["status"])
    return item


def _add_item(*, access: CaseAccess, key: str, kind: str, subject: str, **fields
              ) -> DocumentItem:
    case = access.case
    position = ADDED_POSITION + case.documents.filter(added=True).count()
    return DocumentItem.objects.create(
        case=case, key=key, kind=kind, subject=subject, position=position, added=True,
        added_by=access.user, **fields,
    )


@transaction.atomic
def document_request(
    *, access: CaseAccess, title: str, instructions: str = "", due_on: date | None = None
) -> DocumentItem:
    """The consultant adds any document to the client's checklist; the client is told."""
    if not access.is_consultant:
        raise CaseError(REQUEST_ONLY_CONSULTANT)
    if due_on is not None and due_on < timezone.localdate():
        raise CaseError(DUE_IN_PAST, field="due_on")
    item = _add_item(
        access=access, key=f"requested:{uuid.uuid4().hex[:12]}",
        kind="requested", subject=title.strip(), instructions=instructions.strip(),
        due_on=due_on,
    )
    notify(user=access.case.applicant.user, case=access.case,
           kind=NotificationKind.DOCUMENT_REQUESTED, item=item)
    return item


@transaction.atomic
def police_country_add(*, access: CaseAccess, country: str, spouse: bool = False
                       ) -> DocumentItem:
    """A police certificate for a country the checklist did not list (the applicant's or
    their spouse's); refused when that country is listed already."""
    kind = "spouse_police_certificate" if spouse else "police_certificate"
    key = f"{kind}:{country}"
    if access.case.documents.filter(key=key).exists():
        raise CaseError(ALREADY_LISTED % {"country": countries.name(country) or country},
                        field="country")
    return _add_item(access=access, key=key, kind=kind, subject=country)
