"""The permission table covers every URL, and every URL obeys it for every role."""

import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib.auth import get_user, get_user_model
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from docket.accounts.models import Role
from docket.cases.models import Claim
from docket.config import access
from docket.core.models import AuditEvent

ALL_ROLES = ["anonymous", "viewer", "researcher", "editor", "admin"]
# Our own refusal page (core/templates/403.html), to tell it from a view's own 403.
REFUSED = "You may not open this page"


def _patterns(patterns=None, namespace=()):
    """Yield (qualified name or None, namespace, pattern) for every URL in the resolver."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = (*namespace, pattern.namespace) if pattern.namespace else namespace
            yield from _patterns(pattern.url_patterns, inner)
        else:
            assert isinstance(pattern, URLPattern)
            name = ":".join((*namespace, pattern.name)) if pattern.name else None
            yield name, ":".join(namespace), pattern


def test_permission_table_covers_every_url_pattern():
    missing = []
    for name, namespace, _ in _patterns():
        if name is None:  # unnamed: only allowed inside a namespace the table covers whole
            if f"{namespace}:*" not in access.PERMISSIONS:
                missing.append(f"unnamed pattern in namespace {namespace!r}")
        elif not access.roles_for(name):
            missing.append(name)
    assert missing == [], f"add these to config/access.py PERMISSIONS: {missing}"


def test_permission_table_has_no_stale_entries():
    names = {name for name, _, _ in _patterns() if name}
    namespaces = {namespace for _, namespace, _ in _patterns()}
    stale = [
        key
        for key in access.PERMISSIONS
        if key not in names and not (key.endswith(":*") and key[:-2] in namespaces)
    ]
    assert stale == []


def test_permission_table_roles_are_the_account_roles():
    assert set(access.ROLES) == {"anonymous", *Role.values}
    for roles in access.PERMISSIONS.values():
        assert roles and roles <= set(access.ROLES)


def test_role_of_reads_the_active_account(make_user):
    assert access.role_of(None) == "anonymous"
    assert access.role_of(SimpleNamespace(is_authenticated=False)) == "anonymous"
    editor = make_user("editor")
    assert access.role_of(editor) == "editor"
    editor.is_active = False
    assert access.role_of(editor) == "anonymous"


def test_may_open_refuses_urls_missing_from_the_table(make_user):
    admin = make_user("admin")
    assert not access.may_open(admin, "cases:no_such_page")
    assert not access.may_open(admin, "")


# --- every URL as every role -------------------------------------------------------------

# The admin's own refusals: autocomplete needs query parameters, lock-out records are
# never added by hand.
ADMIN_REFUSES = re.compile(r"admin:(autocomplete|axes_\w+_add)")


# Actions: buttons that POST, never pages (a GET is refused with our 405 page).
POST_ONLY = {
    "logout",
    "ingest:review_claim",
    "ingest:review_person",
    "ingest:review_link",
    "ingest:review_resolve",
    "cases:merge_undo",
    "cases:duplicate_dismiss",
}


def _allowed_status(name, role):
    """Status of an allowed GET on a page of ours."""
    if name in POST_ONLY:
        return 405
    if name == "publish:favicon" or (name == "login" and role != "anonymous"):
        return 302
    return 200


def _to_login(response):
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def _admin_object_id(name):
    """An existing object's id for an admin change/delete/history URL, else "0"."""
    match = re.fullmatch(
        r"admin:([a-z]+)_([a-z0-9]+)_(?:change|delete|history|password_change)", name
    )
    if not match:
        return "0"
    app_label, model_name = match.groups()
    # UserAdmin names its password URL after auth.User whatever the user model is.
    model = get_user_model() if app_label == "auth" else apps.get_model(app_label, model_name)
    first = model._default_manager.order_by("pk").first()
    return str(first.pk) if first else "0"


def _url(name, pattern, world):
    samples = world | {"object_id": _admin_object_id(name), "id": _admin_object_id(name)}
    return reverse(name, kwargs={p: samples[p] for p in pattern.pattern.regex.groupindex})


@pytest.fixture
def world(demo, make_user):
    """Sample URL arguments: the demo records, an account for the admin's user pages."""
    make_user("viewer", username="someone")
    ikram = demo.person_ids[0]
    return {
        "person_id": ikram,
        "case_id": demo.case_ids[0],
        "source_id": demo.source_id,
        "claim_id": Claim.objects.filter(person_id=ikram, field="event").first().pk,
        "other_id": demo.person_ids[1],
        "extracted_id": 1,
        "merge_id": 1,
        "field": "event",
        "app_label": "accounts",
        "content_type_id": ContentType.objects.get_for_model(get_user_model()).pk,
    }


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_url_answers_every_role_as_the_table_says(role, world, client_as):
    client = client_as(role)
    user = get_user(client)
    wrong = []
    for name, namespace, pattern in _patterns():
        if name is None:
            continue
        url = _url(name, pattern, world)
        response = client.get(url)
        allowed, got = access.may_open(user, name), response.status_code
        refused_by_us = got == 403 and REFUSED in response.content.decode()
        if not allowed and role == "anonymous":
            ok = _to_login(response) and response["Location"].endswith(f"?next={url}")
        elif not allowed:
            ok = refused_by_us
        elif namespace == "admin":  # Django's own answers: a form, a redirect, a 404...
            ok = got < 500 and (got == 403) == bool(ADMIN_REFUSES.fullmatch(name))
            ok = ok and not _to_login(response)
        else:
            ok = got == _allowed_status(name, role)
        if not ok:
            wrong.append(f"{name} {url} -> {got} (allowed={allowed})")
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("role", ALL_ROLES)
def test_every_url_refuses_posts_from_roles_the_table_refuses(role, world, client_as):
    client = client_as(role)
    user = get_user(client)
    writes_before = AuditEvent.objects.count()
    wrong = []
    for name, _, pattern in _patterns():
        if name is None or access.may_open(user, name):
            continue
        response = client.post(_url(name, pattern, world), {"confidentiality": "public"})
        expected = 302 if role == "anonymous" else 403
        if response.status_code != expected or (expected == 302 and not _to_login(response)):
            wrong.append(f"{name} -> {response.status_code}")
    assert wrong == []
    assert AuditEvent.objects.count() == writes_before


# Key decisions spelled out, independently of the table.
@pytest.mark.parametrize(
    ("role", "name", "allowed"),
    [
        ("anonymous", "publish:home", True),
        ("anonymous", "cases:case_list", False),
        ("viewer", "cases:person_detail", True),
        ("viewer", "ingest:claim_create", False),
        ("viewer", "cases:person_create", False),
        ("researcher", "ingest:claim_create", True),
        ("researcher", "ingest:claim_review", False),
        ("researcher", "cases:person_edit", False),
        ("editor", "ingest:claim_review", True),
        ("editor", "admin:index", False),
        ("admin", "admin:index", True),
        ("admin", "admin:accounts_user_change", True),
    ],
)
def test_may_open_key_decisions(role, name, allowed, make_user):
    user = None if role == "anonymous" else make_user(role)
    assert access.may_open(user, name) is allowed
