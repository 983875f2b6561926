"""`docket extract`: the facts in one document, or a JSON Lines batch of reports."""

from __future__ import annotations

import json
import os
import re
import stat
import sys
import time
from typing import IO, TYPE_CHECKING, Any

import click

from docket.config import tunables

if TYPE_CHECKING:
    from docket.extract.batch import BatchStats, LineResult

MB = 1024 * 1024
_MAX_ERRORS_SHOWN = 10
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def _published_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _ISO_DATE.match(value):
        raise click.BadParameter("give an ISO date: 2024, 2024-09 or 2024-09-01")
    return value


@click.command()
@click.argument("file", required=False, metavar="[FILE]")
@click.option(
    "--input",
    "input_path",
    metavar="PATH",
    help="JSON Lines of reports, one {id, text[, published]} a line; - for stdin.",
)
@click.option(
    "--output",
    "output_path",
    metavar="PATH",
    default="-",
    show_default=True,
    help="Where the batch writes one {id, persons} line per input line; - for stdout.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extraction processes for a batch; up to one per CPU core.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="For FILE: a summary for people, or the contract's JSON object.",
)
@click.option(
    "--published",
    metavar="DATE",
    callback=_published_date,
    help="For FILE: the report's date (2024-09-01), to resolve dates like 'on August 23'.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0, min_open=True),
    metavar="SECONDS",
    help="Seconds allowed per document (default: DOCKET_EXTRACT_TIME_LIMIT, 60).",
)
def extract(
    file: str | None,
    input_path: str | None,
    output_path: str,
    workers: int,
    fmt: str,
    published: str | None,
    time_limit: float | None,
) -> None:
    """Extract persons and facts from a report: `docket extract report.pdf`.

    FILE is a .txt, .html (main text only), .pdf (text layer) or .docx document,
    or - for stdin. For a batch, `docket extract --input reports.jsonl --output
    predictions.jsonl --workers 2` writes one line per report, in order, with an
    error record for each line that cannot be extracted (exit status 0), and
    fails only when the input cannot be read. See schema/EXTRACTION.md.
    """
    if (file is None) == (input_path is None):
        raise click.UsageError("give one FILE to extract, or --input PATH for a batch")
    limit = time_limit or _tunable_seconds("DOCKET_EXTRACT_TIME_LIMIT")
    max_bytes = tunables.get_int("DOCKET_MAX_UPLOAD_MB") * MB
    if input_path is not None:
        if published or fmt != "text":
            raise click.UsageError("--published and --format apply to FILE, not to --input")
        _run_batch(input_path, output_path, workers, limit, max_bytes)
    else:
        assert file is not None
        _run_file(file, fmt, published, limit, max_bytes)


def _tunable_seconds(name: str) -> float:
    try:
        return float(tunables.get(name))
    except ValueError:
        raise click.ClickException(f"{name} must be a number of seconds") from None


# -- one document ----------------------------------------------------------------------------


def _run_file(path: str, fmt: str, published: str | None, limit: float, max_bytes: int) -> None:
    import logging

    from docket.extract.batch import extract_record
    from docket.extract.readers import ReadError, read_document

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd PDFs are noise
    try:
        doc = read_document(path, max_bytes=max_bytes, time_limit=limit, stdin=sys.stdin.buffer)
    except ReadError as exc:
        raise click.ClickException(str(exc)) from None
    record = extract_record(doc.text, doc_id=doc.name, published=published, time_limit=limit)
    if "error" in record:
        raise click.ClickException(f"{doc.name}: {record['error']}")
    record["source"] = {
        "name": doc.name,
        "kind": doc.kind,
        "title": doc.title,
        "sha256": doc.sha256,
        "pages": doc.pages,
        "words": len(doc.text.split()),
    }
    if fmt == "json":
        click.echo(json.dumps(record, ensure_ascii=False, indent=2))
    else:
        click.echo(render_summary(record, doc.text), nl=False)


_FIELDS = (
    "aliases",
    "count",
    "sex",
    "age",
    "ethnicity",
    "occupations",
    "detention_date",
    "court",
    "facility",
    "charges",
    "charge_categories",
    "sentence",
    "status",
    "allegations",
)
_QUOTE_CHARS = 70


def render_summary(record: dict[str, Any], text: str) -> str:
    """Render an extraction record for people: each person, their facts, the quoted words."""
    source = record.get("source") or {}
    persons = record.get("persons") or []
    lines = [
        click.style(str(source.get("name", record.get("id"))), bold=True)
        + f"  {source.get('kind', '')}, {source.get('words', 0):,} words"
        + (f", {source['pages']} page(s)" if source.get("pages") else "")
        + (f", sha256 {source['sha256'][:12]}" if source.get("sha256") else ""),
    ]
    if source.get("title"):
        lines.append(f"title: {source['title']}")
    count = len(persons)
    lines.append(
        f"{count} person{'' if count == 1 else 's'} found" if persons else "No persons found."
    )
    for number, person in enumerate(persons, start=1):
        lines.append("")
        lines.append(click.style(f"{number}. {_who(person)}", bold=True) + f"  ({person['role']})")
        evidence = person.get("evidence") or {}
        for field in _FIELDS:
            value = _value(field, person.get(field))
            if value is None:
                continue
            quotes = "; ".join(_quote(text, span) for span in evidence.get(field, []))
            lines.append(f"   {field:<17} {value}")
            if quotes:
                lines.append(click.style(f"   {'':<17} {quotes}", dim=True))
    return "\n".join(lines) + "\n"


def _who(person: dict[str, Any]) -> str:
    if person.get("name"):
        return str(person["name"])
    count = person.get("count") or 1
    return "an unnamed person" if count == 1 else f"{count} unnamed persons"


def _value(field: str, value: Any) -> str | None:
    """A field's value as people read it, or None when the report does not give it."""
    if value in (None, [], {}) or (field == "count" and value == 1):
        return None
    if field == "sentence":
        return _sentence(value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _sentence(sentence: dict[str, Any]) -> str:
    if sentence.get("death"):
        return "death, suspended" if sentence.get("suspended") else "death"
    if sentence.get("life"):
        return "life"
    low, high = sentence.get("min_months"), sentence.get("max_months")
    if low == high or high is None:
        return _months(low)
    return f"{_months(low)} to {_months(high)}"


def _months(months: int | None) -> str:
    if months is None:
        return "unknown term"
    years, rest = divmod(months, 12)
    parts = [f"{years} year{'s' * (years != 1)}"] if years else []
    parts += [f"{rest} month{'s' * (rest != 1)}"] if rest or not years else []
    return " ".join(parts)


def _quote(text: str, span: list[int]) -> str:
    start, end = span
    words = re.sub(r"\s+", " ", text[start:end]).strip()
    if len(words) > _QUOTE_CHARS:
        words = words[: _QUOTE_CHARS - 1] + "…"
    return f"“{words}”"


# -- a batch ---------------------------------------------------------------------------------


def _run_batch(
    input_path: str, output_path: str, workers: int, limit: float, max_bytes: int
) -> None:
    from docket.extract.batch import BatchError, run_batch

    source, total = _open_input(input_path)
    try:
        sink = _open_output(output_path)
    except OSError as exc:
        raise click.ClickException(f"{output_path}: cannot write ({exc.strerror})") from None
    reporter = _Reporter(total, show_bar=sys.stderr.isatty())
    try:
        with reporter:
            stats = run_batch(
                source,
                sink,
                workers=workers,
                time_limit=limit,
                max_line_bytes=max_bytes,
                on_result=reporter.update,
            )
    except BatchError as exc:
        raise click.ClickException(f"{input_path}: {exc}") from None
    finally:
        if source is not sys.stdin.buffer:
            source.close()
        if sink is not sys.stdout.buffer:
            sink.close()
    reporter.summary(stats)


def _open_input(path: str) -> tuple[IO[bytes], int | None]:
    if path == "-":
        return sys.stdin.buffer, None
    try:
        source = open(path, "rb")  # noqa: SIM115 - closed by the caller
        info = os.fstat(source.fileno())
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise click.ClickException(
            f"E210 {path}: cannot read the input ({detail}). Check the path."
        ) from None
    return source, info.st_size if stat.S_ISREG(info.st_mode) else None


def _open_output(path: str) -> IO[bytes]:
    if path == "-":
        return sys.stdout.buffer
    return open(path, "wb")


class _Reporter:
    """Progress bar (on a terminal), the first error messages, and the summary, on stderr."""

    def __init__(self, total: int | None, *, show_bar: bool) -> None:
        from rich.console import Console

        self.console = Console(stderr=True)
        self.total = total
        self.show_bar = show_bar
        self.shown_errors = 0
        self.last_refresh = 0.0
        self.progress: Any = None
        self.task: Any = None

    def __enter__(self) -> _Reporter:
        if self.show_bar:
            from rich.progress import (
                BarColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            # No auto-refresh thread: the batch forks worker processes.
            self.progress = Progress(
                TextColumn("extracting"),
                BarColumn(),
                TextColumn("{task.percentage:>3.0f}%"),
                TextColumn("{task.fields[reports]:,} reports, {task.fields[errors]:,} errors"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=self.console,
                auto_refresh=False,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("extract", total=self.total, reports=0, errors=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, result: LineResult, stats: BatchStats) -> None:
        if result.error and self.shown_errors < _MAX_ERRORS_SHOWN:
            self.shown_errors += 1
            self.console.print(result.error, markup=False, highlight=False, soft_wrap=True)
        if self.progress is None:
            return
        self.progress.update(
            self.task, completed=stats.bytes_read, reports=stats.reports, errors=stats.errors
        )
        now = time.monotonic()
        if now - self.last_refresh > 0.1:
            self.last_refresh = now
            self.progress.refresh()

    def summary(self, stats: BatchStats) -> None:
        hidden = stats.errors - self.shown_errors
        if hidden > 0:
            self.console.print(
                f"... and {hidden:,} more errors: see the error records in the output"
            )
        self.console.print(
            f"{stats.reports:,} reports, {stats.persons:,} persons, {stats.errors:,} errors "
            f"in {stats.seconds:.1f} s ({stats.per_second:.1f} reports/s)",
            highlight=False,
        )
