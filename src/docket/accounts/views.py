"""Account pages that Django's auth views do not provide."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def locked_out(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: object = None
) -> HttpResponse:
    """Tell someone locked out by django-axes why, and for how long (AXES_LOCKOUT_CALLABLE)."""
    minutes = round(float(settings.AXES_COOLOFF_TIME) * 60)
    context = {"cooloff_minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked_out.html", context, status=429)
