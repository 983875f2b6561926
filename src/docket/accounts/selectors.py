"""Reads of accounts."""

from __future__ import annotations

from docket.core.errors import NotFound

from .models import User
from .roles import visible_levels

__all__ = ["role_standin", "user_get_by_username", "visible_levels"]


def user_get_by_username(*, username: str) -> User:
    """Return the active user called `username`."""
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise NotFound(f"user '{username}'")
    return user


def role_standin(*, role: str) -> User:
    """An unsaved user with `role`: lets a command read exactly what that role may see."""
    return User(username=f"({role})", role=role, is_active=True)
