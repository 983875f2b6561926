"""Error pages say what happened and never echo the request, the exception or data."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import RequestFactory
from django.views import defaults

SECRET = "Secret-Witness-Name-7731"


@pytest.fixture
def request_with_secret(rf: RequestFactory):
    return rf.get(f"/persons/{SECRET}/?q={SECRET}")


@pytest.mark.parametrize(
    ("render", "status", "heading"),
    [
        (lambda request: defaults.page_not_found(request, Http404(SECRET)), 404, "Page not found"),
        (
            lambda request: defaults.permission_denied(request, PermissionDenied(SECRET)),
            403,
            "You may not open this page",
        ),
        (lambda request: defaults.bad_request(request, ValueError(SECRET)), 400, "Bad request"),
        (defaults.server_error, 500, "Server error"),
    ],
)
def test_error_pages_hide_the_request_and_the_exception(
    request_with_secret, render, status, heading
):
    response = render(request_with_secret)
    html = response.content.decode()
    assert response.status_code == status
    assert f"<h1>{heading}</h1>" in html
    assert SECRET not in html


@pytest.mark.django_db
def test_unknown_url_gives_the_404_template_without_the_path(client):
    response = client.get(f"/no-such-page/{SECRET}/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert SECRET not in html


@pytest.mark.django_db
def test_csrf_failure_page_is_ours(django_user_model):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": SECRET, "password": SECRET})
    html = response.content.decode()
    assert response.status_code == 403
    assert "The form could not be sent" in html
    assert SECRET not in html


def test_bad_host_header_gives_the_generic_400_page(client):
    response = client.get("/", HTTP_HOST=f"{SECRET.lower()}.example")
    assert response.status_code == 400
    assert "Bad request" in response.content.decode()
    assert SECRET.lower() not in response.content.decode()
