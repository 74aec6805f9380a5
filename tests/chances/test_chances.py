"""My chances: the rounds a person can be invited in, computed from the engine's result and the
stored rounds (one selector, eligibility.draws.chances.chances_for)."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from eligibility.draws.chances import chances_for
from profiles.evaluation import current_evaluation
from tests.chances.conftest import crs_of, days_ago, healthcare_round, make_nurse
from tests.draws.factories import RoundFactory
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory

pytestmark = pytest.mark.django_db


def chances(applicant):
    evaluation = current_evaluation(applicant=applicant)
    return chances_for(result=evaluation.result, on=timezone.localdate())


def by_type(found):
    return {chance.category: chance for chance in found.round_types}


def test_an_eligible_nurse_can_be_invited_in_healthcare_cec_and_all_program_rounds(nurse):
    assert [chance.category for chance in chances(nurse).round_types] == [
        "healthcare", "cec", "all_programs"
    ]


def test_pnp_rounds_are_listed_only_with_a_nomination(nurse):
    assert "pnp" not in by_type(chances(nurse))
    nurse.provincial_nomination = True
    nurse.save()
    assert list(by_type(chances(nurse)))[-1] == "pnp"


def test_the_latest_round_of_a_type_is_shown_with_its_size_and_cutoff(nurse):
    healthcare_round(cutoff=470, days=200, number="400")
    healthcare_round(cutoff=475, days=30, number="422")
    chance = by_type(chances(nurse))["healthcare"]
    assert (chance.latest.number, chance.latest.size, chance.latest.crs_cutoff) == (
        "422", 4000, 475
    )


def test_a_score_at_or_above_the_latest_cutoff_reaches_it(nurse):
    crs = crs_of(nurse)
    healthcare_round(cutoff=crs, days=10)
    chance = by_type(chances(nurse))["healthcare"]
    assert (chance.reaches_latest, chance.gap) == (True, 0)


def test_a_score_below_the_latest_cutoff_says_how_many_points_short(nurse):
    crs = crs_of(nurse)
    RoundFactory(category="cec", crs_cutoff=crs + 36, drawn_on=days_ago(5))
    chance = by_type(chances(nurse))["cec"]
    assert (chance.reaches_latest, chance.gap) == (False, 36)


def test_rounds_of_the_last_12_months_are_counted_with_those_the_score_reaches(nurse):
    crs = crs_of(nurse)
    healthcare_round(cutoff=crs - 10, days=300)
    healthcare_round(cutoff=crs + 10, days=100)
    healthcare_round(cutoff=crs, days=20)
    healthcare_round(cutoff=crs - 50, days=400)  # more than 12 months ago: not counted
    chance = by_type(chances(nurse))["healthcare"]
    assert (chance.rounds_last_year, chance.reached_last_year) == (3, 2)


def test_rounds_of_other_types_are_not_counted(nurse):
    RoundFactory(category="stem", crs_cutoff=300, drawn_on=days_ago(10))
    chance = by_type(chances(nurse))["healthcare"]
    assert (chance.latest, chance.rounds_last_year) == (None, 0)


def test_a_type_with_no_round_in_24_months_still_shows_its_latest_round(nurse):
    old = healthcare_round(cutoff=460, days=900)
    found = chances(nurse)
    assert by_type(found)["healthcare"].latest == old
    assert old not in [point.round for point in found.chart_points]


def test_the_chart_holds_the_rounds_of_the_persons_types_over_24_months(nurse):
    crs = crs_of(nurse)
    recent = healthcare_round(cutoff=crs + 1, days=400)
    RoundFactory(category="french", crs_cutoff=380, drawn_on=days_ago(10))
    points = chances(nurse).chart_points
    assert [(point.round, point.reached) for point in points] == [(recent, False)]


def test_a_category_met_later_is_listed_with_its_date(db):
    # Seven months of nursing: CEC's year and the category's 1,560 hours come later.
    applicant = make_nurse(ApplicantFactory(), start=days_ago(210))
    found = chances(applicant)
    later = {item.code: item.on for item in found.later}
    assert "healthcare" in later
    assert later["healthcare"] > timezone.localdate()
    assert "healthcare" not in by_type(found)


def test_a_category_missed_is_listed_with_the_engines_reason(db):
    applicant = ApplicantFactory()
    JobFactory(applicant=applicant, noc="21232", start=date(2023, 9, 1))
    LanguageTestFactory(applicant=applicant)
    missed = {item.code: item.reason for item in chances(applicant).missed}
    assert "1,560 needed" in missed["stem"]
    assert missed["military"].startswith("Not assessed")


def test_french_at_nclc_7_opens_the_french_rounds(db):
    applicant = make_nurse(ApplicantFactory())
    LanguageTestFactory(applicant=applicant, test="tef_canada", taken_on=date(2025, 9, 1),
                        listening=Decimal(440), reading=Decimal(440), writing=Decimal(430),
                        speaking=Decimal(460))
    assert "french" in by_type(chances(applicant))
