"""Category-based rounds (shared/rules/categories.md), walked row by row.

The evaluation date is 2026-11-25: the window is 2023-11-25 … 2026-11-24 (1,096 days). A job
covering the last 364 days at 30 h/week or more gives exactly 1,560 hours.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import pytest

from eligibility.rules import evaluate, parse_facts, result_to_json
from eligibility.rules.categories import (
    CATEGORIES_2026,
    CATEGORIES_FROM,
    MILITARY_NOT_ASSESSED,
    category_reason,
)
from tests.rules.builders import AS_OF, days_before, facts, ielts, iso, job, last_days, run, spouse

ORDER = ["french", "healthcare", "stem", "trades", "education", "transport", "physicians",
         "senior_managers", "researchers", "military"]

# categories.md §2, "Occupation lists", transcribed: the engine's lists are checked against it
# here, and against the file itself below when ../shared is beside the project.
LISTS = {
    "healthcare": "31100 31101 31102 31103 31110 31111 31112 31120 31121 31200 31201 31202 "
                  "31203 31209 31300 31301 31302 31303 32101 32102 32103 32104 32109 32111 "
                  "32120 32121 32122 32123 32124 32129 32201 33101 33102 33103 41300 41301 "
                  "42201",
    "stem": "20011 21220 21300 21301 21310 21321 21331 22300 22301 22310 63100",
    "trades": "22303 63201 70010 70011 72100 72102 72106 72200 72201 72300 72302 72310 72311 "
              "72320 72400 72401 72402 72422 72501 72999 73100 73110 73112 73113 82021",
    "education": "41220 41221 42202 42203 43100",
    "transport": "22313 72404 72410 72600",
    "physicians": "31100 31101 31102",
    "senior_managers": "00012 00013 00014 00015",
    "researchers": "41200 41201",
    "military": "40042 42102 43204",
}
CANADA_ONLY = {"physicians", "senior_managers", "researchers"}
EVERY_LISTED_CODE = sorted({code for name, codes in LISTS.items() if name != "military"
                            for code in codes.split()})

TCF_NCLC_7 = {"test": "tcf_canada", "taken_on": "2025-03-10",
              "listening": 458, "reading": 453, "writing": 10, "speaking": 10}
TEF_NCLC_7 = {"test": "tef_canada", "taken_on": "2025-03-10",
              "listening": 434, "reading": 434, "writing": 428, "speaking": 456}


def entry(result: dict, code: str) -> dict:
    return next(item for item in result["categories"] if item["code"] == code)


def met(result: dict) -> set[str]:
    """Categories whose own condition is met, whatever CEC says."""
    return {item["code"] for item in result["categories"]
            if item["reason_code"] in ("experience_met", "experience_met_not_cec",
                                       "french_met", "french_met_not_cec")}


def year_in(noc: str, **kw) -> dict:
    """364 days at 40 h/week (30 counted) ending the day before the evaluation: 1,560 h."""
    return last_days(364, noc=noc, **kw)


# --- The list and its order ----------------------------------------------------------------------


def test_categories_come_in_the_order_of_the_rules_file():
    assert [item["code"] for item in run(facts())["categories"]] == ORDER


def test_every_entry_has_the_keys_of_the_result_spec_plus_the_reason_as_data():
    for item in run(facts())["categories"]:
        assert set(item) == {"code", "eligible", "needs_review", "experience_hours", "noc",
                             "experience_on", "reason", "reason_code", "reason_params"}


@pytest.mark.parametrize("name", sorted(LISTS))
def test_the_engine_lists_each_categorys_codes_as_the_rules_file_does(name):
    engine = next(category for category in CATEGORIES_2026 if category.code == name)
    assert engine.nocs == tuple(LISTS[name].split())


def test_the_transcribed_lists_match_the_rules_file_itself():
    shared = Path(os.environ.get("CEC_SHARED_DIR", Path(__file__).parents[3] / "shared"))
    rules = shared / "rules" / "categories.md"
    if not rules.exists():
        pytest.skip("shared/rules/categories.md is not beside the project")
    table = rules.read_text(encoding="utf-8").split("### Occupation lists")[1].split("\n\n")[0]
    found = {m[1]: " ".join(re.findall(r"\d{5}", m[2]))
             for m in re.finditer(r"^\| `(\w+)` \| ([\d, ]+) \|$", table, re.M)}
    assert found == LISTS


@pytest.mark.parametrize("code", EVERY_LISTED_CODE)
def test_a_year_in_a_listed_code_meets_exactly_the_categories_listing_it(code):
    result = run(facts(jobs=[year_in(code)]))
    listing = {name for name, codes in LISTS.items() if code in codes.split()} - {"military"}
    assert met(result) == listing
    for name in listing:
        assert (entry(result, name)["experience_hours"], entry(result, name)["noc"]) == (1560, code)


def test_software_engineers_are_not_in_stem_since_2025():
    result = run(facts(jobs=[year_in("21231")]))
    assert met(result) == set()
    assert entry(result, "stem")["experience_hours"] == 0


def test_cooks_left_the_trades_list_in_2026():
    assert met(run(facts(jobs=[year_in("63200")]))) == set()


# --- Canada only or Canada and abroad ------------------------------------------------------------


@pytest.mark.parametrize("name", [name for name in LISTS if name != "military"])
def test_a_year_abroad_counts_only_where_the_rules_file_allows_it(name):
    code = LISTS[name].split()[-1]
    result = run(facts(jobs=[year_in(code, country="PH")]))
    hours = entry(result, name)["experience_hours"]
    assert hours == (0 if name in CANADA_ONLY else 1560)


def test_a_physician_abroad_counts_for_healthcare_but_not_for_physicians():
    result = run(facts(jobs=[year_in("31102", country="FR")]))
    assert entry(result, "healthcare")["noc"] == "31102"
    assert entry(result, "physicians")["noc"] is None
    assert entry(result, "physicians")["reason"] == (
        "0 hours in a listed occupation in 2023-11-25 … 2026-11-24; 1,560 needed. "
        "Work outside Canada does not count for this category"
    )


def test_unpaid_work_abroad_does_not_count():
    assert entry(run(facts(jobs=[year_in("31301", country="PH", paid=False)])),
                 "healthcare")["experience_hours"] == 0


def test_self_employed_or_student_work_abroad_counts_where_abroad_counts():
    jobs = [year_in("31301", country="PH", self_employed=True, full_time_student=True)]
    assert entry(run(facts(jobs=jobs)), "healthcare")["experience_hours"] == 1560


def test_canadian_and_foreign_work_in_one_code_add_up():
    jobs = [last_days(182, noc="31301"),
            job(noc="31301", country="IN", start=days_before(364), end=days_before(183))]
    assert entry(run(facts(jobs=jobs)), "healthcare")["experience_hours"] == 1560


# --- Counting: the cap, employers, codes, ties ---------------------------------------------------


def test_the_30_hour_cap_applies_across_the_jobs_of_one_code():
    jobs = [last_days(364, noc="31301", hours=20), last_days(364, noc="31301", hours=20)]
    assert entry(run(facts(jobs=jobs)), "healthcare")["experience_hours"] == 1560  # not 2,080


def test_work_in_another_occupation_does_not_reduce_a_codes_hours():
    jobs = [last_days(364, noc="31301", hours=30), last_days(364, noc="21231", hours=30)]
    result = run(facts(jobs=jobs))
    assert result["cec"]["qualifying_hours"] == 1560  # CEC caps the two together
    assert entry(result, "healthcare")["experience_hours"] == 1560


def test_two_employers_in_one_code_add_up():
    jobs = [job(noc="31301", start=days_before(364), end=days_before(183)),
            last_days(182, noc="31301")]
    result = run(facts(jobs=jobs))
    assert (entry(result, "healthcare")["experience_hours"], "healthcare" in met(result)) == (
        1560, True)


def test_two_codes_of_one_category_never_add_up():
    jobs = [job(noc="31302", start=days_before(364), end=days_before(183)),
            last_days(182, noc="31301")]
    result = run(facts(jobs=jobs))
    assert entry(result, "healthcare")["experience_hours"] == 780
    assert "healthcare" not in met(result)


def test_equal_hours_in_two_codes_name_the_lower_code():
    jobs = [last_days(182, noc="31302"), last_days(182, noc="31301")]
    assert entry(run(facts(jobs=jobs)), "healthcare")["noc"] == "31301"


def test_ties_compare_exact_hours_before_rounding_down():
    # 10 h and 10.1 h: both 10 once rounded down; the higher exact figure wins.
    jobs = [last_days(7, noc="31301", hours=10), last_days(7, noc="31302", hours=10.1)]
    item = entry(run(facts(jobs=jobs)), "healthcare")
    assert (item["noc"], item["experience_hours"]) == ("31302", 10)


def test_experience_hours_are_rounded_down():
    # 100 days at 20 h/week: 285.71… hours.
    assert entry(run(facts(jobs=[last_days(100, noc="31301", hours=20)])),
                 "healthcare")["experience_hours"] == 285


def test_363_days_full_time_is_not_enough():
    item = entry(run(facts(jobs=[last_days(363, noc="31301")])), "healthcare")
    assert (item["experience_hours"], item["reason_code"]) == (1555, "experience_short")


def test_work_before_the_window_does_not_count():
    jobs = [job(noc="31301", start="2021-01-01", end="2023-11-24")]
    assert entry(run(facts(jobs=jobs)), "healthcare")["experience_hours"] == 0


def test_no_listed_work_gives_zero_hours_and_no_code():
    item = entry(run(facts()), "healthcare")
    assert (item["experience_hours"], item["noc"], item["experience_on"]) == (0, None, None)


def test_the_spouses_work_does_not_count():
    obj = facts(marital_status="married", spouse=spouse(jobs=[year_in("31301")]))
    assert entry(run(obj), "healthcare")["experience_hours"] == 0


# --- Which Canadian jobs count, and needs_review -------------------------------------------------


def test_a_physicians_fee_for_service_work_counts_for_healthcare_and_physicians():
    jobs = [year_in("31102", self_employed=True, physician_fee_for_service=True)]
    result = run(facts(jobs=jobs))
    assert {"healthcare", "physicians"} <= met(result)
    assert not entry(result, "physicians")["needs_review"]


@pytest.mark.parametrize("flag", ["self_employed", "full_time_student"])
def test_self_employed_or_student_work_in_canada_is_not_counted_but_flagged_for_review(flag):
    item = entry(run(facts(jobs=[year_in("31301", **{flag: True})])), "healthcare")
    assert (item["experience_hours"], item["noc"], item["eligible"], item["needs_review"]) == (
        0, None, False, True)
    assert item["reason"].endswith(
        "Counting your self-employed or full-time-student work in Canada as NOC 31301, you "
        "would reach 1,560 hours; a consultant should review this"
    )


def test_review_adds_the_left_out_work_to_the_counted_work_of_the_same_code():
    jobs = [job(noc="31301", start=days_before(364), end=days_before(183),
                full_time_student=True),
            last_days(182, noc="31301")]
    item = entry(run(facts(jobs=jobs)), "healthcare")
    assert (item["experience_hours"], item["needs_review"]) == (780, True)


@pytest.mark.parametrize("flags", [{"authorized": False}, {"paid": False}])
def test_no_review_when_the_work_would_not_count_for_another_reason_too(flags):
    jobs = [year_in("31301", self_employed=True, **flags)]
    assert not entry(run(facts(jobs=jobs)), "healthcare")["needs_review"]


def test_no_review_when_even_the_left_out_work_falls_short():
    assert not entry(run(facts(jobs=[last_days(300, noc="31301", self_employed=True)])),
                     "healthcare")["needs_review"]


def test_no_review_once_the_experience_is_met():
    jobs = [year_in("31301"), year_in("31301", self_employed=True)]
    assert not entry(run(facts(jobs=jobs)), "healthcare")["needs_review"]


def test_review_does_not_depend_on_cec():
    result = run(facts(jobs=[year_in("31301", self_employed=True)]))  # no test: CEC fails
    assert not result["cec"]["eligible"]
    assert entry(result, "healthcare")["needs_review"]


def test_unauthorized_canadian_work_is_not_counted():
    assert entry(run(facts(jobs=[year_in("31301", authorized=False)])),
                 "healthcare")["experience_hours"] == 0


# --- Eligible needs CEC on the same date ---------------------------------------------------------


def test_a_year_as_a_nurse_with_cec_makes_healthcare_eligible():
    result = run(facts(jobs=[year_in("31301")], language_tests=[ielts(7)]))
    assert result["cec"]["eligible"]
    item = entry(result, "healthcare")
    assert (item["eligible"], item["reason_code"]) == (True, "experience_met")
    assert item["reason"] == "1,560 hours as NOC 31301 in 2023-11-25 … 2026-11-24; 1,560 needed"


def test_without_cec_the_category_is_not_eligible_but_the_hours_are_reported():
    result = run(facts(jobs=[year_in("31301")]))  # no language test
    assert not result["cec"]["eligible"]
    item = entry(result, "healthcare")
    assert (item["eligible"], item["experience_hours"], item["noc"]) == (False, 1560, "31301")
    assert item["reason"].endswith(
        "You are not eligible for CEC on 2026-11-25, and a category round invites only people "
        "eligible for CEC, FSW or FST; FSW or FST (not assessed here) might still open it"
    )


def test_cec_language_levels_do_not_apply_to_category_hours():
    # CLB 6 with TEER 1 work: CEC fails, but all 1,560 hours count for healthcare.
    result = run(facts(jobs=[year_in("31301")], language_tests=[ielts(6)]))
    assert not result["cec"]["eligible"]
    assert entry(result, "healthcare")["experience_hours"] == 1560


def test_the_note_says_only_cec_is_assessed():
    note = run(facts())["categories_note"]
    assert note["reason_code"] == "cec_only"
    assert note["reason"].startswith("A category round invites only people eligible for CEC, FSW")


# --- experience_on -------------------------------------------------------------------------------


def test_experience_on_is_when_a_current_job_reaches_364_days():
    start = AS_OF - timedelta(days=200)
    item = entry(run(facts(jobs=[job(noc="31301", start=iso(start), end=None)])), "healthcare")
    assert item["experience_on"] == iso(start + timedelta(days=364))
    assert item["reason"].endswith(
        f"If your current work goes on, you reach 1,560 hours as NOC 31301 on "
        f"{iso(start + timedelta(days=364))}"
    )


def test_experience_on_counts_an_open_ended_job_abroad_where_abroad_counts():
    start = AS_OF - timedelta(days=200)
    result = run(facts(jobs=[job(noc="31102", country="FR", start=iso(start), end=None)]))
    assert entry(result, "healthcare")["experience_on"] == iso(start + timedelta(days=364))
    assert entry(result, "physicians")["experience_on"] is None


def test_experience_on_is_computed_whatever_cec_says():
    start = AS_OF - timedelta(days=200)
    result = run(facts(jobs=[job(noc="31301", start=iso(start), end=None)]))
    assert not result["cec"]["eligible"]
    assert entry(result, "healthcare")["experience_on"] is not None


def test_experience_on_takes_the_code_that_gets_there_first():
    jobs = [job(noc="31302", start=days_before(300), end=None),
            job(noc="31301", start=days_before(100), end=None)]
    item = entry(run(facts(jobs=jobs)), "healthcare")
    assert item["experience_on"] == iso(AS_OF - timedelta(days=300) + timedelta(days=364))
    assert item["reason_params"]["experience_on_noc"] == "31302"


def test_experience_on_is_null_once_met():
    assert entry(run(facts(jobs=[job(noc="31301", start="2024-01-01", end=None)])),
                 "healthcare")["experience_on"] is None


def test_experience_on_is_null_when_the_work_never_adds_up():
    # 9 h/week fills at most 1,409 hours in 3 years.
    assert entry(run(facts(jobs=[job(noc="31301", start="2020-01-01", end=None, hours=9)])),
                 "healthcare")["experience_on"] is None


def test_experience_on_is_null_beyond_three_years():
    # A job starting 800 days from now reaches 1,560 hours 364 days later: past 3 years.
    late = job(noc="31301", start=iso(AS_OF + timedelta(days=800)), end=None)
    assert entry(run(facts(jobs=[late])), "healthcare")["experience_on"] is None
    soon = job(noc="31301", start=iso(AS_OF + timedelta(days=400)), end=None)
    assert entry(run(facts(jobs=[soon])), "healthcare")["experience_on"] == iso(
        AS_OF + timedelta(days=764))


def test_experience_on_is_null_when_all_work_has_ended():
    assert entry(run(facts(jobs=[last_days(300, noc="31301")])),
                 "healthcare")["experience_on"] is None


# --- French --------------------------------------------------------------------------------------


def test_tef_canada_at_nclc_7_in_all_four_meets_french():
    item = entry(run(facts(language_tests=[TEF_NCLC_7])), "french")
    assert item["reason"] == (
        "TEF Canada of 2025-03-10, valid until 2027-03-09: NCLC 7 or more in all four abilities. "
        "You are not eligible for CEC on 2026-11-25, and a category round invites only people "
        "eligible for CEC, FSW or FST; FSW or FST (not assessed here) might still open it"
    )
    assert (item["eligible"], item["experience_hours"], item["noc"]) == (False, None, None)


def test_tcf_canada_at_nclc_7_in_all_four_meets_french():
    assert "french" in met(run(facts(language_tests=[TCF_NCLC_7])))


def test_french_with_cec_is_eligible():
    result = run(facts(jobs=[year_in("21231")], language_tests=[TEF_NCLC_7]))
    assert result["cec"]["eligible"]
    assert entry(result, "french")["eligible"]


def test_english_tests_do_not_meet_french():
    item = entry(run(facts(language_tests=[ielts(10)])), "french")
    assert (item["reason_code"], item["eligible"]) == ("french_none", False)


def test_one_ability_below_nclc_7_falls_short_and_is_named():
    tef = {**TEF_NCLC_7, "speaking": 422}  # NCLC 6
    item = entry(run(facts(language_tests=[tef])), "french")
    assert item["reason_code"] == "french_short"
    assert "your speaking is NCLC 6" in item["reason"]


def test_abilities_are_never_mixed_across_two_french_tests():
    tef = {**TEF_NCLC_7, "speaking": 422}  # speaking NCLC 6, the rest 7
    tcf = {**TCF_NCLC_7, "listening": 400}  # listening NCLC 6, speaking 7
    assert "french" not in met(run(facts(language_tests=[tef, tcf])))


def test_an_expired_french_test_does_not_count():
    old = {**TEF_NCLC_7, "taken_on": "2024-11-24"}  # valid through 2026-11-23
    item = entry(run(facts(language_tests=[old])), "french")
    assert (item["reason_code"], item["reason"]) == (
        "french_not_valid",
        "No TEF Canada or TCF Canada result is valid on 2026-11-25; NCLC 7 in all four abilities "
        "on one of them is needed",
    )


def test_one_good_french_test_among_weaker_ones_is_enough():
    weak = {**TEF_NCLC_7, "speaking": 300, "taken_on": "2025-09-01"}
    assert "french" in met(run(facts(language_tests=[weak, TCF_NCLC_7, ielts(9)])))


# --- Military and the dates ----------------------------------------------------------------------


def test_military_is_never_assessed_even_with_work_in_its_codes():
    item = entry(run(facts(jobs=[year_in("40042")], language_tests=[ielts(9)])), "military")
    assert item == {"code": "military", "eligible": False, "needs_review": False,
                    "experience_hours": None, "noc": None, "experience_on": None,
                    "reason": MILITARY_NOT_ASSESSED, "reason_code": "not_assessed",
                    "reason_params": {}}


def test_no_category_before_2026_02_18_and_the_result_says_so():
    result = run(facts(as_of="2026-02-17", jobs=[year_in("31301")]))
    assert result["categories"] == []
    assert result["categories_note"]["reason"] == (
        "Category-based selection is assessed for dates from 2026-02-18 only; none is listed for "
        "2026-02-17"
    )


def test_categories_apply_from_2026_02_18_inclusive():
    assert iso(CATEGORIES_FROM) == "2026-02-18"
    assert len(run(facts(as_of="2026-02-18"))["categories"]) == len(ORDER)


# --- Reasons -------------------------------------------------------------------------------------


def test_a_title_lookup_names_the_occupation():
    parsed = parse_facts(facts(jobs=[year_in("31301")]), today=AS_OF)
    result = result_to_json(evaluate(parsed, noc_titles={"31301": "a registered nurse"}))
    assert entry(result, "healthcare")["reason"].startswith(
        "1,560 hours as a registered nurse (31301) in 2023-11-25 … 2026-11-24; 1,560 needed"
    )


def test_each_reason_can_be_rebuilt_from_its_code_and_parameters():
    start = iso(AS_OF - timedelta(days=200))
    obj = facts(jobs=[year_in("31102", country="FR"), job(noc="00012", start=start, end=None),
                      year_in("41200", self_employed=True)],
                language_tests=[{**TEF_NCLC_7, "writing": 200}])
    for item in run(obj)["categories"]:
        assert category_reason(item["reason_code"], item["reason_params"]) == item["reason"]


def test_categories_go_through_the_result_as_plain_json():
    import json

    result = run(facts(jobs=[year_in("31301")], language_tests=[TEF_NCLC_7]))
    assert json.loads(json.dumps(result))["categories"] == result["categories"]


def test_a_result_never_shares_its_entries_with_another():
    first, second = run(facts()), run(facts())
    first["categories"][1]["reason_params"]["first"] = "changed"
    first["categories"][1]["reason"] = "changed"
    assert second["categories"][1]["reason_params"]["first"] == "2023-11-25"
    assert run(facts())["categories"][1]["reason"].startswith("0 hours")
