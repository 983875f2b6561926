"""Shared fixtures for the whole suite (one root conftest, STYLE.md)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

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


def _pdf_with_text(lines: list[str], title: str | None = None) -> bytes:
    """A one-page PDF whose text layer holds `lines`, written by hand (Helvetica, WinAnsi)."""

    def literal(text: str) -> bytes:
        escaped = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        return b"(" + escaped.encode("cp1252") + b")"

    stream = b"BT /F1 12 Tf 14 TL 72 720 Td\n"
    stream += b"".join(literal(line) + b" Tj T*\n" for line in lines) + b"ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objects.append(b"<< /Title " + literal(title) + b" >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    info = b" /Info %d 0 R" % len(objects) if title else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R%s >>\n" % (len(objects) + 1, info)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def _docx_with(
    paragraphs: list[str], rows: list[list[str]] | None = None, title: str | None = None
) -> bytes:
    """A .docx with a heading, paragraphs and an optional table, made with python-docx."""
    import io

    import docx

    document = docx.Document()
    if title:
        document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=len(rows), cols=len(rows[0]))
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def make_pdf():
    """Build a PDF with a text layer: `make_pdf(["line", ...], title=None) -> bytes`."""
    return _pdf_with_text


@pytest.fixture(scope="session")
def make_docx():
    """Build a .docx: `make_docx(["paragraph", ...], rows=[[...]], title=None) -> bytes`."""
    return _docx_with


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


@pytest.fixture
def person_record(db):
    """`person_record(person, ids=False)`: the person's columns, rows and claims, for
    comparing two ways of writing the same facts (or a state before and after)."""
    from docket.cases.models import Claim, Person
    from docket.cases.services.projection import ROW_MODELS
    from docket.core.audit import canonical_json

    columns = [
        f"{f}{suffix}"
        for f in ("count", "sex", "birth_year", "age", "ethnicity", "religion", "status")
        for suffix in ("", "_level")
    ] + ["age_as_of", "confidentiality", "merged_into_id"]
    claim_columns = ("field", "value", "source_id", "span_start", "span_end", "quote", "method",
                     "review_status", "veracity", "confidentiality")  # fmt: skip

    def claim_view(claim, ids):
        values = [getattr(claim, c) for c in claim_columns]
        return canonical_json([claim.pk, *values] if ids else values)

    def record(person, ids=False):
        person = Person.objects.get(pk=person.pk)
        rows = {}
        for kind, model in ROW_MODELS.items():
            skip = {"person", "claims", "created_at", "updated_at"} | (set() if ids else {"id"})
            names = [f.attname for f in model._meta.concrete_fields if f.name not in skip]
            rows[kind] = sorted(
                canonical_json(
                    [
                        [getattr(row, n) for n in names],
                        sorted(claim_view(c, ids) for c in row.claims.all()),
                    ]
                )
                for row in model.objects.filter(person=person)
            )
        claims = sorted(claim_view(c, ids) for c in Claim.objects.filter(person=person))
        identifiers = sorted(person.identifiers.values_list("scheme", "value"))
        return {c: getattr(person, c) for c in columns}, rows, claims, identifiers

    return record


FAST_HASHER = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def client_as(db):
    """A test client signed in with `role` ("anonymous": signed out): client_as("viewer").

    Accounts are made by `user_create`, so an admin has the flags the Django admin needs.
    """
    from django.test import Client, override_settings

    from docket.accounts.services import user_create

    accounts: dict[str, Any] = {}

    def signed_in(role: str) -> Client:
        client = Client()
        if role != "anonymous":
            if role not in accounts:
                with override_settings(PASSWORD_HASHERS=FAST_HASHER):  # argon2 is slow
                    accounts[role] = user_create(
                        actor="system:test",
                        username=f"{role}-user",
                        role=role,
                        password="correct horse battery staple 42",
                    )
            client.force_login(accounts[role])
        return client

    return signed_in


# Browser tests: Debian's Chromium driven by Playwright (never `playwright install`).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@dataclass
class BrowserSession:
    """A Playwright page on the live server, with what it tried to fetch elsewhere."""

    page: Any
    base_url: str
    offsite_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def login(self, username: str, password: str) -> None:
        self.page.goto(f"{self.base_url}/accounts/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", password)
        self.page.click("form.stacked button[type=submit]")
        self.page.wait_for_load_state()


@pytest.fixture
def browser(live_server, monkeypatch) -> Iterator[BrowserSession]:
    """A headless Chromium page that may reach only the live test server (offline check)."""
    # Playwright's sync API runs an event loop in this thread; Django's ORM would refuse it.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = chromium.new_context()
        session = BrowserSession(page=None, base_url=live_server.url)

        def only_live_server(route: Any) -> None:
            url = route.request.url
            if url.startswith((live_server.url + "/", "data:")):
                route.continue_()
            else:
                session.offsite_requests.append(url)
                route.abort()

        context.route("**/*", only_live_server)
        session.page = context.new_page()
        session.page.set_default_timeout(10_000)
        session.page.on(
            "console",
            lambda msg: session.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        try:
            yield session
        finally:
            chromium.close()
            # Connections opened while Playwright's loop ran live in its context: close
            # them here, or PostgreSQL refuses to drop the test database at the end.
            connections.close_all()
