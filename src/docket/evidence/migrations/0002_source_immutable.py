"""Refuse changes to a source's content and hash, in the database itself."""

from django.db import migrations

from docket.core.dbguard import immutable_columns


class Migration(migrations.Migration):
    dependencies = [("evidence", "0001_initial")]

    operations = [
        migrations.RunPython(
            immutable_columns("evidence_source", ("text", "original", "sha256")),
            migrations.RunPython.noop,
        ),
    ]
