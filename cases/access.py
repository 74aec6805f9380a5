"""Who may see a case and who may act on it: one place answers both.

A case is seen by its applicant and by the applicant's consultant, and by nobody else (404, so a
stranger cannot even tell it exists). Its documents and uploads are fetched through the case.
"""

from django.db.models import Q
from django.shortcuts import get_object_or_404

from cases.models import Case, DocumentItem, Upload
from profiles.models import Applicant, User


def _visible_to(user: User) -> Q:
    return Q(applicant__user=user) | Q(applicant__consultant=user)


def case_for_user(*, user: User, pk: int) -> Case:
    """The case if ``user`` is its applicant or their consultant; 404 otherwise."""
    queryset = Case.objects.select_related("applicant__user", "applicant__consultant")
    return get_object_or_404(queryset.filter(_visible_to(user)), pk=pk)


def document_item_for_user(*, user: User, case_pk: int, pk: int) -> DocumentItem:
    queryset = DocumentItem.objects.select_related(
        "case__applicant__user", "case__applicant__consultant"
    ).filter(case_id=case_pk)
    return get_object_or_404(
        queryset.filter(
            Q(case__applicant__user=user) | Q(case__applicant__consultant=user)
        ),
        pk=pk,
    )


def upload_for_user(*, user: User, case_pk: int, pk: int) -> Upload:
    queryset = Upload.objects.select_related(
        "item__case__applicant__user", "item__case__applicant__consultant"
    ).filter(item__case_id=case_pk)
    return get_object_or_404(
        queryset.filter(
            Q(item__case__applicant__user=user) | Q(item__case__applicant__consultant=user)
        ),
        pk=pk,
    )


def client_for_consultant(*, user: User, applicant_pk: int) -> Applicant:
    """One of the consultant's own clients; 404 for anyone else's."""
    return get_object_or_404(Applicant, pk=applicant_pk, consultant=user)


def is_consultant_of(*, case: Case, user: User) -> bool:
    return case.applicant.consultant_id is not None and case.applicant.consultant_id == user.pk
