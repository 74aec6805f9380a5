"""Writes to a case's message thread: a message (with a file checked like an upload) and
marking the other party's messages read. The other party is emailed a link, never the text."""

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from cases.access import CaseAccess
from cases.documents import uploads
from cases.enums import NotificationKind
from cases.errors import MESSAGE_EMPTY, CaseError
from cases.models import Message
from cases.notifications import email_about, other_party


@transaction.atomic
def message_send(*, access: CaseAccess, body: str, file: UploadedFile | None = None) -> Message:
    """Add a message to the case's thread; ``uploads.UploadRefused`` for a file that would not
    be accepted as a document either (nothing is stored then)."""
    body = body.strip()
    if not body:
        raise CaseError(MESSAGE_EMPTY, field="body")
    message = Message(case=access.case, author=access.user, body=body)
    if file is not None:
        kind = uploads.check_upload(file)
        message.original_name = uploads.safe_display_name(file.name)
        message.content_type, message.extension = kind.mime, kind.extension
        message.size = file.size
        message.file.save("attachment", file, save=False)
    message.save()
    recipient = other_party(case=access.case, actor=access.user)
    if recipient is not None:
        email_about(user=recipient, case=access.case, kind=NotificationKind.MESSAGE)
    return message


def messages_mark_read(*, access: CaseAccess) -> int:
    """Mark read what the other party wrote to ``access.user``; how many were unread."""
    return (
        access.case.messages.filter(read_at__isnull=True)
        .exclude(author=access.user)
        .update(read_at=timezone.now())
    )
