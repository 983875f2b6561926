import json

import pytest
from click.testing import CliRunner

from docket.cli import cli
from docket.extract.model import Person as ContractPerson

pytestmark = pytest.mark.django_db


def run(*args):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_cases_list_json_shape(demo):
    result = run("cases", "list", "--json")
    assert result.exit_code == 0, result.output
    cases = json.loads(result.output)
    assert [c["title"] for c in cases] == [
        "Tahir Imin's six business partners",
        "Ikram Nurmehmet and four co-defendants",
    ]
    shape = set(ContractPerson().to_dict()) - {"evidence"}
    for case in cases:
        assert set(case) == {"id", "title", "persons"}
        assert all(set(p) == shape for p in case["persons"])
    trial = cases[1]
    ikram, four = trial["persons"]
    assert ikram["name"] == "Ikram Nurmehmet"
    assert ikram["sentence"] == {"min_months": 78, "max_months": 78}
    assert ikram["court"] == "Urumqi Intermediate People's Court"
    assert (four["name"], four["count"], four["ethnicity"]) == (None, 4, "Uyghur")
    partners = cases[0]["persons"][0]
    assert (partners["count"], partners["sentence"]) == (6, {"min_months": 144, "max_months": 180})


def test_cases_list_sees_what_a_viewer_sees_unless_told(demo, make_user):
    as_viewer = json.loads(run("cases", "list", "--json").output)
    assert "Maya Wang" not in json.dumps(as_viewer)
    make_user("editor", "ed")
    as_editor = json.loads(run("cases", "list", "--json", "--user", "ed").output)
    assert "Maya Wang" in json.dumps(as_editor)


def test_cases_list_table(demo):
    result = run("cases", "list")
    assert result.exit_code == 0
    assert "Ikram Nurmehmet (victim)" in result.output
    assert "4 unnamed people" in result.output


def test_cases_list_unknown_user_fails_clearly(demo):
    result = CliRunner().invoke(cli, ["cases", "list", "--user", "nobody"])
    assert result.exit_code != 0
    assert "user 'nobody' not found" in result.output
