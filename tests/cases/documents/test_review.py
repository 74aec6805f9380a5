"""The consultant's review of a document: accept it, or ask for changes with a comment; nobody
else reviews (``cases.documents.review``)."""

import pytest
from django.urls import reverse

from cases.access import access_to
from cases.documents.review import document_review
from cases.enums import DocumentStatus
from cases.errors import REVIEW_ONLY_CONSULTANT, CaseError
from tests.cases.factories import DocumentItemFactory, as_applicant

pytestmark = pytest.mark.django_db


def review(client, item, status, comment=""):
    url = reverse("cases:review", args=[item.case_id, item.pk])
    return client.post(url, {"status": status, "comment": comment})


# ----- through the page ---------------------------------------------------------------------


def test_consultant_accepts_a_document(consultant_client, stored):
    review(consultant_client, stored.item, "accepted")
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.ACCEPTED


def test_consultant_asks_for_changes_with_a_comment(consultant_client, stored):
    review(consultant_client, stored.item, "needs_changes", "The letter lacks hours per week")
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.NEEDS_CHANGES
    assert stored.item.comment == "The letter lacks hours per week"


def test_asking_for_changes_needs_a_comment(consultant_client, stored):
    response = review(consultant_client, stored.item, "needs_changes")
    assert "Say what needs to change." in response.content.decode()
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.UPLOADED


def test_the_applicant_cannot_accept_their_own_document(owner_client, stored):
    assert review(owner_client, stored.item, "accepted").status_code == 403
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.UPLOADED


def test_an_outsider_cannot_review_a_document(outsider_client, stored):
    assert review(outsider_client, stored.item, "accepted").status_code == 404
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.UPLOADED


def test_an_anonymous_visitor_is_sent_to_log_in(client, stored):
    response = review(client, stored.item, "accepted")
    assert response["Location"].startswith(reverse("login"))
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.UPLOADED


# ----- the service --------------------------------------------------------------------------


def test_the_review_records_who_reviewed_and_when(stored, consultant):
    document_review(access=access_to(case=stored.item.case, user=consultant), item=stored.item,
                    status=DocumentStatus.ACCEPTED)
    stored.item.refresh_from_db()
    assert stored.item.reviewed_by == consultant
    assert stored.item.reviewed_at is not None


def test_the_service_refuses_a_review_by_anyone_but_the_consultant(stored):
    with pytest.raises(CaseError) as refused:
        document_review(access=as_applicant(stored.item.case), item=stored.item,
                        status=DocumentStatus.ACCEPTED)
    assert refused.value.message == REVIEW_ONLY_CONSULTANT
    stored.item.refresh_from_db()
    assert stored.item.status == DocumentStatus.UPLOADED


def test_the_service_refuses_an_item_of_another_case(case, consultant):
    other = DocumentItemFactory(status=DocumentStatus.UPLOADED)
    with pytest.raises(CaseError):
        document_review(access=access_to(case=case, user=consultant), item=other,
                        status=DocumentStatus.ACCEPTED)
    other.refresh_from_db()
    assert other.status == DocumentStatus.UPLOADED


@pytest.mark.parametrize("status", [DocumentStatus.MISSING, DocumentStatus.UPLOADED])
def test_a_review_only_accepts_or_asks_for_changes(stored, consultant, status):
    with pytest.raises(CaseError):
        document_review(access=access_to(case=stored.item.case, user=consultant),
                        item=stored.item, status=status)
    stored.item.refresh_from_db()
    assert stored.item.reviewed_by is None
