"""Who may see a case and who may act on it: one function answers both.

A case is seen by its applicant and by the applicant's consultant, and by nobody else (404, so a
stranger cannot even tell it exists). ``case_access`` returns the case with what the user is to
it; a document item or an upload is fetched through that answer, never on its own, and the
services take the answer rather than asking again.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.shortcuts import get_object_or_404

from cases.models import Case, DocumentItem, Message, Upload
from profiles.models import Applicant, User


@dataclass(frozen=True)
class CaseAccess:
    """A case the user may see, and whether they are its consultant (who may review documents,
    override a verdict and speak of the applicant in the third person)."""

    case: Case
    user: User
    is_consultant: bool

    def document_item(self, pk: int) -> DocumentItem:
        """One item of this case's checklist; 404 for an item of another case."""
        return get_object_or_404(DocumentItem.objects.filter(case=self.case), pk=pk)

    def attachment(self, pk: int) -> Message:
        """A message of this case that carries a file; 404 for any other."""
        return get_object_or_404(
            Message.objects.filter(case=self.case).exclude(file=""), pk=pk
        )

    def upload(self, pk: int) -> Upload:
        """One file of this case; 404 for a file of another case."""
        return get_object_or_404(
            Upload.objects.select_related("item").filter(item__case=self.case), pk=pk
        )


def is_consultant_of(*, applicant: Applicant, user: User | None) -> bool:
    """Whether ``user`` is the applicant's consultant: the one question behind every
    consultant-only door (reviewing documents, overriding a verdict, recording the steps)."""
    return (
        user is not None
        and applicant.consultant_id is not None
        and applicant.consultant_id == user.pk
    )


def access_to(*, case: Case, user: User) -> CaseAccess:
    """The access of ``user`` to a case already found through ``case_access`` or its owner."""
    return CaseAccess(
        case=case, user=user, is_consultant=is_consultant_of(applicant=case.applicant, user=user)
    )


def case_access(*, user: User, pk: int) -> CaseAccess:
    """The case if ``user`` is its applicant or their consultant, with which; 404 otherwise."""
    queryset = Case.objects.select_related("applicant__user", "applicant__consultant").filter(
        Q(applicant__user=user) | Q(applicant__consultant=user)
    )
    return access_to(case=get_object_or_404(queryset, pk=pk), user=user)


def client_for_consultant(*, user: User, applicant_pk: int) -> Applicant:
    """One of the consultant's own clients; 404 for anyone else's."""
    return get_object_or_404(Applicant, pk=applicant_pk, consultant=user)
