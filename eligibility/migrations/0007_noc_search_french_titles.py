"""The search columns also hold the French unit-group and example titles
(eligibility.noc.services.search_title_for / search_examples_for): refill them for the
catalogue already loaded."""

from django.db import migrations

from eligibility.noc.services import search_examples_for, search_title_for


def refill(apps, schema_editor):
    UnitGroup = apps.get_model("eligibility", "UnitGroup")
    changed = []
    for unit_group in UnitGroup.objects.prefetch_related("example_titles"):
        if not unit_group.title_fr and not unit_group.example_titles_fr:
            continue
        # The same (pure) functions as the importer; they read only the strings given.
        unit_group.search_title = search_title_for(unit_group.title, unit_group.title_fr)
        unit_group.search_examples = search_examples_for(
            [e.title for e in unit_group.example_titles.all()]
            + unit_group.example_titles_fr.splitlines()
        )
        changed.append(unit_group)
    UnitGroup.objects.bulk_update(changed, ["search_title", "search_examples"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("eligibility", "0006_round_types_researchers_unclassified")]
    operations = [migrations.RunPython(refill, migrations.RunPython.noop)]
