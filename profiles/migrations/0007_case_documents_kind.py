# A checklist item stores what it is (kind) and what about (subject); its title and
# instructions are rendered in the reader's language when shown.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("profiles", "0006_cases"),
    ]

    operations = [
        migrations.RemoveField(model_name="documentitem", name="title"),
        migrations.RemoveField(model_name="documentitem", name="detail"),
        migrations.AddField(
            model_name="documentitem",
            name="kind",
            field=models.CharField(default="", max_length=40),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="documentitem",
            name="subject",
            field=models.CharField(blank=True, max_length=300),
        ),
    ]
