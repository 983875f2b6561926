"""Web middleware: security headers, and ApplicationError -> error page."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.views import defaults

from docket.core import errors

# Everything is served from our own origin (pages work behind an air gap), so
# the policy allows nothing else: no inline scripts, no eval, no framing.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Add a strict CSP and Permissions-Policy; keep signed-in pages out of every cache."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            # Case records must not linger in shared or browser caches.
            response.headers["Cache-Control"] = "no-store, private"
        return response


class ApplicationErrorMiddleware:
    """Turn an ApplicationError that escaped a view into our 404, 403 or 400 page.

    NotFound covers both "does not exist" and "you may not see it", so a hidden
    record looks exactly like a missing one. The error's message is not shown.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, errors.NotFound):
            return defaults.page_not_found(request, Http404())
        if isinstance(exception, errors.PermissionDenied):
            return defaults.permission_denied(request, DjangoPermissionDenied())
        if isinstance(exception, errors.ApplicationError):
            return defaults.bad_request(request, exception)
        return None
