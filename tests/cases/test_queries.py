"""Query counts stay flat as a checklist or a client list grows."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.deadlines import next_deadline_for, next_deadlines_for
from cases.documents.services import document_upload
from tests.cases.factories import (
    DocumentItemFactory,
    InvitationFactory,
    ProfileSubmissionFactory,
    days_ago,
)
from tests.cases.samples import PDF
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db



@pytest.mark.parametrize("items", [1, 12])
def test_documents_page_queries_do_not_grow_with_the_checklist(
    owner_client, case, consultant, items, django_assert_max_num_queries
):
    for _index in range(items):
        item = DocumentItemFactory(case=case)
        document_upload(item=item, by=consultant, file=SimpleUploadedFile("a.pdf", PDF))
    with django_assert_max_num_queries(12):
        assert owner_client.get(reverse("cases:documents", args=[case.pk])).status_code == 200


@pytest.mark.parametrize("clients", [1, 10])
def test_next_deadlines_for_a_client_list_takes_four_queries(
    clients, django_assert_num_queries
):
    applicants = []
    for index in range(clients):
        if index % 2:
            applicants.append(InvitationFactory(invited_on=days_ago(5)).case.applicant)
        else:
            applicants.append(ProfileSubmissionFactory().case.applicant)
    applicants.append(ApplicantFactory())  # no case yet
    with django_assert_num_queries(4):
        found = next_deadlines_for(applicants=applicants)
    assert len(found) == clients + 1


def test_next_deadlines_for_agrees_with_next_deadline_for(db):
    applicants = [
        InvitationFactory(invited_on=days_ago(5)).case.applicant,
        ProfileSubmissionFactory().case.applicant,
        ApplicantFactory(),
    ]
    found = next_deadlines_for(applicants=applicants)
    for applicant in applicants:
        assert found[applicant.pk] == next_deadline_for(applicant=applicant)
