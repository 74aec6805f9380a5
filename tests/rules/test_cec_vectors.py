"""The CEC test vectors E1–E10 of shared/rules/cec.md, and the exact 1,560-hour boundary."""

from tests.rules.builders import (
    facts,
    ielts,
    job,
    last_days,
    requirement,
    run,
)

FULL_TIME = 40
THIRTEEN_MONTHS = 396  # 2025-10-25 … 2026-11-24


def test_e1_364_days_at_40_hours_teer_1_with_clb_7_is_eligible_with_1560_hours():
    result = run(facts(jobs=[last_days(364, hours=40, teer=1)], language_tests=[ielts(7)]))
    assert result["cec"]["eligible"] is True
    assert result["cec"]["qualifying_hours"] == 1560


def test_e2_24_months_at_15_hours_teer_2_with_clb_5_is_eligible():
    result = run(facts(
        jobs=[job(teer=2, start="2024-11-25", end="2026-11-24", hours=15)],
        language_tests=[ielts(5)],
    ))
    assert result["cec"]["eligible"] is True
    assert result["cec"]["qualifying_hours"] == 1564  # 730 days × 15 / 7


def test_e3_two_concurrent_20_hour_jobs_for_12_months_count_30_hours_a_week():
    jobs = [
        job(teer=3, start="2025-11-25", end="2026-11-24", hours=20),
        job(teer=3, noc="63201", start="2025-11-25", end="2026-11-24", hours=20),
    ]
    result = run(facts(jobs=jobs, language_tests=[ielts(5)]))
    assert result["cec"]["eligible"] is True
    assert result["cec"]["qualifying_hours"] == 365 * 30 // 7  # not 365 × 40 / 7
    assert [j["counted_hours"] for j in result["cec"]["jobs"]] == [782, 782]
    assert [j["capped"] for j in result["cec"]["jobs"]] == [True, True]  # 40 h shared as 30


def test_one_job_over_30_hours_a_week_is_capped():
    result = run(facts(jobs=[job(start="2025-11-25", end="2026-11-24", hours=40)],
                       language_tests=[ielts(9)]))
    assert result["cec"]["jobs"][0]["capped"] is True


def test_e4_18_months_of_which_the_first_8_as_full_time_student_is_not_eligible():
    jobs = [
        job(start="2025-05-25", end="2026-01-24", hours=30, full_time_student=True),
        job(start="2026-01-25", end="2026-11-24", hours=30),
    ]
    result = run(facts(jobs=jobs, language_tests=[ielts(9)]))
    assert result["cec"]["eligible"] is False
    assert result["cec"]["qualifying_hours"] == 304 * 30 // 7  # about 10 months
    assert result["cec"]["jobs"][0] == {
        "index": 0,
        "counted_hours": 0,
        "excluded": "Work from 2025-05-25 to 2026-01-24 is not counted: full-time student",
        "excluded_code": "work_not_counted",
        "excluded_params": {
            "start": "2025-05-25", "end": "2026-01-24",
            "why": [{"code": "full_time_student", "params": {}}],
        },
        "capped": False,
    }
    assert result["cec"]["jobs"][1]["capped"] is False  # 30 h/week: nothing above the cap


def test_e5_14_months_self_employed_not_a_physician_is_not_eligible():
    result = run(facts(
        jobs=[last_days(426, hours=30, self_employed=True)], language_tests=[ielts(9)]
    ))
    assert result["cec"]["eligible"] is False
    assert result["cec"]["qualifying_hours"] == 0
    assert result["cec"]["jobs"][0]["excluded"].endswith("is not counted: self-employment")


def test_e6_14_months_without_work_authorization_is_not_eligible():
    result = run(facts(
        jobs=[last_days(426, hours=30, authorized=False)], language_tests=[ielts(9)]
    ))
    assert result["cec"]["eligible"] is False
    assert result["cec"]["qualifying_hours"] == 0
    assert "not authorized" in result["cec"]["jobs"][0]["excluded"]


def test_e7_13_months_in_teer_4_is_not_eligible():
    result = run(facts(
        jobs=[last_days(THIRTEEN_MONTHS, hours=30, teer=4)], language_tests=[ielts(9)]
    ))
    assert result["cec"]["eligible"] is False
    assert result["cec"]["qualifying_hours"] == 0
    assert "NOC 64100 is TEER 4" in result["cec"]["jobs"][0]["excluded"]


def test_e8_teer_1_with_speaking_at_clb_6_is_not_eligible_as_it_needs_clb_7():
    result = run(facts(
        jobs=[last_days(THIRTEEN_MONTHS, hours=FULL_TIME, teer=1)],
        language_tests=[ielts(scores=(6.0, 6.0, 6.0, 5.5))],
    ))
    assert result["language"][0]["clb"] == {
        "listening": 7, "reading": 7, "writing": 7, "speaking": 6,
    }
    assert result["cec"]["eligible"] is False
    assert requirement(result, "work")["met"] is True
    assert requirement(result, "language")["met"] is False
    assert result["cec"]["needs_review"] is False


def test_e9_work_ending_more_than_3_years_before_is_outside_the_window():
    result = run(facts(
        jobs=[job(start="2022-08-01", end="2023-08-31", hours=FULL_TIME)],
        language_tests=[ielts(9)],
    ))
    assert result["cec"]["eligible"] is False
    assert result["cec"]["qualifying_hours"] == 0
    assert result["cec"]["jobs"][0]["excluded"] == (
        "Work from 2022-08-01 to 2023-08-31 is not counted: "
        "outside the 3-year window 2023-11-25 … 2026-11-24"
    )


def test_e10_self_employed_fee_for_service_physician_in_noc_31102_is_eligible():
    result = run(facts(
        jobs=[last_days(THIRTEEN_MONTHS, hours=FULL_TIME, noc="31102", self_employed=True,
                        physician_fee_for_service=True)],
        language_tests=[ielts(9)],
    ))
    assert result["cec"]["eligible"] is True
    assert result["cec"]["jobs"][0]["excluded"] is None


# --- The exact boundary ------------------------------------------------------------------------

def test_364_days_at_30_hours_a_week_is_exactly_1560_hours_and_eligible():
    result = run(facts(jobs=[last_days(364, hours=30)], language_tests=[ielts(7)]))
    assert result["cec"]["qualifying_hours"] == 1560
    assert result["cec"]["eligible"] is True


def test_363_days_at_30_hours_a_week_is_not_enough():
    result = run(facts(jobs=[last_days(363, hours=30)], language_tests=[ielts(7)]))
    assert result["cec"]["qualifying_hours"] == 1555
    assert result["cec"]["eligible"] is False
