"""Checks shared by the case services."""

from __future__ import annotations

from typing import Any

from docket.core.confidentiality import Level
from docket.core.errors import field_error
from docket.vocab import terms

LEVELS = {lv.value: lv.label for lv in Level}


def check_level(value: Any, field: str = "confidentiality") -> str:
    return terms.check(LEVELS, value, field=field, what="confidentiality level")


def default_level(role: str | None) -> str:
    """Sources, relatives and witnesses are restricted by default (DESIGN.md)."""
    return Level.RESTRICTED if role in terms.RESTRICTED_ROLES else Level.INTERNAL


def text_input(value: Any, field: str, limit: int, *, required: bool) -> str:
    if not isinstance(value, str):
        raise field_error(field, f"{field} must be text")
    text = value.strip()
    if required and not text:
        raise field_error(field, f"{field} is required")
    if len(text) > limit:
        raise field_error(field, f"{field} is longer than {limit} characters")
    return text


def hidden_keys(*states: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, ...]:
    """The audit keys to store as markers: `keys` when any state is restricted."""
    return keys if any(s["confidentiality"] == Level.RESTRICTED for s in states) else ()
