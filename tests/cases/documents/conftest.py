import pytest

from cases.access import access_to
from cases.documents.services import document_upload
from tests.cases.factories import DocumentItemFactory
from tests.cases.samples import PDF, upload


@pytest.fixture
def item(case):
    """A line of the eligible applicant's checklist (their consultant is ``consultant``)."""
    return DocumentItemFactory(case=case)


@pytest.fixture
def stored(item, consultant):
    """A PDF on ``item``, uploaded by the applicant's consultant."""
    return document_upload(
        access=access_to(case=item.case, user=consultant), item=item, file=upload("letter.pdf", PDF)
    )
