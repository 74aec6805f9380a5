"""Every vector of the rules files in one table (the detailed tests are beside it)."""

import pytest

from tests.rules.builders import run
from tests.rules.vectors import CEC_VECTORS, CRS_EXAMPLES, crs_sections


@pytest.mark.parametrize("name", sorted(CEC_VECTORS))
def test_cec_vector(name):
    obj, eligible, hours = CEC_VECTORS[name]
    result = run(obj)
    assert (result["cec"]["eligible"], result["cec"]["qualifying_hours"]) == (eligible, hours)


@pytest.mark.parametrize("name", sorted(CRS_EXAMPLES))
def test_crs_worked_example(name):
    obj, sections = CRS_EXAMPLES[name]
    assert crs_sections(run(obj)) == sections
