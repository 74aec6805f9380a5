"""The consultant's "my work" page: deadlines in the next 14 days, documents waiting for review,
unread messages and expiries, across their own clients only, each linking to the client."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cases.enums import CaseStatus, DocumentStatus
from cases.models import Case, Message
from cases.status import case_transition
from tests.cases.factories import CaseFactory, DocumentItemFactory
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

URL = reverse("consultants:my_work")


def soon(days):
    return timezone.localdate() + timedelta(days=days)


@pytest.fixture
def my_case(my_client):
    return CaseFactory(applicant=my_client, status=CaseStatus.INVITED)


@pytest.fixture
def their_case(their_client):
    return CaseFactory(applicant=their_client, status=CaseStatus.INVITED)


def page(client):
    response = client.get(URL)
    assert response.status_code == 200
    return response.context["work"], response.content.decode()


def test_deadlines_in_the_next_14_days_link_to_the_case(consultant_client, my_case):
    Case.objects.filter(pk=my_case.pk).update(next_deadline_on=soon(10),
                                              next_deadline_kind="application_due")
    work, html = page(consultant_client)
    (line,) = work.deadlines
    assert (line.client, line.on, line.url) == (
        "Mine Client", soon(10), reverse("cases:detail", args=[my_case.pk]))
    assert "Submit the application by" in html


def test_a_deadline_after_14_days_is_left_out(consultant_client, my_case):
    Case.objects.filter(pk=my_case.pk).update(next_deadline_on=soon(15),
                                              next_deadline_kind="application_due")
    assert page(consultant_client)[0].deadlines == []


def test_a_requested_document_due_soon_is_a_deadline(consultant_client, my_case):
    item = DocumentItemFactory(case=my_case, key="requested:x", kind="requested",
                               subject="Bank letter", added=True, due_on=soon(3))
    (line,) = page(consultant_client)[0].deadlines
    assert (line.what, line.url) == (
        "Bank letter", reverse("cases:documents", args=[my_case.pk]) + f"#item-{item.pk}")


def test_uploaded_documents_wait_for_review(consultant_client, my_case):
    DocumentItemFactory(case=my_case, key="passport", kind="passport",
                        status=DocumentStatus.UPLOADED)
    DocumentItemFactory(case=my_case, key="photo", kind="photo", status=DocumentStatus.ACCEPTED)
    assert [line.what for line in page(consultant_client)[0].to_review] == ["Passport"]


def test_unread_messages_are_counted_per_client(consultant_client, my_case):
    for _ in range(2):
        Message.objects.create(case=my_case, author=my_case.applicant.user, body="Hi")
    work, html = page(consultant_client)
    (line,) = work.unread
    assert (line.count, line.url) == (2, reverse("cases:messages", args=[my_case.pk]))
    assert "2 unread" in html


def test_expiring_items_and_maintained_status_are_listed(consultant_client, my_client):
    my_client.passport_issued_on, my_client.passport_expires_on = soon(-3000), soon(40)
    my_client.status_in_canada = "maintained"
    my_client.save()
    lines = page(consultant_client)[0].expiring
    assert [(line.what, line.on) for line in lines] == [
        ("on maintained status", None), ("Passport", soon(40))]
    assert lines[0].url == reverse("cases:client", args=[my_client.pk])


def test_another_consultants_clients_are_never_listed(consultant_client, my_case, their_case):
    Message.objects.create(case=their_case, author=their_case.applicant.user, body="Hi")
    DocumentItemFactory(case=their_case, key="passport", kind="passport",
                        status=DocumentStatus.UPLOADED)
    Case.objects.filter(pk=their_case.pk).update(next_deadline_on=soon(2),
                                                 next_deadline_kind="application_due")
    work, html = page(consultant_client)
    assert (work.deadlines, work.to_review, work.unread) == ([], [], [])
    assert "Theirs" not in html


def test_an_applicant_is_refused(client, my_client):
    client.force_login(my_client.user)
    assert client.get(URL).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/login" in response["Location"]


@pytest.mark.parametrize("clients", [1, 5])
def test_queries_do_not_grow_with_the_clients(consultant, consultant_client, clients,
                                              django_assert_max_num_queries):
    for _ in range(clients):
        case = CaseFactory(applicant=ApplicantFactory(consultant=consultant),
                           status=CaseStatus.INVITED)
        Message.objects.create(case=case, author=case.applicant.user, body="Hi")
        DocumentItemFactory(case=case, key="passport", kind="passport",
                            status=DocumentStatus.UPLOADED)
    with django_assert_max_num_queries(20):
        consultant_client.get(URL)


def test_the_consultants_updates_name_the_client_and_are_marked_seen(consultant_client,
                                                                     my_case):
    case_transition(case=my_case, to=CaseStatus.SUBMITTED, by=my_case.applicant.user)
    (line,) = page(consultant_client)[0].updates
    assert (line.client, line.what) == (
        "Mine Client", "The case moved: Application submitted.")
    response = consultant_client.post(reverse("cases:notifications_seen"))
    assert response["Location"] == URL
    assert page(consultant_client)[0].updates == []
