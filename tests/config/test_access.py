"""The permission table covers every URL, and every URL obeys it for every role."""

from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from docket.config import access


def _patterns(patterns=None, namespace=()):
    """Yield (qualified name or None, namespace) for every URL pattern in the resolver."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, inner)
        else:
            assert isinstance(pattern, URLPattern)
            name = ":".join((*namespace, pattern.name)) if pattern.name else None
            yield name, ":".join(namespace)


def test_permission_table_covers_every_url_pattern():
    missing = []
    for name, namespace in _patterns():
        if name is None:  # unnamed: only allowed inside a namespace the table covers whole
            if f"{namespace}:*" not in access.PERMISSIONS:
                missing.append(f"unnamed pattern in namespace {namespace!r}")
        elif not access.roles_for(name):
            missing.append(name)
    assert missing == [], f"add these to config/access.py PERMISSIONS: {missing}"


def test_permission_table_has_no_stale_entries():
    names = {name for name, _ in _patterns() if name}
    namespaces = {namespace for _, namespace in _patterns()}
    stale = [
        key
        for key in access.PERMISSIONS
        if key not in names and not (key.endswith(":*") and key[:-2] in namespaces)
    ]
    assert stale == []


def test_permission_table_names_only_known_roles():
    for roles in access.PERMISSIONS.values():
        assert roles and roles <= set(access.ROLES)


@pytest.mark.parametrize(
    ("user", "role"),
    [
        (SimpleNamespace(is_authenticated=False), "anonymous"),
        (SimpleNamespace(is_authenticated=True, role="editor"), "editor"),
        (SimpleNamespace(is_authenticated=True, role="owner"), ""),
        (SimpleNamespace(is_authenticated=True), ""),
        (None, "anonymous"),
    ],
)
def test_role_of_reads_the_account_role(user, role):
    assert access.role_of(user) == role


def test_may_open_refuses_urls_missing_from_the_table():
    editor = SimpleNamespace(is_authenticated=True, role="admin")
    assert not access.may_open(editor, "cases:no_such_page")
    assert not access.may_open(editor, "")


def test_may_open_lets_anyone_open_public_pages():
    no_role = SimpleNamespace(is_authenticated=True, role="")
    assert access.may_open(no_role, "publish:home")
    assert not access.may_open(no_role, "admin:index")


@pytest.mark.django_db
def test_admin_site_sends_anonymous_visitors_to_our_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/admin/")


@pytest.mark.django_db
def test_admin_site_refuses_a_signed_in_user_without_a_role(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(username="amina", password="x" * 16))
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "You may not open this page" in response.content.decode()
