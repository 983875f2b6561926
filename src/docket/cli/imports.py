"""`docket import ...`: load records from other databases' exports."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click


@click.group("import")
def import_group() -> None:
    """Import other databases' exports: `docket import cecc export.csv.gz`."""


@import_group.command("cecc")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--limit", type=click.IntRange(min=1), help="Look at the first N rows only.")
@click.option(
    "--confidentiality",
    type=click.Choice(["public", "internal", "restricted"]),
    default="internal",
    show_default=True,
    help="Level of new persons, cases, sources and claims.",
)
@click.option("--published", metavar="DATE", help="Date of the export (EDTF), for every source.")
@click.option(
    "--url-template",
    metavar="URL",
    default="",
    help="Each record's web address, with {record} for its number.",
)
@click.option("--user", "username", metavar="NAME", help="Import as this user (an editor).")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
@click.option("--show", type=int, default=10, show_default=True, help="Errors/warnings listed.")
def cecc(
    path: Path,
    limit: int | None,
    confidentiality: str,
    published: str | None,
    url_template: str,
    username: str | None,
    as_json: bool,
    show: int,
) -> None:
    """Import a CECC Political Prisoner Database CSV: `docket import cecc export.csv.gz`.

    Re-importing the same file changes nothing; a changed record replaces what its old
    version said. Exits 1 if any row failed (the others are imported).
    """
    from docket.cli import _django

    with _django.clear_errors(prepare_data=True):
        from docket.accounts.selectors import user_get_by_username
        from docket.ingest.cecc import cecc_import, count_rows

        actor = user_get_by_username(username=username) if username else "system:cecc-import"
        options: dict[str, Any] = {
            "actor": actor,
            "path": path,
            "limit": limit,
            "confidentiality": confidentiality,
            "published": published,
            "url_template": url_template,
        }
        if sys.stderr.isatty():
            summary = _with_progress(cecc_import, count_rows(path, limit), options)
        else:
            summary = cecc_import(**options)
    if as_json:
        click.echo(json.dumps(summary.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_summary(summary, show)
    if summary.failed:
        sys.exit(1)


def _with_progress(run: Any, total: int, options: dict[str, Any]) -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("CECC records", total=total)
        return run(**options, progress=lambda n: bar.advance(task, n))


def _print_summary(summary: Any, show: int) -> None:
    click.echo(
        f"{summary.rows} rows in {summary.seconds:.1f} s: {summary.new} new, "
        f"{summary.updated} updated, {summary.unchanged} unchanged, {summary.failed} failed; "
        f"{summary.claims} claims written"
    )
    for title, messages in (("Errors", summary.errors), ("Warnings", summary.warnings)):
        if not messages:
            continue
        click.echo(f"{title} ({len(messages)}):")
        for m in messages[:show]:
            click.echo(f"  line {m.line}, record {m.record or '?'}: {m.message}")
        if len(messages) > show:
            click.echo(f"  ... {len(messages) - show} more (--json lists all)")
