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


def prepare() -> None:
    """Make a new data directory usable by a command that writes: a secret key (unless
    DOCKET_SECRET_KEY is set), then the migrations not applied yet."""
    from docket.config import paths, tunables

    if not tunables.get("DOCKET_SECRET_KEY"):
        paths.ensure_secret_key()
    setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


@contextlib.contextmanager
def clear_errors(*, prepare_data: bool = False) -> Iterator[None]:
    """Set Django up (with `prepare_data`, also the data directory and the database);
    turn wrong settings, refused requests and a database that is not ready into a clear
    message and exit status 1."""
    from django.core.exceptions import ImproperlyConfigured
    from django.db import DatabaseError

    try:
        prepare() if prepare_data else setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from exc
    except DatabaseError as exc:
        raise click.ClickException(f"cannot prepare the database: {exc}") from exc
    from docket.core.errors import ApplicationError

    try:
        yield
    except ApplicationError as exc:
        raise click.ClickException(str(exc)) from exc
    except DatabaseError as exc:
        raise click.ClickException(
            f"the database is not ready ({exc}); run `docket demo` or `docket manage migrate`"
        ) from exc
