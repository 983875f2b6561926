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
    """Create a user with a role: make_user("editor") (no password: hashing is slow;
    tests/accounts covers user_create)."""
    from docket.accounts.models import User

    def make(role: str, username: str | None = None):
        user = User(username=username or f"{role}-user", role=role)
        user.set_unusable_password()
        user.save()
        return user

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


SAMPLE_REPORT = (
    "Alim Tursun, 40, a Uyghur teacher, was detained in May 2017 in Kashgar. "
    "The Kashgar Intermediate People's Court sentenced him to 10 years in prison for "
    "\u201cinciting separatism\u201d. A relative said he was tortured in custody. "
    "Another report gives his age as 52 and calls him a Kazakh."
)


@pytest.fixture
def report(db):
    """A short public source document (synthetic) to cite in claims."""
    from docket.evidence.services import source_create

    return source_create(
        actor="system:test", text=SAMPLE_REPORT, title="Sample report", confidentiality="public"
    ).source


@pytest.fixture
def fact(db):
    """Add an accepted claim as a system actor: fact(person_or_case, field, value, **options)."""
    from docket.cases.models import Person
    from docket.cases.services import claim_create

    def add(subject, field, value, **options):
        options.setdefault("accept", True)
        options.setdefault("actor", "system:test")
        kind = "person" if isinstance(subject, Person) else "case"
        return claim_create(field=field, value=value, **{kind: subject}, **options)

    return add


@pytest.fixture
def person(db):
    """Create a person as a system actor: person(confidentiality="public", name="...")."""
    from docket.cases.services import person_create

    def make(**options):
        options.setdefault("confidentiality", "public")
        return person_create(actor="system:test", **options)

    return make
