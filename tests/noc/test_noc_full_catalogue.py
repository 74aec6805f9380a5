"""The whole shared NOC 2021 V1.0 data, imported once for this module (see conftest)."""

from collections import Counter

import pytest

from eligibility.models import ExampleTitle, MainDuty, NocClass, UnitGroup
from eligibility.noc.matching import match_duties
from eligibility.noc.search import MatchKind
from eligibility.noc.selectors import unit_group_page, unit_group_search
from eligibility.noc.services import unit_group_mark_edited
from tests.noc.conftest import SHARED_NOC, import_noc

pytestmark = pytest.mark.usefixtures("full_catalogue")


@pytest.mark.django_db
def test_it_has_516_unit_groups_and_822_classes_in_all():
    assert UnitGroup.objects.count() == 516
    assert NocClass.objects.count() + UnitGroup.objects.count() == 822


@pytest.mark.django_db
def test_teer_counts_match_statistics_canada():
    counts = Counter(UnitGroup.objects.values_list("teer", flat=True))
    assert [counts[teer] for teer in range(6)] == [48, 97, 162, 69, 95, 45]


@pytest.mark.django_db
def test_every_unit_group_has_main_duties():
    without = UnitGroup.objects.exclude(duties__is_heading=False)
    assert list(without.values_list("code", flat=True)) == []
    assert MainDuty.objects.count() == 5523


@pytest.mark.django_db
def test_leading_zeros_are_kept():
    legislators = unit_group_page(code="00010")
    assert legislators is not None
    assert legislators.title == "Legislators"
    assert legislators.teer == 0


@pytest.mark.django_db
def test_a_second_import_changes_nothing():
    history = sum(m.history.count() for m in (NocClass, UnitGroup, MainDuty, ExampleTitle))
    output = import_noc(SHARED_NOC)
    assert "0 created, 0 updated, 822 unchanged" in output
    assert history == sum(
        m.history.count() for m in (NocClass, UnitGroup, MainDuty, ExampleTitle)
    )


@pytest.mark.django_db
def test_a_staff_edit_survives_reimport():
    engineers = UnitGroup.objects.get(code="21231")
    engineers.lead_statement = "Reworded by a NOC editor."
    engineers.save()
    unit_group_mark_edited(unit_group=engineers)
    output = import_noc(SHARED_NOC)
    assert "Left 1 staff-edited records as they are" in output
    engineers.refresh_from_db()
    assert engineers.lead_statement == "Reworded by a NOC editor."


@pytest.mark.django_db
def test_search_ranks_software_engineers_first():
    hits = unit_group_search(query="software engineer")
    assert hits[0].code == "21231"
    assert hits[0].kind == MatchKind.TITLE_START


@pytest.mark.django_db
def test_search_finds_codes_by_prefix():
    hits = unit_group_search(query="2123")
    assert [h.code for h in hits] == ["21230", "21231", "21232", "21233", "21234"]


@pytest.mark.django_db
def test_search_puts_the_exact_code_first():
    assert unit_group_search(query="21231")[0].kind == MatchKind.CODE


@pytest.mark.django_db
def test_search_ignores_accents_and_capitals():
    assert [h.code for h in unit_group_search(query="SÓFTWÂRE ENGINEER")] == [
        h.code for h in unit_group_search(query="software engineer")
    ]


@pytest.mark.django_db
def test_search_finds_a_unit_group_by_an_example_title():
    hit = unit_group_search(query="devops")[0]
    assert hit.code == "21231"
    assert "DevOps" in hit.matched


@pytest.mark.django_db
def test_search_returns_at_most_ten():
    assert len(unit_group_search(query="manager")) == 10


@pytest.mark.django_db
def test_duty_matching_puts_software_developers_in_the_top_three():
    text = (
        "I write and debug code for our web and mobile applications, write unit tests "
        "and update existing programs."
    )
    assert "21232" in [m.code for m in match_duties(text, limit=3)]
