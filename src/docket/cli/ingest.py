"""`docket ingest`: reports in, sourced suggestions out, ready for review."""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING, Any

import click

from docket.cli.extract import _published_date, _tunable_seconds
from docket.config import tunables

if TYPE_CHECKING:
    from docket.ingest.runner import RunSummary
    from docket.ingest.services import DocumentResult

MB = 1024 * 1024
_MAX_ERRORS_SHOWN = 20


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Extraction processes; up to one per CPU core. Database writes stay in this one.",
)
@click.option(
    "--auto-accept",
    is_flag=True,
    help="Accept every extracted fact at once (veracity alleged): for trusted batches.",
)
@click.option(
    "--published",
    metavar="DATE",
    callback=_published_date,
    help="Publication date of documents that do not give their own (2024-09-01).",
)
@click.option("--publisher", default="", metavar="NAME", help="Who published the documents.")
@click.option(
    "--confidentiality",
    type=click.Choice(["public", "internal", "restricted"]),
    default="internal",
    show_default=True,
    help="Level of the sources and what they say (sources, relatives: restricted anyway).",
)
@click.option(
    "--user",
    "username",
    metavar="NAME",
    help="Ingest as this user (default: the system actor system:ingest).",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print JSON Lines: one per document, then a summary."
)
def ingest(
    paths: tuple[str, ...],
    workers: int,
    auto_accept: bool,
    published: str | None,
    publisher: str,
    confidentiality: str,
    username: str | None,
    as_json: bool,
) -> None:
    """Store reports and suggest their facts for review: `docket ingest reports/ --workers 2`.

    PATH is a .txt, .html, .pdf or .docx file, a folder (read recursively), or a JSON
    Lines file of {"id", "text", "published"?, "url"?, "title"?}. Each document is stored
    once (by SHA-256; stored ones are skipped, so a re-run resumes), then what extraction
    finds becomes suggested claims citing its words, with the existing persons each
    extracted person may be. Exit status 1 when a document failed.
    """
    from docket.cli import _django

    limit = _tunable_seconds("DOCKET_EXTRACT_TIME_LIMIT")
    max_bytes = tunables.get_int("DOCKET_MAX_UPLOAD_MB") * MB
    with _django.clear_errors(prepare_data=True):
        from docket.accounts.selectors import user_get_by_username
        from docket.ingest.runner import count_documents, ingest_run

        _quiet_per_document_logs()
        reporter = _Reporter(as_json=as_json, show_bar=sys.stderr.isatty() and not as_json)
        actor = user_get_by_username(username=username) if username else "system:ingest"
        if reporter.show_bar:
            reporter.total = count_documents(paths)
        with reporter:
            summary = ingest_run(
                actor=actor,
                paths=paths,
                workers=workers,
                auto_accept=auto_accept,
                published=published,
                publisher=publisher,
                confidentiality=confidentiality,
                max_bytes=max_bytes,
                time_limit=limit,
                on_result=reporter.update,
            )
    reporter.summary(summary)
    if summary.documents_failed:
        sys.exit(1)


def _quiet_per_document_logs() -> None:
    """Each document is reported by the command: its INFO log lines would say it twice."""
    import logging

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd PDFs are noise
    for name in ("docket.evidence", "docket.ingest", "docket.cases.services"):
        if logging.getLogger(name).getEffectiveLevel() == logging.INFO:
            logging.getLogger(name).setLevel(logging.WARNING)


class _Reporter:
    """Per-document lines (or a progress bar on a terminal), then the summary."""

    def __init__(self, *, as_json: bool, show_bar: bool) -> None:
        from rich.console import Console

        self.as_json = as_json
        self.show_bar = show_bar
        self.total: int | None = None
        self.console = Console(stderr=True)
        self.shown_errors = 0
        self.progress: Any = None
        self.task: Any = None
        self.last_refresh = 0.0

    def __enter__(self) -> _Reporter:
        if self.show_bar:
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            # No auto-refresh thread: the run forks worker processes.
            self.progress = Progress(
                TextColumn("ingesting"),
                BarColumn(),
                TextColumn("{task.completed:,}/{task.total:,} documents"),
                TextColumn("{task.fields[new]:,} new, {task.fields[failed]:,} failed"),
                TimeElapsedColumn(),
                console=self.console,
                auto_refresh=False,
                transient=True,
            )
            self.progress.start()
            self.task = self.progress.add_task("ingest", total=self.total, new=0, failed=0)
        return self

    def __exit__(self, *exc: object) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, result: DocumentResult, summary: RunSummary) -> None:
        if self.as_json:
            click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
            sys.stdout.flush()
        elif self.progress is None:
            click.echo(_line(result))
            sys.stdout.flush()
        elif result.status == "failed" and self.shown_errors < _MAX_ERRORS_SHOWN:
            self.shown_errors += 1
            self.console.print(result.error, markup=False, highlight=False, soft_wrap=True)
        if self.progress is not None:
            self.progress.update(
                self.task,
                completed=summary.documents,
                new=summary.documents_new,
                failed=summary.documents_failed,
            )
            now = time.monotonic()
            if now - self.last_refresh > 0.1:
                self.last_refresh = now
                self.progress.refresh()

    def summary(self, summary: RunSummary) -> None:
        if self.as_json:
            click.echo(json.dumps({"summary": summary.to_dict()}))
            return
        rate = summary.documents / summary.seconds if summary.seconds else 0.0
        self.console.print(
            f"documents: {summary.documents_new:,} new, {summary.documents_skipped:,} skipped "
            f"(stored already), {summary.documents_failed:,} failed\n"
            f"persons: {summary.persons_new:,} new, {summary.persons_linked:,} matched to "
            f"existing persons, {summary.persons_with_candidates:,} with candidates to review\n"
            f"claims: {summary.claims:,}\n"
            f"{summary.seconds:.1f} s ({rate:.1f} documents/s)",
            highlight=False,
        )


def _line(result: DocumentResult) -> str:
    if result.status == "stored":
        return (
            f"stored   {result.name}: source {result.source_id}, {result.persons} persons, "
            f"{result.claims} claims"
        )
    if result.status == "skipped" and result.source_id is None:
        return f"skipped  {result.name}: the same document as an earlier one of this run"
    if result.status == "skipped":
        return f"skipped  {result.name}: stored already as source {result.source_id}"
    return f"failed   {result.error}"
