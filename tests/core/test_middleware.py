"""Security headers on every page."""

import pytest
from django.urls import reverse

from docket.core import errors
from docket.core.middleware import CONTENT_SECURITY_POLICY, ApplicationErrorMiddleware


def test_pages_carry_a_strict_content_security_policy(client):
    response = client.get(reverse("publish:home"))
    csp = response.headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]


@pytest.mark.django_db
def test_signed_in_pages_are_never_cached(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="amina", password="x" * 16))
    response = client.get(reverse("publish:home"))
    assert "no-store" in response.headers["Cache-Control"]


def test_public_pages_may_be_cached(client):
    response = client.get(reverse("publish:home"))
    assert "no-store" not in response.headers.get("Cache-Control", "")


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (errors.NotFound("person"), 404),
        (errors.PermissionDenied("your role may not do this"), 403),
        (errors.ApplicationError("bad filter"), 400),
    ],
)
def test_application_errors_become_error_pages_without_their_message(rf, error, status):
    middleware = ApplicationErrorMiddleware(lambda request: None)
    response = middleware.process_exception(rf.get("/"), error)
    assert response.status_code == status
    assert error.message not in response.content.decode()


def test_other_exceptions_are_left_to_django(rf):
    middleware = ApplicationErrorMiddleware(lambda request: None)
    assert middleware.process_exception(rf.get("/"), ValueError("boom")) is None
