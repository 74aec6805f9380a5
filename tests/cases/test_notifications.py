"""Notifications that close loops: a document accepted or sent back, a request added, the case
moving. The person is emailed a link (nothing personal) and sees it on their dashboard until
they mark it seen."""

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.enums import CaseStatus, DocumentStatus, NotificationKind
from cases.models import Notification
from cases.status import case_transition
from tests.cases.factories import CaseFactory, DocumentItemFactory
from tests.cases.personas import is_login_redirect, log_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(eligible_applicant):
    return CaseFactory(applicant=eligible_applicant, status=CaseStatus.INVITED)


@pytest.fixture
def item(case):
    return DocumentItemFactory(case=case, key="passport", kind="passport",
                               status=DocumentStatus.UPLOADED)


def review(client, item, status, comment=""):
    return client.post(reverse("cases:review", args=[item.case_id, item.pk]),
                       {"status": status, "comment": comment})


@pytest.mark.parametrize(("status", "kind", "sentence"), [
    ("accepted", NotificationKind.DOCUMENT_ACCEPTED, "“Passport” was accepted."),
    ("needs_changes", NotificationKind.DOCUMENT_SENT_BACK,
     "“Passport” was sent back: see the comment."),
])
def test_a_review_notifies_the_applicant(client, case, item, status, kind, sentence):
    log_in_as(client, "consultant", case)
    review(client, item, status, comment="Page 2 is missing")
    notification = Notification.objects.get(user=case.applicant.user)
    assert (notification.kind, notification.item) == (kind, item)
    client.logout()
    log_in_as(client, "applicant", case)
    assert sentence in client.get(reverse("dashboard")).content.decode()


def test_a_review_emails_a_link_without_the_comment(
    client, case, item, mailoutbox, django_capture_on_commit_callbacks
):
    log_in_as(client, "consultant", case)
    with django_capture_on_commit_callbacks(execute=True):
        review(client, item, "needs_changes", comment="Your passport number is unreadable")
    (mail,) = mailoutbox
    assert mail.to == [case.applicant.user.email]
    assert mail.subject == "A document on your file was reviewed"
    assert f"/case/{case.pk}/documents/#item-{item.pk}" in mail.body
    assert "unreadable" not in mail.body and "Passport" not in mail.body


def test_a_move_by_the_consultant_notifies_the_applicant(case):
    case_transition(case=case, to=CaseStatus.IN_POOL, by=case.applicant.consultant)
    notification = Notification.objects.get()
    assert (notification.user, notification.kind, notification.detail) == (
        case.applicant.user, NotificationKind.CASE_MOVED, CaseStatus.IN_POOL)


def test_a_move_by_the_applicant_notifies_their_consultant(case):
    case_transition(case=case, to=CaseStatus.IN_POOL, by=case.applicant.user)
    assert Notification.objects.get().user == case.applicant.consultant


def test_the_dashboard_names_the_new_status(client, case):
    case_transition(case=case, to=CaseStatus.IN_POOL, by=case.applicant.consultant)
    log_in_as(client, "applicant", case)
    html = client.get(reverse("dashboard")).content.decode()
    assert "The case moved: In the pool (profile submitted)." in html


def test_marking_seen_clears_only_the_persons_own_notifications(client, case):
    mine = Notification.objects.create(user=case.applicant.user, case=case,
                                       kind=NotificationKind.MESSAGE)
    theirs = Notification.objects.create(user=case.applicant.consultant, case=case,
                                         kind=NotificationKind.MESSAGE)
    log_in_as(client, "applicant", case)
    client.post(reverse("cases:notifications_seen"))
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.seen_at is not None and theirs.seen_at is None
    assert "New message on the case" not in client.get(reverse("dashboard")).content.decode()


def test_marking_seen_is_refused_to_an_anonymous_visitor(client, case):
    note = Notification.objects.create(user=case.applicant.user, case=case,
                                       kind=NotificationKind.MESSAGE)
    assert is_login_redirect(client.post(reverse("cases:notifications_seen")))
    note.refresh_from_db()
    assert note.seen_at is None


def test_marking_seen_is_a_post_only(client, case):
    log_in_as(client, "applicant", case)
    assert client.get(reverse("cases:notifications_seen")).status_code == 405


def test_an_old_seen_notification_is_not_on_the_dashboard(client, case):
    Notification.objects.create(user=case.applicant.user, case=case,
                                kind=NotificationKind.MESSAGE, seen_at=timezone.now())
    log_in_as(client, "applicant", case)
    assert "New message on the case" not in client.get(reverse("dashboard")).content.decode()
