"""Start Django from a CLI command (kept out of `docket --help`'s path)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

import click


def setup() -> None:
    """Configure Django with Docket's settings, once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docket.config.settings")
    import django
    from django.apps import apps

    if apps.ready:
        return
    from docket.config import paths, tunables

    if not tunables.get("DOCKET_DATABASE_URL"):
        paths.ensure_data_dir()  # the default SQLite file lives there
    django.setup()


@contextlib.contextmanager
def clear_errors() -> Iterator[None]:
    """Set Django up; turn wrong settings, refused requests and a database that is not
    ready into a clear message and exit status 1."""
    from django.core.exceptions import ImproperlyConfigured

    try:
        setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from exc
    from django.db import DatabaseError

    from docket.core.errors import ApplicationError

    try:
        yield
    except ApplicationError as exc:
        raise click.ClickException(str(exc)) from exc
    except DatabaseError as exc:
        raise click.ClickException(
            f"the database is not ready ({exc}); run `docket demo` or `docket manage migrate`"
        ) from exc
