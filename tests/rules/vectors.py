"""The test vectors of the rules files as facts JSON, with what each must give.

cec.md E1–E10 and crs.md W1–W7: used by the engine's tests and by the command's tests, so
both run exactly the same cases.
"""

from tests.rules.builders import birth_for_age, facts, ielts, job, last_days, spouse

THIRTEEN_MONTHS = 396  # 2025-10-25 … 2026-11-24
FOURTEEN_MONTHS = 426

# name → (facts, eligible, qualifying hours)
CEC_VECTORS = {
    "E1": (facts(jobs=[last_days(364, hours=40, teer=1)], language_tests=[ielts(7)]),
           True, 1560),
    "E2": (facts(jobs=[job(teer=2, start="2024-11-25", end="2026-11-24", hours=15)],
                 language_tests=[ielts(5)]), True, 1564),
    "E3": (facts(jobs=[job(teer=3, start="2025-11-25", end="2026-11-24", hours=20),
                       job(teer=3, noc="63201", start="2025-11-25", end="2026-11-24", hours=20)],
                 language_tests=[ielts(5)]), True, 1564),
    "E4": (facts(jobs=[job(start="2025-05-25", end="2026-01-24", hours=30,
                           full_time_student=True),
                       job(start="2026-01-25", end="2026-11-24", hours=30)],
                 language_tests=[ielts(9)]), False, 1302),
    "E5": (facts(jobs=[last_days(FOURTEEN_MONTHS, hours=30, self_employed=True)],
                 language_tests=[ielts(9)]), False, 0),
    "E6": (facts(jobs=[last_days(FOURTEEN_MONTHS, hours=30, authorized=False)],
                 language_tests=[ielts(9)]), False, 0),
    "E7": (facts(jobs=[last_days(THIRTEEN_MONTHS, hours=30, teer=4)],
                 language_tests=[ielts(9)]), False, 0),
    "E8": (facts(jobs=[last_days(THIRTEEN_MONTHS, hours=40, teer=1)],
                 language_tests=[ielts(scores=(6.0, 6.0, 6.0, 5.5))]), False, 1697),
    "E9": (facts(jobs=[job(start="2022-08-01", end="2023-08-31", hours=40)],
                 language_tests=[ielts(9)]), False, 0),
    "E10": (facts(jobs=[last_days(THIRTEEN_MONTHS, hours=40, noc="31102", self_employed=True,
                                  physician_fee_for_service=True)],
                  language_tests=[ielts(9)]), True, 1697),
}

THREE_YEARS_FOREIGN = job(country="IN", start="2019-01-01", end="2022-06-30")  # 5,472 h
ONE_YEAR_CANADIAN = job(start="2025-06-01", end="2026-07-31")  # 1,825 h
TWO_YEARS_CANADIAN = job(start="2024-06-01", end="2026-10-31")  # 3,784 h
THREE_YEARS_CANADIAN = job(start="2023-01-01", end="2026-06-30")  # 5,472 h

# name → (facts, (total, core, spouse, transferability, additional))
CRS_EXAMPLES = {
    "W1": (facts(birth_date=birth_for_age(29), education=[{"level": "masters"}],
                 language_tests=[ielts(9)], jobs=[THREE_YEARS_FOREIGN]),
           (469, 369, 0, 100, 0)),
    "W2": (facts(birth_date=birth_for_age(30), marital_status="married",
                 spouse=spouse(education=[{"level": "bachelors"}], language_tests=[ielts(7)]),
                 education=[{"level": "bachelors"}], language_tests=[ielts(10)],
                 jobs=[ONE_YEAR_CANADIAN]),
           (428, 370, 20, 38, 0)),
    "W3": (facts(birth_date=birth_for_age(25), marital_status="married",
                 spouse=spouse(canadian_citizen_or_pr=True)),
           (110, 110, 0, 0, 0)),
    "W4": (facts(birth_date=birth_for_age(45), education=[{"level": "two_year"}],
                 language_tests=[ielts(scores=(6.0, 6.0, 6.0, 6.0))]),
           (179, 166, 0, 13, 0)),
    "W5": (facts(birth_date=birth_for_age(18), education=[{"level": "secondary"}],
                 language_tests=[ielts(scores=(6.0, 6.0, 6.0, 6.0))]),
           (197, 197, 0, 0, 0)),
    "W6": (facts(birth_date=birth_for_age(28), education=[{"level": "masters"}],
                 language_tests=[ielts(scores=(8.5, 8.0, 7.5, 8.0))],
                 jobs=[THREE_YEARS_CANADIAN]),
           (495, 445, 0, 50, 0)),
    "W7": (facts(birth_date=birth_for_age(32), marital_status="married",
                 spouse=spouse(education=[{"level": "bachelors"}],
                               language_tests=[ielts(scores=(5.0, 5.0, 5.0, 5.0))]),
                 education=[{"level": "masters"}],
                 language_tests=[ielts(scores=(8.5, 8.5, 8.5, 8.5))], jobs=[TWO_YEARS_CANADIAN]),
           (447, 385, 12, 50, 0)),
}


def crs_sections(result: dict) -> tuple:
    crs = result["crs"]
    return (crs["total"], crs["core"], crs["spouse"], crs["transferability"], crs["additional"])
