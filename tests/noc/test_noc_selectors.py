"""Reads other parts of the portal rely on: a unit group for its public page."""

import pytest

from eligibility.noc.selectors import unit_group_page
from tests.noc.factories import UnitGroupFactory


@pytest.fixture
def cooks(db):
    return UnitGroupFactory(code="63200", title="Cooks", duties=["Cook", "Clean up"])


def test_unit_group_page_returns_the_group_with_ordered_duties(cooks):
    found = unit_group_page(code="63200")
    assert found == cooks
    assert [d.text for d in found.duties.all()] == ["Cook", "Clean up"]


@pytest.mark.parametrize("code", ["63201", "6320", "632000", "abcde", ""])
def test_unit_group_page_is_none_for_an_unknown_or_malformed_code(cooks, code):
    assert unit_group_page(code=code) is None
