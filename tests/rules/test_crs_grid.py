"""Every row and cell of the CRS grid in shared/rules/crs.md, with both columns and all caps.

The grid is applied to derived inputs (``CrsInputs``) so each test isolates one factor:
everyone here is 50 (no age points) and has nothing else unless the test says so.
"""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from eligibility.rules.crs import CrsInputs, SpouseInputs, score, years_of
from eligibility.rules.language import LanguageResult
from eligibility.rules.rulesets import RULESETS, ruleset_for

ON = date(2026, 11, 25)
CURRENT = ruleset_for(ON)
BEFORE_2025_03_25 = ruleset_for(date(2025, 3, 24))
WITH, WITHOUT = True, False


def scored(clb, language="english", index=0, taken_on=date(2025, 6, 14)) -> LanguageResult:
    clb = (clb,) * 4 if isinstance(clb, int) else tuple(clb)
    return LanguageResult(
        index=index, test="ielts_general" if language == "english" else "tef_canada",
        taken_on=taken_on, valid_until=date(2027, 6, 13), valid=True, clb=clb,
        scores=(Decimal(0),) * 4,
    )


NOBODY = SpouseInputs(education="none", tests=(), canadian_hours=0, canadian_years=0)


def inputs(**changes) -> CrsInputs:
    base = CrsInputs(
        on=ON, age=50, with_spouse=False, education="none", canadian_education=None, tests=(),
        canadian_hours=0, canadian_years=0, foreign_hours=0, foreign_years=0,
        foreign_noc="21231", certificate=False, nomination=False, sibling=False,
        job_offer_noc=None, spouse=None,
    )
    if changes.get("with_spouse"):
        base = replace(base, spouse=NOBODY)
    return replace(base, **changes)


def line_points(result, factor):
    return next((line.points for line in result.lines if line.factor == factor), 0)


# --- A. Core -----------------------------------------------------------------------------------

AGE_ROWS = [  # age, with, without
    (17, 0, 0), (18, 90, 99), (19, 95, 105), (20, 100, 110), (25, 100, 110), (29, 100, 110),
    (30, 95, 105), (31, 90, 99), (32, 85, 94), (33, 80, 88), (34, 75, 83), (35, 70, 77),
    (36, 65, 72), (37, 60, 66), (38, 55, 61), (39, 50, 55), (40, 45, 50), (41, 35, 39),
    (42, 25, 28), (43, 15, 17), (44, 5, 6), (45, 0, 0), (70, 0, 0), (0, 0, 0),
]


@pytest.mark.parametrize(("age", "with_spouse", "without_spouse"), AGE_ROWS)
def test_age_points_both_columns(age, with_spouse, without_spouse):
    assert score(inputs(age=age, with_spouse=True), CURRENT).core == with_spouse
    assert score(inputs(age=age), CURRENT).core == without_spouse


EDUCATION_ROWS = [
    ("none", 0, 0), ("secondary", 28, 30), ("one_year", 84, 90), ("two_year", 91, 98),
    ("bachelors", 112, 120), ("two_or_more", 119, 128), ("masters", 126, 135),
    ("doctoral", 140, 150),
]


@pytest.mark.parametrize(("level", "with_spouse", "without_spouse"), EDUCATION_ROWS)
def test_education_points_both_columns(level, with_spouse, without_spouse):
    assert score(inputs(education=level, with_spouse=True), CURRENT).core == with_spouse
    assert score(inputs(education=level), CURRENT).core == without_spouse


FIRST_LANGUAGE_ROWS = [  # CLB, with, without (per ability)
    (3, 0, 0), (4, 6, 6), (5, 6, 6), (6, 8, 9), (7, 16, 17), (8, 22, 23), (9, 29, 31),
    (10, 32, 34),
]


@pytest.mark.parametrize(("clb", "with_spouse", "without_spouse"), FIRST_LANGUAGE_ROWS)
def test_first_language_points_per_ability_both_columns(clb, with_spouse, without_spouse):
    test = (scored(clb),)
    assert score(inputs(tests=test, with_spouse=True), CURRENT).core == 4 * with_spouse
    assert score(inputs(tests=test), CURRENT).core == 4 * without_spouse


def test_first_language_scores_each_ability_on_its_own():
    result = score(inputs(tests=(scored((10, 9, 8, 7)),)), CURRENT)
    assert line_points(result, "first_language") == 34 + 31 + 23 + 17


SECOND_LANGUAGE_ROWS = [  # CLB, points per ability
    (3, 0), (4, 0), (5, 1), (6, 1), (7, 3), (8, 3), (9, 6), (10, 6),
]


@pytest.mark.parametrize(("clb", "per_ability"), SECOND_LANGUAGE_ROWS)
@pytest.mark.parametrize(("with_spouse", "cap"), [(True, 22), (False, 24)])
def test_second_language_points_per_ability_with_the_cap(clb, per_ability, with_spouse, cap):
    tests = (scored(10, "english", 0), scored(clb, "french", 1))
    result = score(inputs(tests=tests, with_spouse=with_spouse), CURRENT)
    assert line_points(result, "second_language") == min(4 * per_ability, cap)


def test_second_language_sum_of_mixed_levels_is_capped_with_spouse_at_22():
    tests = (scored(10, "english", 0), scored((9, 9, 9, 9), "french", 1))
    result = score(inputs(tests=tests, with_spouse=True), CURRENT)
    assert line_points(result, "second_language") == 22
    assert "24 before the cap of 22" in next(
        line.detail for line in result.lines if line.factor == "second_language"
    )


def test_second_language_mixed_levels_add_up_below_the_cap():
    tests = (scored(10, "english", 0), scored((9, 7, 5, 3), "french", 1))
    result = score(inputs(tests=tests), CURRENT)
    assert line_points(result, "second_language") == 6 + 3 + 1 + 0


CANADIAN_WORK_ROWS = [(0, 0, 0), (1, 35, 40), (2, 46, 53), (3, 56, 64), (4, 63, 72), (5, 70, 80)]


@pytest.mark.parametrize(("years", "with_spouse", "without_spouse"), CANADIAN_WORK_ROWS)
def test_canadian_work_points_both_columns(years, with_spouse, without_spouse):
    assert score(inputs(canadian_years=years, with_spouse=True), CURRENT).core == with_spouse
    assert score(inputs(canadian_years=years), CURRENT).core == without_spouse


@pytest.mark.parametrize(
    ("hours", "most", "years"),
    [(0, 5, 0), (1559, 5, 0), (1560, 5, 1), (3119, 5, 1), (3120, 5, 2), (7800, 5, 5),
     (20000, 5, 5), (4680, 3, 3), (9000, 3, 3)],
)
def test_years_are_whole_multiples_of_1560_hours_up_to_the_maximum(hours, most, years):
    assert years_of(hours, most) == years


# --- B. Spouse ---------------------------------------------------------------------------------

SPOUSE_EDUCATION_ROWS = [
    ("none", 0), ("secondary", 2), ("one_year", 6), ("two_year", 7), ("bachelors", 8),
    ("two_or_more", 9), ("masters", 10), ("doctoral", 10),
]


@pytest.mark.parametrize(("level", "points"), SPOUSE_EDUCATION_ROWS)
def test_spouse_education_points(level, points):
    result = score(inputs(with_spouse=True, spouse=replace(NOBODY, education=level)), CURRENT)
    assert result.spouse == points


SPOUSE_LANGUAGE_ROWS = [(3, 0), (4, 0), (5, 1), (6, 1), (7, 3), (8, 3), (9, 5), (10, 5)]


@pytest.mark.parametrize(("clb", "per_ability"), SPOUSE_LANGUAGE_ROWS)
def test_spouse_language_points_per_ability(clb, per_ability):
    spouse = replace(NOBODY, tests=(scored(clb),))
    assert score(inputs(with_spouse=True, spouse=spouse), CURRENT).spouse == 4 * per_ability


SPOUSE_WORK_ROWS = [(0, 0), (1, 5), (2, 7), (3, 8), (4, 9), (5, 10)]


@pytest.mark.parametrize(("years", "points"), SPOUSE_WORK_ROWS)
def test_spouse_canadian_work_points(years, points):
    spouse = replace(NOBODY, canadian_years=years)
    assert score(inputs(with_spouse=True, spouse=spouse), CURRENT).spouse == points


def test_spouse_factors_reach_at_most_40():
    spouse = SpouseInputs(education="doctoral", tests=(scored(10),), canadian_hours=9000,
                          canadian_years=5)
    assert score(inputs(with_spouse=True, spouse=spouse), CURRENT).spouse == 40


def test_without_spouse_the_spouse_section_is_zero():
    assert score(inputs(), CURRENT).spouse == 0


# --- C. Skill transferability ------------------------------------------------------------------

LANGUAGE = {"below7": (6, 9, 9, 9), "L7": (7, 8, 9, 10), "L9": (9, 9, 10, 9)}
E1 = ("one_year", "two_year", "bachelors")
E2 = ("two_or_more", "masters", "doctoral")
NO_E = ("none", "secondary")

C1_CELLS = (
    [(level, lang, 0) for level in NO_E for lang in LANGUAGE]
    + [(level, "below7", 0) for level in E1 + E2]
    + [(level, "L7", 13) for level in E1] + [(level, "L9", 25) for level in E1]
    + [(level, "L7", 25) for level in E2] + [(level, "L9", 50) for level in E2]
)


@pytest.mark.parametrize(("education", "language", "points"), C1_CELLS)
def test_c1_education_and_language(education, language, points):
    result = score(inputs(education=education, tests=(scored(LANGUAGE[language]),)), CURRENT)
    assert line_points(result, "education_language") == points
    assert result.transferability == points


def test_a_single_bachelors_degree_is_e1_not_e2():
    result = score(inputs(education="bachelors", tests=(scored(9),)), CURRENT)
    assert line_points(result, "education_language") == 25


C2_CELLS = (
    [(level, years, 0) for level in NO_E for years in (0, 1, 2, 5)]
    + [(level, 0, 0) for level in E1 + E2]
    + [(level, 1, 13) for level in E1] + [(level, y, 25) for level in E1 for y in (2, 3, 5)]
    + [(level, 1, 25) for level in E2] + [(level, y, 50) for level in E2 for y in (2, 3, 5)]
)


@pytest.mark.parametrize(("education", "years", "points"), C2_CELLS)
def test_c2_education_and_canadian_work(education, years, points):
    result = score(inputs(education=education, canadian_years=years), CURRENT)
    assert line_points(result, "education_canadian_work") == points
    assert result.transferability == points


C3_CELLS = (
    [(years, lang, 0) for years in (0,) for lang in LANGUAGE]
    + [(years, "below7", 0) for years in (1, 2, 3)]
    + [(1, "L7", 13), (2, "L7", 13), (1, "L9", 25), (2, "L9", 25), (3, "L7", 25),
       (3, "L9", 50)]
)


@pytest.mark.parametrize(("foreign", "language", "points"), C3_CELLS)
def test_c3_foreign_work_and_language(foreign, language, points):
    result = score(inputs(foreign_years=foreign, tests=(scored(LANGUAGE[language]),)), CURRENT)
    assert line_points(result, "foreign_work_language") == points
    assert result.transferability == points


C4_CELLS = (
    [(0, years, 0) for years in (0, 1, 2, 5)]
    + [(foreign, 0, 0) for foreign in (1, 2, 3)]
    + [(1, 1, 13), (2, 1, 13), (1, 2, 25), (2, 5, 25), (3, 1, 25), (3, 2, 50), (3, 5, 50)]
)


@pytest.mark.parametrize(("foreign", "canadian", "points"), C4_CELLS)
def test_c4_foreign_work_and_canadian_work(foreign, canadian, points):
    result = score(inputs(foreign_years=foreign, canadian_years=canadian), CURRENT)
    assert line_points(result, "foreign_work_canadian_work") == points
    assert result.transferability == points


C5_CELLS = [
    (False, (10, 10, 10, 10), 0),
    (True, (4, 9, 9, 9), 0),
    (True, (5, 6, 9, 9), 25),
    (True, (6, 6, 6, 6), 25),
    (True, (7, 7, 7, 7), 50),
    (True, (10, 9, 8, 7), 50),
]


@pytest.mark.parametrize(("certificate", "clb", "points"), C5_CELLS)
def test_c5_certificate_of_qualification_and_language(certificate, clb, points):
    result = score(inputs(certificate=certificate, tests=(scored(clb),)), CURRENT)
    assert line_points(result, "certificate_language") == points


def test_c5_without_any_language_test_scores_nothing():
    assert score(inputs(certificate=True), CURRENT).transferability == 0


def test_c1_plus_c2_is_capped_at_50():
    result = score(inputs(education="masters", tests=(scored(9),), canadian_years=2), CURRENT)
    assert (line_points(result, "education_language"),
            line_points(result, "education_canadian_work")) == (50, 0)
    assert result.transferability == 50


def test_c1_plus_c2_below_the_cap_add_up():
    result = score(inputs(education="bachelors", tests=(scored(7),), canadian_years=1), CURRENT)
    assert result.transferability == 13 + 13


def test_c3_plus_c4_is_capped_at_50():
    result = score(inputs(foreign_years=3, tests=(scored(9),), canadian_years=2), CURRENT)
    assert line_points(result, "foreign_work_language") == 50
    assert result.transferability == 50


def test_transferability_is_capped_at_100():
    result = score(
        inputs(education="doctoral", tests=(scored(10),), canadian_years=5, foreign_years=3,
               certificate=True),
        CURRENT,
    )
    assert result.transferability == 100
    assert sum(line.points for line in result.lines
               if line.factor in ("education_language", "education_canadian_work",
                                  "foreign_work_language", "foreign_work_canadian_work",
                                  "certificate_language")) == 100


# --- D. Additional -------------------------------------------------------------------------

def test_provincial_nomination_adds_600():
    assert score(inputs(nomination=True), CURRENT).additional == 600


def test_sibling_in_canada_adds_15():
    assert score(inputs(sibling=True), CURRENT).additional == 15


@pytest.mark.parametrize(
    ("french", "english", "points"),
    [
        ((7, 7, 7, 7), None, 25),
        ((7, 7, 7, 7), (4, 9, 9, 9), 25),
        ((7, 7, 7, 7), (3, 3, 3, 3), 25),
        ((7, 7, 7, 7), (5, 5, 5, 5), 50),
        ((10, 9, 8, 7), (9, 9, 9, 9), 50),
        ((6, 7, 7, 7), (9, 9, 9, 9), 0),
        ((6, 6, 6, 6), None, 0),
    ],
)
def test_french_points(french, english, points):
    tests = [scored(french, "french", 0)]
    if english is not None:
        tests.append(scored(english, "english", 1))
    result = score(inputs(tests=tuple(tests)), CURRENT)
    assert line_points(result, "french") == points


def test_french_points_count_when_french_is_the_second_language():
    tests = (scored(10, "english", 0), scored(7, "french", 1))
    result = score(inputs(tests=tests), CURRENT)
    assert result.first_language == "english"
    assert line_points(result, "french") == 50


@pytest.mark.parametrize(
    ("level", "points"),
    [(None, 0), ("secondary", 0), ("one_year", 15), ("two_year", 15), ("bachelors", 30),
     ("masters", 30), ("doctoral", 30)],
)
def test_canadian_post_secondary_education_points(level, points):
    assert score(inputs(canadian_education=level), CURRENT).additional == points


@pytest.mark.parametrize(
    ("noc", "before", "from_2025_03_25"),
    [("00010", 200, 0), ("00012", 200, 0), ("00015", 200, 0), ("10010", 50, 0),
     ("21231", 50, 0), ("33100", 50, 0), ("64100", 0, 0), ("75110", 0, 0)],
)
def test_job_offer_points_depend_on_the_ruleset(noc, before, from_2025_03_25):
    assert score(inputs(job_offer_noc=noc), BEFORE_2025_03_25).additional == before
    assert score(inputs(job_offer_noc=noc), CURRENT).additional == from_2025_03_25


def test_additional_points_are_capped_at_600():
    result = score(
        inputs(nomination=True, sibling=True, canadian_education="masters",
               tests=(scored(9, "french"),)),
        CURRENT,
    )
    assert result.additional == 600
    assert sum(line.points for line in result.lines
               if line.factor in ("provincial_nomination", "sibling", "canadian_education",
                                  "french", "job_offer")) == 600


def test_the_highest_possible_scores_are_460_40_100_600_with_spouse_and_1200_without():
    spouse = SpouseInputs(education="doctoral", tests=(scored(10),), canadian_hours=9000,
                          canadian_years=5)
    everything = dict(
        age=25, education="doctoral", tests=(scored(10, "english", 0), scored(10, "french", 1)),
        canadian_years=5, foreign_years=3, certificate=True, nomination=True, sibling=True,
        canadian_education="doctoral",
    )
    best_with = score(inputs(with_spouse=True, spouse=spouse, **everything), CURRENT)
    assert (best_with.core, best_with.spouse, best_with.transferability,
            best_with.additional, best_with.total) == (460, 40, 100, 600, 1200)
    best_without = score(inputs(**everything), CURRENT)
    assert (best_without.core, best_without.total) == (500, 1200)


def test_the_rulesets_are_in_date_order():
    dates = [ruleset.effective for ruleset in RULESETS]
    assert dates == sorted(dates)
