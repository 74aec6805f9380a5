"""Invalid facts are refused with every problem named by its field path."""

from datetime import date
from decimal import Decimal

import pytest

from eligibility.rules import FactsError, parse_facts, parse_many
from tests.rules.builders import AS_OF, facts, ielts, job, spouse


def problems(obj) -> list[str]:
    with pytest.raises(FactsError) as caught:
        parse_facts(obj, today=AS_OF)
    return caught.value.problems


def one_job(**fields) -> dict:
    base = job(start="2024-01-01", end=None)
    base.update(fields)
    return facts(jobs=[base])


def one_test(**fields) -> dict:
    base = ielts(7)
    base.update(fields)
    return facts(language_tests=[base])


def test_valid_facts_parse_with_defaults():
    parsed = parse_facts(
        {"birth_date": "1996-04-02", "marital_status": "single"}, today=AS_OF
    )
    assert parsed.as_of == AS_OF
    assert (parsed.spouse, parsed.intended_province, parsed.job_offer) == (None, None, None)
    assert (parsed.education, parsed.language_tests, parsed.jobs) == ((), (), ())
    assert not (parsed.certificate_of_qualification or parsed.provincial_nomination
                or parsed.sibling_in_canada)


def test_job_defaults_are_paid_authorized_employee_not_student():
    parsed = parse_facts(facts(jobs=[{"noc": "21231", "country": "CA", "start": "2024-01-01",
                                      "hours_per_week": 37.5}]), today=AS_OF)
    only = parsed.jobs[0]
    assert only.end is None
    assert only.hours_per_week == Decimal("37.5")
    assert (only.paid, only.self_employed, only.full_time_student, only.authorized,
            only.physician_fee_for_service) == (True, False, False, True, False)


def test_spouse_defaults_are_accompanying_and_not_canadian():
    parsed = parse_facts(facts(marital_status="married", spouse={}), today=AS_OF)
    assert (parsed.spouse.accompanying, parsed.spouse.canadian_citizen_or_pr) == (True, False)


def test_python_dates_and_decimals_are_accepted_too():
    obj = facts(as_of=date(2026, 11, 25), birth_date=date(1990, 1, 1),
                jobs=[job(start="2024-01-01", end=None, hours=Decimal("37.5"))])
    assert parse_facts(obj, today=AS_OF).jobs[0].hours_per_week == Decimal("37.5")


@pytest.mark.parametrize(
    ("obj", "expected"),
    [
        (facts(jobs=[job(start="2024-01-01", end=None, hours=0)]),
         "jobs[0].hours_per_week: must be between 1 and 168"),
        (facts(jobs=[job(start="2024-01-01", end=None, hours=168.5)]),
         "jobs[0].hours_per_week: must be between 1 and 168"),
        (facts(jobs=[job(start="2024-01-01", end=None, hours=True)]),
         "jobs[0].hours_per_week: must be a number"),
        (facts(jobs=[job(start="2024-01-01", end=None, hours="40")]),
         "jobs[0].hours_per_week: must be a number"),
        (facts(jobs=[job(start="2024-01-01", end=None, hours=37.125)]),
         "jobs[0].hours_per_week: must have at most 2 decimal places"),
        (facts(jobs=[job(start="2024-01-01", end=None, hours=float("nan"))]),
         "jobs[0].hours_per_week: must be a number"),
        (one_job(noc="2123"),
         'jobs[0].noc: must be a NOC 2021 code of 5 digits, written as a string (e.g. "21231")'),
        (one_job(noc=21231),
         'jobs[0].noc: must be a NOC 2021 code of 5 digits, written as a string (e.g. "21231")'),
        (one_job(noc="27231"),
         "jobs[0].noc: is not a NOC 2021 code: its 2nd digit (the TEER) must be 0 to 5"),
        (one_job(country="ca"),
         'jobs[0].country: must be a two-letter ISO 3166 country code in capitals (e.g. "CA")'),
        (one_job(start="2024-13-01"), "jobs[0].start: 2024-13-01 is not a real date"),
        (one_job(start="2023-02-29"), "jobs[0].start: 2023-02-29 is not a real date"),
        (one_job(start="20240101"), "jobs[0].start: must be a date written YYYY-MM-DD"),
        (one_job(start=None), "jobs[0].start: required"),
        (one_job(start="2024-05-01", end="2024-04-30"),
         "jobs[0].end: must not be before start (2024-05-01)"),
        (one_job(paid="yes"), "jobs[0].paid: must be true or false"),
        (one_job(paid=1), "jobs[0].paid: must be true or false"),
        (one_job(overtime=True), "jobs[0].overtime: unknown field"),
        (facts(jobs="none"), "jobs: must be a list"),
        (facts(jobs=["x"]), "jobs[0]: must be an object"),
        (one_test(test="ielts_academic"),
         "language_tests[0].test: IELTS Academic is not accepted by IRCC for Express Entry; "
         "take IELTS General Training instead"),
        (one_test(test="celpip_general_ls"),
         "language_tests[0].test: CELPIP-General LS is not accepted by IRCC for Express "
         "Entry; take CELPIP-General instead"),
        (one_test(test="pte_academic"),
         "language_tests[0].test: PTE Academic is not accepted by IRCC for Express Entry; "
         "take PTE Core instead"),
        (one_test(test="toefl"),
         "language_tests[0].test: must be one of ielts_general, celpip_general, pte_core, "
         "tef_canada, tcf_canada"),
        (one_test(listening=9.5),
         "language_tests[0].listening: IELTS General Training scores are 0–9 in steps of 0.5"),
        (one_test(reading=6.3),
         "language_tests[0].reading: IELTS General Training scores are 0–9 in steps of 0.5"),
        (one_test(writing=False), "language_tests[0].writing: must be a number"),
        (one_test(speaking=None), "language_tests[0].speaking: required"),
        (one_test(taken_on="yesterday"),
         "language_tests[0].taken_on: must be a date written YYYY-MM-DD"),
        (facts(language_tests=[{"test": "tcf_canada", "taken_on": "2025-01-01",
                                "listening": 99, "reading": 500, "writing": 10,
                                "speaking": 21}]),
         "language_tests[0].listening: TCF Canada listening scores are 100–699, whole numbers"),
        (facts(language_tests=[{"test": "tef_canada", "taken_on": "2019-09-30",
                                "listening": 500, "reading": 500, "writing": 500,
                                "speaking": 500}]),
         "language_tests[0].taken_on: TEF Canada results from before 2019-10-01 cannot be "
         "converted to NCLC here (they expired long ago)"),
        (facts(education=[{"level": "phd"}]),
         "education[0].level: must be one of secondary, one_year, two_year, bachelors, "
         "masters, professional, doctoral"),
        (facts(education=[{"level": "masters", "canadian": "no"}]),
         "education[0].canadian: must be true or false"),
        (facts(marital_status="engaged"),
         "marital_status: must be one of single, married, common_law, separated, divorced, "
         "widowed, annulled"),
        (facts(marital_status=None), "marital_status: required"),
        (facts(birth_date=None), "birth_date: required"),
        (facts(birth_date="2026-11-25"), "birth_date: must be before as_of (2026-11-25)"),
        (facts(as_of="2022-11-15"),
         "as_of: must be on or after 2022-11-16 (NOC 2021 TEER codes; no earlier rules are "
         "kept)"),
        (facts(as_of="2300-01-01"), "as_of: must be between 1900-01-01 and 2199-12-31"),
        (facts(marital_status="married"), "spouse: required when marital_status is married"),
        (facts(marital_status="common_law", spouse=None),
         "spouse: required when marital_status is common_law"),
        (facts(spouse=spouse()), "spouse: must be null when marital_status is single"),
        (facts(marital_status="married", spouse=spouse(accompanying="yes")),
         "spouse.accompanying: must be true or false"),
        (facts(marital_status="married", spouse=spouse(jobs=[job(start="2024-01-01", end=None,
                                                                 hours=200)])),
         "spouse.jobs[0].hours_per_week: must be between 1 and 168"),
        (facts(marital_status="married", spouse=spouse(children=2)),
         "spouse.children: unknown field"),
        (facts(intended_province="XX"),
         "intended_province: must be a province or territory code: AB, BC, MB, NB, NL, NS, "
         "NT, NU, ON, PE, QC, SK, YT (or null)"),
        (facts(job_offer={"noc": "1234"}),
         'job_offer.noc: must be a NOC 2021 code of 5 digits, written as a string (e.g. '
         '"21231")'),
        (facts(job_offer="00012"), "job_offer: must be an object"),
        (facts(sibling_in_canada=None), "sibling_in_canada: required"),
        (facts(nickname="Sam"), "nickname: unknown field"),
    ],
)
def test_each_kind_of_invalid_field_is_named_with_its_path(obj, expected):
    assert expected in problems(obj)


def test_not_an_object_is_refused():
    assert problems([1, 2]) == ["facts: must be an object"]


def test_every_problem_is_reported_not_just_the_first():
    obj = facts(
        birth_date="not a date",
        jobs=[job(start="2024-01-01", end=None), job(start="2024-01-01", end=None, hours=200)],
        language_tests=[ielts(7), ielts(scores=(9.5, 7, 7, 7))],
    )
    obj["jobs"][0]["noc"] = "1"
    assert problems(obj) == [
        "birth_date: must be a date written YYYY-MM-DD",
        "language_tests[1].listening: IELTS General Training scores are 0–9 in steps of 0.5",
        'jobs[0].noc: must be a NOC 2021 code of 5 digits, written as a string (e.g. "21231")',
        "jobs[1].hours_per_week: must be between 1 and 168",
    ]


def test_parse_many_prefixes_each_path_with_the_items_position():
    good = facts()
    bad = one_job(hours_per_week=0)
    with pytest.raises(FactsError) as caught:
        parse_many([good, good, good, bad], today=AS_OF)
    assert caught.value.problems == ["[3].jobs[0].hours_per_week: must be between 1 and 168"]


def test_parse_many_returns_facts_in_order():
    parsed = parse_many([facts(birth_date="1990-01-01"), facts(birth_date="1991-01-01")],
                        today=AS_OF)
    assert [one.birth_date.year for one in parsed] == [1990, 1991]


def test_parse_many_refuses_a_single_object():
    with pytest.raises(FactsError) as caught:
        parse_many(facts(), today=AS_OF)
    assert caught.value.problems == ["facts: must be a JSON array of facts objects"]


def test_facts_error_message_lists_the_problems_one_per_line():
    error = FactsError(["a: x", "b: y"])
    assert str(error) == "a: x\nb: y"
