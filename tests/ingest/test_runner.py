"""Ingesting files, folders and JSON Lines: reading, extraction workers, skips and failures."""

import json

import pytest

from docket.cases.models import Claim
from docket.evidence.models import Source
from docket.ingest.models import Ingestion
from docket.ingest.runner import count_documents, ingest_run, read_inputs

pytestmark = pytest.mark.django_db

REPORT = "Police detained Alim Tursun, a Uyghur teacher, in Kashgar in May 2017."


def run(paths, **options):
    seen = []
    options.setdefault("actor", "system:test")
    summary = ingest_run(
        paths=[str(p) for p in paths], on_result=lambda r, s: seen.append(r), **options
    )
    return summary, seen


@pytest.fixture
def folder(tmp_path, make_pdf, make_docx):
    root = tmp_path / "reports"
    (root / "deep" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a.txt").write_text(REPORT, encoding="utf-8")
    (root / "deep" / "b.html").write_text(
        "<html><head><title>Report B</title></head><body><p>" + REPORT.replace("Alim", "Ablet")
        + " He was later sentenced to ten years in prison by the court.</p></body></html>",
        encoding="utf-8",
    )  # fmt: skip
    (root / "deep" / "deeper" / "c.pdf").write_bytes(make_pdf([REPORT.replace("Alim", "Memet")]))
    (root / "deep" / "d.docx").write_bytes(make_docx([REPORT.replace("Alim", "Ilham")]))
    (root / ".hidden" / "e.txt").write_text("hidden", encoding="utf-8")
    (root / "notes.png").write_bytes(b"\x89PNG not a report")
    (root / "empty.txt").write_bytes(b"")
    return root


def test_folder_is_read_recursively_and_bad_files_fail_alone(folder):
    summary, seen = run([folder], workers=2)
    by_name = {r.name.removeprefix(str(folder) + "/"): r for r in seen}
    assert set(by_name) == {"a.txt", "deep/b.html", "deep/deeper/c.pdf", "deep/d.docx", "empty.txt"}
    assert by_name["empty.txt"].status == "failed" and "E102" in by_name["empty.txt"].error
    assert (summary.documents_new, summary.documents_failed, summary.documents_skipped) == (4, 1, 0)
    html = Source.objects.get(filename="b.html")
    assert html.title == "Report B" and html.media_type == "text/html"
    assert html.original.startswith(b"<html>") and "Ablet" in html.text
    assert Source.objects.get(filename="c.pdf").original.startswith(b"%PDF")
    assert Ingestion.objects.count() == 4
    assert summary.claims == Claim.objects.count()


def test_a_second_run_skips_what_is_stored(folder):
    run([folder])
    summary, seen = run([folder, folder / "a.txt"])
    assert (summary.documents_new, summary.documents_skipped) == (0, 5)
    assert {r.source_id for r in seen if r.status == "skipped"} == set(
        Source.objects.values_list("pk", flat=True)
    )


def test_jsonl_records_with_bad_lines(tmp_path):
    lines = [
        json.dumps({"id": "r1", "text": REPORT, "published": "2018-01-02", "url": "https://example.org/r1",
                    "title": "R1", "publisher": "Example"}),
        "{not json",
        json.dumps(["a list"]),
        json.dumps({"id": "r3"}),
        json.dumps({"id": "r4", "text": REPORT + " Again.", "published": "last spring"}),
        "",
        json.dumps({"id": 5, "text": REPORT.replace("Alim", "Zahir")}),
        json.dumps({"id": "r1-copy", "text": REPORT}),
    ]  # fmt: skip
    path = tmp_path / "reports.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert count_documents([str(path)]) == 7
    summary, seen = run([path], published="2020-05-05", publisher="Fallback")
    status = {r.name.removeprefix(str(path) + " "): r.status for r in seen}
    assert status == {
        "line 1 (r1)": "stored",
        "line 2": "failed",
        "line 3": "failed",
        "line 4 (r3)": "failed",
        "line 5 (r4)": "failed",
        "line 7 (5)": "stored",
        "line 8 (r1-copy)": "skipped",
    }
    errors = {r.name.removeprefix(str(path) + " "): r.error for r in seen if r.error}
    assert "not a valid UTF-8 JSON line" in errors["line 2"]
    assert 'no "text"' in errors["line 4 (r3)"]
    assert "ISO date" in errors["line 5 (r4)"]
    first = Source.objects.get(filename="reports.jsonl#r1")
    assert (first.url, first.title, first.publisher, first.published) == (
        "https://example.org/r1",
        "R1",
        "Example",
        "2018-01-02",
    )
    assert first.original is None and first.text == REPORT
    fifth = Source.objects.get(filename="reports.jsonl#5")
    assert (fifth.publisher, fifth.published) == ("Fallback", "2020-05-05")
    assert summary.documents_failed == 4


def test_missing_paths_and_unsupported_files_fail_clearly(tmp_path):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n")
    summary, seen = run([tmp_path / "nowhere", image])
    assert [r.status for r in seen] == ["failed", "failed"]
    assert "E101" in seen[0].error and "no such file" in seen[0].error
    assert "E104" in seen[1].error
    assert summary.documents_failed == 2 and Source.objects.count() == 0


def test_read_inputs_gives_files_their_metadata(folder):
    items = [i for i in read_inputs([str(folder / "a.txt")], published="2019", publisher="HRW")]
    [item] = items
    assert (item.filename, item.title, item.published, item.publisher, item.media_type) == (
        "a.txt",
        "a",
        "2019",
        "HRW",
        "text/plain",
    )
    assert item.original == REPORT.encode()


def test_an_extraction_over_its_time_limit_fails_that_document(tmp_path):
    path = tmp_path / "big.jsonl"
    big = json.dumps({"id": "big", "text": "Alim Tursun was detained. " * 200_000})
    path.write_text(big + "\n" + json.dumps({"id": "small", "text": REPORT}) + "\n")
    _, seen = run([path], time_limit=0.001)
    assert len(seen) == 2  # the run went on
    assert seen[0].status == "failed" and seen[0].error.startswith(f"E207 {path} line 1 (big): ")
    assert not Source.objects.filter(filename="big.jsonl#big").exists()
