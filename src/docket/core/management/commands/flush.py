"""`flush`, refusing to empty the audit log unless the settings allow it (test databases).

Django empties test databases with `flush` between transactional tests; the audit
triggers would refuse that. Test settings set DOCKET_AUDIT_PURGE_ALLOWED; in any other
configuration this command behaves as Django's and the triggers refuse to purge.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.commands.flush import Command as DjangoFlush
from django.db import connections

from docket.core.audit import purge_allowed


class Command(DjangoFlush):
    def handle(self, **options: Any) -> None:
        if not getattr(settings, "DOCKET_AUDIT_PURGE_ALLOWED", False):
            super().handle(**options)
            return
        connection = connections[options["database"]]
        pg = connection.vendor == "postgresql"
        with purge_allowed():
            if pg:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('docket.audit_purge', 'on', false)")
            try:
                super().handle(**options)
            finally:
                if pg:
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT set_config('docket.audit_purge', 'off', false)")
