"""Database triggers that make tables append-only or columns immutable, per vendor.

Used from migrations (RunPython), so the guard holds for any client of the database,
not only for Docket's code. Note: on SQLite, a later migration that rebuilds a guarded
table drops its triggers; such a migration must call these functions again (the tests
that try UPDATE/DELETE would catch the loss).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def _sqlite_append_only(table: str) -> list[str]:
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
        BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END""",
        # docket_audit_purge() is registered by docket.core only while a test database
        # is flushed; any other client gets either 0 or "no such function": refused.
        f"""CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
        WHEN docket_audit_purge() = 0
        BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END""",
    ]


def _pg_append_only(table: str) -> list[str]:
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'TRUNCATE' AND current_setting('docket.audit_purge', true) = 'on' THEN
            RETURN NULL;
          END IF;
          RAISE EXCEPTION '{table} is append-only: %% refused', TG_OP;
        END $$""",
        f"""CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table}
        FOR EACH ROW EXECUTE FUNCTION {table}_refuse()""",
        f"""CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
        FOR EACH STATEMENT EXECUTE FUNCTION {table}_refuse()""",
    ]


def _sqlite_immutable(table: str, columns: Sequence[str]) -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS NOT NEW.{c}" for c in columns)
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {table}_immutable BEFORE UPDATE OF {", ".join(columns)}
        ON {table} WHEN {changed}
        BEGIN SELECT RAISE(ABORT, '{table}: {", ".join(columns)} are immutable'); END"""
    ]


def _pg_immutable(table: str, columns: Sequence[str]) -> list[str]:
    changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in columns)
    return [
        f"""CREATE OR REPLACE FUNCTION {table}_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION '{table}: {", ".join(columns)} are immutable';
        END $$""",
        f"""CREATE TRIGGER {table}_immutable BEFORE UPDATE OF {", ".join(columns)} ON {table}
        FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {table}_immutable()""",
    ]


def _run(schema_editor: Any, statements: list[str]) -> None:
    for sql in statements:
        schema_editor.execute(sql)


def append_only(table: str) -> Any:
    """Return a RunPython forward function refusing UPDATE and DELETE on `table`."""

    def forward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            _run(schema_editor, _sqlite_append_only(table))
        elif vendor == "postgresql":
            _run(schema_editor, _pg_append_only(table))
        else:
            raise NotImplementedError(f"no append-only guard for {vendor}")

    return forward


def immutable_columns(table: str, columns: Sequence[str]) -> Any:
    """Return a RunPython forward function refusing changes to `columns` of `table`."""

    def forward(apps: Any, schema_editor: Any) -> None:
        vendor = schema_editor.connection.vendor
        if vendor == "sqlite":
            _run(schema_editor, _sqlite_immutable(table, columns))
        elif vendor == "postgresql":
            _run(schema_editor, _pg_immutable(table, columns))
        else:
            raise NotImplementedError(f"no immutability guard for {vendor}")

    return forward
