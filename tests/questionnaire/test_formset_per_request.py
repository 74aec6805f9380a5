"""A section's formset is an instance of the one class made for the section: what belongs to a
request (the person's date of birth, an added empty row) is set on the formset, never on a
class another request would share."""

from datetime import date

import pytest

from profiles.enums import Person
from profiles.questionnaire.steps import STEPS
from tests.factories import ApplicantFactory

pytestmark = pytest.mark.django_db

JOBS = next(section for step in STEPS for section in step.sections if section.key == "jobs")


def test_a_formset_is_of_the_sections_one_class():
    formset = JOBS.formset(ApplicantFactory(), queryset=JOBS.model.objects.none())
    assert type(formset) is JOBS.formset_class()


def test_an_added_row_for_one_request_is_not_in_the_next():
    applicant = ApplicantFactory()
    added = JOBS.formset(applicant, queryset=JOBS.model.objects.none(), extra=1)
    plain = JOBS.formset(applicant, queryset=JOBS.model.objects.none())
    assert (len(added.forms), len(plain.forms)) == (1, 0)


def test_each_persons_rows_are_checked_against_their_own_birth_date():
    first = ApplicantFactory(birth_date=date(1990, 1, 1))
    second = ApplicantFactory(birth_date=date(2001, 6, 30))
    formsets = [JOBS.formset(person, queryset=JOBS.model.objects.none())
                for person in (first, second)]
    assert [f.birth_date for f in formsets] == [date(1990, 1, 1), date(2001, 6, 30)]
    assert JOBS.formset_class().birth_date is None


def test_the_spouses_rows_are_not_checked_against_the_applicants_birth_date():
    spouse_jobs = next(section for step in STEPS for section in step.sections
                       if section.person == Person.SPOUSE and section.model is JOBS.model)
    formset = spouse_jobs.formset(ApplicantFactory(), queryset=JOBS.model.objects.none())
    assert formset.birth_date is None
