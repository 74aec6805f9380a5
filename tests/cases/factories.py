"""Factories for the case's models. Dates default to recent days so deadlines are live.

A profile, an invitation or a stage made here leaves its case as the services would: with its
next deadline stored (``case_store_next_deadline``), so lists, filters, exports and reminders
read what they would read in use."""

from datetime import timedelta

import factory
from django.utils import timezone

from cases.access import CaseAccess, access_to
from cases.deadlines import case_store_next_deadline
from cases.enums import CaseStatus, StageKind
from cases.models import (
    Application,
    Case,
    DecisionStage,
    DocumentItem,
    Invitation,
    ProfileSubmission,
)
from eligibility.models import Round, RoundCategory
from tests.factories import ApplicantFactory


def as_applicant(case) -> CaseAccess:
    """The case as its own applicant acts on it: what the case pages hand the services."""
    return access_to(case=case, user=case.applicant.user)


def as_consultant(case) -> CaseAccess:
    """The case as the applicant's consultant acts on it."""
    return access_to(case=case, user=case.applicant.consultant)


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def _store_next_deadline(record, create, extracted, **kwargs):
    if create:
        case_store_next_deadline(case=record.case)


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    applicant = factory.SubFactory(ApplicantFactory)
    status = CaseStatus.PREPARING


class ProfileSubmissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfileSubmission
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory, status=CaseStatus.IN_POOL)
    submitted_on = factory.LazyFunction(lambda: days_ago(90))
    profile_number = factory.Sequence(lambda n: f"E{n:09d}")
    job_seeker_code = "AB1234567890"
    verdict = "eligible"
    crs = 520
    ruleset = "2025-03-25"
    next_deadline = factory.PostGeneration(_store_next_deadline)


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory, status=CaseStatus.INVITED)
    profile = factory.SubFactory(
        ProfileSubmissionFactory, case=factory.SelfAttribute("..case")
    )
    invited_on = factory.LazyFunction(lambda: days_ago(10))
    round_number = "434"
    crs_claimed = 520
    verdict = "eligible"
    crs = 520
    ruleset = "2025-03-25"
    next_deadline = factory.PostGeneration(_store_next_deadline)


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    case = factory.SubFactory(CaseFactory, status=CaseStatus.SUBMITTED)
    invitation = factory.SubFactory(InvitationFactory, case=factory.SelfAttribute("..case"))
    submitted_on = factory.LazyFunction(lambda: days_ago(5))
    application_number = factory.Sequence(lambda n: f"E{n:09d}")


class DecisionStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DecisionStage
        skip_postgeneration_save = True

    case = factory.SubFactory(CaseFactory, status=CaseStatus.SUBMITTED)
    kind = StageKind.AOR
    on = factory.LazyFunction(lambda: days_ago(3))
    next_deadline = factory.PostGeneration(_store_next_deadline)


class DocumentItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DocumentItem

    case = factory.SubFactory(CaseFactory, status=CaseStatus.INVITED)
    key = factory.Sequence(lambda n: f"passport:{n}")
    kind = "passport"


def round_drawn(on, number: str = "434", category: str = RoundCategory.CEC) -> Round:
    """The imported round an invitation of ``on`` names (an invitation must match one)."""
    drawn, _created = Round.objects.update_or_create(
        number=number, defaults={"sequence": int(number.rstrip("ab")), "drawn_on": on,
                                 "name": "Canadian Experience Class", "category": category,
                                 "size": 3000, "crs_cutoff": 500},
    )
    return drawn
