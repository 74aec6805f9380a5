"""Properties of the categories that must hold for any facts (Hypothesis)."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given
from hypothesis import strategies as st

from eligibility.rules import category_openings, evaluate, parse_facts
from eligibility.rules.categories import CATEGORY_SETS, category_reason
from eligibility.rules.facts import LanguageTest
from tests.rules.test_properties import ABILITY_NAMES, PROPERTY_SETTINGS, language_test, run

AS_OFS = [date(2026, 11, 25), date(2028, 2, 29), date(2027, 3, 1), date(2026, 2, 18)]
LISTED = sorted(CATEGORY_SETS[-1].listed)
# Codes in no list: software engineers (left STEM in 2025), cooks (left trades in 2026), a
# TEER 4 and a TEER 5 code, and a military code (its category is not assessed).
UNLISTED = ["21231", "63200", "64100", "65200", "40042"]
CONDITION_MET = {"experience_met", "experience_met_not_cec", "french_met", "french_met_not_cec"}


@st.composite
def category_job(draw, as_of, nocs=None):
    start = as_of - timedelta(days=draw(st.integers(-30, 1500)))
    length = draw(st.one_of(st.none(), st.integers(0, 1200)))
    return {
        "noc": draw(st.sampled_from(nocs or LISTED[:12] + ["31102", "00012", "41200"]
                                    + UNLISTED[:2])),
        "country": draw(st.sampled_from(["CA", "CA", "CA", "PH"])),
        "start": start.isoformat(),
        "end": None if length is None else (start + timedelta(days=length)).isoformat(),
        "hours_per_week": draw(st.sampled_from([10, 15, 20, 30, 37.5, 40, 12.25])),
        "paid": draw(st.sampled_from([True, True, True, False])),
        "self_employed": draw(st.sampled_from([False, False, False, True])),
        "full_time_student": draw(st.sampled_from([False, False, False, True])),
        "authorized": draw(st.sampled_from([True, True, True, False])),
        "physician_fee_for_service": draw(st.booleans()),
    }


@st.composite
def category_facts(draw):
    as_of = draw(st.sampled_from(AS_OFS))
    birth = as_of - timedelta(days=draw(st.integers(20 * 365, 45 * 365)))
    return {
        "as_of": as_of.isoformat(),
        "birth_date": birth.isoformat(),
        "marital_status": "single",
        "intended_province": draw(st.sampled_from([None, "ON", "QC"])),
        "language_tests": draw(st.lists(language_test(as_of), max_size=2)),
        "jobs": draw(st.lists(category_job(as_of), max_size=4)),
    }


def _met(result) -> dict[str, bool]:
    return {item["code"]: item["reason_code"] in CONDITION_MET for item in result["categories"]}


def _eligible(result) -> set[str]:
    return {item["code"] for item in result["categories"] if item["eligible"]}


def _never_lost(before, after) -> None:
    assert _eligible(before) <= _eligible(after)
    assert {c for c, ok in _met(before).items() if ok} <= {c for c, ok in _met(after).items() if ok}
    hours_before = {item["code"]: item["experience_hours"] for item in before["categories"]}
    for item in after["categories"]:
        if item["experience_hours"] is not None:
            assert item["experience_hours"] >= hours_before[item["code"]]


@PROPERTY_SETTINGS
@given(category_facts(), st.data())
def test_adding_a_job_never_removes_a_category(obj, data):
    added = data.draw(category_job(date.fromisoformat(obj["as_of"])))
    _never_lost(run(obj), run({**obj, "jobs": obj["jobs"] + [added]}))


@PROPERTY_SETTINGS
@given(category_facts(), st.data())
def test_extending_a_job_never_removes_a_category(obj, data):
    assume(obj["jobs"])
    index = data.draw(st.integers(0, len(obj["jobs"]) - 1))
    original = obj["jobs"][index]
    assume(original["end"] is not None)
    longer = data.draw(st.one_of(st.none(), st.integers(1, 800)))
    end = None if longer is None else (
        date.fromisoformat(original["end"]) + timedelta(days=longer)).isoformat()
    jobs = obj["jobs"][:index] + [{**original, "end": end}] + obj["jobs"][index + 1:]
    _never_lost(run(obj), run({**obj, "jobs": jobs}))


@PROPERTY_SETTINGS
@given(category_facts(), st.data())
def test_more_hours_a_week_never_remove_a_category(obj, data):
    assume(obj["jobs"])
    index = data.draw(st.integers(0, len(obj["jobs"]) - 1))
    original = obj["jobs"][index]
    more = original["hours_per_week"] + data.draw(st.sampled_from([1, 5, 10, 30]))
    jobs = obj["jobs"][:index] + [{**original, "hours_per_week": more}] + obj["jobs"][index + 1:]
    _never_lost(run(obj), run({**obj, "jobs": jobs}))


def _without_eligibility(result) -> list:
    # What the categories say apart from CEC's part: eligibility and the reason's CEC sentence.
    return [(item["code"], item["needs_review"], item["experience_hours"], item["noc"],
             item["experience_on"], item["reason_code"] in CONDITION_MET)
            for item in result["categories"]]


@PROPERTY_SETTINGS
@given(category_facts(), st.data())
def test_a_job_in_no_listed_code_changes_nothing_in_the_categories_but_cec(obj, data):
    added = data.draw(category_job(date.fromisoformat(obj["as_of"]), nocs=UNLISTED))
    before, after = run(obj), run({**obj, "jobs": obj["jobs"] + [added]})
    assert _without_eligibility(after) == _without_eligibility(before)
    if after["cec"]["eligible"] == before["cec"]["eligible"]:
        assert after["categories"] == before["categories"]


@PROPERTY_SETTINGS
@given(category_facts())
def test_eligible_means_the_condition_is_met_and_cec_is_eligible(obj):
    result = run(obj)
    for item in result["categories"]:
        condition = item["reason_code"] in CONDITION_MET
        assert item["eligible"] == (condition and result["cec"]["eligible"])
        assert not (item["needs_review"] and condition)


@PROPERTY_SETTINGS
@given(category_facts())
def test_hours_code_and_experience_on_agree(obj):
    result = run(obj)
    for item in result["categories"]:
        if item["code"] in ("french", "military"):
            assert (item["experience_hours"], item["noc"], item["experience_on"]) == (
                None, None, None)
            continue
        assert (item["noc"] is None) == (item["experience_hours"] == 0)
        met = item["reason_code"] in CONDITION_MET
        assert met == (item["experience_hours"] >= 1560)
        assert not (met and item["experience_on"])
        if item["experience_on"]:
            assert item["experience_on"] > obj["as_of"]


@PROPERTY_SETTINGS
@given(category_facts())
def test_experience_on_is_the_first_day_the_experience_is_met(obj):
    result = run(obj)
    for item in result["categories"]:
        reach = item["experience_on"]
        if reach is None:
            continue
        day = date.fromisoformat(reach)
        on_the_day = run({**obj, "as_of": reach})
        day_before = run({**obj, "as_of": (day - timedelta(days=1)).isoformat()})
        code = item["code"]
        assert _met(on_the_day)[code]
        assert not _met(day_before)[code] or day - timedelta(days=1) == date.fromisoformat(
            obj["as_of"])


@PROPERTY_SETTINGS
@given(category_facts(), st.randoms(use_true_random=False))
def test_the_order_of_jobs_and_tests_never_changes_the_categories(obj, rng):
    shuffled = {**obj, "jobs": rng.sample(obj["jobs"], len(obj["jobs"])),
                "language_tests": rng.sample(obj["language_tests"], len(obj["language_tests"]))}
    assert run(shuffled)["categories"] == run(obj)["categories"]


@PROPERTY_SETTINGS
@given(category_facts())
def test_every_reason_is_rebuilt_from_its_code_and_parameters(obj):
    for item in run(obj)["categories"]:
        assert category_reason(item["reason_code"], item["reason_params"]) == item["reason"]


@PROPERTY_SETTINGS
@given(category_facts())
def test_every_category_opening_is_what_the_engine_finds_after_the_change(obj):
    facts = parse_facts(obj, today=date(2026, 11, 25))
    for opening in category_openings(facts):
        if opening.code == "french_test":
            added = LanguageTest(
                test=opening.params["test"], taken_on=facts.as_of,
                **{ability: Decimal(opening.params[ability]) for ability in ABILITY_NAMES})
            changed = replace(facts, language_tests=facts.language_tests + (added,))
        else:
            assert opening.on > facts.as_of
            changed = replace(facts, as_of=opening.on)
        after = next(item for item in evaluate(changed).categories
                     if item.code == opening.category)
        assert after.condition_met
        assert after.eligible == opening.opens
