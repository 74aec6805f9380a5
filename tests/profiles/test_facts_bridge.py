"""``facts_for_applicant`` is the one bridge from the database to the rules engine."""

from datetime import date
from decimal import Decimal

import pytest

from eligibility.rules import parse_facts
from profiles.enums import Person
from profiles.selectors import applicant_with_facts, facts_for_applicant
from tests.factories import (
    ApplicantFactory,
    EducationFactory,
    JobFactory,
    LanguageTestFactory,
    SpouseFactory,
)

pytestmark = pytest.mark.django_db

TOP_LEVEL_KEYS = {
    "as_of", "birth_date", "marital_status", "spouse", "intended_province", "education",
    "language_tests", "jobs", "certificate_of_qualification", "provincial_nomination",
    "sibling_in_canada", "job_offer",
}


@pytest.fixture
def full_applicant():
    applicant = ApplicantFactory(marital_status="married", sibling_in_canada=True)
    SpouseFactory(applicant=applicant, accompanying=True)
    EducationFactory(applicant=applicant, level="masters", canadian=True)
    EducationFactory(applicant=applicant, person=Person.SPOUSE, level="bachelors")
    LanguageTestFactory(applicant=applicant)
    LanguageTestFactory(
        applicant=applicant, test="tef_canada", taken_on=date(2025, 1, 20),
        listening=Decimal("450"), reading=Decimal("470"), writing=Decimal("430"),
        speaking=Decimal("460"),
    )
    LanguageTestFactory(applicant=applicant, person=Person.SPOUSE, listening=Decimal("6.5"))
    JobFactory(applicant=applicant, start=date(2022, 1, 10), end=date(2023, 8, 31))
    JobFactory(applicant=applicant, noc="21231", start=date(2023, 9, 1),
               hours_per_week=Decimal("37.5"))
    JobFactory(applicant=applicant, country="IN", noc="21232", start=date(2018, 1, 1),
               end=date(2021, 12, 31))
    JobFactory(applicant=applicant, person=Person.SPOUSE, noc="41200", start=date(2024, 1, 1))
    return applicant


def test_facts_for_a_full_applicant_pass_the_engines_validation(full_applicant):
    facts = facts_for_applicant(applicant=full_applicant, as_of=date(2026, 11, 25))
    parse_facts(facts, today=date(2026, 11, 25))  # raises FactsError on any problem


def test_facts_have_exactly_the_specs_top_level_keys(full_applicant):
    facts = facts_for_applicant(applicant=full_applicant, as_of=date(2026, 11, 25))
    assert set(facts) == TOP_LEVEL_KEYS


def test_facts_keep_each_persons_rows_apart(full_applicant):
    facts = facts_for_applicant(applicant=full_applicant, as_of=date(2026, 11, 25))
    assert (len(facts["jobs"]), len(facts["language_tests"])) == (3, 2)
    assert (len(facts["spouse"]["jobs"]), len(facts["spouse"]["language_tests"])) == (1, 1)


def test_facts_write_scores_and_hours_as_exact_numbers(full_applicant):
    facts = facts_for_applicant(applicant=full_applicant, as_of=date(2026, 11, 25))
    assert facts["language_tests"][0]["listening"] == 8
    assert sorted(job["hours_per_week"] for job in facts["jobs"]) == [37.5, 40, 40]


def test_facts_of_a_single_person_have_no_spouse():
    applicant = ApplicantFactory(marital_status="single")
    assert facts_for_applicant(applicant=applicant)["spouse"] is None


def test_facts_leave_unanswered_questions_empty_for_the_engine_to_name():
    applicant = ApplicantFactory(birth_date=None, marital_status="", intended_province="")
    facts = facts_for_applicant(applicant=applicant)
    assert (facts["birth_date"], facts["marital_status"], facts["intended_province"]) == (
        None, None, None,
    )


def test_the_bridge_reads_rows_prefetched_with_the_applicant_without_a_query(
    full_applicant, django_assert_num_queries
):
    applicant = applicant_with_facts(user=full_applicant.user)
    with django_assert_num_queries(0):
        facts = facts_for_applicant(applicant=applicant, as_of=date(2026, 11, 1))
    assert facts["jobs"] and facts["language_tests"]
