"""A section's rows, read by SQL built once: exactly the rows its query names, for every
section, each person's own."""

import pytest

from profiles.enums import Person
from profiles.questionnaire.steps import STEPS
from tests.factories import ApplicantFactory, EducationFactory, JobFactory, LanguageTestFactory

SECTIONS = [section for step in STEPS for section in step.sections]


def _rows_of_every_kind(applicant):
    for person in (Person.PRINCIPAL, Person.SPOUSE):
        EducationFactory(applicant=applicant, person=person)
        LanguageTestFactory(applicant=applicant, person=person)
        for country in ("CA", "FR"):
            JobFactory(applicant=applicant, person=person, country=country)


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.key)
def test_a_sections_rows_are_those_its_query_names(db, section):
    mine, theirs = ApplicantFactory(), ApplicantFactory()
    _rows_of_every_kind(theirs)
    _rows_of_every_kind(mine)
    shown = [row.pk for row in section.queryset(mine)]
    assert shown == list(section.rows_query(mine.pk).values_list("pk", flat=True))
    assert len(shown) == 1
    assert {row.applicant_id for row in section.queryset(mine)} == {mine.pk}


def test_read_rows_refuse_to_be_queried_again(db):
    section = SECTIONS[0]
    with pytest.raises(AttributeError):
        section.queryset(ApplicantFactory()).filter(pk=1)
