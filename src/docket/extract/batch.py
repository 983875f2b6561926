"""Extract a JSON Lines file of reports with worker processes, in input order.

>>> with open("reports.jsonl", "rb") as src, open("out.jsonl", "wb") as dst:
...     stats = run_batch(src, dst, workers=2)

Each input line `{"id": ..., "text": ..., "published": ...}` gives one output line,
`{"id": ..., "persons": [...]}` (../shared/schema/EXTRACTION.md), in the same
order. A line that cannot be extracted gives an error record
`{"id": ..., "error": "E201 line 7: ...", "line": 7}` and the batch goes on: bad
JSON, a missing or wrong key, a line over the size limit, a report that takes
longer than the time limit (its worker is killed and replaced), or one that
crashes extraction. Memory stays bounded: lines are streamed, and only a small
window of finished results waits for a slow earlier one. A line is read as soon
as a worker is free, so from a slow pipe a result may wait for the next line.
`BatchError` means the input itself cannot be read, or no worker could start.
"""

from __future__ import annotations

import contextlib
import json
import logging
import math
import multiprocessing
import re
import signal
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from typing import Any, BinaryIO

from docket.extract import extract

logger = logging.getLogger(__name__)

MB = 1024 * 1024
DEFAULT_MAX_LINE_BYTES = 20 * MB
DEFAULT_TIME_LIMIT = 60.0  # seconds to extract one report
_START_SECONDS = 120.0  # for a worker to load the pipeline and say it is ready
# Finished results allowed to wait for an earlier, slower one, per worker.
_WINDOW_PER_WORKER = 64
_WARM_UP_TEXT = "On 1 May 2020 the police detained a teacher, who was sentenced to three years."
_HEAD_BYTES = 1024
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")

# What to do next, per error code.
HINTS = {
    "E201": "Fix the line or remove it.",
    "E202": 'Each line must be a JSON object: {"id": "...", "text": "..."}.',
    "E203": 'Give each report an "id" (a string).',
    "E204": 'Give each report a "text" (a string).',
    "E205": "Split the report, or raise the limit (DOCKET_MAX_UPLOAD_MB).",
    "E206": "Save the file as UTF-8.",
    "E207": "Split the report, or raise the limit (--time-limit, DOCKET_EXTRACT_TIME_LIMIT).",
    "E208": "This is a bug in extraction: please report it with the report's id.",
    "E209": "The worker process stopped (out of memory?): try fewer workers.",
    "E210": "Check the path and that you may read the file.",
    "E211": "Give a JSON Lines file: one JSON object a line, UTF-8 (decompress it first).",
    "E212": "Check that the installation is complete (`make install`).",
}


class BatchError(Exception):
    """The batch cannot run at all: the input cannot be read, or no worker starts."""

    def __init__(self, code: str, detail: str) -> None:
        self.code = code
        super().__init__(f"{code} {detail}. {HINTS[code]}")


@dataclass(frozen=True)
class Line:
    """One input line; `data` is None when the line was over the size limit."""

    number: int
    data: bytes | None
    size: int
    head: bytes = b""  # the start of an oversize line, to name its id


@dataclass(frozen=True)
class LineResult:
    """The output record for one input line, as a UTF-8 JSON line without newline."""

    line: int
    record: bytes
    persons: int
    error: str | None
    size: int


@dataclass
class BatchStats:
    """Running totals of a batch."""

    reports: int = 0
    persons: int = 0
    errors: int = 0
    bytes_read: int = 0
    seconds: float = 0.0

    def add(self, result: LineResult) -> None:
        self.reports += 1
        self.persons += result.persons
        self.errors += result.error is not None
        self.bytes_read += result.size

    @property
    def per_second(self) -> float:
        return self.reports / self.seconds if self.seconds > 0 else 0.0


def run_batch(
    source: BinaryIO,
    sink: BinaryIO,
    *,
    workers: int = 1,
    time_limit: float = DEFAULT_TIME_LIMIT,
    max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    on_result: Callable[[LineResult, BatchStats], None] | None = None,
) -> BatchStats:
    """Extract every line of `source` into `sink`, one output line per input line."""
    started = time.monotonic()
    stats = BatchStats()
    lines = read_lines(source, max_bytes=max_line_bytes)
    for result in extract_lines(lines, workers=workers, time_limit=time_limit):
        sink.write(result.record + b"\n")
        stats.add(result)
        stats.seconds = time.monotonic() - started
        if on_result is not None:
            on_result(result, stats)
    sink.flush()
    stats.seconds = time.monotonic() - started
    return stats


def extract_record(
    text: str, *, doc_id: str, published: str | None = None, time_limit: float = DEFAULT_TIME_LIMIT
) -> dict[str, Any]:
    """Extract one text in a worker process under the time limit; an error record if it fails."""
    data = json.dumps({"id": doc_id, "text": text, "published": published}).encode()
    results = extract_lines([Line(1, data, len(data))], workers=1, time_limit=time_limit)
    record: dict[str, Any] = json.loads(next(iter(results)).record)
    return record


def read_lines(source: BinaryIO, *, max_bytes: int = DEFAULT_MAX_LINE_BYTES) -> Iterator[Line]:
    """Stream the non-blank lines of `source`; a line over `max_bytes` comes without data."""
    number = 0
    while True:
        chunk = _readline(source, max_bytes + 1)
        if not chunk:
            return
        number += 1
        if number == 1:
            _check_first_line(chunk)
            chunk = chunk.removeprefix(b"\xef\xbb\xbf")
        if len(chunk) > max_bytes and not chunk.endswith(b"\n"):
            head, size = chunk[:_HEAD_BYTES], len(chunk)
            while not chunk.endswith(b"\n"):  # skip the rest of the line, bounded reads
                chunk = _readline(source, 1 << 16)
                if not chunk:
                    break
                size += len(chunk)
            yield Line(number, None, size, head)
        elif chunk.strip():
            yield Line(number, chunk, len(chunk))


def _readline(source: BinaryIO, limit: int) -> bytes:
    try:
        return source.readline(limit)
    except OSError as exc:
        raise BatchError("E210", f"cannot read the input ({exc.strerror or exc})") from None


def _check_first_line(chunk: bytes) -> None:
    if chunk.startswith((b"\x1f\x8b", b"PK\x03\x04", b"BZh", b"\xfd7zXZ")):
        raise BatchError("E211", "the input is a compressed archive, not JSON Lines")
    if b"\x00" in chunk[:4096]:
        raise BatchError("E211", "the input is binary data, not JSON Lines")


def extract_lines(
    lines: Iterable[Line], *, workers: int = 1, time_limit: float = DEFAULT_TIME_LIMIT
) -> Iterator[LineResult]:
    """Extract lines in `workers` processes; yield one result per line, in input order."""
    if workers < 1:
        raise ValueError("workers must be at least 1")
    context = _context()
    if context.get_start_method() == "fork":
        _warm_up()  # forked workers inherit the loaded pipeline
    pool = _Pool(context, workers=workers, time_limit=time_limit)
    try:
        yield from pool.run(iter(lines))
    finally:
        pool.close()


def _context() -> BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _warm_up() -> None:
    """Load the pipeline before the clock runs; if this fails, each report says so (E208)."""
    try:
        extract(_WARM_UP_TEXT)
    except Exception as exc:
        logger.warning("extraction warm-up failed (%s)", type(exc).__name__)


class _Worker:
    """One extraction process, fed one line at a time over a pipe."""

    def __init__(self, context: BaseContext, *, siblings: list[_Worker]) -> None:
        self.conn, child_conn = context.Pipe()
        # A forked child inherits the parent's end of its own pipe and of its siblings'
        # pipes; it must close them, or it never sees EOF when the parent dies.
        inherited = [self.conn, *(w.conn for w in siblings)]
        forked = context.get_start_method() == "fork"
        self.process = context.Process(  # type: ignore[attr-defined]
            target=_worker_main,
            args=(child_conn, inherited if forked else []),
            daemon=True,
            name="docket-extract",
        )
        self.process.start()
        child_conn.close()  # so the parent sees EOF when the worker dies
        self.ready = False
        self.task: tuple[int, Line] | None = None
        self.deadline = time.monotonic() + _START_SECONDS  # until it says it is ready

    def start(self, seq: int, line: Line, time_limit: float) -> None:
        # The clock starts before the send: handing over a huge line is part of its cost.
        self.deadline = time.monotonic() + time_limit
        self.task = (seq, line)
        self.conn.send((line.number, line.data))

    def finish(self) -> tuple[int, Line]:
        assert self.task is not None
        task, self.task, self.deadline = self.task, None, math.inf
        return task

    def stop(self, *, kill: bool = False) -> None:
        if not kill and self.process.is_alive():
            with contextlib.suppress(OSError):
                self.conn.send(None)
            self.process.join(timeout=1)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(timeout=5)
        self.conn.close()


class _Pool:
    """Workers, the lines they hold, and the finished results waiting for their turn."""

    def __init__(self, context: BaseContext, *, workers: int, time_limit: float) -> None:
        self.context = context
        self.time_limit = time_limit
        self.window = _WINDOW_PER_WORKER * workers
        self.workers: list[_Worker] = []
        for _ in range(workers):
            self.workers.append(_Worker(context, siblings=self.workers))
        self.done: dict[int, LineResult] = {}
        self.next_seq = 0
        self.next_out = 0

    def run(self, lines: Iterator[Line]) -> Iterator[LineResult]:
        exhausted = False
        while True:
            exhausted = exhausted or self._dispatch(lines)
            while self.next_out in self.done:
                yield self.done.pop(self.next_out)
                self.next_out += 1
            busy = [w for w in self.workers if w.task is not None or not w.ready]
            if exhausted and self.next_out == self.next_seq:
                return
            if busy:
                self._collect(busy)

    def _dispatch(self, lines: Iterator[Line]) -> bool:
        """Give a line to each idle worker; True once the input is exhausted."""
        for worker in self.workers:
            while (
                worker.ready and worker.task is None and self.next_seq - self.next_out < self.window
            ):
                line = next(lines, None)
                if line is None:
                    return True
                seq, self.next_seq = self.next_seq, self.next_seq + 1
                if line.data is None:
                    detail = f"the line is {line.size:,} bytes, over the size limit"
                    self.done[seq] = _error_result(line, "E205", detail)
                    logger.info("line %d skipped: %s", line.number, detail)
                else:
                    worker.start(seq, line, self.time_limit)
        return False

    def _collect(self, busy: list[_Worker]) -> None:
        """Wait for a result, a dead worker or a deadline, and deal with it."""
        deadline = min(w.deadline for w in busy)
        timeout = None if deadline == math.inf else max(0.0, deadline - time.monotonic())
        ready = wait([w.conn for w in busy], timeout)
        for worker in busy:
            if worker.conn not in ready:
                continue
            try:
                message = worker.conn.recv()
            except (EOFError, OSError):
                self._replace(worker, "E209", "the worker process stopped")
                continue
            if message == _READY:
                worker.ready, worker.deadline = True, math.inf
            else:
                seq, line = worker.finish()
                record, persons, error = message
                self.done[seq] = LineResult(line.number, record, persons, error, line.size)
        now = time.monotonic()
        for worker in busy:
            if now < worker.deadline:
                continue
            if worker.task is None:
                raise BatchError("E212", f"no extraction worker started in {_START_SECONDS:g} s")
            limit = f"took longer than {self.time_limit:g} s"
            self._replace(worker, "E207", limit, kill=True)

    def _replace(self, worker: _Worker, code: str, detail: str, *, kill: bool = False) -> None:
        if worker.task is None and not worker.ready:
            raise BatchError("E212", "the extraction worker could not start")
        if worker.task is not None:
            seq, line = worker.finish()
            self.done[seq] = _error_result(line, code, detail)
            logger.warning("line %d: %s", line.number, detail)
        worker.stop(kill=kill)
        others = [w for w in self.workers if w is not worker]
        self.workers[self.workers.index(worker)] = _Worker(self.context, siblings=others)

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.task is not None)


# -- in the worker process -----------------------------------------------------------------

_READY = "ready"


def _worker_main(conn: Connection, inherited: list[Connection]) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C and stops us
    for other in inherited:
        other.close()
    _warm_up()
    try:
        conn.send(_READY)
        while (task := conn.recv()) is not None:
            number, data = task
            conn.send(process_line(number, data))
    except (EOFError, OSError):  # the parent is gone
        return


def process_line(number: int, data: bytes) -> tuple[bytes, int, str | None]:
    """Check and extract one input line: (output record, persons found, error or None)."""
    try:
        obj = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        doc_id = _line_id(Line(number, data.decode("utf-8", "replace").encode(), len(data)))
        return _error_record(doc_id, number, "E206", f"not UTF-8 (byte {exc.start + 1})")
    except json.JSONDecodeError as exc:
        detail = f"not valid JSON ({exc.msg}, column {exc.colno})"
        return _error_record(None, number, "E201", detail)
    if not isinstance(obj, dict):
        return _error_record(None, number, "E202", f"a JSON {_json_type(obj)}, not an object")
    doc_id = obj.get("id")
    if doc_id is None:
        return _error_record(None, number, "E203", 'no "id"')
    if isinstance(doc_id, bool) or not isinstance(doc_id, str | int):
        return _error_record(None, number, "E203", f'"id" is a {_json_type(doc_id)}, not a string')
    text = obj.get("text")
    if text is None:
        return _error_record(doc_id, number, "E204", 'no "text"')
    if not isinstance(text, str):
        return _error_record(doc_id, number, "E204", f'"text" is a {_json_type(text)}')
    try:
        extraction = extract(text, published=_published(obj.get("published")))
    except Exception as exc:  # one bad report must not stop the batch
        return _error_record(doc_id, number, "E208", f"extraction failed ({type(exc).__name__})")
    return _dump({"id": doc_id, **extraction.to_dict()}), len(extraction.persons), None


def _published(value: object) -> str | None:
    """The report's date if it is an ISO date (time part dropped), else None."""
    if isinstance(value, str) and (match := _ISO_DATE.match(value.strip())):
        return match.group(0)
    return None


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean"}
    if value is None:
        return "null"
    return names.get(type(value), "number")


def _dump(record: dict[str, Any]) -> bytes:
    try:
        return json.dumps(record, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate from a JSON escape: keep it escaped
        return json.dumps(record).encode("ascii")


def _error_record(
    doc_id: str | int | None, number: int, code: str, detail: str
) -> tuple[bytes, int, str]:
    error = f"{code} line {number}: {detail}. {HINTS[code]}"
    return _dump({"id": doc_id, "error": error, "line": number}), 0, error


def _error_result(line: Line, code: str, detail: str) -> LineResult:
    record, _, error = _error_record(_line_id(line), line.number, code, detail)
    return LineResult(line.number, record, 0, error, line.size)


_ID_NEAR_START = re.compile(rb'^\s*\{\s*"id"\s*:\s*("(?:[^"\\]|\\.){0,200}"|\d{1,30})')


def _line_id(line: Line) -> str | int | None:
    """The id of a line that failed outside `process_line`, if it can be told."""
    value: object = None
    try:
        if line.data is not None:
            obj = json.loads(line.data)
            value = obj.get("id") if isinstance(obj, dict) else None
        elif match := _ID_NEAR_START.match(line.head):  # cut short: the id must come first
            value = json.loads(match.group(1))
    except ValueError:
        return None
    return value if isinstance(value, str | int) and not isinstance(value, bool) else None
