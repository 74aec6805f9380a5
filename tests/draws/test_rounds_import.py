"""import_rounds: IRCC's rounds JSON, loaded whole or not at all."""

import json

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from eligibility.draws.rounds import category_of, parse_number, parse_stamp
from eligibility.models import Round, RoundCategory
from eligibility.tasks import import_rounds as import_rounds_task

pytestmark = pytest.mark.django_db

SHARED_ROUNDS = settings.SHARED_DIR / "data/ee_rounds/ee_rounds_123_en.json"
needs_shared_file = pytest.mark.skipif(
    not SHARED_ROUNDS.exists(), reason=f"{SHARED_ROUNDS} is not there"
)


def import_rounds(source):
    call_command("import_rounds", str(source), stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def imported():
    import_rounds(SHARED_ROUNDS)


@needs_shared_file
def test_the_shared_file_has_435_rounds(imported):
    assert Round.objects.count() == 435


@needs_shared_file
def test_rounds_91a_and_91b_are_both_kept(imported):
    assert set(Round.objects.filter(sequence=91).values_list("number", flat=True)) == {
        "91a", "91b"
    }


@needs_shared_file
def test_numbers_with_thousands_separators_are_parsed(imported):
    latest = Round.objects.get(number="434")
    assert latest.size == 300
    assert latest.crs_cutoff == 470
    assert latest.distribution["dd18"] == 229_100
    assert latest.distribution["dd2"] == 19_705


@needs_shared_file
def test_a_round_of_thousands_of_invitations_is_a_number(imported):
    assert Round.objects.filter(size__gte=1000).exists()


@needs_shared_file
def test_the_latest_cec_round_is_432_at_516(imported):
    latest_cec = Round.objects.filter(category=RoundCategory.CEC).first()
    assert (latest_cec.number, latest_cec.crs_cutoff) == ("432", 516)
    assert Round.objects.filter(category=RoundCategory.CEC).count() == 66


@needs_shared_file
def test_older_rounds_with_only_zeros_have_no_distribution(imported):
    assert Round.objects.filter(distribution__isnull=True).count() == 218


@needs_shared_file
def test_the_tie_break_time_is_read(imported):
    latest = Round.objects.get(number="434")
    assert latest.tie_break_at.isoformat() == "2025-10-11T14:55:49+00:00"


@needs_shared_file
def test_importing_twice_changes_nothing(imported):
    before = list(Round.objects.order_by("number").values())
    import_rounds(SHARED_ROUNDS)
    assert list(Round.objects.order_by("number").values()) == before


@needs_shared_file
def test_a_bad_file_changes_nothing(imported, tmp_path):
    document = json.loads(SHARED_ROUNDS.read_text())
    document["rounds"][0]["drawCRS"] = "not a score"
    document["rounds"][1]["drawSize"] = "1 000"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document))
    before = list(Round.objects.order_by("number").values())
    with pytest.raises(CommandError, match="2 problem"):
        import_rounds(bad)
    assert list(Round.objects.order_by("number").values()) == before


def test_a_file_that_is_not_json_imports_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("<html>Service unavailable</html>")
    with pytest.raises(CommandError):
        import_rounds(bad)
    assert not Round.objects.exists()


def test_a_missing_file_is_an_error():
    with pytest.raises(CommandError, match="no such file"):
        import_rounds("/nonexistent/rounds.json")


def test_only_https_addresses_are_fetched():
    with pytest.raises(CommandError, match="https"):
        import_rounds("http://example.test/rounds.json")


@pytest.mark.parametrize(("text", "value"), [("3,000", 3000), ("470", 470), ("0", 0),
                                             ("229,100", 229100)])
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1 000", "3,00", "", "-5", "12.5"])
def test_parse_number_refuses_what_is_not_a_count(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(("text", "iso"), [
    ("October 11, 2025 at 14:55:49 UTC", "2025-10-11T14:55:49+00:00"),
    ("May 31,2023 13:45:12 UTC", "2023-05-31T13:45:12+00:00"),
    ("June 8, 2021 at 05:12:48 PM UTC", "2021-06-08T17:12:48+00:00"),
    ("July 3rd 2019 at 9:01:02 UTC", "2019-07-03T09:01:02+00:00"),
])
def test_parse_stamp_reads_ircc_spellings(text, iso):
    assert parse_stamp(text, year=2000).isoformat() == iso


@pytest.mark.parametrize(("name", "category"), [
    ("Canadian Experience Class", "cec"),
    ("No Program Specified", "all_programs"),
    ("General", "all_programs"),
    ("Provincial Nominee Program", "pnp"),
    ("French-Language proficiency 2026-Version 2", "french"),
    ("Healthcare and Social Services Occupations, 2026-Version 3", "healthcare"),
    ("Trades Occupations, 2026-Version 3", "trades"),
    ("Physicians with Canadian Work Experience, 2026-Version 1", "physicians"),
])
def test_round_names_are_normalised(name, category):
    assert category_of(name) == category


@needs_shared_file
def test_the_rounds_import_task_run_twice_leaves_the_same_rounds(db):
    import_rounds_task(str(SHARED_ROUNDS))
    first = Round.objects.count()
    import_rounds_task(str(SHARED_ROUNDS))
    assert first == Round.objects.count() == 435
