import json
import subprocess
import sys

import click
import pytest
from click.testing import CliRunner

from docket.cli import cli
from docket.cli.extract import render_summary
from docket.extract.model import Extraction, Person, Sentence

REPORT = "Police detained the lawyer on 2 May 2021. A court later sentenced him to 14 years."


def _invoke(*args, stdin=None, env=None):
    return CliRunner().invoke(cli, ["extract", *args], input=stdin, env=env)


def _jsonl(*rows) -> str:
    return "".join((row if isinstance(row, str) else json.dumps(row)) + "\n" for row in rows)


@pytest.fixture
def reports(tmp_path):
    path = tmp_path / "reports.jsonl"
    path.write_text(
        _jsonl(
            {"id": "a", "text": REPORT, "published": "2021-06-01", "gold": {}},
            "{broken",
            {"id": "c", "text": REPORT},
        )
    )
    return path


# -- batch --------------------------------------------------------------------------------


def test_extract_batch_writes_one_line_per_report_and_a_summary(tmp_path, reports):
    out = tmp_path / "predictions.jsonl"
    result = _invoke("--input", str(reports), "--output", str(out), "--workers", "2")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["a", None, "c"]
    assert records[0] == {"id": "a", "persons": []}
    assert records[1]["error"].startswith("E201 line 2: not valid JSON")
    assert "E201 line 2: not valid JSON" in result.stderr
    assert "3 reports, 0 persons, 1 errors in" in result.stderr
    assert "reports/s" in result.stderr
    assert result.stdout == ""


def test_extract_batch_to_stdout_from_stdin(reports):
    result = _invoke("--input", "-", "--output", "-", stdin=reports.read_bytes())
    assert result.exit_code == 0
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["a", None, "c"]
    assert "3 reports" in result.stderr


def test_extract_batch_output_defaults_to_stdout(reports):
    result = _invoke("--input", str(reports))
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 3


def test_extract_batch_lists_the_first_errors_then_counts_the_rest(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_text(_jsonl(*[{"id": f"x{n}"} for n in range(14)]))
    result = _invoke("--input", str(path), "--output", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 0
    assert result.stderr.count('no "text"') == 10
    assert "... and 4 more errors: see the error records in the output" in result.stderr
    assert "14 reports, 0 persons, 14 errors" in result.stderr


def test_extract_batch_oversize_line_uses_the_tunable(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(_jsonl({"id": "big", "text": "x" * 1_100_000}, {"id": "ok", "text": "y"}))
    result = _invoke("--input", str(path), env={"DOCKET_MAX_UPLOAD_MB": "1"})
    assert result.exit_code == 0
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[0]["id"] == "big" and records[0]["error"].startswith("E205 line 1:")
    assert records[1] == {"id": "ok", "persons": []}


def test_extract_batch_time_limit_option(tmp_path):
    path = tmp_path / "slow.jsonl"
    path.write_text(_jsonl({"id": "slow", "text": "The court met. " * 1_200_000}))
    result = _invoke("--input", str(path), "--time-limit", "0.01")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["error"].startswith("E207 line 1: took longer than 0.01 s")


def test_extract_batch_missing_input_fails(tmp_path):
    result = _invoke("--input", str(tmp_path / "nowhere.jsonl"))
    assert result.exit_code == 1
    assert "E210" in result.stderr and "nowhere.jsonl" in result.stderr
    assert "No such file or directory" in result.stderr


def test_extract_batch_directory_input_fails(tmp_path):
    result = _invoke("--input", str(tmp_path))
    assert result.exit_code == 1
    assert "E210" in result.stderr and "Is a directory" in result.stderr


def test_extract_batch_compressed_input_fails(tmp_path):
    path = tmp_path / "reports.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03binary")
    result = _invoke("--input", str(path))
    assert result.exit_code == 1
    assert "E211" in result.stderr and "reports.jsonl.gz" in result.stderr


def test_extract_batch_unwritable_output_fails(tmp_path, reports):
    result = _invoke("--input", str(reports), "--output", str(tmp_path / "no" / "out.jsonl"))
    assert result.exit_code == 1
    assert "cannot write" in result.stderr


def test_extract_batch_in_a_real_process(tmp_path, reports):
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "docket", "extract", "--input", str(reports)]
    done = subprocess.run(
        [*command, "--output", str(out), "--workers", "2"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert len(out.read_text().splitlines()) == 3
    assert "3 reports, 0 persons, 1 errors" in done.stderr


# -- one document -------------------------------------------------------------------------


def test_extract_file_prints_a_summary(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT)
    result = _invoke(str(path), "--published", "2021-06-01")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{path}  txt, 16 words, sha256 ")
    assert "No persons found." in result.stdout


def test_extract_file_json_is_one_contract_object(tmp_path, make_pdf):
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf(["Police detained the lawyer."], title="Detention"))
    result = _invoke(str(path), "--format", "json")
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["id"] == str(path)
    assert record["persons"] == []
    assert record["source"]["kind"] == "pdf"
    assert record["source"]["title"] == "Detention"
    assert record["source"]["pages"] == 1
    assert len(record["source"]["sha256"]) == 64


def test_extract_file_docx(tmp_path, make_docx):
    path = tmp_path / "note.docx"
    path.write_bytes(make_docx(["The lawyer was detained.", "He was sentenced."]))
    result = _invoke(str(path), "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["source"]["words"] == 7


def test_extract_file_from_stdin():
    html = "<html><body><nav>Menu</nav><p>The lawyer was detained.</p></body></html>"
    result = _invoke("-", "--format", "json", stdin=html.encode())
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert (record["id"], record["source"]["kind"]) == ("stdin", "html")
    assert record["source"]["words"] == 4


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("empty.txt", b"", "E102"),
        ("binary.txt", bytes(range(256)) * 20, "E105"),
        ("scan.docx", b"PK\x03\x04" + b"\x00" * 30, "E104"),
    ],
)
def test_extract_file_bad_input_fails_with_a_coded_message(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    result = _invoke(str(path))
    assert result.exit_code == 1
    assert f"Error: {code} {path}:" in result.stderr
    assert result.stdout == ""


def test_extract_file_oversize_uses_the_tunable(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 220_000)
    result = _invoke(str(path), env={"DOCKET_MAX_UPLOAD_MB": "1"})
    assert result.exit_code == 1
    assert "E103" in result.stderr and "larger than 1 MB" in result.stderr


def test_extract_file_missing_fails(tmp_path):
    result = _invoke(str(tmp_path / "gone.html"))
    assert result.exit_code == 1
    assert "E101" in result.stderr and "gone.html: no such file" in result.stderr


def test_extract_file_time_limit_fails(tmp_path):
    path = tmp_path / "slow.txt"
    path.write_text("The court met. " * 1_200_000)
    result = _invoke(str(path), "--time-limit", "0.01")
    assert result.exit_code == 1
    # Reading (E110) or extracting (E207) 18 MB of text: either takes more than 10 ms.
    assert "slow.txt" in result.stderr and "took longer than 0.01 s" in result.stderr


# -- usage --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "give one FILE to extract, or --input PATH for a batch"),
        (("a.txt", "--input", "b.jsonl"), "give one FILE to extract, or --input PATH"),
        (("--input", "b.jsonl", "--published", "2024"), "--published and --format apply to FILE"),
        (("a.txt", "--published", "23 August"), "give an ISO date"),
        (("--input", "b.jsonl", "--workers", "0"), "--workers"),
    ],
)
def test_extract_usage_errors(args, message):
    result = _invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_extract_help_shows_an_example():
    result = _invoke("--help")
    assert result.exit_code == 0
    assert "docket extract report.pdf" in result.stdout
    assert "--workers" in result.stdout and "--time-limit" in result.stdout


def test_extract_command_module_imports_no_heavy_libraries():
    code = (
        "import sys, docket.cli.extract; "
        "print(sorted(m for m in ('spacy', 'pypdf', 'docx', 'lxml', 'rich', 'docket.extract')"
        " if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# -- the summary for people -----------------------------------------------------------------


def test_render_summary_quotes_the_evidence():
    text = (
        "Police detained Dilnur Yusup, a 29-year-old Uyghur teacher, on 2 May 2021. "
        "She was sentenced to 14 years. Four other women were also held."
    )

    def span(words):
        start = text.index(words)
        return (start, start + len(words))

    person = Person(
        name="Dilnur Yusup",
        sex="female",
        age=29,
        ethnicity="Uyghur",
        occupations=["teacher"],
        detention_date="2021-05-02",
        sentence=Sentence(min_months=168, max_months=168),
        evidence={
            "sex": [span("She")],
            "age": [span("29-year-old")],
            "sentence": [span("sentenced to 14 years")],
        },
    )
    group = Person(count=4, sex="female", evidence={"count": [span("Four other women")]})
    record = Extraction(text=text, persons=[person, group]).to_dict(doc_id="r1")
    record["source"] = {"name": "r1.txt", "kind": "txt", "words": 25}
    out = click.unstyle(render_summary(record, text))
    assert out.startswith("r1.txt  txt, 25 words\n2 persons found\n")
    assert "1. Dilnur Yusup  (victim)" in out
    assert "   age               29\n                     “29-year-old”" in out
    assert "   sentence          14 years\n                     “sentenced to 14 years”" in out
    assert "   occupations       teacher\n" in out
    assert "2. 4 unnamed persons  (victim)" in out
    assert "   count             4\n                     “Four other women”" in out


@pytest.mark.parametrize(
    ("sentence", "shown"),
    [
        ({"min_months": 78, "max_months": 78}, "6 years 6 months"),
        ({"min_months": 144, "max_months": 180}, "12 years to 15 years"),
        ({"min_months": 8, "max_months": 8}, "8 months"),
        ({"life": True}, "life"),
        ({"death": True, "suspended": True}, "death, suspended"),
    ],
)
def test_render_summary_sentences(sentence, shown):
    record = {"id": "x", "persons": [{"name": "A B", "role": "victim", "sentence": sentence}]}
    assert f"   sentence          {shown}\n" in click.unstyle(render_summary(record, ""))
