"""``manage.py reevaluate``: when a ruleset changes, the stored evaluations follow."""

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from eligibility.rules import rulesets
from profiles.enums import Person
from profiles.evaluation import applicant_reevaluate
from profiles.models import Applicant
from profiles.reevaluation import STORED_FIELDS, applicants_reevaluate
from tests.admin.conftest import make_client_of
from tests.factories import EducationFactory, JobFactory, LanguageTestFactory, SpouseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publish_ruleset(monkeypatch):
    """Publishes a ruleset, in force since yesterday, that doubles the points for a sibling
    in Canada; evaluations stored before the call were made under the old one."""

    def publish():
        current = rulesets.ruleset_for(timezone.localdate())
        added = replace(current, effective=timezone.localdate() - timedelta(days=1),
                        summary="test: sibling points doubled", sibling=current.sibling * 2)
        monkeypatch.setattr(rulesets, "RULESETS", (*rulesets.RULESETS, added))
        return added

    return publish


def reevaluate(*args) -> str:
    out = StringIO()
    call_command("reevaluate", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


def test_reevaluate_all_stores_the_score_under_a_new_ruleset(consultant, publish_ruleset):
    client = make_client_of(consultant, sibling_in_canada=True)
    before = client.crs_total
    new_ruleset = publish_ruleset()
    reevaluate("--all")
    client.refresh_from_db()
    assert client.ruleset == new_ruleset.name
    assert client.crs_total == before + new_ruleset.sibling // 2


def test_reevaluate_reports_how_many_verdicts_and_scores_changed(consultant, publish_ruleset):
    make_client_of(consultant, sibling_in_canada=True)
    make_client_of(consultant, sibling_in_canada=False)
    publish_ruleset()
    output = reevaluate("--all")
    assert "Re-evaluated 2 applicants: 0 verdicts changed, 1 CRS scores changed" in output


def test_reevaluate_for_one_consultant_leaves_other_clients_alone(
    consultant, other_consultant, publish_ruleset
):
    mine = make_client_of(consultant, sibling_in_canada=True)
    theirs = make_client_of(other_consultant, sibling_in_canada=True)
    new_ruleset = publish_ruleset()
    reevaluate("--consultant", consultant.email.upper())
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.ruleset == new_ruleset.name
    assert theirs.ruleset != new_ruleset.name


def test_reevaluate_in_small_batches_reaches_everyone(consultant, publish_ruleset):
    clients = [make_client_of(consultant) for _ in range(5)]
    new_ruleset = publish_ruleset()
    reevaluate("--all", "--batch-size", "2")
    assert set(Applicant.objects.filter(pk__in=[c.pk for c in clients])
               .values_list("ruleset", flat=True)) == {new_ruleset.name}


def test_reevaluate_needs_all_or_a_consultant():
    with pytest.raises(CommandError):
        call_command("reevaluate")


def test_reevaluate_refuses_an_unknown_consultant(db):
    with pytest.raises(CommandError, match="No user with the email nobody@example.test"):
        reevaluate("--consultant", "nobody@example.test")


def stored(applicant: Applicant) -> dict:
    row = Applicant.objects.get(pk=applicant.pk)
    return {name: getattr(row, name) for name in STORED_FIELDS if name != "evaluated_at"}


def test_batch_run_stores_what_the_one_applicant_path_stores(consultant):
    applicant = make_client_of(consultant, sibling_in_canada=True, marital_status="married")
    applicant_reevaluate(applicant=applicant)
    one_by_one = stored(applicant)
    Applicant.objects.filter(pk=applicant.pk).update(evaluation=None, crs_total=None)
    applicants_reevaluate(applicants=Applicant.objects.filter(pk=applicant.pk))
    assert stored(applicant) == one_by_one


def test_batch_reads_every_fact_the_one_applicant_path_reads(consultant):
    """The batch reads rows as plain values: work abroad, unauthorized work, the spouse's rows
    and tests of several dates give the same stored result as a save."""
    applicant = make_client_of(consultant, marital_status="married")
    SpouseFactory(applicant=applicant, accompanying=True)
    JobFactory(applicant=applicant, country="IN", province="", start=date(2016, 1, 1),
               end=date(2018, 12, 31), permit_type="")
    JobFactory(applicant=applicant, start=date(2022, 1, 1), end=date(2022, 12, 31),
               permit_type="refugee_claimant", hours_per_week=Decimal("37.5"))
    JobFactory(applicant=applicant, person=Person.SPOUSE, start=date(2021, 3, 1))
    LanguageTestFactory(applicant=applicant, taken_on=date(2020, 1, 10))
    LanguageTestFactory(applicant=applicant, person=Person.SPOUSE)
    EducationFactory(applicant=applicant, person=Person.SPOUSE)
    applicant_reevaluate(applicant=applicant)
    one_by_one = stored(applicant)
    Applicant.objects.filter(pk=applicant.pk).update(evaluation=None, crs_total=None)
    applicants_reevaluate(applicants=Applicant.objects.filter(pk=applicant.pk))
    assert stored(applicant) == one_by_one
    assert len(one_by_one["evaluation"]["cec"]["jobs"]) == 3


def test_batch_leaves_an_applicant_between_two_chosen_ones_alone(consultant):
    first, middle, last = (make_client_of(consultant) for _ in range(3))
    Applicant.objects.update(evaluation=None, crs_total=None, evaluated_at=None)
    applicants_reevaluate(applicants=Applicant.objects.filter(pk__in=[first.pk, last.pk]))
    evaluated = set(Applicant.objects.exclude(evaluated_at=None).values_list("pk", flat=True))
    assert evaluated == {first.pk, last.pk}
    assert Applicant.objects.get(pk=middle.pk).crs_total is None


@pytest.mark.parametrize("clients", [1, 6])
def test_batch_queries_do_not_grow_with_the_applicants(
    consultant, django_assert_max_num_queries, clients
):
    for _ in range(clients):
        SpouseFactory(applicant=make_client_of(consultant, marital_status="married"))
    Applicant.objects.update(evaluation=None, crs_total=None, evaluated_at=None)
    # No field the facts read is left unread (each would cost a query per applicant).
    with django_assert_max_num_queries(9):
        applicants_reevaluate(applicants=Applicant.objects.all())
    assert not Applicant.objects.filter(evaluated_at=None).exists()
    assert not Applicant.objects.filter(crs_total=None).exists()
