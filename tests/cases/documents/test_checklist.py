"""The document checklist is built from the person's facts and the engine's result."""

from datetime import date
from decimal import Decimal

import pytest

from cases.documents.checklist import checklist_for
from cases.documents.vocabulary import describe
from profiles.enums import Person
from profiles.evaluation import evaluate_applicant
from tests.factories import (
    ApplicantFactory,
    EducationFactory,
    JobFactory,
    LanguageTestFactory,
    SpouseFactory,
)

pytestmark = pytest.mark.django_db

ON = date(2026, 11, 1)


@pytest.fixture
def married_two_jobs_foreign_degree():
    spouse = SpouseFactory()
    applicant = spouse.applicant
    JobFactory(applicant=applicant, title="Developer", employer="Maple Inc.",
               start=date(2023, 1, 1), end=date(2024, 12, 31))
    JobFactory(applicant=applicant, title="Senior developer", employer="Birch Ltd.",
               start=date(2025, 1, 1), end=None)
    EducationFactory(applicant=applicant, level="masters", canadian=False)
    LanguageTestFactory(applicant=applicant, taken_on=date(2025, 6, 14))
    return applicant


def entries_for(applicant):
    result = evaluate_applicant(applicant=applicant, on=ON).result
    return checklist_for(applicant=applicant, result=result)


def kinds(entries):
    return [entry.kind for entry in entries]


def test_married_person_gets_one_reference_letter_per_canadian_job(
    married_two_jobs_foreign_degree
):
    entries = entries_for(married_two_jobs_foreign_degree)
    letters = [entry for entry in entries if entry.kind == "reference_letter"]
    assert [entry.subject for entry in letters] == [
        "Developer — Maple Inc. (2023-01-01 – 2024-12-31)",
        "Senior developer — Birch Ltd. (2025-01-01 – …)",
    ]


def test_married_person_with_a_foreign_degree_gets_an_eca_item(married_two_jobs_foreign_degree):
    entries = entries_for(married_two_jobs_foreign_degree)
    eca = [entry for entry in entries if entry.kind == "education_eca"]
    assert [entry.subject for entry in eca] == ["masters"]
    assert "Educational Credential Assessment" in describe("education_eca", "masters").detail


def test_married_person_gets_marriage_and_spouse_documents(married_two_jobs_foreign_degree):
    found = kinds(entries_for(married_two_jobs_foreign_degree))
    assert "marriage_certificate" in found
    assert "spouse_passport" in found
    assert "common_law_proof" not in found


def test_married_person_gets_the_documents_everyone_needs(married_two_jobs_foreign_degree):
    found = kinds(entries_for(married_two_jobs_foreign_degree))
    for kind in ("work_proof", "work_permits", "language_result", "passport", "photo",
                 "police_certificate"):
        assert kind in found


def test_married_person_checklist_has_no_claims_they_did_not_make(
    married_two_jobs_foreign_degree
):
    found = kinds(entries_for(married_two_jobs_foreign_degree))
    for kind in ("sibling_proof", "nomination_certificate", "physician_billing",
                 "education_canadian"):
        assert kind not in found


def test_work_permits_item_lists_every_counted_period(married_two_jobs_foreign_degree):
    (permits,) = [e for e in entries_for(married_two_jobs_foreign_degree)
                  if e.kind == "work_permits"]
    assert permits.subject == "2023-01-01 – 2024-12-31; 2025-01-01 – …"


def test_reference_letter_says_what_the_letter_must_state():
    detail = describe("reference_letter", "Developer").detail
    for words in ("letterhead", "hours per week", "annual salary", "duties", "signed"):
        assert words in detail


def test_a_job_the_engine_did_not_count_gets_no_letter(db):
    applicant = ApplicantFactory()
    JobFactory(applicant=applicant, start=date(2023, 9, 1))
    JobFactory(applicant=applicant, title="Abroad", country="IN", start=date(2018, 1, 1),
               end=date(2019, 12, 31))
    LanguageTestFactory(applicant=applicant)
    letters = [e for e in entries_for(applicant) if e.kind == "reference_letter"]
    assert len(letters) == 1
    assert "police_certificate:IN" in [e.key for e in entries_for(applicant)]


def test_a_fee_for_service_physician_gets_billing_records_instead_of_a_letter(db):
    applicant = ApplicantFactory()
    JobFactory(applicant=applicant, noc="31102", title="Family physician", self_employed=True,
               physician_fee_for_service=True, start=date(2023, 9, 1))
    LanguageTestFactory(applicant=applicant)
    found = kinds(entries_for(applicant))
    assert "physician_billing" in found
    assert "reference_letter" not in found


def test_sibling_and_nomination_proof_when_claimed(db):
    applicant = ApplicantFactory(sibling_in_canada=True, provincial_nomination=True)
    JobFactory(applicant=applicant)
    LanguageTestFactory(applicant=applicant)
    found = kinds(entries_for(applicant))
    assert "sibling_proof" in found
    assert "nomination_certificate" in found


def test_common_law_partner_needs_proof_of_the_relationship(db):
    applicant = SpouseFactory(applicant__marital_status="common_law").applicant
    JobFactory(applicant=applicant)
    LanguageTestFactory(applicant=applicant)
    assert "common_law_proof" in kinds(entries_for(applicant))


def test_spouse_canadian_job_and_test_get_their_own_items(married_two_jobs_foreign_degree):
    applicant = married_two_jobs_foreign_degree
    JobFactory(applicant=applicant, person=Person.SPOUSE, hours_per_week=Decimal("30"))
    LanguageTestFactory(applicant=applicant, person=Person.SPOUSE)
    found = kinds(entries_for(applicant))
    assert "spouse_reference_letter" in found
    assert "spouse_language_result" in found


def test_keys_are_stable_across_rebuilds(married_two_jobs_foreign_degree):
    first = [e.key for e in entries_for(married_two_jobs_foreign_degree)]
    assert first == [e.key for e in entries_for(married_two_jobs_foreign_degree)]
    assert len(first) == len(set(first))
