"""Keep the stored evaluation as PostgreSQL ``json`` rather than ``jsonb`` (see
``profiles.fields.JsonTextField``). Changing the column's type rewrites it with the server's
default compression, so lz4 is asked for again (as in 0020). SQLite: nothing changes."""

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
