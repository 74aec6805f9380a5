from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from profiles.evaluation import current_evaluation
from tests.draws.factories import RoundFactory
from tests.factories import ApplicantFactory, JobFactory, LanguageTestFactory

NURSE = "31301"


def make_nurse(applicant, *, start=date(2023, 9, 1), hours=Decimal("40")):
    """A registered nurse in Canada since ``start`` with a valid IELTS at CLB 9."""
    JobFactory(applicant=applicant, noc=NURSE, title="Registered nurse",
               employer="Lakeside Hospital", start=start, hours_per_week=hours)
    LanguageTestFactory(applicant=applicant, taken_on=date(2025, 6, 14))
    return applicant


def crs_of(applicant) -> int:
    return current_evaluation(applicant=applicant).result.crs.total


def days_ago(days: int) -> date:
    return timezone.localdate() - timedelta(days=days)


def healthcare_round(*, cutoff: int, days: int, size: int = 4000, **extra):
    return RoundFactory(
        name="Healthcare and Social Services Occupations, 2026-Version 3",
        category="healthcare", crs_cutoff=cutoff, size=size, drawn_on=days_ago(days), **extra,
    )


@pytest.fixture
def nurse(db, consultant):
    return make_nurse(ApplicantFactory(consultant=consultant))
