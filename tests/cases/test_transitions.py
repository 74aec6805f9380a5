"""The case's status moves only along the allowed transitions, and every move is logged."""

import itertools

import pytest

from cases.enums import TRANSITIONS, CaseStatus
from cases.errors import CaseError
from cases.models import CaseTransition
from cases.status import case_transition
from tests.cases.factories import CaseFactory

pytestmark = pytest.mark.django_db

ALLOWED = [
    ("preparing", "in_pool"),
    ("in_pool", "invited"),
    ("invited", "submitted"),
    ("submitted", "approved"),
    ("submitted", "refused"),
    ("submitted", "withdrawn"),
    ("invited", "in_pool"),  # ITA declined
    ("in_pool", "preparing"),  # profile expired
]
FORBIDDEN = [
    pair
    for pair in itertools.product(CaseStatus.values, repeat=2)
    if pair not in ALLOWED
]


def test_the_allowed_transitions_are_exactly_those_of_the_issue():
    assert set(TRANSITIONS) == set(ALLOWED)


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_an_allowed_transition_moves_the_case(from_status, to_status, consultant):
    case = CaseFactory(status=from_status)
    case_transition(case=case, to=to_status, by=consultant)
    case.refresh_from_db()
    assert case.status == to_status


@pytest.mark.parametrize(("from_status", "to_status"), ALLOWED)
def test_an_allowed_transition_is_logged_with_when_and_by_whom(
    from_status, to_status, consultant
):
    case = CaseFactory(status=from_status)
    case_transition(case=case, to=to_status, by=consultant, note="because")
    entry = CaseTransition.objects.get(case=case)
    assert (entry.from_status, entry.to_status, entry.by, entry.note) == (
        from_status, to_status, consultant, "because"
    )
    assert entry.at is not None


@pytest.mark.parametrize(("from_status", "to_status"), FORBIDDEN)
def test_a_forbidden_transition_is_refused_and_changes_nothing(
    from_status, to_status, consultant
):
    case = CaseFactory(status=from_status)
    with pytest.raises(CaseError) as refused:
        case_transition(case=case, to=to_status, by=consultant)
    case.refresh_from_db()
    assert case.status == from_status
    assert not CaseTransition.objects.filter(case=case).exists()
    assert "cannot become" in str(refused.value.message)


def test_a_refused_transition_names_both_statuses(consultant):
    case = CaseFactory(status=CaseStatus.PREPARING)
    with pytest.raises(CaseError) as refused:
        case_transition(case=case, to=CaseStatus.APPROVED, by=consultant)
    assert str(refused.value.message) == (
        "A case that is “Preparing the profile” cannot become “Approved”. Nothing was changed."
    )


def test_the_status_is_read_from_the_database_not_a_stale_object(consultant):
    case = CaseFactory(status=CaseStatus.PREPARING)
    stale = type(case).objects.get(pk=case.pk)
    case_transition(case=case, to=CaseStatus.IN_POOL, by=consultant)
    with pytest.raises(CaseError):
        case_transition(case=stale, to=CaseStatus.IN_POOL, by=consultant)
    assert CaseTransition.objects.filter(case=case).count() == 1
