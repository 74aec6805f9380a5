"""``import_noc`` on the small sample: idempotent, keeps staff edits, all or nothing."""

import pytest
from django.core.management.base import CommandError

from eligibility.models import ExampleTitle, MainDuty, NocClass, UnitGroup
from eligibility.noc.services import unit_group_mark_edited
from tests.noc.conftest import ELEMENTS_NAME, STRUCTURE_NAME, import_noc
from tests.noc.factories import UnitGroupFactory


def _snapshot():
    return (
        list(NocClass.objects.values_list("code", "title", "definition")),
        list(UnitGroup.objects.values_list("code", "title", "lead_statement", "staff_edited")),
        list(MainDuty.objects.values_list("unit_group__code", "position", "text")),
        sorted(ExampleTitle.objects.values_list("unit_group__code", "title")),
    )


def _history_rows() -> int:
    return sum(m.history.count() for m in (NocClass, UnitGroup, MainDuty, ExampleTitle))


def test_import_creates_the_classes_and_unit_groups(sample_catalogue):
    assert NocClass.objects.count() == 8
    assert UnitGroup.objects.count() == 3
    cooks = UnitGroup.objects.get(code="63200")
    assert cooks.minor_group.code == "6320"
    assert cooks.teer == 3
    assert [d.text for d in cooks.duties.order_by("position")][:2] == [
        "Restaurant cooks",
        "Prepare and cook full meals and single dishes",
    ]


def test_import_prints_progress_and_counts(db, sample_dir):
    output = import_noc(sample_dir)
    assert "Read 11 classes (3 unit groups)." in output
    assert "11 created, 0 updated, 0 unchanged" in output


def test_a_second_import_changes_nothing(sample_catalogue):
    before, history_before = _snapshot(), _history_rows()
    output = import_noc(sample_catalogue)
    assert "0 created, 0 updated, 11 unchanged" in output
    assert _snapshot() == before
    assert _history_rows() == history_before


def test_a_changed_source_updates_the_unit_group(sample_catalogue):
    structure = sample_catalogue / STRUCTURE_NAME
    structure.write_text(
        structure.read_text(encoding="utf-8-sig").replace(",Cooks,", ",Cooks and bakers,"),
        encoding="utf-8-sig",
    )
    output = import_noc(sample_catalogue)
    assert "1 updated" in output
    assert UnitGroup.objects.get(code="63200").title == "Cooks and bakers"
    assert UnitGroup.objects.get(code="63200").duties.count() == 5


def test_a_staff_edit_survives_reimport_and_is_reported(sample_catalogue):
    cooks = UnitGroup.objects.get(code="63200")
    cooks.lead_statement = "Edited by staff."
    cooks.save()
    unit_group_mark_edited(unit_group=cooks)
    output = import_noc(sample_catalogue)
    assert "Left 1 staff-edited records as they are" in output
    assert "63200" in output
    assert UnitGroup.objects.get(code="63200").lead_statement == "Edited by staff."


def test_overwrite_edits_replaces_a_staff_edit(sample_catalogue):
    cooks = UnitGroup.objects.get(code="63200")
    cooks.lead_statement = "Edited by staff."
    cooks.save()
    unit_group_mark_edited(unit_group=cooks)
    import_noc(sample_catalogue, overwrite_edits=True)
    cooks.refresh_from_db()
    assert cooks.lead_statement.startswith("Cooks prepare")
    assert not cooks.staff_edited


def test_a_bad_file_changes_nothing(sample_catalogue):
    before = _snapshot()
    structure = sample_catalogue / STRUCTURE_NAME
    # A valid title change followed by a code that lost its leading digit further down.
    structure.write_text(
        structure.read_text(encoding="utf-8-sig")
        .replace(",Cooks,", ",Changed title,")
        .replace("4,Minor Group,6320", "4,Minor Group,632"),
        encoding="utf-8-sig",
    )
    with pytest.raises(CommandError, match="Nothing imported: .*code '632' is not a 4-digit"):
        import_noc(sample_catalogue)
    assert _snapshot() == before


def test_a_file_in_the_wrong_encoding_changes_nothing(sample_catalogue):
    before = _snapshot()
    elements = sample_catalogue / ELEMENTS_NAME
    elements.write_bytes(elements.read_text(encoding="utf-8-sig").encode("utf-16"))
    with pytest.raises(CommandError, match="not UTF-8"):
        import_noc(sample_catalogue)
    assert _snapshot() == before


def test_a_failure_while_writing_rolls_everything_back(sample_catalogue, monkeypatch):
    before = _snapshot()
    structure = sample_catalogue / STRUCTURE_NAME
    structure.write_text(
        structure.read_text(encoding="utf-8-sig").replace(",Cooks,", ",Changed title,"),
        encoding="utf-8-sig",
    )

    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("eligibility.noc.services.bulk_create_with_history", fail)
    with pytest.raises(RuntimeError):
        import_noc(sample_catalogue)
    assert _snapshot() == before


def test_the_two_files_can_be_named_one_by_one(db, sample_dir):
    import_noc(sample_dir / STRUCTURE_NAME, sample_dir / ELEMENTS_NAME)
    assert UnitGroup.objects.count() == 3


def test_import_records_history_with_a_reason(sample_catalogue):
    record = UnitGroup.objects.get(code="21231").history.get()
    assert record.history_change_reason == "NOC import"
    assert record.history_user is None


def test_a_unit_group_missing_from_the_source_is_left_and_reported(sample_catalogue):
    UnitGroupFactory(code="21239", title="Retired occupation")
    output = import_noc(sample_catalogue)
    assert "1 records are not in this source and were left in place: 21239" in output
    assert UnitGroup.objects.filter(code="21239").exists()


def test_a_second_import_reads_in_a_fixed_number_of_queries(
    sample_catalogue, django_assert_max_num_queries
):
    # Classes, unit groups, duties and example titles are each read once, not per record.
    with django_assert_max_num_queries(12):
        import_noc(sample_catalogue)
