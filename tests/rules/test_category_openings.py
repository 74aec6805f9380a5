"""category_openings: what would open a category round, each checked by the engine itself."""

from dataclasses import replace
from datetime import date, timedelta

from eligibility.rules import category_openings, evaluate, parse_facts
from eligibility.rules.facts import LanguageTest
from tests.rules.builders import AS_OF, days_before, facts, ielts, iso, job, last_days, tef


def parsed(**fields):
    return parse_facts(facts(**fields), today=AS_OF)


def by_category(openings):
    return {item.category: item for item in openings}


def entry(result, code):
    return next(item for item in result.categories if item.code == code)


CEC_ELIGIBLE = dict(jobs=[last_days(400, noc="21231")], language_tests=[ielts(9)])
NURSE_SINCE = AS_OF - timedelta(days=200)  # reaches 364 days on AS_OF + 164
NURSE = job(noc="31301", start=iso(NURSE_SINCE), end=None)


def test_a_french_test_at_nclc_7_opens_the_french_rounds():
    opening = by_category(category_openings(parsed(**CEC_ELIGIBLE)))["french"]
    assert (opening.code, opening.opens, opening.on) == ("french_test", True, None)
    assert opening.text == (
        "Take TEF Canada and reach NCLC 7 in all four abilities (at least listening 434, "
        "reading 434, writing 428, speaking 456): this opens the French-language proficiency "
        "rounds"
    )


def test_the_french_opening_is_what_the_engine_says_with_that_test():
    before = parsed(**CEC_ELIGIBLE)
    added = LanguageTest(test="tef_canada", taken_on=AS_OF, listening=434, reading=434,
                         writing=428, speaking=456)
    after = evaluate(replace(before, language_tests=before.language_tests + (added,)))
    assert entry(after, "french").eligible
    assert not entry(evaluate(before), "french").eligible


def test_a_weak_french_test_is_retaken_keeping_its_higher_scores():
    weak = tef(scores=(500, 300, 428, 456))  # reading NCLC 3
    opening = by_category(category_openings(parsed(jobs=CEC_ELIGIBLE["jobs"],
                                                   language_tests=[ielts(9), weak])))["french"]
    assert opening.text.startswith(
        "Retake TEF Canada and reach NCLC 7 in all four abilities (at least listening 500, "
        "reading 434, writing 428, speaking 456)"
    )


def test_a_french_test_that_does_not_bring_cec_only_meets_the_condition():
    opening = by_category(category_openings(parsed(jobs=[NURSE])))["french"]
    assert not opening.opens
    assert opening.text.endswith(
        "this meets the French-language proficiency condition, but its rounds also need you to "
        "be eligible for CEC"
    )


def test_more_months_of_current_work_open_healthcare_on_its_experience_on():
    facts_ = parsed(jobs=[NURSE, last_days(400, noc="21231")], language_tests=[ielts(9)])
    opening = by_category(category_openings(facts_))["healthcare"]
    reach = NURSE_SINCE + timedelta(days=364)
    assert reach == entry(evaluate(facts_), "healthcare").experience_on
    assert (opening.code, opening.opens, opening.on) == ("experience", True, reach)
    assert opening.text == (
        f"6 more months as NOC 31301 opens the healthcare and social services occupations "
        f"rounds on {iso(reach)}"
    )


def test_the_experience_opening_is_checked_by_evaluating_on_that_day():
    facts_ = parsed(jobs=[NURSE, last_days(400, noc="21231")], language_tests=[ielts(9)])
    reach = by_category(category_openings(facts_))["healthcare"].on
    assert entry(evaluate(replace(facts_, as_of=reach)), "healthcare").eligible
    day_before = reach - timedelta(days=1)
    assert not entry(evaluate(replace(facts_, as_of=day_before)), "healthcare").eligible


def test_months_are_counted_up_to_the_day():
    start = AS_OF - timedelta(days=364 - 10)  # 10 days to go
    opening = by_category(category_openings(parsed(
        jobs=[job(noc="31301", start=iso(start), end=None), last_days(400, noc="21231")],
        language_tests=[ielts(9)])))["healthcare"]
    assert opening.text.startswith("1 more month as NOC 31301 opens")


def test_without_cec_on_that_day_the_work_only_meets_the_condition():
    opening = by_category(category_openings(parsed(jobs=[NURSE])))["healthcare"]  # no test
    assert not opening.opens
    assert "meets the healthcare and social services occupations condition on" in opening.text


def test_cec_arriving_opens_a_category_whose_condition_is_already_met():
    abroad = last_days(364, noc="31301", country="PH")
    canada = job(noc="21231", start=days_before(200), end=None)
    facts_ = parsed(jobs=[abroad, canada], language_tests=[ielts(9)])
    result = evaluate(facts_)
    assert entry(result, "healthcare").condition_met and not result.cec.eligible
    opening = by_category(category_openings(facts_))["healthcare"]
    assert (opening.code, opening.on) == ("cec", result.cec.eligible_on)
    assert opening.text == (
        f"Becoming eligible for CEC on {result.cec.eligible_on} opens the healthcare and social "
        "services occupations rounds"
    )


def test_eligible_and_military_categories_have_no_opening():
    facts_ = parsed(jobs=[last_days(400, noc="31301")],
                    language_tests=[ielts(9), tef(7)])
    openings = by_category(category_openings(facts_))
    assert "healthcare" not in openings and "french" not in openings
    assert "military" not in openings


def test_nothing_opens_before_2026_02_18():
    assert category_openings(parsed(as_of="2026-01-10", jobs=[NURSE])) == []


def test_a_title_lookup_names_the_occupation_in_openings():
    facts_ = parsed(jobs=[NURSE, last_days(400, noc="21231")], language_tests=[ielts(9)])
    opening = by_category(category_openings(facts_, noc_titles={"31301": "a registered nurse"}))
    assert opening["healthcare"].text.startswith("6 more months as a registered nurse (31301)")


def test_openings_are_the_same_every_time():
    facts_ = parsed(jobs=[NURSE], language_tests=[ielts(6)])
    assert category_openings(facts_) == category_openings(facts_)


def test_an_opening_says_its_figures_as_data():
    facts_ = parsed(jobs=[NURSE, last_days(400, noc="21231")], language_tests=[ielts(9)])
    opening = by_category(category_openings(facts_))["healthcare"]
    assert opening.params == {"months": 6, "noc": "31301",
                              "on": iso(NURSE_SINCE + timedelta(days=364))}
    assert date.fromisoformat(opening.params["on"]) == opening.on
