"""Telling a person that something happened on their case: a line on their dashboard (a
``Notification``) and an email with a link back to the portal.

The email says only what kind of thing happened, never its content (no document name, no
message text, no status): an inbox is not the portal, and the person reads the details after
signing in. It is written in the recipient's language (``accounts.mail.recipient_language``)
and sent after the transaction commits, through the configured mail runner.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.mail import send_to_user_later
from cases.enums import CaseStatus, NotificationKind
from cases.models import Case, DocumentItem, Notification
from profiles.models import User

# The email's subject for each kind: what happened, with no personal content.
SUBJECTS = {
    NotificationKind.DOCUMENT_ACCEPTED: _("A document on your file was reviewed"),
    NotificationKind.DOCUMENT_SENT_BACK: _("A document on your file was reviewed"),
    NotificationKind.DOCUMENT_REQUESTED: _("A document was requested on your file"),
    NotificationKind.CASE_MOVED: _("Your file moved to a new step"),
    NotificationKind.MESSAGE: _("New message on your file"),
}

# The dashboard's sentence for each kind, filled when shown (in the reader's language).
SENTENCES = {
    NotificationKind.DOCUMENT_ACCEPTED: _("“%(document)s” was accepted."),
    NotificationKind.DOCUMENT_SENT_BACK: _("“%(document)s” was sent back: see the comment."),
    NotificationKind.DOCUMENT_REQUESTED: _("A document was requested: “%(document)s”."),
    NotificationKind.CASE_MOVED: _("The case moved: %(status)s."),
    NotificationKind.MESSAGE: _("New message on the case."),
}


def link_for(*, case: Case, kind: str, item: DocumentItem | None = None) -> str:
    """Where the email and the dashboard send the person: the page where it happened."""
    if item is not None:
        path = reverse("cases:documents", args=[case.pk]) + f"#item-{item.pk}"
    elif kind == NotificationKind.MESSAGE:
        path = reverse("cases:messages", args=[case.pk])
    else:
        path = reverse("cases:detail", args=[case.pk])
    return path


def email_about(*, user: User, case: Case, kind: str, item: DocumentItem | None = None) -> None:
    """Email ``user`` that something of ``kind`` happened, with a link and nothing more."""
    if not user.email:
        return
    send_to_user_later(
        user=user,
        subject=SUBJECTS[kind],
        template="cases/email/notification.txt",
        context={"link": settings.CEC_SITE_URL.rstrip("/") + link_for(
            case=case, kind=kind, item=item)},
    )


def notify(*, user: User | None, case: Case, kind: str, item: DocumentItem | None = None,
           detail: str = "") -> Notification | None:
    """Record the notification for ``user``'s dashboard and email them about it."""
    if user is None:
        return None
    notification = Notification.objects.create(
        user=user, case=case, kind=kind, item=item, detail=detail
    )
    email_about(user=user, case=case, kind=kind, item=item)
    return notification


def notifications_mark_seen(*, user: User) -> int:
    return Notification.objects.filter(user=user, seen_at__isnull=True).update(
        seen_at=timezone.now()
    )


def other_party(*, case: Case, actor: User | None) -> User | None:
    """Who should hear of what ``actor`` did on the case: the applicant, or, when the
    applicant did it, their consultant."""
    applicant = case.applicant
    if actor is not None and actor.pk == applicant.user_id:
        return applicant.consultant
    return applicant.user


def sentence(notification: Notification) -> str:
    """The dashboard's line for a notification, in the active language."""
    values = {"document": notification.item.title if notification.item else "",
              "status": CaseStatus(notification.detail).label
              if notification.detail in CaseStatus.values else notification.detail}
    return str(SENTENCES[notification.kind]) % values
