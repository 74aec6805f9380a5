"""Reads other parts of the portal rely on."""

import pytest

from eligibility.noc.selectors import unit_group_for_code
from tests.noc.factories import UnitGroupFactory


@pytest.fixture
def cooks(db):
    return UnitGroupFactory(code="63200", title="Cooks", duties=["Cook", "Clean up"])


def test_unit_group_for_code_returns_the_group_with_ordered_duties(cooks):
    found = unit_group_for_code("63200")
    assert found == cooks
    assert [d.text for d in found.duties.all()] == ["Cook", "Clean up"]


@pytest.mark.parametrize("code", ["63201", "6320", "632000", "abcde", "", None])
def test_unit_group_for_code_is_none_for_an_unknown_or_malformed_code(cooks, code):
    assert unit_group_for_code(code) is None


def test_unit_group_for_code_takes_two_queries(cooks, django_assert_num_queries):
    with django_assert_num_queries(2):
        list(unit_group_for_code("63200").duties.all())
