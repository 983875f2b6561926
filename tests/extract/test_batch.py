import errno
import io
import json

import pytest

from docket.extract.batch import (
    DEFAULT_MAX_LINE_BYTES,
    BatchError,
    _published,
    extract_record,
    process_line,
    read_lines,
    run_batch,
)


def _jsonl(*rows) -> bytes:
    lines = [row if isinstance(row, bytes) else json.dumps(row).encode() for row in rows]
    return b"\n".join(lines) + b"\n"


def _run(data: bytes, **kwargs):
    sink = io.BytesIO()
    stats = run_batch(io.BytesIO(data), sink, **kwargs)
    lines = sink.getvalue().decode().splitlines()
    return [json.loads(line) for line in lines], stats


def _report(n: int, words: int = 20) -> dict:
    return {"id": f"r{n}", "text": "The court sentenced him. " * words, "gold": {"x": 1}}


def test_run_batch_one_record_per_line_in_input_order_with_two_workers():
    # Every fourth report is large, so later small ones finish first in the other worker.
    rows = [_report(n, words=40_000 if n % 4 == 0 else 5) for n in range(24)]
    records, stats = _run(_jsonl(*rows), workers=2)
    assert [r["id"] for r in records] == [f"r{n}" for n in range(24)]
    assert all(r["persons"] == [] and "error" not in r for r in records)
    assert (stats.reports, stats.errors, stats.persons) == (24, 0, 0)
    assert stats.bytes_read == len(_jsonl(*rows))


def test_run_batch_error_records_name_the_line_and_the_batch_goes_on():
    data = _jsonl(
        {"id": "ok1", "text": "First report."},
        b"{not json",
        b"[1, 2]",
        {"text": "no id"},
        {"id": True, "text": "boolean id"},
        {"id": "no-text"},
        {"id": "number-text", "text": 42},
        b'{"id": "latin1", "text": "caf\xe9"}',
        {"id": 7, "text": "A numeric id is kept."},
        {"id": "ok2", "text": "Last report.", "published": "2024-09-01"},
    )
    records, stats = _run(data, workers=2)
    assert [r["id"] for r in records] == [
        "ok1",
        None,
        None,
        None,
        None,
        "no-text",
        "number-text",
        "latin1",
        7,
        "ok2",
    ]
    errors = [r.get("error", "")[:4] for r in records]
    assert errors == ["", "E201", "E202", "E203", "E203", "E204", "E204", "E206", "", ""]
    assert records[1]["error"].startswith("E201 line 2: not valid JSON")
    assert records[1]["line"] == 2
    assert records[2]["error"].startswith("E202 line 3: a JSON array, not an object")
    assert records[5]["error"] == ('E204 line 6: no "text". Give each report a "text" (a string).')
    assert records[6]["error"].startswith('E204 line 7: "text" is a number')
    assert records[7]["error"].startswith("E206 line 8: not UTF-8")
    assert records[9] == {"id": "ok2", "persons": []}
    assert (stats.reports, stats.errors) == (10, 7)


def test_run_batch_skips_blank_lines_but_counts_them():
    data = b'\xef\xbb\xbf{"id": "a", "text": "x"}\n\n   \n{"id": "b"}\n'
    records, _ = _run(data)
    assert [r["id"] for r in records] == ["a", "b"]
    assert records[1]["error"].startswith("E204 line 4:")


def test_run_batch_oversize_line_is_an_error_record():
    big = {"id": "big", "text": "x" * 500}
    data = _jsonl({"id": "small", "text": "short"}, big, {"id": "after", "text": "short"})
    records, stats = _run(data, max_line_bytes=100)
    assert [r["id"] for r in records] == ["small", "big", "after"]
    size = len(json.dumps(big)) + 1
    assert records[1]["error"].startswith(f"E205 line 2: the line is {size} bytes, over the size")
    assert "persons" in records[2]
    assert stats.bytes_read == len(data)


def test_run_batch_default_line_limit_is_20_mb():
    big = b'{"id": "huge", "text": "' + b"x" * DEFAULT_MAX_LINE_BYTES + b'"}'
    records, _ = _run(big + b"\n" + _jsonl({"id": "next", "text": "fine"}))
    assert records[0]["id"] == "huge"
    assert records[0]["error"].startswith("E205 line 1:")
    assert records[1] == {"id": "next", "persons": []}


def test_run_batch_report_over_time_limit_is_an_error_record_and_the_batch_goes_on():
    # 20 MB of text cannot be handed over, parsed and extracted in 10 ms; a short report can.
    data = _jsonl(
        {"id": "before", "text": "A short report."},
        {"id": "slow", "text": "The court sentenced him. " * 800_000},
        {"id": "after", "text": "Another short report."},
    )
    records, stats = _run(data, workers=1, time_limit=0.01, max_line_bytes=40_000_000)
    assert [r["id"] for r in records] == ["before", "slow", "after"]
    assert records[1]["error"].startswith("E207 line 2: took longer than 0.01 s")
    assert records[0]["persons"] == [] and records[2]["persons"] == []
    assert stats.errors == 1


def test_run_batch_keeps_lone_surrogates_valid_json():
    records, _ = _run(b'{"id": "sur\\ud800", "text": "x"}\n')
    assert records == [{"id": "sur\ud800", "persons": []}]


def test_run_batch_compressed_input_cannot_be_read():
    with pytest.raises(BatchError) as info:
        _run(b"\x1f\x8b\x08\x00\x00\x00\x00\x00binary")
    assert info.value.code == "E211"
    assert "compressed" in str(info.value)


def test_run_batch_binary_input_cannot_be_read():
    with pytest.raises(BatchError) as info:
        _run(b'{"id": "a"}\x00\x00\x00\n')
    assert info.value.code == "E211"


class _FailingDisk(io.RawIOBase):
    """A stream whose device fails, as a dying disk or a dropped network mount does."""

    def readable(self):
        return True

    def readinto(self, buffer):
        raise OSError(errno.EIO, "Input/output error")


def test_run_batch_read_failure_is_a_batch_error():
    with pytest.raises(BatchError) as info:
        run_batch(io.BufferedReader(_FailingDisk()), io.BytesIO())
    assert info.value.code == "E210"
    assert "cannot read the input (Input/output error)" in str(info.value)


def test_run_batch_empty_input_gives_empty_output():
    records, stats = _run(b"")
    assert records == [] and stats.reports == 0


def test_run_batch_reports_each_result_as_it_goes():
    seen = []
    _run(
        _jsonl(*(_report(n) for n in range(5))),
        workers=2,
        on_result=lambda result, stats: seen.append((result.line, stats.reports)),
    )
    assert seen == [(1, 1), (2, 2), (3, 3), (4, 4), (5, 5)]


def test_run_batch_needs_a_worker():
    with pytest.raises(ValueError, match="at least 1"):
        _run(_jsonl(_report(1)), workers=0)


def test_read_lines_streams_with_line_numbers_and_sizes():
    lines = list(read_lines(io.BytesIO(b"a\n\nbbbbbbbbbb\nc"), max_bytes=5))
    assert [(line.number, line.data, line.size) for line in lines] == [
        (1, b"a\n", 2),
        (3, None, 11),
        (4, b"c", 1),
    ]


def test_read_lines_line_of_exactly_the_limit_is_kept():
    lines = list(read_lines(io.BytesIO(b"12345\n123456\n"), max_bytes=5))
    assert [line.data for line in lines] == [b"12345\n", None]


def test_process_line_checks_and_extracts_one_line():
    record, persons, error = process_line(1, b'{"id": "a", "text": "x", "published": "2024"}')
    assert (json.loads(record), persons, error) == ({"id": "a", "persons": []}, 0, None)
    record, persons, error = process_line(9, b'{"id": "a"}')
    assert json.loads(record)["error"] == error and error.startswith("E204 line 9:")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-09-01", "2024-09-01"),
        ("2024-09", "2024-09"),
        ("2024", "2024"),
        (" 2024-09-01T10:30:00Z", "2024-09-01"),
        ("September 2024", None),
        (20240901, None),
        (None, None),
    ],
)
def test_published_keeps_iso_dates_only(value, expected):
    assert _published(value) == expected


def test_extract_record_one_text():
    assert extract_record("A short report.", doc_id="report.txt") == {
        "id": "report.txt",
        "persons": [],
    }


def test_extract_record_over_time_limit_is_an_error_record():
    record = extract_record("The court met. " * 1_500_000, doc_id="big.txt", time_limit=0.01)
    assert record["id"] == "big.txt"
    assert record["error"].startswith("E207 line 1: took longer than 0.01 s")
