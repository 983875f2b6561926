import json

from click.testing import CliRunner

from docket.cli import cli
from docket.names import score


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(cli, ["names", *args], input=stdin, catch_exceptions=False)


def test_names_compare_scores_pairs_in_order(tmp_path):
    source = tmp_path / "pairs.jsonl"
    source.write_text(
        "\n".join(
            json.dumps(row, ensure_ascii=False)
            for row in [
                {"id": "a", "a": "Tsultrim Nyandrag", "b": "Chuchen Nianzha"},
                {"id": "b", "a": "Tenzin Choephel", "b": "Tenzin Geleg"},
                {"id": 3, "a": "Elijan Mamut", "b": "艾力江·马木提"},
            ]
        ),
        encoding="utf-8",
    )
    target = tmp_path / "scored.jsonl"
    result = run("compare", "--input", str(source), "--output", str(target))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == ["a", "b", 3]
    assert [r["match"] for r in rows] == [True, False, True]
    assert all(0.0 <= r["score"] <= 1.0 for r in rows)


def test_names_compare_bad_lines_give_error_records_and_go_on(tmp_path):
    source = tmp_path / "pairs.jsonl"
    lines = [
        '{"id": 1, "a": "Trinle", "b": "Trinley"}',
        "not json",
        '{"id": 2, "a": "Trinle"}',
        '{"id": 3, "a": 5, "b": "x"}',
        "[1, 2]",
        json.dumps({"id": 4, "a": "x" * 400, "b": "Trinle"}),
        '{"id": 5, "a": "Oezer", "b": "Woeser"}',
    ]
    source.write_text("\n".join(lines), encoding="utf-8")
    result = run("compare", "--input", str(source))
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert result.exit_code == 0
    assert [r.get("id") for r in rows] == [1, None, 2, 3, None, 4, 5]
    assert [("error" in r) for r in rows] == [False, True, True, True, True, True, False]
    assert rows[1]["line"] == 2 and "not JSON" in rows[1]["error"]
    assert "missing field 'b'" in rows[2]["error"]
    assert "5 line(s) could not be compared" in result.stderr


def test_names_compare_reads_stdin():
    result = run("compare", "--input", "-", stdin='{"id": 1, "a": "Tashi", "b": "Zhaxi"}\n')
    row = json.loads(result.stdout.splitlines()[0])
    assert row == {"id": 1, "score": score("Tashi", "Zhaxi"), "match": True}


def test_names_key_shows_parts_and_keys():
    result = run("key", "Parviz Kamran oglu Hashimli")
    assert result.exit_code == 0
    assert "patronymic" in result.output and "Kamran" in result.output
    assert "family" in result.output and "blocking" in result.output


def test_names_key_json():
    result = run("key", "Teng Hsiao-ping", "--json")
    data = json.loads(result.output)
    assert data["parsed"]["han"] is True
    assert "deng" in data["parsed"]["tokens"][0]["readings"]
    assert isinstance(data["keys"]["blocking"], list)


def test_names_key_rejects_too_long_name():
    result = CliRunner().invoke(cli, ["names", "key", "x" * 400])
    assert result.exit_code != 0
    assert "longer than" in result.output


def test_names_explain_says_why():
    result = run("explain", "Elijan Mamut", "艾力江·马木提")
    assert result.output.splitlines()[0].endswith("match")
    assert "Chinese transcription" in result.output
    data = json.loads(run("explain", "Trinle", "Trinley", "--json").output)
    assert data["is_match"] is True and data["explanation"]["pairs"][0]["a"] == "Trinle"


def test_names_dedupe_writes_clusters(tmp_path):
    source = tmp_path / "names.jsonl"
    records = [
        {"id": "1", "name": "Tashi Dorje"},
        {"id": "2", "name": "Zhaxi Duojie"},
        {"id": "3", "name": "Tenzin Geleg"},
        {"id": "4", "name": "扎西·多吉"},
    ]
    source.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\nbroken\n",
        encoding="utf-8",
    )
    target = tmp_path / "clusters.jsonl"
    result = run("dedupe", "--input", str(source), "--output", str(target), "--workers", "1")
    assert result.exit_code == 0, result.output
    clusters = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert len(clusters) == 1
    assert sorted(clusters[0]["ids"]) == ["1", "2", "4"]
    assert clusters[0]["score"] >= 0.8 and clusters[0]["links"]
    assert "skipped line 5" in result.stderr
    assert "4 records" in result.stderr


def test_names_dedupe_singletons(tmp_path):
    source = tmp_path / "names.jsonl"
    source.write_text('{"id": "1", "name": "Tashi"}\n', encoding="utf-8")
    result = run("dedupe", "--input", str(source), "--singletons", "--workers", "1")
    assert json.loads(result.stdout.splitlines()[0])["ids"] == ["1"]
