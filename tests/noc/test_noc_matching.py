"""Duty matching on a small catalogue built with factories."""

import pytest

from eligibility.noc.matching import analyse, duty_coverage, match_duties, sentences, stem
from tests.noc.factories import UnitGroupFactory


@pytest.fixture
def catalogue(db):
    cooks = UnitGroupFactory(
        code="63200",
        title="Cooks",
        lead_statement="Cooks prepare and cook meals in restaurants.",
        duties=[
            "Prepare and cook complete meals or individual dishes",
            "Order food supplies and maintain inventory",
            "Clean kitchen and work areas",
        ],
        examples=["Line cook"],
    )
    developers = UnitGroupFactory(
        code="21232",
        title="Software developers and programmers",
        lead_statement="Software developers write and test computer programs.",
        duties=[
            "Write, modify and test software code",
            "Identify and communicate technical problems and solutions",
        ],
        examples=["Application programmer"],
    )
    drivers = UnitGroupFactory(
        code="73300",
        title="Transport truck drivers",
        lead_statement="Truck drivers drive heavy trucks to transport goods.",
        duties=["Operate and drive trucks over long distances", "Inspect trucks before trips"],
        examples=["Long haul truck driver"],
    )
    return cooks, developers, drivers


def test_the_best_match_comes_first(catalogue):
    matches = match_duties("I cook meals on the line and clean the kitchen after service.")
    assert matches[0].code == "63200"
    assert matches[0].score > 0


def test_matches_name_the_duties_they_come_closest_to(catalogue):
    match = match_duties("I write and test code for apps")[0]
    assert match.code == "21232"
    assert match.matched_duties[0] == "Write, modify and test software code"


def test_text_with_no_meaningful_words_matches_nothing(catalogue):
    assert match_duties("I did the and of the") == []


def test_limit_is_respected(catalogue):
    assert len(match_duties("cook code truck", limit=2)) == 2


def test_coverage_separates_covered_from_missing_duties(catalogue):
    coverage = duty_coverage(
        "I prepare and cook meals every day.\nI clean the kitchen at closing.", "63200"
    )
    assert [c.duty for c in coverage.covered] == [
        "Prepare and cook complete meals or individual dishes",
        "Clean kitchen and work areas",
    ]
    assert coverage.missing == ("Order food supplies and maintain inventory",)
    assert coverage.covered[1].sentence == "I clean the kitchen at closing."


def test_coverage_of_an_unknown_code_is_none(catalogue):
    assert duty_coverage("I cook", "99999") is None


def test_the_index_sees_a_staff_edit(catalogue):
    cooks, *_ = catalogue
    assert match_duties("I bake bread and pastries") == []
    cooks.duties.create(position=9, text="Bake bread and pastries")
    assert match_duties("I bake bread and pastries")[0].code == "63200"


def test_words_are_folded_and_stemmed():
    assert analyse("Repairing CAFÉ engines")[:3] == ["repair", "caf", "engin"]
    assert stem("engine") == stem("engines")


def test_sentences_split_on_lines_and_full_stops():
    assert sentences("Cook meals. Clean up\n- order food") == ["Cook meals.", "Clean up",
                                                               "order food"]
