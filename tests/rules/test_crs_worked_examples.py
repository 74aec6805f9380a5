"""The CRS worked examples W1–W7 of shared/rules/crs.md, end to end from facts JSON."""

from tests.rules.builders import birth_for_age, facts, ielts, job, run, spouse

THREE_YEARS_FOREIGN = job(country="IN", start="2019-01-01", end="2022-06-30")  # 5,472 h
ONE_YEAR_CANADIAN = job(start="2025-06-01", end="2026-07-31")  # 1,825 h
TWO_YEARS_CANADIAN = job(start="2024-06-01", end="2026-10-31")  # 3,784 h
THREE_YEARS_CANADIAN = job(start="2023-01-01", end="2026-06-30")  # 5,472 h


def crs(result: dict) -> tuple:
    section = result["crs"]
    return (section["total"], section["core"], section["spouse"],
            section["transferability"], section["additional"])


def points(result: dict) -> dict:
    return {line["factor"]: line["points"] for line in result["crs"]["lines"]}


def test_w1_single_29_masters_clb_9_three_years_foreign_scores_469():
    result = run(facts(
        birth_date=birth_for_age(29),
        education=[{"level": "masters", "canadian": False}],
        language_tests=[ielts(9)],
        jobs=[THREE_YEARS_FOREIGN],
    ))
    assert crs(result) == (469, 369, 0, 100, 0)
    assert points(result) == {
        "age": 110, "education": 135, "first_language": 124,
        "education_language": 50, "foreign_work_language": 50,
    }


def test_w2_married_accompanying_30_bachelors_clb_10_one_year_canadian_scores_428():
    result = run(facts(
        birth_date=birth_for_age(30),
        marital_status="married",
        spouse=spouse(
            education=[{"level": "bachelors", "canadian": False}],
            language_tests=[ielts(7)],
        ),
        education=[{"level": "bachelors", "canadian": False}],
        language_tests=[ielts(10)],
        jobs=[ONE_YEAR_CANADIAN],
    ))
    assert crs(result) == (428, 370, 20, 38, 0)
    assert points(result) == {
        "age": 95, "education": 112, "first_language": 128, "canadian_work": 35,
        "spouse_education": 8, "spouse_language": 12,
        "education_language": 25, "education_canadian_work": 13,
    }


def test_w3_married_to_a_canadian_citizen_is_scored_as_single_110():
    result = run(facts(
        birth_date=birth_for_age(25),
        marital_status="married",
        spouse=spouse(canadian_citizen_or_pr=True),
    ))
    assert crs(result) == (110, 110, 0, 0, 0)
    assert result["crs"]["with_spouse"] is False


def test_w4_single_45_two_year_diploma_ielts_6_scores_179():
    result = run(facts(
        birth_date=birth_for_age(45),
        education=[{"level": "two_year", "canadian": False}],
        language_tests=[ielts(scores=(6.0, 6.0, 6.0, 6.0))],
    ))
    assert crs(result) == (179, 166, 0, 13, 0)


def test_w5_single_18_secondary_ielts_6_scores_197():
    result = run(facts(
        birth_date=birth_for_age(18),
        education=[{"level": "secondary", "canadian": False}],
        language_tests=[ielts(scores=(6.0, 6.0, 6.0, 6.0))],
    ))
    assert crs(result) == (197, 197, 0, 0, 0)


def test_w6_single_28_masters_mixed_ielts_three_years_canadian_scores_495():
    result = run(facts(
        birth_date=birth_for_age(28),
        education=[{"level": "masters", "canadian": False}],
        language_tests=[ielts(scores=(8.5, 8.0, 7.5, 8.0))],
        jobs=[THREE_YEARS_CANADIAN],
    ))
    assert crs(result) == (495, 445, 0, 50, 0)


def test_w7_married_32_masters_ielts_8_5_two_years_canadian_spouse_ielts_5_scores_447():
    result = run(facts(
        birth_date=birth_for_age(32),
        marital_status="married",
        spouse=spouse(
            education=[{"level": "bachelors", "canadian": False}],
            language_tests=[ielts(scores=(5.0, 5.0, 5.0, 5.0))],
        ),
        education=[{"level": "masters", "canadian": False}],
        language_tests=[ielts(scores=(8.5, 8.5, 8.5, 8.5))],
        jobs=[TWO_YEARS_CANADIAN],
    ))
    assert crs(result) == (447, 385, 12, 50, 0)
    # Spouse's IELTS 5.0 is CLB 5/6/5/5 (reading 5.0 is CLB 6): 1 point each.
    assert points(result)["spouse_language"] == 4
