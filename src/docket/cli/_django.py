"""Start Django from a CLI command (kept out of `docket --help`'s path)."""

from __future__ import annotations

import os


def setup() -> None:
    """Configure Django with Docket's settings, once."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "docket.config.settings")
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
