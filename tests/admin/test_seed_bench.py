"""``manage.py seed_bench``: made-up applicants for the benchmarks, development only."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from cases.deadlines import deadlines_for
from cases.models import Case
from profiles.enums import CecStatus
from profiles.models import Applicant

pytestmark = pytest.mark.django_db


def seed(count: int) -> None:
    call_command("seed_bench", str(count), "--consultants", "2", stdout=StringIO(),
                 stderr=StringIO())


def test_seed_bench_refuses_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DJANGO_DEBUG is off"):
        seed(5)


def test_seed_bench_adds_evaluated_applicants_spread_over_consultants(settings):
    settings.DEBUG = True
    seed(30)
    applicants = Applicant.objects.filter(user__email__endswith="@bench.test")
    assert applicants.count() == 30
    assert not applicants.filter(cec_status=CecStatus.INCOMPLETE).exists()
    assert applicants.values("consultant").distinct().count() == 2


def test_seed_bench_gives_every_applicant_a_case(settings):
    settings.DEBUG = True
    seed(30)
    assert Case.objects.count() == 30


def test_seed_bench_stores_each_cases_next_deadline_as_the_services_would(settings):
    settings.DEBUG = True
    seed(60)
    cases = list(Case.objects.all())
    for case in cases:
        expected = deadlines_for(case=case)
        assert (case.next_deadline_kind, case.next_deadline_on) == (
            (expected[0].kind, expected[0].on) if expected else ("", None)
        )
    assert any(case.next_deadline_on for case in cases)  # the list has deadlines to show


def test_seed_bench_run_twice_adds_more(settings):
    settings.DEBUG = True
    seed(5)
    seed(5)
    assert Applicant.objects.count() == 10
