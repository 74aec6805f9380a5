"""Query counts stay flat as a checklist grows (the client list's are in tests/admin)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from cases.access import access_to
from cases.documents.services import document_upload
from tests.cases.factories import DocumentItemFactory
from tests.cases.samples import PDF

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("items", [1, 12])
def test_documents_page_queries_do_not_grow_with_the_checklist(
    owner_client, case, consultant, items, django_assert_max_num_queries
):
    for _index in range(items):
        item = DocumentItemFactory(case=case)
        document_upload(access=access_to(case=case, user=consultant), item=item,
                        file=SimpleUploadedFile("a.pdf", PDF))
    with django_assert_max_num_queries(12):
        response = owner_client.get(reverse("cases:documents", args=[case.pk]))
    assert [row["item"] for row in response.context["rows"]] == list(case.documents.all())
    assert response.content.decode().count("a.pdf") >= items
