"""Writes to the NOC catalogue: the import, staff edits and restoring an earlier version."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from simple_history.utils import bulk_create_with_history

from eligibility.models import ExampleTitle, MainDuty, NocClass, UnitGroup
from eligibility.noc.importer import IMPORT_REASON, Catalogue, ClassRecord, UnitGroupRecord
from eligibility.noc.text import padded

RESTORE_REASON = "Restored an earlier version"
BATCH_SIZE = 500

UNIT_GROUP_FIELDS = (
    "title",
    "title_fr",
    "example_titles_fr",
    "lead_statement",
    "teer",
    "employment_requirements",
    "inclusions",
    "exclusions",
    "additional_information",
)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_edits: list[str] = field(default_factory=list)  # codes of staff-edited records left
    # Codes in the database that the source no longer has. They are left in place (jobs may
    # refer to them) and listed so that staff can decide.
    not_in_source: list[str] = field(default_factory=list)
    duties: int = 0
    example_titles: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)


def search_title_for(title: str, title_fr: str = "") -> str:
    """The English title, then the French one after a "|" (a phrase never spans the two; a
    query "starts" a title only in English, the title people are listed under)."""
    french = padded(title_fr)
    return padded(title) + (f"|{french}" if french else "")


def search_examples_for(titles: list[str]) -> str:
    # One padded title after another, separated by "|" so that a phrase never matches across
    # two titles, and "|" + phrase means "an example title starts with it":
    # "| software engineer | web designer |".
    folded = [padded(t) for t in titles]
    return "|" + "|".join(f for f in folded if f) + "|" if any(folded) else ""


def catalogue_import(
    *,
    catalogue: Catalogue,
    overwrite_edits: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> ImportReport:
    """Create or update every class and unit group so that the database matches the source.

    One transaction: a failure part-way leaves the catalogue as it was. Records a member of
    staff has edited are left alone (and listed) unless ``overwrite_edits``. Nothing is
    written for a record that already matches, so a second import changes nothing.
    """
    report = ImportReport()
    now = timezone.now()
    with transaction.atomic():
        _import_classes(catalogue.classes, report, overwrite_edits, now)
        progress(f"Classes done ({len(catalogue.classes)}).")
        _import_unit_groups(catalogue.unit_groups, report, overwrite_edits, now, progress)
    return report


def _import_classes(
    records: list[ClassRecord], report: ImportReport, overwrite_edits: bool, now: datetime
) -> None:
    existing = {c.code: c for c in NocClass.objects.select_related("parent")}
    in_source = {r.code for r in records}
    report.not_in_source += sorted(code for code in existing if code not in in_source)
    for level in (1, 2, 3, 4):
        new = []
        for record in (r for r in records if r.level == level):
            parent = existing.get(record.parent_code) if record.parent_code else None
            values = {
                "level": record.level,
                "title": record.title,
                "definition": record.definition,
                "parent": parent,
            }
            current = existing.get(record.code)
            if current is None:
                new.append(NocClass(code=record.code, **values))
            elif all(getattr(current, k) == v for k, v in values.items()):
                report.unchanged += 1
            elif current.staff_edited and not overwrite_edits:
                report.kept_edits.append(current.code)
            else:
                for key, value in values.items():
                    setattr(current, key, value)
                current.staff_edited = False
                current._change_reason = IMPORT_REASON
                current.save()
                report.updated += 1
        created = bulk_create_with_history(
            new, NocClass, batch_size=BATCH_SIZE, default_change_reason=IMPORT_REASON,
            default_date=now,
        )
        existing.update({c.code: c for c in created})
        report.created += len(created)


def _import_unit_groups(
    records: list[UnitGroupRecord],
    report: ImportReport,
    overwrite_edits: bool,
    now: datetime,
    progress: Callable[[str], None],
) -> None:
    minors = {c.code: c for c in NocClass.objects.filter(level=4)}
    existing = {u.code: u for u in UnitGroup.objects.select_related("minor_group")}
    in_source = {r.code for r in records}
    report.not_in_source += sorted(code for code in existing if code not in in_source)
    duties: dict[int, list[tuple[str, bool]]] = {}
    for unit_group_id, text, heading in MainDuty.objects.order_by("position", "id").values_list(
        "unit_group_id", "text", "is_heading"
    ):
        duties.setdefault(unit_group_id, []).append((text, heading))
    examples: dict[int, list[tuple[str, bool]]] = {}
    for unit_group_id, title, illustrative in ExampleTitle.objects.values_list(
        "unit_group_id", "title", "illustrative"
    ):
        examples.setdefault(unit_group_id, []).append((title, illustrative))

    new_groups: list[tuple[UnitGroup, UnitGroupRecord]] = []
    changed_groups: list[tuple[UnitGroup, UnitGroupRecord]] = []
    for record in records:
        values = {name: getattr(record, name) for name in UNIT_GROUP_FIELDS}
        values["minor_group"] = minors[record.minor_group_code]
        current = existing.get(record.code)
        if current is None:
            new_groups.append((UnitGroup(code=record.code, **values), record))
            continue
        same = (
            all(getattr(current, k) == v for k, v in values.items())
            and duties.get(current.pk, []) == [(d.text, d.is_heading) for d in record.duties]
            and sorted(examples.get(current.pk, []))
            == sorted((e.title, e.illustrative) for e in record.examples)
        )
        if same:
            report.unchanged += 1
        elif current.staff_edited and not overwrite_edits:
            report.kept_edits.append(current.code)
        else:
            for key, value in values.items():
                setattr(current, key, value)
            changed_groups.append((current, record))

    for unit_group, record in new_groups:
        unit_group.search_title = search_title_for(record.title, record.title_fr)
        unit_group.search_examples = search_examples_for(
            [e.title for e in record.examples] + record.example_titles_fr.splitlines())
    created = bulk_create_with_history(
        [g for g, _ in new_groups], UnitGroup, batch_size=BATCH_SIZE,
        default_change_reason=IMPORT_REASON, default_date=now,
    )
    report.created += len(created)
    by_code = {g.code: g for g in created}
    if new_groups:
        progress(f"Unit groups created ({len(created)}).")

    for unit_group, record in changed_groups:
        unit_group.staff_edited = False
        unit_group.search_title = search_title_for(record.title, record.title_fr)
        unit_group.search_examples = search_examples_for(
            [e.title for e in record.examples] + record.example_titles_fr.splitlines())
        unit_group._change_reason = IMPORT_REASON
        unit_group.save()
        # Replace the children wholesale; each deletion and creation is in their history.
        for child in [*unit_group.duties.all(), *unit_group.example_titles.all()]:
            child._change_reason = IMPORT_REASON
            child.delete()
        by_code[unit_group.code] = unit_group
        report.updated += 1
    if changed_groups:
        progress(f"Unit groups updated ({len(changed_groups)}).")

    new_duties, new_examples = [], []
    for _, record in [*new_groups, *changed_groups]:
        unit_group = by_code[record.code]
        new_duties += [
            MainDuty(unit_group=unit_group, position=i, text=d.text, is_heading=d.is_heading)
            for i, d in enumerate(record.duties, start=1)
        ]
        new_examples += [
            ExampleTitle(
                unit_group=unit_group,
                title=e.title,
                illustrative=e.illustrative,
                search_title=padded(e.title),
            )
            for e in record.examples
        ]
    bulk_create_with_history(
        new_duties, MainDuty, batch_size=BATCH_SIZE, default_change_reason=IMPORT_REASON,
        default_date=now,
    )
    bulk_create_with_history(
        new_examples, ExampleTitle, batch_size=BATCH_SIZE,
        default_change_reason=IMPORT_REASON, default_date=now,
    )
    report.duties += len(new_duties)
    report.example_titles += len(new_examples)
    if new_duties or new_examples:
        progress(f"Wrote {len(new_duties)} main duties and {len(new_examples)} example titles.")


# --- staff edits ------------------------------------------------------------------------------


def unit_group_refresh_search_text(*, unit_group: UnitGroup) -> None:
    """Recompute the folded search columns after the title or example titles changed."""
    examples = list(unit_group.example_titles.all())
    UnitGroup.objects.filter(pk=unit_group.pk).update(
        search_title=search_title_for(unit_group.title, unit_group.title_fr),
        search_examples=search_examples_for(
            [e.title for e in examples] + unit_group.example_titles_fr.splitlines()),
    )
    stale = [e for e in examples if e.search_title != padded(e.title)]
    for example in stale:
        example.search_title = padded(example.title)
    ExampleTitle.objects.bulk_update(stale, ["search_title"])


def unit_group_mark_edited(*, unit_group: UnitGroup) -> None:
    """Remember a staff edit so the next import keeps it; refresh what search reads."""
    UnitGroup.objects.filter(pk=unit_group.pk).update(staff_edited=True)
    unit_group.staff_edited = True
    unit_group_refresh_search_text(unit_group=unit_group)


def noc_class_mark_edited(*, noc_class: NocClass) -> None:
    NocClass.objects.filter(pk=noc_class.pk).update(staff_edited=True)
    noc_class.staff_edited = True


@transaction.atomic
def unit_group_restore_children(*, unit_group: UnitGroup, version_id: int, user) -> None:
    """Bring the main duties and example titles back to how they were in a given version.

    The admin's "Revert" restores the unit group's own fields; its duties and example titles
    are separate rows with their own history. A version is the unit group's historical record
    plus the child changes saved with it (the admin saves the parent first), so the children
    are taken as they stood just before the unit group's next version, or as they are now.
    """
    version = unit_group.history.get(history_id=version_id)
    following = (
        unit_group.history.filter(history_date__gt=version.history_date)
        .order_by("history_date")
        .first()
    )
    as_of = following.history_date if following else timezone.now()
    for model in (MainDuty, ExampleTitle):
        wanted = {
            row.pk: row
            for row in model.history.as_of(as_of).filter(unit_group_id=unit_group.pk)
        }
        for current in model.objects.filter(unit_group=unit_group):
            if current.pk not in wanted:
                current._history_user = user
                current._change_reason = RESTORE_REASON
                current.delete()
        for row in wanted.values():
            current = model.objects.filter(pk=row.pk).first()
            fields = [f.attname for f in model._meta.concrete_fields if not f.primary_key]
            if current is not None and all(
                getattr(current, f) == getattr(row, f) for f in fields
            ):
                continue
            row._history_user = user
            row._change_reason = RESTORE_REASON
            row.save(force_insert=current is None)
    unit_group_mark_edited(unit_group=unit_group)
