"""Every row of every table in shared/rules/clb.md, at both edges, plus validity and ranges."""

from datetime import date
from decimal import Decimal

import pytest

from eligibility.rules.language import (
    ABILITIES,
    ACCEPTED_TESTS,
    BELOW_CLB_4,
    SCORE_RANGES,
    TEST_LABELS,
    clb_for,
    score_problem,
    valid_until,
)

D = Decimal
NEW_TEF = date(2024, 5, 1)
OLD_TEF = date(2022, 5, 1)
ANY_DAY = date(2025, 6, 14)

# Transcribed again, independently of the engine, straight from clb.md (reading, writing,
# listening, speaking as the file prints them). Each cell: the lowest score of the level,
# and for tables printed as ranges the highest too.
IELTS = {  # CLB: reading, writing, listening, speaking
    10: ("8.0", "7.5", "8.5", "7.5"),
    9: ("7.0", "7.0", "8.0", "7.0"),
    8: ("6.5", "6.5", "7.5", "6.5"),
    7: ("6.0", "6.0", "6.0", "6.0"),
    6: ("5.0", "5.5", "5.5", "5.5"),
    5: ("4.0", "5.0", "5.0", "5.0"),
    4: ("3.5", "4.0", "4.5", "4.0"),
}
PTE = {
    10: ((88, 90), (90, 90), (89, 90), (89, 90)),
    9: ((78, 87), (88, 89), (82, 88), (84, 88)),
    8: ((69, 77), (79, 87), (71, 81), (76, 83)),
    7: ((60, 68), (69, 78), (60, 70), (68, 75)),
    6: ((51, 59), (60, 68), (50, 59), (59, 67)),
    5: ((42, 50), (51, 59), (39, 49), (51, 58)),
    4: ((33, 41), (41, 50), (28, 38), (42, 50)),
}
TEF_2023 = {
    10: ((546, 699), (558, 699), (546, 699), (556, 699)),
    9: ((503, 545), (512, 557), (503, 545), (518, 555)),
    8: ((462, 502), (472, 511), (462, 502), (494, 517)),
    7: ((434, 461), (428, 471), (434, 461), (456, 493)),
    6: ((393, 433), (379, 427), (393, 433), (422, 455)),
    5: ((352, 392), (330, 378), (352, 392), (387, 421)),
    4: ((306, 351), (268, 329), (306, 351), (328, 386)),
}
TEF_2019 = {  # the same band for every ability
    10: (566, 699), 9: (533, 565), 8: (500, 532), 7: (450, 499), 6: (400, 449),
    5: (350, 399), 4: (300, 349),
}
TCF = {
    10: ((549, 699), (16, 20), (549, 699), (16, 20)),
    9: ((524, 548), (14, 15), (523, 548), (14, 15)),
    8: ((499, 523), (12, 13), (503, 522), (12, 13)),
    7: ((453, 498), (10, 11), (458, 502), (10, 11)),
    6: ((406, 452), (7, 9), (398, 457), (7, 9)),
    5: ((375, 405), (6, 6), (369, 397), (6, 6)),
    4: ((342, 374), (4, 5), (331, 368), (4, 5)),
}
PRINTED_ORDER = ("reading", "writing", "listening", "speaking")


def _ranged_cases(test, table, taken_on):
    cases = []
    for level, cells in table.items():
        for ability, (low, high) in zip(PRINTED_ORDER, cells, strict=True):
            cases.append(pytest.param(test, ability, D(low), taken_on, level,
                                      id=f"{test}-{ability}-{low}-is-{level}"))
            cases.append(pytest.param(test, ability, D(high), taken_on, level,
                                      id=f"{test}-{ability}-{high}-is-{level}"))
            cases.append(pytest.param(test, ability, D(low) - 1, taken_on, level - 1 or 3,
                                      id=f"{test}-{ability}-{low - 1}-is-below-{level}"))
    return cases


def _ielts_cases():
    cases = []
    for level, cells in IELTS.items():
        for ability, low in zip(PRINTED_ORDER, cells, strict=True):
            low = D(low)
            below = BELOW_CLB_4 if level == 4 else level - 1
            cases.append(pytest.param("ielts_general", ability, low, ANY_DAY, level,
                                      id=f"ielts-{ability}-{low}-is-{level}"))
            cases.append(pytest.param("ielts_general", ability, low - D("0.5"), ANY_DAY, below,
                                      id=f"ielts-{ability}-{low - D('0.5')}-is-{below}"))
    return cases


def _tef_2019_cases():
    cases = []
    for level, (low, high) in TEF_2019.items():
        for ability in ABILITIES:
            for score, expected in ((low, level), (high, level), (low - 1, level - 1)):
                cases.append(pytest.param("tef_canada", ability, D(score), OLD_TEF, expected,
                                          id=f"tef2019-{ability}-{score}-is-{expected}"))
    return cases


CASES = (
    _ielts_cases()
    + _ranged_cases("pte_core", PTE, ANY_DAY)
    + _ranged_cases("tef_canada", TEF_2023, NEW_TEF)
    + _tef_2019_cases()
    + _ranged_cases("tcf_canada", TCF, ANY_DAY)
)


@pytest.mark.parametrize(("test", "ability", "score", "taken_on", "level"), CASES)
def test_score_converts_to_the_level_of_its_row(test, ability, score, taken_on, level):
    expected = BELOW_CLB_4 if level < 4 else level
    assert clb_for(test, ability, score, taken_on) == expected


@pytest.mark.parametrize("ability", ABILITIES)
@pytest.mark.parametrize(
    ("level", "expected"),
    [(0, 3), (1, 3), (2, 3), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9),
     (10, 10), (11, 10), (12, 10)],
)
def test_celpip_level_is_the_clb_from_4_to_10_and_caps_at_10(ability, level, expected):
    assert clb_for("celpip_general", ability, D(level), ANY_DAY) == expected


@pytest.mark.parametrize(
    ("ability", "score", "level"),
    [("listening", "7.0", 7), ("reading", "7.5", 9), ("writing", "4.5", 4),
     ("listening", "9.0", 10), ("reading", "0", 3)],
)
def test_ielts_examples_between_rows_take_the_lower_row(ability, score, level):
    assert clb_for("ielts_general", ability, D(score), ANY_DAY) == level


@pytest.mark.parametrize(
    ("taken_on", "level"),
    [(date(2023, 12, 10), 7), (date(2023, 12, 11), 8)],  # 470 listening: old table 7, new 8
)
def test_tef_table_switches_on_the_test_date_2023_12_11(taken_on, level):
    assert clb_for("tef_canada", "listening", D(470), taken_on) == level


def test_tef_taken_on_2019_10_01_uses_the_older_table():
    assert clb_for("tef_canada", "speaking", D(450), date(2019, 10, 1)) == 7


@pytest.mark.parametrize(
    ("taken_on", "until"),
    [
        (date(2024, 11, 25), date(2026, 11, 24)),  # cec.md's example
        (date(2025, 2, 10), date(2027, 2, 9)),
        (date(2024, 3, 1), date(2026, 2, 28)),
        (date(2024, 2, 28), date(2026, 2, 27)),
        (date(2024, 2, 29), date(2026, 2, 27)),  # anniversary read as Feb 28
        (date(2026, 2, 28), date(2028, 2, 27)),
        (date(2026, 3, 1), date(2028, 2, 29)),
    ],
)
def test_results_are_valid_through_the_day_before_the_second_anniversary(taken_on, until):
    assert valid_until(taken_on) == until


# --- Valid score ranges --------------------------------------------------------------------------

RANGES = {  # clb.md, "Valid score ranges"
    "ielts_general": {ability: ("0", "9", "0.5") for ability in ABILITIES},
    "celpip_general": {ability: ("0", "12", "1") for ability in ABILITIES},
    "pte_core": {ability: ("10", "90", "1") for ability in ABILITIES},
    "tef_canada": {ability: ("0", "699", "1") for ability in ABILITIES},
    "tcf_canada": {"listening": ("100", "699", "1"), "reading": ("100", "699", "1"),
                   "writing": ("0", "20", "1"), "speaking": ("0", "20", "1")},
}


def test_score_ranges_are_those_of_clb_md_for_every_accepted_test():
    assert {
        test: {ability: tuple(str(x) for x in bounds) for ability, bounds in by.items()}
        for test, by in SCORE_RANGES.items()
    } == RANGES


def test_every_accepted_test_has_a_label_and_a_range():
    assert set(ACCEPTED_TESTS) == set(SCORE_RANGES) == set(TEST_LABELS)


@pytest.mark.parametrize(
    ("test", "ability"), [(t, a) for t in ACCEPTED_TESTS for a in ABILITIES]
)
def test_lowest_and_highest_scores_are_accepted_and_one_step_beyond_is_not(test, ability):
    low, high, step = SCORE_RANGES[test][ability]
    assert score_problem(test, ability, low) is None
    assert score_problem(test, ability, high) is None
    assert score_problem(test, ability, low - step) is not None
    assert score_problem(test, ability, high + step) is not None


@pytest.mark.parametrize(
    ("test", "ability", "value", "message"),
    [
        ("ielts_general", "listening", D("6.3"),
         "IELTS General Training scores are 0–9 in steps of 0.5"),
        ("celpip_general", "reading", D("7.5"),
         "CELPIP-General levels are 0 (M) to 12, whole numbers"),
        ("pte_core", "writing", 9, "PTE Core scores are 10–90, whole numbers"),
        ("tef_canada", "speaking", 700, "TEF Canada scores are 0–699, whole numbers"),
        ("tcf_canada", "reading", 99, "TCF Canada reading scores are 100–699, whole numbers"),
        ("tcf_canada", "writing", 21, "TCF Canada writing scores are 0–20, whole numbers"),
        ("ielts_general", "reading", True, "must be a number"),
        ("ielts_general", "reading", "7", "must be a number"),
    ],
)
def test_score_problem_says_what_the_scale_is(test, ability, value, message):
    assert score_problem(test, ability, value) == message


def test_json_floats_are_read_exactly():
    assert score_problem("ielts_general", "reading", 6.5) is None
    assert score_problem("ielts_general", "reading", 6.55) is not None
