"""Sign-in, sign-out and login throttling (django-axes)."""

import pytest
from django.conf import settings
from django.urls import reverse

PASSWORD = "correct horse battery staple"


@pytest.fixture
def amina(django_user_model):
    return django_user_model.objects.create_user(username="amina", password=PASSWORD)


def _login(client, password, username="amina"):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_page_shows_a_form_with_csrf_token(client):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="username"' in html and 'name="password"' in html
    assert "csrfmiddlewaretoken" in html


@pytest.mark.django_db
def test_login_with_right_password_signs_in_and_redirects(client, amina):
    response = _login(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(amina.pk)


@pytest.mark.django_db
def test_login_with_wrong_password_says_so_and_stays_signed_out(client, amina):
    response = _login(client, "wrong password")
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_locks_out_after_repeated_failures_even_with_right_password(client, amina):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong password")
    response = _login(client, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Signing in is locked" in html
    assert f"locked for {round(settings.AXES_COOLOFF_TIME * 60)} minutes" in html
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_lockout_spares_other_accounts(client, amina, django_user_model):
    django_user_model.objects.create_user(username="bilal", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "wrong password")
    assert _login(client, PASSWORD, username="bilal").status_code == 302


@pytest.mark.django_db
def test_login_success_resets_the_failure_count(client, amina):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong password")
    assert _login(client, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "wrong password")
    assert _login(client, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_login_sets_an_http_only_same_site_session_cookie(client, amina):
    _login(client, PASSWORD)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


@pytest.mark.django_db
def test_login_changes_the_session_key(client, amina):
    client.get(reverse("login"))
    client.session.save()
    before = client.session.session_key
    _login(client, PASSWORD)
    assert client.session.session_key != before


@pytest.mark.django_db
def test_logout_needs_post_and_ends_the_session(client, amina):
    client.force_login(amina)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_login_rejects_a_redirect_to_another_site(client, amina):
    response = client.post(
        reverse("login") + "?next=https://evil.example/",
        {"username": "amina", "password": PASSWORD, "next": "https://evil.example/"},
    )
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]
