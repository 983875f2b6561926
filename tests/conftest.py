"""Shared fixtures for the whole suite (one root conftest, STYLE.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _find_shared() -> Path:
    """../shared beside the checkout; DOCKET_SHARED_DIR overrides (a clone elsewhere)."""
    candidates = [os.environ.get("DOCKET_SHARED_DIR", ""), REPO.parent / "shared", "/work/shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "schema" / "EXTRACTION.md").exists():
            return Path(candidate)
    raise RuntimeError("../shared not found: set DOCKET_SHARED_DIR to the shared folder")


SHARED = _find_shared()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout (corpus, schema, seeds)."""
    return SHARED


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed press release the project started from."""
    return next((SHARED / "seeds").glob("*.txt")).read_text(encoding="utf-8")


@pytest.fixture
def make_user(db):
    """Create a user with a role: make_user("editor")."""
    from docket.accounts.services import user_create

    def make(role: str, username: str | None = None):
        return user_create(
            actor="system:test",
            username=username or f"{role}-user",
            role=role,
            password="correct horse battery staple 42",
        )

    return make


@pytest.fixture
def users(make_user):
    """One user per role, by role name, plus None for the public."""
    found = {role: make_user(role) for role in ("admin", "editor", "researcher", "viewer")}
    found["public"] = None
    return found


@pytest.fixture
def demo(db):
    """The demo records (docket.ingest.demo), loaded through the services."""
    from docket.ingest.demo import demo_load

    return demo_load(actor="system:test")
