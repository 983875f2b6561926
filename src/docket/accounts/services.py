"""Writes to accounts: creating users."""

from __future__ import annotations

import logging
import secrets
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from docket.core.audit import audit_record
from docket.core.errors import ApplicationError, field_error

from .models import Role, User
from .roles import MANAGE_USERS, require

logger = logging.getLogger(__name__)


def generate_password() -> str:
    """Return a random password that passes the password validators."""
    return secrets.token_urlsafe(18)


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    role: str,
    password: str,
    email: str = "",
) -> User:
    """Create a user with a validated, hashed password; audited without the password."""
    require(actor, MANAGE_USERS)
    username = (username or "").strip()
    if not username or len(username) > 150:
        raise field_error("username", "a user name of 1 to 150 characters is required")
    if role not in Role.values:
        raise field_error("role", f"unknown role '{role}'; known: {', '.join(Role.values)}")
    if User.objects.filter(username__iexact=username).exists():
        raise field_error("username", f"user '{username}' exists already", code="exists")
    user = User(username=username, role=role, email=email, is_staff=role == Role.ADMIN)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        raise ApplicationError(
            "password refused", field_errors={"password": list(exc.messages)}
        ) from exc
    user.set_password(password)
    if role == Role.ADMIN:
        user.is_superuser = True
    user.save()
    audit_record(
        actor=actor,
        action="user.create",
        entity=user,
        after={"username": user.username, "role": role, "email": email},
    )
    logger.info("user %s created with role %s", user.pk, role)
    return user
