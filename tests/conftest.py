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


@dataclass(frozen=True)
class HandEntered:
    """The records `hand_entered_records` made, by id."""

    source_id: int
    case_ids: tuple[int, ...]
    person_ids: tuple[int, ...]


def hand_entered_records(text: str, actor: str = "system:test") -> HandEntered:
    """Every fact of the seed press release, entered by hand through the case services.

    Each fact is an accepted claim citing the words that support it. A rich, fixed data
    set for the case tests, whatever extraction finds (`docket demo` ingests instead).
    """
    from docket.cases.models import Person
    from docket.cases.services import case_create, claim_create, institution_create, person_create
    from docket.evidence.services import source_create

    source = source_create(
        actor=actor,
        text=text,
        title="Human Rights Watch press release on Ikram Nurmehmet",
        publisher="Human Rights Watch",
        published="2024",
        filename="demo_hrw_ikram_nurmehmet.txt",
        media_type="text/plain",
        confidentiality="public",
    ).source

    def facts(subject, *rows):
        kind = "person" if isinstance(subject, Person) else "case"
        for claim_field, value, quote in rows:
            claim_create(
                actor=actor,
                field=claim_field,
                value=value,
                source=source,
                quote=quote,
                accept=True,
                **{kind: subject},
            )

    xinjiang = {"country": "China", "region": "Xinjiang", "city": "Urumqi"}
    court = institution_create(
        actor=actor, name="Urumqi Intermediate People's Court", kind="court", **xinjiang
    )
    facility = institution_create(
        actor=actor, name="Urumqi No. 1 Detention Center", kind="detention_facility", **xinjiang
    )
    trial = case_create(
        actor=actor, title="Ikram Nurmehmet and four co-defendants", confidentiality="public"
    )
    partners = case_create(
        actor=actor, title="Tahir Imin's six business partners", confidentiality="public"
    )
    ikram = person_create(actor=actor, confidentiality="public")
    facts(
        ikram,
        ("name", {"text": "Ikram Nurmehmet", "script": "Latn", "kind": "legal"}, "Ikram Nurmehmet"),
        (
            "membership",
            {"case": trial.pk, "role": "victim"},
            "in connection to Nurmehmet\u2019s case",
        ),
        ("sex", "male", "while he was studying"),
        ("age", {"age": 33, "as_of": "2024"}, "Nurmehmet, 33"),
        ("ethnicity", "Uyghur", "the Uyghur filmmaker"),
        ("occupation", "filmmaker", "Uyghur filmmaker"),
        ("occupation", "director", "filmmaker and director"),
        ("status", "sentenced", "was sentenced to six and a half years in prison"),
        (
            "event",
            {"type": "stay_abroad", "date": "2010/2016", "place": "Turkey"},
            "studying in Turkey between 2010 and 2016",
        ),
        (
            "event",
            {"type": "alleged_torture", "description": "held in a dark room for 20 days"},
            "held him in a dark room for 20 days and tortured him",
        ),
        (
            "event",
            {"type": "conviction", "date": "2024-01", "institution": court.pk, "case": trial.pk},
            "Urumqi Intermediate People\u2019s Court convicted Nurmehmet, 33, in January 2024",
        ),
        (
            "event",
            {"type": "family_notification", "date": "2024-08-23", "case": trial.pk},
            "did not inform his family about his conviction for more than half a year, "
            "on August 23",
        ),
        (
            "event",
            {"type": "detention", "institution": facility.pk, "case": trial.pk},
            "currently being held in Urumqi No. 1 Detention Center",
        ),
        (
            "charge",
            {
                "text": "actively participating in terrorist activities",
                "category": "terrorism",
                "case": trial.pk,
            },
            "actively participating in terrorist activities",
        ),
        (
            "sentence",
            {"min_months": 78, "max_months": 78, "case": trial.pk},
            "sentenced to six and a half years in prison",
        ),
        ("allegation", "torture", "tortured him until he gave a false confession"),
        ("allegation", "coerced_confession", "gave a false confession"),
        (
            "allegation",
            "family_not_notified",
            "the authorities did not inform his family about his conviction",
        ),
        ("allegation", "foreign_ties", "his possession of a Turkish residency permit"),
        ("allegation", "unfair_trial", "which was the sole basis for his conviction"),
    )
    four = person_create(actor=actor, confidentiality="public")
    facts(
        four,
        ("count", 4, "Four other Uyghurs whose identities are unknown"),
        ("ethnicity", "Uyghur", "Four other Uyghurs"),
        (
            "membership",
            {"case": trial.pk, "role": "victim"},
            "were also convicted in connection to Nurmehmet\u2019s case",
        ),
        ("event", {"type": "conviction", "case": trial.pk}, "were also convicted"),
    )
    six = person_create(actor=actor, confidentiality="public")
    facts(
        six,
        ("count", 6, "all six of his business partners"),
        ("membership", {"case": partners.pk, "role": "victim"}, "his business partners"),
        ("status", "sentenced", "had sentenced all six"),
        (
            "event",
            {"type": "sentence", "institution": court.pk, "case": partners.pk},
            "the Urumqi Intermediate People\u2019s Court had sentenced all six of his business "
            "partners",
        ),
        (
            "charge",
            {"text": "separatism", "category": "separatism", "case": partners.pk},
            "separatism",
        ),
        (
            "sentence",
            {"min_months": 144, "max_months": 180, "case": partners.pk},
            "between 12 and 15 years in prison",
        ),
        ("allegation", "foreign_ties", "because of their association with him"),
    )
    # Sources of a report are restricted by default (DESIGN.md), even when quoted by name.
    tahir = person_create(actor=actor, role="source")
    facts(
        tahir,
        ("name", {"text": "Tahir Imin", "script": "Latn", "kind": "legal"}, "Tahir Imin"),
        ("membership", {"case": partners.pk, "role": "source"}, "Tahir Imin, 42, said"),
        ("age", {"age": 42, "as_of": "2024"}, "Tahir Imin, 42"),
        ("ethnicity", "Uyghur", "US-based Uyghur activist"),
        ("occupation", "activist", "Uyghur activist"),
    )
    maya = person_create(actor=actor, role="source")
    facts(
        maya,
        ("name", {"text": "Maya Wang", "script": "Latn", "kind": "legal"}, "Maya Wang"),
        ("membership", {"case": trial.pk, "role": "source"}, "said Maya Wang"),
        (
            "occupation",
            "associate China director",
            "associate China director at Human Rights Watch",
        ),
    )
    hrw = {"kind": "call_for_release", "by": "Human Rights Watch"}
    facts(
        trial,
        (
            "intervention",
            hrw,
            "The Chinese authorities should immediately release the Uyghur filmmaker and director",
        ),
    )
    facts(partners, ("intervention", hrw, "press for their immediate release"))
    return HandEntered(
        source.pk, (trial.pk, partners.pk), (ikram.pk, four.pk, six.pk, tahir.pk, maya.pk)
    )


@pytest.fixture
def demo(db, seed_text):
    """Hand-entered records of the seed press release: two cases, five persons."""
    return hand_entered_records(seed_text)


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


def _spans(text: str, *quotes: str) -> list[list[int]]:
    """The span of each quote's first occurrence in text."""
    found = []
    for quote in quotes:
        start = text.index(quote)
        found.append([start, start + len(quote)])
    return found


def seed_persons(text: str) -> list[dict]:
    """What an extractor reports for the seed press release, as the contract's JSON.

    Written by hand from the text (spans found in it), so ingest can be tested on the
    extraction contract whatever the state of the extraction pipeline.
    """
    court = "Urumqi Intermediate People\u2019s Court"
    ikram = {
        "name": "Ikram Nurmehmet",
        "role": "victim",
        "count": 1,
        "sex": "male",
        "age": 33,
        "ethnicity": "Uyghur",
        "occupations": ["filmmaker", "director"],
        "court": court,
        "facility": "Urumqi No. 1 Detention Center",
        "charges": ["actively participating in terrorist activities"],
        "charge_categories": ["terrorism"],
        "sentence": {"min_months": 78, "max_months": 78},
        "status": "sentenced",
        "allegations": ["torture", "coerced_confession", "family_not_notified"],
        "events": [
            {
                "type": "sentence",
                "date": "2024-01",
                "evidence": _spans(text, "convicted Nurmehmet"),
            },
            {
                "type": "family_notification",
                "date": "2024-08-23",
                "evidence": _spans(text, "did not inform his family"),
            },
        ],
        "evidence": {
            "name": _spans(text, "Ikram Nurmehmet"),
            "sex": _spans(text, "while he was studying"),
            "age": _spans(text, "33"),
            "ethnicity": _spans(text, "Uyghur filmmaker"),
            "occupations": _spans(text, "filmmaker", "director"),
            "court": _spans(text, court),
            "facility": _spans(text, "Urumqi No. 1 Detention Center"),
            "charges": _spans(text, "actively participating in terrorist activities"),
            "charge_categories": _spans(text, "actively participating in terrorist activities"),
            "sentence": _spans(text, "six and a half years in prison"),
            "status": _spans(text, "was sentenced"),
            "allegations": _spans(
                text, "tortured him", "false confession", "did not inform his family"
            ),
        },
    }
    maya = {
        "name": "Maya Wang",
        "role": "source",
        "occupations": ["associate China director"],
        "evidence": {
            "name": _spans(text, "Maya Wang"),
            "occupations": _spans(text, "associate China director"),
        },
    }
    four = {
        "name": None,
        "role": "victim",
        "count": 4,
        "ethnicity": "Uyghur",
        "evidence": {"ethnicity": _spans(text, "Four other Uyghurs")},
    }
    tahir = {
        "name": "Tahir Imin",
        "role": "source",
        "age": 42,
        "ethnicity": "Uyghur",
        "occupations": ["activist"],
        "evidence": {
            "name": _spans(text, "Tahir Imin"),
            "age": _spans(text, "42"),
            "ethnicity": _spans(text, "Uyghur activist"),
            "occupations": _spans(text, "activist"),
        },
    }
    six = {
        "name": None,
        "role": "victim",
        "count": 6,
        "court": court,
        "charges": ["separatism"],
        "charge_categories": ["separatism"],
        "sentence": {"min_months": 144, "max_months": 180},
        "status": "sentenced",
        "events": [{"type": "sentence", "date": None, "evidence": _spans(text, "had sentenced")}],
        "evidence": {
            "court": [[text.index(court, text.index("Tahir")), 0]],
            "sentence": _spans(text, "between 12 and 15 years in prison"),
            "charges": _spans(text, "separatism"),
            "status": _spans(text, "had sentenced all six"),
        },
    }
    six["evidence"]["court"][0][1] = six["evidence"]["court"][0][0] + len(court)
    return [ikram, maya, four, tahir, six]


@pytest.fixture
def seed_extraction(seed_text) -> dict:
    """The seed's extraction as the contract's JSON: {"persons": [...]} (hand-written)."""
    return {"persons": seed_persons(seed_text)}


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
