import pytest
from django.contrib.auth.models import AnonymousUser

from docket.accounts.roles import REVIEW, SUGGEST, VIEW, can, require, visible_levels
from docket.accounts.selectors import role_standin
from docket.core.errors import PermissionDenied

ALL = {"public", "internal", "restricted"}
STAFF = {"public", "internal"}


@pytest.mark.parametrize(
    ("role", "levels"),
    [("admin", ALL), ("editor", ALL), ("researcher", STAFF), ("viewer", STAFF)],
)
def test_visible_levels_by_role(role, levels):
    assert visible_levels(user=role_standin(role=role)) == levels


def test_public_sees_public_only():
    assert visible_levels(user=None) == {"public"}
    assert visible_levels(user=AnonymousUser()) == {"public"}


def test_inactive_user_is_the_public():
    user = role_standin(role="admin")
    user.is_active = False
    assert visible_levels(user=user) == {"public"}


def test_restricted_roles_are_tunable(monkeypatch):
    monkeypatch.setenv("DOCKET_RESTRICTED_ROLES", "admin")
    assert visible_levels(user=role_standin(role="editor")) == STAFF
    assert visible_levels(user=role_standin(role="admin")) == ALL


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        ("admin", {VIEW, SUGGEST, REVIEW}),
        ("editor", {VIEW, SUGGEST, REVIEW}),
        ("researcher", {VIEW, SUGGEST}),
        ("viewer", {VIEW}),
    ],
)
def test_capabilities_by_role(role, allowed):
    user = role_standin(role=role)
    assert {c for c in (VIEW, SUGGEST, REVIEW) if can(user, c)} == allowed


def test_require_refuses_public_and_accepts_system_actor():
    with pytest.raises(PermissionDenied):
        require(None, VIEW)
    require("system:test", REVIEW)
    assert not can("mallory", REVIEW)
