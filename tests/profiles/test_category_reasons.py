"""Category reasons are said from their code and figures (so they can be translated): in English
the reader gives exactly the engine's sentence, for every kind of reason."""

import pytest
from django.utils import translation

from profiles.reading import category_reason_text, read_evaluation
from tests.rules.builders import days_before, facts, ielts, job, last_days, run, tef

NURSE = "31301"

CASES = {
    "eligible nurse": facts(language_tests=[ielts(9)],
                            jobs=[last_days(900, noc=NURSE)]),
    "nurse for 7 months": facts(language_tests=[ielts(9)],
                                jobs=[job(noc=NURSE, start=days_before(210), end=None)]),
    "software developer": facts(language_tests=[ielts(9)], jobs=[last_days(900, noc="21232")]),
    "French at NCLC 7": facts(language_tests=[ielts(9), tef(7)],
                              jobs=[last_days(900, noc=NURSE)]),
    "French short": facts(language_tests=[ielts(9), tef(5)], jobs=[last_days(900)]),
    "French expired": facts(language_tests=[ielts(9), tef(8, taken_on="2023-12-20")],
                            jobs=[last_days(900)]),
    "nurse abroad, not CEC": facts(language_tests=[ielts(9), tef(8)], jobs=[
        last_days(900, noc=NURSE, country="PH")
    ]),
    "physician abroad": facts(language_tests=[ielts(9)], jobs=[
        last_days(900, noc="31102", country="IN"), last_days(900, noc="21232")
    ]),
    "self-employed nurse": facts(language_tests=[ielts(9)], jobs=[
        last_days(900, noc=NURSE, self_employed=True), last_days(900, noc="21232")
    ]),
}


@pytest.mark.parametrize("case", CASES)
def test_every_reason_reads_as_the_engines_english(case):
    stored = run(CASES[case])
    entries = read_evaluation(stored).result.categories
    with translation.override("en"):
        assert [entry.explained for entry in entries] == [item["reason"] for item in
                                                          stored["categories"]]


def test_the_cases_cover_every_kind_of_reason():
    codes = {item["reason_code"] for case in CASES.values() for item in run(case)["categories"]}
    params = {key for case in CASES.values() for item in run(case)["categories"]
              for key in item["reason_params"]}
    assert codes >= {"experience_met", "experience_short", "experience_none",
                     "experience_met_not_cec", "french_met", "french_met_not_cec",
                     "french_short", "french_not_valid", "french_none", "not_assessed"}
    assert params >= {"experience_on", "review_noc", "abroad_not_counted", "as_of"}


def test_an_unknown_reason_code_falls_back_to_the_engines_words():
    assert category_reason_text("new_code", {}, "As the engine said") == "As the engine said"


def test_a_reason_missing_its_figures_falls_back_to_the_engines_words():
    assert category_reason_text("french_not_valid", {}, "As the engine said") == (
        "As the engine said"
    )
