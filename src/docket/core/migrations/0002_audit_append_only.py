"""Refuse UPDATE and DELETE on the audit log, in the database itself (SQLite and PostgreSQL)."""

from django.db import migrations

from docket.core.dbguard import append_only


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(append_only("core_auditevent"), migrations.RunPython.noop),
    ]
