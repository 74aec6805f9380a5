"""'What would open a category' said through ``profiles.reasons``: English exactly as the
engine writes it, French without English, and every opening code covered by a case."""

import re
from datetime import timedelta

import pytest
from django.utils import translation

from eligibility.rules import category_openings, parse_facts
from eligibility.rules.reasons import TEMPLATES
from profiles import reasons
from tests.rules.builders import AS_OF, days_before, facts, ielts, iso, job, last_days, tef

NURSE = job(noc="31301", start=iso(AS_OF - timedelta(days=200)), end=None)
NURSE_10_DAYS_SHORT = job(noc="31301", start=iso(AS_OF - timedelta(days=354)), end=None)
CEC_JOB = last_days(400, noc="21231")

# The codes an opening can be made of (the sentence, the change, the occupation).
OPENING_CODES = frozenset({
    "take_french", "retake_french", "more_month", "more_months", "occupation_titled",
    "occupation_code", "opens", "opens_on", "condition_only", "condition_only_on",
    "cec_opens_on",
})

# name → (facts, category, NOC titles or None, the codes its opening is made of)
CASES = {
    "a first French test opens the French rounds": (
        facts(jobs=[CEC_JOB], language_tests=[ielts(9)]), "french", None,
        {"opens", "take_french", "scores"},
    ),
    "a weak French test retaken opens them": (
        facts(jobs=[CEC_JOB], language_tests=[ielts(9), tef(scores=(500, 300, 428, 456))]),
        "french", None, {"opens", "retake_french", "scores"},
    ),
    "a French test without CEC only meets the condition": (
        facts(jobs=[NURSE]), "french", None, {"condition_only", "take_french", "scores"},
    ),
    "months as a nurse open healthcare on a day": (
        facts(jobs=[NURSE, CEC_JOB], language_tests=[ielts(9)]), "healthcare", None,
        {"opens_on", "more_months", "occupation_code"},
    ),
    "one more month, the occupation named by its title": (
        facts(jobs=[NURSE_10_DAYS_SHORT, CEC_JOB], language_tests=[ielts(9)]), "healthcare",
        {"31301": "registered nurse"}, {"opens_on", "more_month", "occupation_titled"},
    ),
    "months without CEC only meet the condition on a day": (
        facts(jobs=[NURSE]), "healthcare", None,
        {"condition_only_on", "more_months", "occupation_code"},
    ),
    "CEC arriving opens a category already met": (
        facts(jobs=[last_days(364, noc="31301", country="PH"),
                    job(noc="21231", start=days_before(200), end=None)],
              language_tests=[ielts(9)]),
        "healthcare", None, {"cec_opens_on"},
    ),
}

# Words the same in both languages (tests, scales, acronyms, "Canada", "condition"), and the
# title given to the engine, which it knows only in English.
SAME_IN_BOTH = {
    "tef", "tcf", "canada", "nclc", "cec", "stem", "condition", "services", "registered",
    "nurse",
}


def _opening(name: str):
    data, category, titles, _codes = CASES[name]
    found = category_openings(parse_facts(data, today=AS_OF), noc_titles=titles)
    return next(item for item in found if item.category == category)


def _codes(why: dict):
    yield why["code"]
    for value in why["params"].values():
        if isinstance(value, dict):
            yield from _codes(value)


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"[A-Za-zÀ-ÿ']{3,}", text)}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_case_gives_the_opening_codes_it_names(name):
    assert set(_codes(_opening(name).why.to_json())) == CASES[name][3]


def test_the_cases_cover_every_opening_code():
    seen = set().union(*(codes for *_rest, codes in CASES.values()))
    assert seen >= OPENING_CODES and set(TEMPLATES) >= OPENING_CODES


@pytest.mark.parametrize("name", sorted(CASES))
def test_in_english_an_opening_reads_as_the_engine_wrote_it(name):
    opening = _opening(name)
    with translation.override("en"):
        assert reasons.say_reason(opening.why) == opening.text


@pytest.mark.parametrize("name", sorted(CASES))
def test_in_french_an_opening_has_no_english_word(name):
    opening = _opening(name)
    with translation.override("fr"):
        french = reasons.say_reason(opening.why)
    english_words = _words(opening.text) - SAME_IN_BOTH
    assert french != opening.text
    assert _words(french) & english_words == set(), french


def test_in_french_the_category_and_the_date_are_said_in_french():
    with translation.override("fr"):
        french = reasons.say_reason(_opening("months as a nurse open healthcare on a day").why)
    assert "professions des soins de santé et des services sociaux" in french
    assert "CNP 31301" in french and re.search(r"le \d{1,2} \w+ 2027", french)
