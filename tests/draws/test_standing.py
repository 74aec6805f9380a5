"""Where a CRS score stands against the last rounds and the latest pool distribution."""

from datetime import date

import pytest

from eligibility.draws.standing import standing_for
from tests.draws.factories import RoundFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rounds():
    RoundFactory(number="430", category="cec", crs_cutoff=520, drawn_on=date(2026, 7, 1))
    RoundFactory(number="432", category="cec", crs_cutoff=516, drawn_on=date(2026, 8, 5))
    RoundFactory(number="431", category="all_programs", crs_cutoff=530,
                 drawn_on=date(2026, 7, 20), name="No Program Specified")


def test_standing_compares_with_the_last_cec_and_all_program_rounds(rounds):
    standing = standing_for(crs=518)
    assert standing.last_cec.number == "432"
    assert standing.last_all_programs.number == "431"


def test_a_score_at_the_cutoff_reaches_it(rounds):
    standing = standing_for(crs=516)
    assert standing.reaches_last_cec
    assert not standing.reaches_last_all_programs


def test_a_score_one_below_the_cutoff_does_not_reach_it(rounds):
    standing = standing_for(crs=515)
    assert not standing.reaches_last_cec


def test_a_score_above_both_cutoffs_reaches_both(rounds):
    standing = standing_for(crs=530)
    assert standing.reaches_last_cec and standing.reaches_last_all_programs


def test_without_a_score_nothing_is_reached(rounds):
    standing = standing_for(crs=None)
    assert not standing.reaches_last_cec
    assert not standing.reaches_last_all_programs


def test_without_rounds_nothing_is_reached(db):
    standing = standing_for(crs=600)
    assert not standing.reaches_last_cec
    assert not standing.reaches_last_all_programs


def test_standing_places_the_score_in_the_latest_distribution(db):
    counts = {f"dd{n}": 0 for n in range(1, 19)}
    counts.update(dd1=500, dd2=19_705, dd4=12_939, dd5=12_890, dd18=229_100)
    RoundFactory(number="434", distribution=counts, distribution_on=date(2026, 8, 3))
    place = standing_for(crs=485).pool
    assert (place.low, place.high, place.in_band) == (481, 490, 12_890)
    assert place.above == 500 + 19_705 + 12_939
    assert place.total == 229_100
