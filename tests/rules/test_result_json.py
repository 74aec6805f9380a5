"""result_to_json has exactly the shape of shared/spec/facts.md (plus documented extras)."""

import json

from eligibility.rules import DISCLAIMER, RULESETS, ruleset_for
from tests.rules.builders import AS_OF, facts, ielts, job, run

SPEC_EXAMPLE = facts(
    as_of="2026-11-25",
    birth_date="1996-04-02",
    intended_province="ON",
    education=[{"level": "bachelors", "canadian": False}],
    language_tests=[{"test": "ielts_general", "taken_on": "2025-06-14",
                     "listening": 8.0, "reading": 7.0, "writing": 7.0, "speaking": 7.0}],
    jobs=[job(noc="21231", start="2023-09-01", end=None, hours=40)],
)


def test_top_level_keys():
    assert set(run(SPEC_EXAMPLE)) == {
        "as_of", "ruleset", "language", "cec", "crs", "disclaimer", "categories",
        "categories_note",
    }


def test_language_entry_keys_and_values():
    entry = run(SPEC_EXAMPLE)["language"][0]
    assert {k: entry[k] for k in ("test", "taken_on", "valid_until", "valid", "clb")} == {
        "test": "ielts_general", "taken_on": "2025-06-14", "valid_until": "2027-06-13",
        "valid": True, "clb": {"listening": 9, "reading": 9, "writing": 9, "speaking": 9},
    }


def test_below_clb_4_is_reported_as_3():
    entry = run(facts(language_tests=[ielts(scores=(3.0, 3.0, 3.0, 3.0))]))["language"][0]
    assert entry["clb"] == {"listening": 3, "reading": 3, "writing": 3, "speaking": 3}


def test_cec_keys():
    cec = run(SPEC_EXAMPLE)["cec"]
    assert {"eligible", "needs_review", "qualifying_hours", "eligible_on", "requirements",
            "jobs"} <= set(cec)
    assert [item["code"] for item in cec["requirements"]] == ["work", "language", "province"]
    # Each reason also as data (its code and figures), for saying it in another language.
    assert all(
        set(item) == {"code", "met", "reason", "reason_code", "reason_params"}
        for item in cec["requirements"]
    )
    assert cec["jobs"] == [
        {"index": 0, "counted_hours": 1096 * 30 // 7, "excluded": None, "excluded_code": None,
         "excluded_params": None, "capped": True}
    ]


def test_crs_keys_and_lines():
    crs = run(SPEC_EXAMPLE)["crs"]
    assert {"total", "core", "spouse", "transferability", "additional", "lines"} <= set(crs)
    assert all(
        {"factor", "points", "detail", "detail_code", "detail_params"} == set(line)
        for line in crs["lines"]
    )
    assert crs["lines"][0]["factor"] == "age"


def test_the_result_is_plain_json():
    result = run(SPEC_EXAMPLE)
    assert json.loads(json.dumps(result)) == result


def test_the_ruleset_used_is_named_and_the_disclaimer_says_irccs_system_governs():
    result = run(SPEC_EXAMPLE)
    assert result["ruleset"] == "2025-03-25"
    assert result["disclaimer"] == DISCLAIMER.format(effective="2025-03-25")
    assert "in force from 2025-03-25" in result["disclaimer"]
    assert "IRCC's own system governs" in result["disclaimer"]


def test_an_evaluation_before_2025_03_25_uses_the_earlier_ruleset():
    result = run(facts(as_of="2025-03-24", job_offer={"noc": "00012"}))
    assert result["ruleset"] == "2023-04-25"
    assert any(line["factor"] == "job_offer" and line["points"] == 200
               for line in result["crs"]["lines"])


def test_ruleset_for_picks_the_version_in_force_on_the_day():
    assert ruleset_for(AS_OF) is RULESETS[-1]
    assert ruleset_for(RULESETS[-1].effective) is RULESETS[-1]
    assert ruleset_for(RULESETS[-2].effective) is RULESETS[-2]


def test_job_offer_scores_nothing_from_2025_03_25():
    result = run(facts(as_of="2025-03-25", job_offer={"noc": "00012"}))
    assert all(line["factor"] != "job_offer" for line in result["crs"]["lines"])


def test_first_language_line_says_which_test_was_taken():
    result = run(facts(language_tests=[ielts(9)]))
    first = next(line for line in result["crs"]["lines"] if line["factor"] == "first_language")
    assert first["detail"].startswith(
        "IELTS General Training of 2025-06-14, English as first official language"
    )
    assert result["crs"]["first_language"] == "english"


def test_french_is_first_when_it_gives_the_higher_total():
    tef = {"test": "tef_canada", "taken_on": "2025-03-10", "listening": 600, "reading": 600,
           "writing": 600, "speaking": 600}
    result = run(facts(language_tests=[ielts(6), tef]))
    assert result["crs"]["first_language"] == "french"


def test_equal_totals_put_english_first():
    tef = {"test": "tef_canada", "taken_on": "2025-03-10", "listening": 546, "reading": 546,
           "writing": 558, "speaking": 556}
    result = run(facts(language_tests=[tef, ielts(10)]))
    assert result["crs"]["first_language"] == "english"


def test_among_equal_tests_of_one_language_the_more_recent_is_used():
    older, newer = ielts(9, taken_on="2025-01-10"), ielts(9, taken_on="2025-06-14")
    for order in ([older, newer], [newer, older]):
        first = next(line for line in run(facts(language_tests=order))["crs"]["lines"]
                     if line["factor"] == "first_language")
        assert "of 2025-06-14" in first["detail"]


def test_french_levels_are_written_as_nclc():
    tef = {"test": "tef_canada", "taken_on": "2025-03-10", "listening": 600, "reading": 600,
           "writing": 600, "speaking": 600}
    result = run(facts(language_tests=[tef], jobs=[job(start="2024-01-01", end=None)]))
    first = next(line for line in result["crs"]["lines"] if line["factor"] == "first_language")
    assert first["detail"].endswith("NCLC 10/10/10/10 (listening/reading/writing/speaking)")
    language = next(item for item in result["cec"]["requirements"] if item["code"] == "language")
    assert "NCLC 10 or more in all four abilities" in language["reason"]
