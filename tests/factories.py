"""Factories for the applicant data model. Defaults describe a plausible, complete applicant."""

from datetime import date
from decimal import Decimal

import factory
from django.contrib.auth.models import Group

from profiles.enums import Person
from profiles.models import Applicant, Education, Job, LanguageTest, Spouse, User
from profiles.roles import APPLICANT, CONSULTANT, NOC_EDITOR

PASSWORD = "correct-horse-battery-staple-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(Group.objects.get(name=extracted))
            if extracted in (CONSULTANT, NOC_EDITOR):
                self.is_staff = True
            self.save()


class ApplicantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Applicant

    user = factory.SubFactory(UserFactory, role=APPLICANT)
    birth_date = date(1996, 4, 2)
    marital_status = "single"
    intended_province = "ON"


class SpouseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Spouse

    applicant = factory.SubFactory(ApplicantFactory, marital_status="married")
    accompanying = True
    canadian_citizen_or_pr = False


class EducationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Education

    applicant = factory.SubFactory(ApplicantFactory)
    person = Person.PRINCIPAL
    level = "bachelors"
    canadian = False


class LanguageTestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LanguageTest

    applicant = factory.SubFactory(ApplicantFactory)
    person = Person.PRINCIPAL
    test = "ielts_general"
    taken_on = date(2025, 6, 14)
    listening = Decimal("8.0")
    reading = Decimal("7.0")
    writing = Decimal("7.0")
    speaking = Decimal("7.0")


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    applicant = factory.SubFactory(ApplicantFactory)
    person = Person.PRINCIPAL
    employer = "Maple Software Inc."
    title = "Software developer"
    noc = "21232"
    country = "CA"
    province = "ON"
    start = date(2023, 9, 1)
    end = None
    hours_per_week = Decimal("40")
    permit_type = "pgwp"
