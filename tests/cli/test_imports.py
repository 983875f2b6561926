import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docket.cases.models import Person
from docket.cli import cli

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).parent.parent / "ingest" / "fixtures" / "cecc_sample.csv"


def run(*args):
    return CliRunner().invoke(cli, list(args))


def test_import_cecc_json_summary_and_exit_code(make_user):
    result = run("import", "cecc", str(FIXTURE), "--json")
    assert result.exit_code == 1  # three rows failed; the others are in
    summary = json.loads(result.stdout)
    assert (summary["new"], summary["failed"]) == (7, 3)
    assert summary["errors"][0] == {
        "line": 5,
        "record": "",
        "message": "no usable CECC_record_number",
    }
    assert Person.objects.count() == 7
    make_user("editor", "ed")
    again = run("import", "cecc", str(FIXTURE), "--user", "ed", "--limit", "3")
    assert again.exit_code == 0, again.output
    assert "3 rows in" in again.stdout and "0 new, 0 updated, 3 unchanged, 0 failed" in again.stdout


def test_import_cecc_lists_errors_for_people():
    result = run("import", "cecc", str(FIXTURE), "--show", "1")
    assert "7 new, 0 updated, 0 unchanged, 3 failed" in result.stdout
    assert "line 5, record ?: no usable CECC_record_number" in result.stdout
    assert "... 2 more (--json lists all)" in result.stdout


def test_import_cecc_refuses_bad_input(tmp_path):
    other = tmp_path / "other.csv"
    other.write_text("a,b\n1,2\n")
    result = run("import", "cecc", str(other))
    assert result.exit_code == 1 and "is not a CECC export" in result.output
    result = run("import", "cecc", str(FIXTURE), "--published", "2020-13")
    assert result.exit_code == 1 and "month must be 01 to 12" in result.output
    assert run("import", "cecc", str(FIXTURE), "--user", "nobody").exit_code == 1
    assert Person.objects.count() == 0
