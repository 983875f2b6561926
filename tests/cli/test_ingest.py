"""`docket ingest`: in process for output and exit codes; a real subprocess killed mid-run."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
from itertools import islice

import pytest
from click.testing import CliRunner

from docket.cli import cli
from docket.evidence.models import Source

REPORT = "Police detained Alim Tursun, a Uyghur teacher, in Kashgar in May 2017."


def run(*args):
    return CliRunner().invoke(cli, ["ingest", *args])


@pytest.fixture
def reports(tmp_path):
    path = tmp_path / "reports.jsonl"
    rows = [{"id": "a", "text": REPORT}, {"id": "b", "text": REPORT + " He is 40."}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.mark.django_db
def test_ingest_reports_each_document_and_a_summary(reports):
    result = run(str(reports), "--publisher", "Example")
    assert result.exit_code == 0, result.output
    assert f"stored   {reports} line 1 (a): source" in result.output
    assert "documents: 2 new, 0 skipped (stored already), 0 failed" in result.output
    assert set(Source.objects.values_list("publisher", flat=True)) == {"Example"}
    again = run(str(reports))
    assert again.exit_code == 0
    assert f"skipped  {reports} line 2 (b): stored already as source" in again.output
    assert "documents: 0 new, 2 skipped" in again.output


@pytest.mark.django_db
def test_ingest_json_lines_for_machines(reports, tmp_path):
    missing = tmp_path / "missing.txt"
    result = run(str(reports), str(missing), "--json", "--workers", "2")
    assert result.exit_code == 1  # a document failed
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    *documents, summary = lines
    assert sorted(d["status"] for d in documents) == ["failed", "stored", "stored"]
    [failed] = [d for d in documents if d["status"] == "failed"]
    assert failed["document"] == str(missing) and "E101" in failed["error"]
    assert summary["summary"]["documents"] == {"new": 2, "skipped": 0, "failed": 1}
    assert set(summary["summary"]["persons"]) == {"new", "matched", "with_candidates"}


@pytest.mark.django_db
def test_ingest_as_a_user_needs_the_right_role(reports, make_user):
    make_user("viewer", "vera")
    make_user("researcher", "rita")
    refused = run(str(reports), "--user", "vera")
    assert refused.exit_code == 1 and "may not do this" in refused.output
    assert run(str(reports), "--user", "nobody").exit_code == 1
    assert run(str(reports), "--user", "rita", "--auto-accept").exit_code == 1
    assert Source.objects.count() == 0
    assert run(str(reports), "--user", "rita").exit_code == 0
    assert set(Source.objects.values_list("added_by_name", flat=True)) == {"rita"}


def test_ingest_options_are_checked():
    assert run().exit_code == 2
    bad = run("x.txt", "--published", "May 2020")
    assert bad.exit_code == 2 and "ISO date" in bad.output


# -- a crash mid-run: nothing reported as stored is lost, nothing is half-written ----------


def _env(data_dir):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKET_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env | {
        "DOCKET_DATA_DIR": str(data_dir),
        "DOCKET_SECRET_KEY": "test-only-key-for-a-subprocess",
        "DOCKET_LOG_LEVEL": "WARNING",
    }


def _docket(env, *args, **options):
    return subprocess.run(
        [sys.executable, "-m", "docket", *args], env=env, capture_output=True, text=True, **options
    )


def _database_state(path):
    db = sqlite3.connect(path)
    try:
        sources = dict(
            db.execute(
                "SELECT s.id, i.claims FROM evidence_source s "
                "LEFT JOIN ingest_ingestion i ON i.source_id = s.id"
            ).fetchall()
        )
        claims = dict(
            db.execute("SELECT source_id, count(*) FROM cases_claim GROUP BY source_id").fetchall()
        )
        extracted = db.execute(
            "SELECT (SELECT count(*) FROM ingest_extractedperson),"
            " (SELECT coalesce(sum(persons), 0) FROM ingest_ingestion)"
        ).fetchone()
    finally:
        db.close()
    return sources, claims, extracted


def test_ingest_killed_mid_run_loses_nothing_stored_and_resumes(tmp_path, shared_dir):
    corpus = shared_dir / "corpus" / "cecc-dev.jsonl"
    reports = tmp_path / "reports.jsonl"
    with corpus.open(encoding="utf-8") as fh:
        reports.write_text("".join(islice(fh, 200)), encoding="utf-8")
    (tmp_path / "data").mkdir(mode=0o700)
    env = _env(tmp_path / "data")
    assert _docket(env, "manage", "migrate", "-v0", check=True).returncode == 0

    command = [sys.executable, "-m", "docket", "ingest", str(reports), "--json", "--workers", "2"]
    process = subprocess.Popen(
        [*command, "--auto-accept"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group: the workers die with it
    )
    reported = {}
    for line in process.stdout:
        record = json.loads(line)
        if record.get("status") == "stored":
            reported[record["source"]] = record["claims"]
        if len(reported) == 5:
            break
    os.killpg(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    process.stdout.close()
    assert process.returncode == -signal.SIGKILL

    sources, claims, (extracted, persons) = _database_state(tmp_path / "data" / "docket.sqlite3")
    assert 5 <= len(sources) < 200  # killed mid-run
    for source_id, count in reported.items():  # everything reported as stored is there
        assert sources[source_id] == count == claims.get(source_id, 0)
    for source_id, count in sources.items():  # and nothing is half-written
        assert count is not None, f"source {source_id} has no ingestion record"
        assert claims.get(source_id, 0) == count
    assert extracted == persons

    rerun = _docket(env, *command[3:], "--auto-accept")
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout.splitlines()[-1])["summary"]
    assert summary["documents"] == {"new": 200 - len(sources), "skipped": len(sources), "failed": 0}
    final, claims, (extracted, persons) = _database_state(tmp_path / "data" / "docket.sqlite3")
    assert len(final) == 200 and all(final[s] == claims.get(s, 0) for s in final)
    assert extracted == persons


def test_ingest_prepares_a_new_data_directory_then_adds_nothing_the_second_time(
    tmp_path, shared_dir
):
    env = _env(tmp_path / "data")
    del env["DOCKET_SECRET_KEY"]  # a fresh clone has none: ingest makes one, as `docket demo`
    seed = str(shared_dir / "seeds" / "000_67904963b0481304.txt")

    first = _docket(env, "ingest", seed, "--auto-accept", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout.splitlines()[-1])["summary"]["documents"]["new"] == 1
    assert (tmp_path / "data" / "secret_key").stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "data").stat().st_mode & 0o777 == 0o700

    listed = _docket(env, "cases", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    persons = [p for case in json.loads(listed.stdout) for p in case["persons"]]
    ikram = next(p for p in persons if p.get("name") == "Ikram Nurmehmet")
    assert ikram["sentence"]["min_months"] == 78
    assert sorted(p.get("count", 1) for p in persons if not p.get("name")) == [4, 6]

    again = _docket(env, "ingest", seed, "--auto-accept", "--json")
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout.splitlines()[-1])["summary"]
    assert summary["documents"] == {"new": 0, "skipped": 1, "failed": 0}
    assert summary["claims"] == 0
    assert _docket(env, "cases", "list", "--json").stdout == listed.stdout
