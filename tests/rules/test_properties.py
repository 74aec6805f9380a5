"""Properties that must hold for any facts (Hypothesis)."""

import os
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from eligibility.rules import evaluate, parse_facts, result_to_json
from eligibility.rules.dates import add_years
from eligibility.rules.language import SCORE_RANGES

AS_OFS = [date(2026, 11, 25), date(2028, 2, 29), date(2027, 3, 1), date(2024, 6, 30),
          date(2025, 3, 24)]
NOCS = ["00012", "10010", "21231", "22310", "31102", "33102", "63200", "64100", "65200"]
ABILITY_NAMES = ("listening", "reading", "writing", "speaking")

# RULES_PROPERTY_EXAMPLES=2000 for a longer hunt than the default run.
PROPERTY_SETTINGS = settings(
    max_examples=int(os.environ.get("RULES_PROPERTY_EXAMPLES", "150")), deadline=None
)


@st.composite
def scores(draw, test):
    values = {}
    for ability in ABILITY_NAMES:
        low, high, step = SCORE_RANGES[test][ability]
        steps = int((high - low) / step)
        value = low + step * draw(st.integers(0, steps))
        values[ability] = float(value) if test == "ielts_general" else int(value)
    return values


@st.composite
def language_test(draw, as_of):
    test = draw(st.sampled_from(sorted(SCORE_RANGES)))
    taken_on = as_of - timedelta(days=draw(st.integers(0, 900)))
    if test == "tef_canada":
        taken_on = max(taken_on, date(2019, 10, 1))
    return {"test": test, "taken_on": taken_on.isoformat(), **draw(scores(test))}


@st.composite
def job(draw, as_of):
    start = as_of - timedelta(days=draw(st.integers(-30, 4200)))
    length = draw(st.one_of(st.none(), st.integers(0, 1500)))
    return {
        "noc": draw(st.sampled_from(NOCS)),
        "country": draw(st.sampled_from(["CA", "CA", "CA", "IN"])),
        "start": start.isoformat(),
        "end": None if length is None else (start + timedelta(days=length)).isoformat(),
        "hours_per_week": draw(st.sampled_from([10, 15, 20, 25, 30, 37.5, 40, 12.25, 60])),
        "paid": draw(st.booleans()) or draw(st.booleans()),
        "self_employed": draw(st.sampled_from([False, False, False, True])),
        "full_time_student": draw(st.sampled_from([False, False, False, True])),
        "authorized": draw(st.sampled_from([True, True, True, False])),
        "physician_fee_for_service": draw(st.booleans()),
    }


@st.composite
def person(draw, as_of):
    levels = ["secondary", "one_year", "two_year", "bachelors", "masters", "professional",
              "doctoral"]
    return {
        "education": draw(st.lists(
            st.fixed_dictionaries({"level": st.sampled_from(levels), "canadian": st.booleans()}),
            max_size=3,
        )),
        "language_tests": draw(st.lists(language_test(as_of), max_size=3)),
        "jobs": draw(st.lists(job(as_of), max_size=4)),
    }


@st.composite
def facts(draw):
    as_of = draw(st.sampled_from(AS_OFS))
    status = draw(st.sampled_from(["single", "married", "common_law", "divorced"]))
    spouse = None
    if status in ("married", "common_law"):
        spouse = {"accompanying": draw(st.booleans()),
                  "canadian_citizen_or_pr": draw(st.booleans()), **draw(person(as_of))}
    birth = as_of - timedelta(days=draw(st.integers(16 * 365, 60 * 365)))
    return {
        "as_of": as_of.isoformat(),
        "birth_date": birth.isoformat(),
        "marital_status": status,
        "spouse": spouse,
        "intended_province": draw(st.sampled_from([None, "ON", "QC"])),
        **draw(person(as_of)),
        "certificate_of_qualification": draw(st.booleans()),
        "provincial_nomination": draw(st.sampled_from([False, False, False, True])),
        "sibling_in_canada": draw(st.booleans()),
        "job_offer": draw(st.sampled_from([None, {"noc": "00012"}, {"noc": "21231"}])),
    }


def run(obj):
    return result_to_json(evaluate(parse_facts(obj, today=date(2026, 11, 25))))


def points(result, *factors):
    return sum(line["points"] for line in result["crs"]["lines"] if line["factor"] in factors)


@PROPERTY_SETTINGS
@given(facts())
def test_total_is_the_sum_of_the_sections_and_of_the_lines(obj):
    crs = run(obj)["crs"]
    assert crs["total"] == crs["core"] + crs["spouse"] + crs["transferability"] + crs["additional"]
    assert crs["total"] == sum(line["points"] for line in crs["lines"])


@PROPERTY_SETTINGS
@given(facts())
def test_every_cap_holds(obj):
    result = run(obj)
    crs = result["crs"]
    assert crs["core"] <= (460 if crs["with_spouse"] else 500)
    assert crs["spouse"] <= 40
    assert crs["with_spouse"] or crs["spouse"] == 0
    assert points(result, "education_language", "education_canadian_work") <= 50
    assert points(result, "foreign_work_language", "foreign_work_canadian_work") <= 50
    assert points(result, "certificate_language") <= 50
    assert crs["transferability"] <= 100
    assert points(result, "second_language") <= (22 if crs["with_spouse"] else 24)
    assert crs["additional"] <= 600
    assert crs["total"] <= 1200
    assert all(line["points"] >= 0 for line in crs["lines"])


def _without_positions(result):
    # Results that must not depend on the order of jobs and tests (per-item lists aside).
    cec = dict(result["cec"])
    cec["jobs"] = sorted((job["counted_hours"], job["excluded"] or "") for job in cec["jobs"])
    return {"crs": result["crs"], "cec": cec,
            "language": sorted(map(repr, result["language"]))}


@PROPERTY_SETTINGS
@given(facts(), st.randoms(use_true_random=False))
def test_order_of_jobs_and_tests_never_changes_a_result(obj, rng):
    shuffled = dict(obj)
    for key in ("jobs", "language_tests", "education"):
        shuffled[key] = rng.sample(obj[key], len(obj[key]))
    if obj["spouse"]:
        shuffled["spouse"] = {**obj["spouse"], "language_tests": rng.sample(
            obj["spouse"]["language_tests"], len(obj["spouse"]["language_tests"]))}
    assert _without_positions(run(shuffled)) == _without_positions(run(obj))


@PROPERTY_SETTINGS
@given(facts(), st.data())
def test_raising_one_abilitys_score_never_lowers_the_crs(obj, data):
    assume(obj["language_tests"])
    index = data.draw(st.integers(0, len(obj["language_tests"]) - 1))
    ability = data.draw(st.sampled_from(ABILITY_NAMES))
    test = obj["language_tests"][index]
    low, high, step = SCORE_RANGES[test["test"]][ability]
    current = Decimal(str(test[ability]))
    raised = current + step * data.draw(st.integers(1, 20))
    assume(raised <= high)
    better = dict(obj)
    better["language_tests"] = list(obj["language_tests"])
    value = float(raised) if test["test"] == "ielts_general" else int(raised)
    better["language_tests"][index] = {**test, ability: value}
    assert run(better)["crs"]["total"] >= run(obj)["crs"]["total"]


@PROPERTY_SETTINGS
@given(facts(), st.data())
def test_splitting_a_job_in_two_back_to_back_jobs_never_changes_the_hours(obj, data):
    assume(obj["jobs"])
    index = data.draw(st.integers(0, len(obj["jobs"]) - 1))
    original = obj["jobs"][index]
    start = date.fromisoformat(original["start"])
    end = date.fromisoformat(original["end"]) if original["end"] else start + timedelta(3000)
    assume(end > start)
    cut = start + timedelta(days=data.draw(st.integers(0, (end - start).days - 1)))
    first = {**original, "end": cut.isoformat()}
    second = {**original, "start": (cut + timedelta(days=1)).isoformat()}
    split = dict(obj)
    split["jobs"] = obj["jobs"][:index] + [first, second] + obj["jobs"][index + 1:]
    before, after = run(obj), run(split)
    assert after["cec"]["qualifying_hours"] == before["cec"]["qualifying_hours"]
    assert after["cec"]["eligible_on"] == before["cec"]["eligible_on"]
    assert after["crs"]["total"] == before["crs"]["total"]


def _window_days(as_of: str) -> int:
    on = date.fromisoformat(as_of)
    return (on - add_years(on, -3)).days


@PROPERTY_SETTINGS
@given(facts())
def test_qualifying_hours_never_exceed_30_a_week_over_the_window(obj):
    result = run(obj)
    assert result["cec"]["qualifying_hours"] <= 30 * _window_days(obj["as_of"]) // 7


@PROPERTY_SETTINGS
@given(facts(), st.data())
def test_overlapping_copies_of_a_full_time_job_never_count_more_than_30_a_week(obj, data):
    full_time = {"noc": "21231", "country": "CA", "start": "2020-01-01", "end": None,
                 "hours_per_week": 30}
    copies = data.draw(st.integers(1, 4))
    crowded = {**obj, "jobs": obj["jobs"] + [full_time] * copies}
    assert run(crowded)["cec"]["qualifying_hours"] == 30 * _window_days(obj["as_of"]) // 7


@PROPERTY_SETTINGS
@given(facts())
def test_counted_hours_of_jobs_add_up_to_at_most_the_qualifying_hours(obj):
    cec = run(obj)["cec"]
    counted = sum(job["counted_hours"] for job in cec["jobs"])
    assert cec["qualifying_hours"] - len(cec["jobs"]) < counted <= cec["qualifying_hours"] or (
        counted == cec["qualifying_hours"] == 0
    )


@PROPERTY_SETTINGS
@given(facts())
def test_eligible_on_is_the_first_day_the_hours_reach_1560(obj):
    result = run(obj)
    reach = result["cec"]["eligible_on"]
    if reach is None:
        return
    day = date.fromisoformat(reach)
    assert day > date.fromisoformat(obj["as_of"])
    assume(day < date(2199, 1, 1))
    # Count again on that day and the day before, as evaluations of their own. Jobs are
    # entered as they are (an open end stays open), which is what eligible_on assumes.
    on_the_day = run({**obj, "as_of": reach})
    day_before = run({**obj, "as_of": (day - timedelta(days=1)).isoformat()})
    assert on_the_day["cec"]["qualifying_hours"] >= 1560
    assert day_before["cec"]["qualifying_hours"] < 1560 or (
        day - timedelta(days=1) == date.fromisoformat(obj["as_of"])
    )


@PROPERTY_SETTINGS
@given(facts())
def test_eligible_means_every_requirement_is_met_and_no_review(obj):
    cec = run(obj)["cec"]
    all_met = all(item["met"] for item in cec["requirements"])
    assert cec["eligible"] == (all_met and not cec["needs_review"])
    assert not (cec["needs_review"] and cec["eligible"])
