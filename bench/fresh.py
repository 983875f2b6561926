"""A throw-away Docket database for a benchmark (import before any docket model)."""

from __future__ import annotations

import os
import tempfile


def fresh_database(database_url: str = "") -> None:
    """Point Docket at a new data directory (SQLite, WAL) or at `database_url` (which must
    be empty), set Django up and migrate."""
    os.environ["DOCKET_DATA_DIR"] = tempfile.mkdtemp(prefix="docket-bench-")
    os.environ["DOCKET_LOG_LEVEL"] = "WARNING"
    os.environ["DOCKET_DATABASE_URL"] = database_url
    from docket.config import paths

    paths.ensure_secret_key()
    from docket.cli import _django

    _django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
