"""The seed press release through the real commands: ingest, then list the cases (issue 5)."""

import json

import pytest
from click.testing import CliRunner

from docket.cases.models import Case, Claim, Person
from docket.cli import cli
from docket.core.models import AuditEvent
from docket.evidence.models import Source

pytestmark = pytest.mark.django_db


def docket(*args):
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def counts():
    return tuple(m.objects.count() for m in (Source, Person, Case, Claim, AuditEvent))


def test_seed_ingested_and_listed(shared_dir):
    seed = str(next((shared_dir / "seeds").glob("*.txt")))
    docket("ingest", seed, "--auto-accept")
    cases = json.loads(docket("cases", "list", "--json"))
    persons = [p for case in cases for p in case["persons"]]
    [ikram] = [p for p in persons if p["name"] == "Ikram Nurmehmet"]
    assert ikram["court"] == "Urumqi Intermediate People's Court"
    assert ikram["facility"] == "Urumqi No. 1 Detention Center"
    assert ikram["charge_categories"] == ["terrorism"]
    assert ikram["sentence"] == {"min_months": 78, "max_months": 78}
    assert {"torture", "coerced_confession", "family_not_notified"} <= set(ikram["allegations"])
    [trial] = [c for c in cases if ikram in c["persons"]]
    assert [(p["count"], p["ethnicity"]) for p in trial["persons"] if p["name"] is None] == [
        (4, "Uyghur")
    ]
    assert [p["count"] for p in persons if p["name"] is None and p not in trial["persons"]] == [6]

    before = counts()
    again = json.loads(docket("ingest", seed, "--auto-accept", "--json").splitlines()[-1])
    assert again["summary"]["documents"] == {"new": 0, "skipped": 1, "failed": 0}
    assert counts() == before
