"""Who may see which confidentiality level, and who may do which kind of write."""

from __future__ import annotations

from typing import Any

from docket.config import tunables
from docket.core.audit import SYSTEM_PREFIX
from docket.core.confidentiality import Level
from docket.core.errors import PermissionDenied

from .models import Role

# Capabilities, each granted to a set of roles. System actors ("system:demo") may do all.
VIEW = "view"  # read internal records (any staff role)
SUGGEST = "suggest"  # add suggested claims, add sources
REVIEW = "review"  # accept/reject claims, create and edit records
MANAGE_USERS = "manage_users"

CAPABILITIES: dict[str, frozenset[str]] = {
    VIEW: frozenset({Role.ADMIN, Role.EDITOR, Role.RESEARCHER, Role.VIEWER}),
    SUGGEST: frozenset({Role.ADMIN, Role.EDITOR, Role.RESEARCHER}),
    REVIEW: frozenset({Role.ADMIN, Role.EDITOR}),
    MANAGE_USERS: frozenset({Role.ADMIN}),
}


def role_of(user: Any) -> str | None:
    """Return the user's role, or None for anonymous/inactive users (the public)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if not getattr(user, "is_active", False):
        return None
    if getattr(user, "is_superuser", False):
        return Role.ADMIN
    return getattr(user, "role", None)


def restricted_roles() -> frozenset[str]:
    """Roles allowed to see restricted values (tunable DOCKET_RESTRICTED_ROLES)."""
    names = {r.strip() for r in tunables.get("DOCKET_RESTRICTED_ROLES").split(",") if r.strip()}
    return frozenset(names & {r.value for r in Role})


def visible_levels(*, user: Any) -> frozenset[str]:
    """Return the confidentiality levels `user` may see; None or anonymous = the public."""
    role = role_of(user)
    if role is None:
        return frozenset({Level.PUBLIC})
    if role in restricted_roles():
        return frozenset({Level.PUBLIC, Level.INTERNAL, Level.RESTRICTED})
    return frozenset({Level.PUBLIC, Level.INTERNAL})


def can(actor: Any, capability: str) -> bool:
    """True when `actor` (a user or a system:<name> actor) has `capability`."""
    if isinstance(actor, str):
        return actor.startswith(SYSTEM_PREFIX)
    return role_of(actor) in CAPABILITIES[capability]


def require(actor: Any, capability: str) -> None:
    """Raise PermissionDenied unless `actor` has `capability`."""
    if not can(actor, capability):
        raise PermissionDenied(f"your role may not do this ({capability})")
