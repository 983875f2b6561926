"""Docket's user model: Django's user plus one role."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "Administrator"
    EDITOR = "editor", "Editor"
    RESEARCHER = "researcher", "Researcher"
    VIEWER = "viewer", "Viewer"


class User(AbstractUser):
    """A staff member; what they may see and do follows from `role` (accounts.roles)."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.VIEWER)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=[r.value for r in Role]), name="user_role_known"
            )
        ]
