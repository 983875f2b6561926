"""JSON-lines batch work for the CLI: compare pairs, read records; bad lines become errors."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from docket.names.match import DEFAULT_THRESHOLD, score
from docket.names.parse import InvalidNameError

MAX_LINE_LENGTH = 10_000


class LineError(ValueError):
    """One input line can't be used; the message says why."""


def _load(line: str, fields: tuple[str, ...]) -> dict[str, Any]:
    if len(line) > MAX_LINE_LENGTH:
        raise LineError(f"line longer than {MAX_LINE_LENGTH} characters")
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise LineError(f"not JSON: {exc.msg}") from None
    if not isinstance(row, dict):
        raise LineError("not a JSON object")
    for name in fields:
        if name not in row:
            raise LineError(f"missing field {name!r}")
        if name != "id" and not isinstance(row[name], str):
            raise LineError(f"field {name!r} is not a string")
    return row


def _record_id(line: str) -> Any:
    try:
        row = json.loads(line)
    except (json.JSONDecodeError, RecursionError):
        return None
    return row.get("id") if isinstance(row, dict) else None


def compare_lines(
    lines: Iterable[str], *, threshold: float = DEFAULT_THRESHOLD
) -> Iterator[dict[str, Any]]:
    """Score {"id", "a", "b"} lines in order: {"id", "score", "match"} or {"id", "error"}."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = _load(line, ("id", "a", "b"))
            value = score(row["a"], row["b"])
        except (LineError, InvalidNameError) as exc:
            yield {
                "id": _record_id(line) if len(line) <= MAX_LINE_LENGTH else None,
                "line": number,
                "error": str(exc),
            }
            continue
        yield {"id": row["id"], "score": value, "match": value >= threshold}


def read_records(lines: Iterable[str], errors: list[str]) -> Iterator[tuple[str, str]]:
    """(id, name) from {"id", "name"} lines; unusable lines are described in errors."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = _load(line, ("id", "name"))
        except LineError as exc:
            errors.append(f"line {number}: {exc}")
            continue
        yield str(row["id"]), row["name"]
