"""Keep the stored evaluation as PostgreSQL ``json`` rather than ``jsonb`` (see
``profiles.fields.JsonTextField``). Changing the column's type resets its compression to the
server's default, so lz4 is asked for again (as in 0020); the values the type change rewrote
keep the default compression until they are next written (the next re-evaluation). SQLite:
Django rebuilds the table for the new field class; the column stays JSON text."""

from importlib import import_module

from django.db import migrations

import profiles.fields

lz4 = import_module("profiles.migrations.0020_evaluation_compression_lz4")


class Migration(migrations.Migration):

    dependencies = [
        ('profiles', '0020_evaluation_compression_lz4'),
    ]

    # Undone, the type change back resets the compression too: the first operation (undone
    # last) asks for lz4 again.
    operations = [
        migrations.RunPython(migrations.RunPython.noop, lz4.forward, elidable=False),
        migrations.AlterField(
            model_name='applicant',
            name='evaluation',
            field=profiles.fields.JsonTextField(
                blank=True, editable=False, null=True, verbose_name='evaluation'
            ),
        ),
        migrations.RunPython(lz4.forward, migrations.RunPython.noop, elidable=False),
    ]
