"""The one error type services and selectors raise (STYLE.md "Functions, types, errors")."""

from __future__ import annotations

from typing import Any


class ApplicationError(Exception):
    """A refused request: a stable `code`, a message for people, optional per-field errors.

    The web layer turns it into a form error or the documented API error shape, the CLI
    into a message and a non-zero exit. Messages must never contain restricted values.
    """

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        field_errors: dict[str, list[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})

    def __str__(self) -> str:
        details = "; ".join(
            f"{k}: {' '.join(v)}"
            for k, v in sorted(self.field_errors.items())
            if v != [self.message]
        )
        return f"{self.message} ({details})" if details else self.message

    def to_dict(self) -> dict[str, Any]:
        """Return the documented error shape: {"code", "message", "field_errors"}."""
        return {"code": self.code, "message": self.message, "field_errors": self.field_errors}


class NotFound(ApplicationError):
    """The record does not exist, or the acting user may not see it (never say which)."""

    def __init__(self, what: str) -> None:
        super().__init__(f"{what} not found", code="not_found")


class PermissionDenied(ApplicationError):
    """The acting user's role does not allow this write."""

    def __init__(self, message: str) -> None:
        super().__init__(message, code="permission_denied")


def field_error(field: str, message: str, *, code: str = "invalid") -> ApplicationError:
    """Return an ApplicationError about one input field."""
    return ApplicationError(message, code=code, field_errors={field: [message]})
