from typing import Any

from django.apps import AppConfig
from django.db.backends.signals import connection_created


def _register_sqlite_functions(sender: Any, connection: Any, **kwargs: Any) -> None:
    """Give each SQLite connection the function the audit DELETE trigger consults."""
    if connection.vendor == "sqlite":
        from docket.core.audit import sqlite_purge_flag

        connection.connection.create_function("docket_audit_purge", 0, sqlite_purge_flag)


class CoreConfig(AppConfig):
    name = "docket.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        connection_created.connect(_register_sqlite_functions, dispatch_uid="docket-core-sqlite")
