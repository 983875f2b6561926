"""`docket demo`'s records: sample reports ingested as a trusted batch."""

import json
from importlib import resources

import pytest

from docket.cases.models import Claim, Person
from docket.cases.selectors import person_page, person_to_contract
from docket.core.models import AuditEvent
from docket.core.selectors import audit_verify_chain
from docket.evidence.models import Source
from docket.ingest.demo import REPORTS, demo_load

pytestmark = pytest.mark.django_db


def demo_reports():
    text = resources.files("docket.ingest").joinpath(REPORTS).read_text("utf-8")
    return [json.loads(line) for line in text.splitlines()]


def test_demo_reports_are_the_seed_and_cecc_summaries(seed_text, shared_dir):
    reports = demo_reports()
    assert reports[0]["text"] == seed_text
    dev = {}
    with (shared_dir / "corpus" / "cecc-dev.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            dev[row["id"]] = row["text"]
    for report in reports[1:]:
        assert report["text"] == dev[report["id"]]
        assert report["publisher"].startswith("Congressional-Executive Commission on China")


def test_demo_load_ingests_the_reports_once():
    loaded = demo_load(actor="system:test")
    assert (loaded.created, loaded.reports, loaded.failed) == (True, len(demo_reports()), 0)
    assert Source.objects.count() == loaded.reports
    assert set(Source.objects.values_list("confidentiality", flat=True)) == {"public"}
    claims = Claim.objects.all()
    assert claims.count() == loaded.claims
    for claim in claims:
        assert claim.review_status == "accepted" and claim.veracity == "alleged"
        if claim.span_start is not None:
            assert claim.source.text[claim.span_start : claim.span_end] == claim.quote
    counts = (Source.objects.count(), Person.objects.count(), Claim.objects.count())
    audit_rows = AuditEvent.objects.count()
    again = demo_load(actor="system:test")
    assert (again.created, again.reports) == (False, 0)
    assert (Source.objects.count(), Person.objects.count(), Claim.objects.count()) == counts
    assert AuditEvent.objects.count() == audit_rows
    assert audit_verify_chain().ok


def test_demo_person_page_shows_ikram_nurmehmet(users):
    demo_load(actor="system:test")
    viewer = users["viewer"]
    [ikram] = Person.objects.filter(names__text="Ikram Nurmehmet")
    page = person_page(user=viewer, person_id=ikram.pk)
    assert page.summary.name == "Ikram Nurmehmet"
    [sentence] = page.sentences
    assert sentence.text.startswith("78 months")
    contract = person_to_contract(person=ikram, user=viewer)
    assert contract["court"] == "Urumqi Intermediate People's Court"
    assert contract["facility"] == "Urumqi No. 1 Detention Center"
    assert contract["charge_categories"] == ["terrorism"]
    assert {"torture", "coerced_confession", "family_not_notified"} <= set(contract["allegations"])
    assert [c.case.title for c in page.cases] == ["Ikram Nurmehmet and 4 others"]
