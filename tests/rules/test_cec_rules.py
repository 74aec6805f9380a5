"""CEC rules beyond the vectors: eligible_on, mixed TEER, validity, province, reasons."""

from datetime import date, timedelta

from tests.rules.builders import (
    AS_OF,
    days_before,
    facts,
    ielts,
    iso,
    job,
    last_days,
    requirement,
    run,
)


def test_work_reason_states_hours_of_1560_and_the_window():
    result = run(facts(jobs=[last_days(364, hours=24)], language_tests=[ielts(9)]))
    assert result["cec"]["qualifying_hours"] == 1248
    assert requirement(result, "work")["reason"].startswith(
        "1,248 of 1,560 hours in the window 2023-11-25 … 2026-11-24"
    )


def test_eligible_on_is_when_a_current_full_time_job_reaches_364_days():
    start = AS_OF - timedelta(days=200)
    result = run(facts(jobs=[job(start=iso(start), end=None, hours=40)], language_tests=[ielts(9)]))
    reach = start + timedelta(days=364)
    assert result["cec"]["eligible_on"] == iso(reach)
    assert requirement(result, "work")["reason"].endswith(
        f"If your current job continues at 40 h/week you reach 1,560 hours on {iso(reach)}"
    )


def test_eligible_on_counts_a_part_time_job_at_its_own_rate():
    start = AS_OF - timedelta(days=100)
    result = run(facts(jobs=[job(start=iso(start), end=None, hours=15)]))
    # 15 h/week: Σ rate ≥ 10,920 after 728 days.
    assert result["cec"]["eligible_on"] == iso(start + timedelta(days=728))


def test_eligible_on_lets_old_work_drop_out_of_the_window():
    old = job(start="2023-06-01", end="2024-05-31", hours=30)  # partly in the window
    current = job(start=days_before(30), end=None, hours=30)
    result = run(facts(jobs=[old, current]))
    eligible_on = date.fromisoformat(result["cec"]["eligible_on"])
    # Checked by recounting on that day and the day before.
    on_the_day = run(facts(as_of=iso(eligible_on), jobs=[old, current]))
    day_before = run(facts(as_of=iso(eligible_on - timedelta(days=1)), jobs=[old, current]))
    assert on_the_day["cec"]["qualifying_hours"] >= 1560
    assert day_before["cec"]["qualifying_hours"] < 1560


def test_eligible_on_is_null_once_the_hours_are_reached():
    result = run(facts(jobs=[job(start="2024-01-01", end=None, hours=40)]))
    assert result["cec"]["qualifying_hours"] >= 1560
    assert result["cec"]["eligible_on"] is None


def test_eligible_on_is_null_when_current_work_can_never_reach_1560():
    result = run(facts(jobs=[job(start="2025-01-01", end=None, hours=9)]))
    assert result["cec"]["eligible_on"] is None
    assert "never adds up to 1,560 hours" in requirement(result, "work")["reason"]


def test_eligible_on_is_null_without_a_current_job():
    result = run(facts(jobs=[job(start="2025-01-01", end="2025-06-30", hours=40)]))
    assert result["cec"]["eligible_on"] is None


def test_hours_after_30_a_week_in_one_job_do_not_count():
    result = run(facts(jobs=[last_days(100, hours=60)]))
    assert result["cec"]["qualifying_hours"] == 100 * 30 // 7


def test_non_integer_hours_are_compared_exactly():
    # 705 days × 15.5 = 10,927.5 ≥ 10,920; 704 days × 15.5 = 10,912 < 10,920.
    enough = run(facts(jobs=[last_days(705, hours=15.5)], language_tests=[ielts(9)]))
    short = run(facts(jobs=[last_days(704, hours=15.5)], language_tests=[ielts(9)]))
    assert (enough["cec"]["eligible"], enough["cec"]["qualifying_hours"]) == (True, 1561)
    assert (short["cec"]["eligible"], short["cec"]["qualifying_hours"]) == (False, 1558)


def test_37_5_hours_a_week_counts_30():
    result = run(facts(jobs=[last_days(364, hours=37.5)], language_tests=[ielts(7)]))
    assert result["cec"]["qualifying_hours"] == 1560


def test_a_job_ending_after_as_of_counts_only_up_to_the_day_before():
    result = run(facts(jobs=[job(start=days_before(364), end="2027-06-30", hours=30)]))
    assert result["cec"]["qualifying_hours"] == 1560


def test_counted_hours_of_the_jobs_add_up_to_the_qualifying_hours_within_rounding():
    jobs = [
        job(start="2024-01-10", end="2025-03-31", hours=25),
        job(teer=2, start="2024-06-01", end=None, hours=12.5),
        job(start="2025-02-01", end=None, hours=20),
    ]
    result = run(facts(jobs=jobs))
    counted = sum(item["counted_hours"] for item in result["cec"]["jobs"])
    assert result["cec"]["qualifying_hours"] - len(jobs) < counted
    assert counted <= result["cec"]["qualifying_hours"]


# --- Language ----------------------------------------------------------------------------------

def test_language_reason_names_the_test_and_its_expiry():
    result = run(facts(
        jobs=[last_days(400)], language_tests=[ielts(9, taken_on="2025-02-10")]
    ))
    assert requirement(result, "language")["reason"].startswith(
        "Your IELTS General Training of 2025-02-10 expires on 2027-02-09"
    )


def test_an_expired_test_does_not_meet_the_language_requirement():
    result = run(facts(jobs=[last_days(400)], language_tests=[ielts(9, taken_on="2024-11-24")]))
    language = requirement(result, "language")
    assert language["met"] is False
    assert language["reason"] == (
        "No valid language test on 2026-11-25: "
        "your IELTS General Training of 2024-11-24 expired on 2026-11-23"
    )
    assert result["language"][0]["valid"] is False
    assert result["cec"]["eligible"] is False


def test_a_test_taken_exactly_two_years_before_is_still_valid_on_its_last_day():
    result = run(facts(jobs=[last_days(400)], language_tests=[ielts(9, taken_on="2024-11-26")]))
    assert result["language"][0]["valid_until"] == "2026-11-25"
    assert result["cec"]["eligible"] is True


def test_no_test_at_all_fails_the_language_requirement():
    result = run(facts(jobs=[last_days(400)]))
    assert requirement(result, "language") == {
        "code": "language", "met": False, "reason": "No language test is entered",
        "reason_code": "no_test", "reason_params": {},
    }


def test_abilities_are_not_mixed_across_tests():
    # Each test has one CLB 6; together they would have CLB 7 everywhere, but do not count.
    tests = [ielts(scores=(6.0, 6.0, 6.0, 5.5)), ielts(scores=(5.5, 6.0, 6.0, 6.0),
                                                       taken_on="2025-08-01")]
    result = run(facts(jobs=[last_days(400, teer=1)], language_tests=tests))
    assert requirement(result, "language")["met"] is False


def test_clb_5_is_enough_for_teer_2_and_3():
    result = run(facts(jobs=[last_days(400, teer=3)], language_tests=[ielts(5)]))
    assert result["cec"]["eligible"] is True


def test_below_clb_5_is_never_enough():
    result = run(facts(jobs=[last_days(400, teer=3)], language_tests=[ielts(4)]))
    assert requirement(result, "language")["met"] is False


def test_teer_1_experience_alone_with_clb_6_is_simply_not_eligible():
    result = run(facts(jobs=[last_days(400, teer=1)], language_tests=[ielts(6)]))
    assert (result["cec"]["eligible"], result["cec"]["needs_review"]) == (False, False)


def test_mixed_teer_reaching_1560_only_with_teer_0_1_hours_at_clb_6_needs_review():
    jobs = [
        job(teer=1, start="2024-06-01", end="2026-02-28", hours=30),
        job(teer=2, start="2026-03-01", end=None, hours=30),  # 269 days: 1,152 h
    ]
    result = run(facts(jobs=jobs, language_tests=[ielts(6)]))
    assert result["cec"]["qualifying_hours"] >= 1560
    assert (result["cec"]["eligible"], result["cec"]["needs_review"]) == (False, True)
    assert "a consultant should review this" in requirement(result, "language")["reason"]


def test_mixed_teer_with_enough_teer_2_3_hours_at_clb_6_is_eligible():
    jobs = [
        job(teer=1, start="2023-12-01", end="2024-11-30", hours=30),
        job(teer=2, start="2024-12-01", end=None, hours=30),
    ]
    result = run(facts(jobs=jobs, language_tests=[ielts(6)]))
    assert (result["cec"]["eligible"], result["cec"]["needs_review"]) == (True, False)


def test_mixed_teer_at_clb_7_counts_every_hour():
    jobs = [
        job(teer=1, start="2024-06-01", end="2025-05-31", hours=30),
        job(teer=2, start="2025-06-01", end=None, hours=30),
    ]
    result = run(facts(jobs=jobs, language_tests=[ielts(7)]))
    assert (result["cec"]["eligible"], result["cec"]["needs_review"]) == (True, False)


# --- Province ---------------------------------------------------------------------------------

def test_planning_to_live_in_quebec_fails_cec():
    result = run(facts(intended_province="QC", jobs=[last_days(400)], language_tests=[ielts(9)]))
    assert requirement(result, "province")["met"] is False
    assert result["cec"]["eligible"] is False


def test_work_in_quebec_counts():
    result = run(facts(intended_province="ON", jobs=[last_days(400)], language_tests=[ielts(9)]))
    assert result["cec"]["eligible"] is True


def test_no_intended_province_is_met_and_says_it_was_not_stated():
    result = run(facts(jobs=[last_days(400)], language_tests=[ielts(9)]))
    province = requirement(result, "province")
    assert province["met"] is True
    assert province["reason"].startswith("Intended province not stated")


# --- Other exclusions ------------------------------------------------------------------------

def test_unpaid_work_does_not_count():
    result = run(facts(jobs=[last_days(400, paid=False)]))
    assert result["cec"]["qualifying_hours"] == 0
    assert "unpaid" in result["cec"]["jobs"][0]["excluded"]


def test_foreign_work_does_not_count_for_cec():
    result = run(facts(jobs=[last_days(400, country="FR")]))
    assert result["cec"]["jobs"][0]["excluded"].endswith("done outside Canada (FR)")


def test_several_reasons_are_all_given():
    result = run(facts(jobs=[last_days(400, teer=5, paid=False)]))
    assert result["cec"]["jobs"][0]["excluded"].endswith(
        "is not counted: NOC 65200 is TEER 5; only TEER 0, 1, 2 or 3 counts; "
        "unpaid (volunteer work and unpaid internships do not count)"
    )


def test_physicians_policy_does_not_apply_before_2023_04_25():
    physician = dict(noc="31102", self_employed=True, physician_fee_for_service=True)
    before = run(facts(as_of="2023-04-24", jobs=[last_days(400, on=date(2023, 4, 24),
                                                           **physician)]))
    after = run(facts(as_of="2023-04-25", jobs=[last_days(400, on=date(2023, 4, 25),
                                                          **physician)]))
    assert before["cec"]["qualifying_hours"] == 0
    assert after["cec"]["qualifying_hours"] == 400 * 30 // 7


def test_self_employed_physician_outside_the_three_nocs_does_not_count():
    result = run(facts(jobs=[last_days(400, noc="31200", self_employed=True,
                                       physician_fee_for_service=True)]))
    assert result["cec"]["qualifying_hours"] == 0
