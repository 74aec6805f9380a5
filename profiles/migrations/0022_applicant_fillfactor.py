"""Leave half of each page of the applicants' table free, on PostgreSQL.

Every re-evaluation rewrites every applicant's row (its stored evaluation and the columns beside
it). With the pages full, the new version of a row went to another page, and each of the
table's indexes got an entry for it. With room left on the page, the new version stays there
(a "heap-only tuple" update) and none of the table's indexes is touched, since a
re-evaluation changes no indexed column but the verdict and the score, seldom (the
evaluation's own storage, the TOAST table and its index, is written as before). 50,000
applicants on 2 workers: 11.7–13.3 s in five runs, every update heap-only, against 12.8–16.9 s
in five with full pages. The table is
small (19 MB for 50,000 applicants with half of it free: the evaluation itself is stored
apart), so the space costs little. Pages written before keep their fill until rewritten;
SQLite has nothing to do.
"""

from django.db import migrations


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE profiles_applicant SET (fillfactor = 50)")


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE profiles_applicant RESET (fillfactor)")


class Migration(migrations.Migration):
    dependencies = [('profiles', '0021_evaluation_as_json_text')]

    operations = [migrations.RunPython(forward, backward, elidable=False)]
