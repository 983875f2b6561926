"""Confidentiality levels shared by every app (DESIGN.md "Confidentiality")."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import models


class Level(models.TextChoices):
    PUBLIC = "public", "Public"
    INTERNAL = "internal", "Internal"
    RESTRICTED = "restricted", "Restricted"


# From most to least permissive: a row supported by several claims takes the most
# permissive level among them; a claim never gets more public than its subject.
ORDER: tuple[str, ...] = (Level.PUBLIC, Level.INTERNAL, Level.RESTRICTED)
RANK = {level: i for i, level in enumerate(ORDER)}


def most_permissive(levels: Iterable[str]) -> str | None:
    """Return the most public of `levels`, or None when there are none."""
    ranked = sorted(levels, key=RANK.__getitem__)
    return ranked[0] if ranked else None


def most_restrictive(*levels: str | None) -> str:
    """Return the most restricted of the given levels (None ignored; default internal)."""
    present = [lv for lv in levels if lv]
    return max(present, key=RANK.__getitem__) if present else Level.INTERNAL
