"""``@frozen`` records: built by their own fast ``__init__``, still frozen dataclasses."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from eligibility.rules.facts import Job
from eligibility.rules.language import LanguageResult


def _job(**changes) -> Job:
    return Job("21231", "CA", date(2024, 1, 1), None, Decimal(40), **changes)


def test_a_record_takes_its_defaults_when_not_given():
    job = _job()
    assert (job.paid, job.self_employed, job.full_time_student, job.authorized,
            job.physician_fee_for_service) == (True, False, False, True, False)


def test_a_record_takes_keyword_arguments():
    assert _job(paid=False, authorized=False) == dataclasses.replace(
        _job(), paid=False, authorized=False)


def test_a_record_refuses_assignment():
    with pytest.raises(dataclasses.FrozenInstanceError):
        _job().noc = "21232"


def test_a_record_runs_its_post_init():
    result = LanguageResult(0, "tef_canada", date(2025, 1, 1), date(2026, 12, 31), True,
                            (7, 8, 9, 6), (Decimal(1),) * 4)
    assert (result.language, result.lowest) == ("french", 6)


def test_a_record_refuses_a_missing_argument():
    with pytest.raises(TypeError):
        Job("21231", "CA", date(2024, 1, 1))
