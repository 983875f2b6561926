"""`docket names`: compare, key and dedupe names across scripts and romanisations."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

import click


@click.group()
def names() -> None:
    """Match names across scripts and spellings: `docket names key "Chuchen Nianzha"`."""


@contextmanager
def _progress(label: str) -> Iterator[Callable[[str, int, int], None]]:
    """A rich progress bar on stderr when it is a terminal; a no-op otherwise."""
    if not sys.stderr.isatty():
        yield lambda stage, done, total: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(f"{label}: {stage}", total=total or None)
            bar.update(tasks[stage], completed=done, total=total or None)

        yield update


def _count_lines(path: str) -> int:
    if path == "-":
        return 0
    with open(path, "rb") as handle:
        return sum(1 for _ in handle)


def _write(handle: IO[str], row: dict[str, Any]) -> None:
    handle.write(json.dumps(row, ensure_ascii=False) + "\n")


@names.command()
@click.option("--input", "input_path", required=True, help="JSON lines {id, a, b}; - for stdin.")
@click.option("--output", "output_path", default="-", show_default=True, help="Where to write.")
@click.option("--threshold", type=float, default=None, help="Match threshold (default 0.8).")
def compare(input_path: str, output_path: str, threshold: float | None) -> None:
    """Score name pairs: `docket names compare --input pairs.jsonl --output scored.jsonl`."""
    from docket.names import DEFAULT_THRESHOLD
    from docket.names.batch import compare_lines

    limit = DEFAULT_THRESHOLD if threshold is None else threshold
    total = _count_lines(input_path)
    errors = 0
    with (
        click.open_file(input_path, encoding="utf-8") as source,
        click.open_file(output_path, "w", encoding="utf-8") as sink,
        _progress("names compare") as update,
    ):
        for done, row in enumerate(compare_lines(source, threshold=limit), start=1):
            errors += "error" in row
            _write(sink, row)
            if done % 500 == 0:
                update("pairs", done, total)
    if errors:
        click.echo(f"{errors} line(s) could not be compared; see their error records", err=True)


@names.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def key(name: str, as_json: bool) -> None:
    """Show how a name is parsed and keyed: `docket names key "Parviz Kamran oglu Hashimli"`."""
    from dataclasses import asdict

    from docket.names import InvalidNameError, keys, parse

    try:
        parsed, name_keys = parse(name), keys(name)
    except InvalidNameError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        data = {"parsed": asdict(parsed), "keys": asdict(name_keys)}
        data["keys"]["blocking"] = sorted(name_keys.blocking)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    for form in (parsed, *parsed.alternates):
        label = "Han name" if form.han else "name"
        click.echo(f"{form.text}  ({label}, script {form.script})")
        for token in form.tokens:
            extra = f" syllables {'-'.join(token.syllables)}" if token.syllables else ""
            if token.readings:
                extra += f" reads {', '.join(token.readings)}"
            click.echo(
                f"  {token.role:<11} {token.text:<18} {token.latin}  [{token.system}]{extra}"
            )
    click.echo(f"folded      {name_keys.folded}")
    click.echo(f"skeletons   {' '.join(name_keys.skeletons)}")
    click.echo(f"blocking    {' '.join(sorted(name_keys.blocking))}")


@names.command()
@click.argument("first")
@click.argument("second")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def explain(first: str, second: str, as_json: bool) -> None:
    """Compare two names and say why: `docket names explain "Elijan Mamut" "艾力江·马木提"`."""
    from dataclasses import asdict

    from docket.names import InvalidNameError, match

    try:
        result = match(first, second)
    except InvalidNameError as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(asdict(result), ensure_ascii=False, indent=2))
        return
    verdict = "match" if result.is_match else "no match"
    click.echo(f"{result.score:.3f} {verdict}")
    click.echo(str(result.explanation))


@names.command()
@click.option("--input", "input_path", required=True, help="JSON lines {id, name}; - for stdin.")
@click.option("--output", "output_path", default="-", show_default=True, help="Where to write.")
@click.option("--threshold", type=float, default=None, help="Link threshold (default 0.85).")
@click.option("--max-block", type=int, default=None, help="Split larger blocks (default 150).")
@click.option("--singletons", is_flag=True, help="Also write records that match nothing.")
@click.option("--workers", type=int, default=2, show_default=True, help="Worker processes.")
def dedupe(
    input_path: str,
    output_path: str,
    threshold: float | None,
    max_block: int | None,
    singletons: bool,
    workers: int,
) -> None:
    """Cluster one person's records: `docket names dedupe --input n.jsonl --output c.jsonl`."""
    from docket.names.batch import read_records
    from docket.names.dedupe import DEDUPE_THRESHOLD, DEFAULT_MAX_BLOCK
    from docket.names.dedupe import dedupe as run_dedupe

    bad_lines: list[str] = []
    with (
        click.open_file(input_path, encoding="utf-8") as source,
        _progress("names dedupe") as update,
    ):
        clusters, stats = run_dedupe(
            read_records(source, bad_lines),
            threshold=DEDUPE_THRESHOLD if threshold is None else threshold,
            max_block=DEFAULT_MAX_BLOCK if max_block is None else max_block,
            progress=update,
            singletons=singletons,
            workers=max(1, workers),
        )
    with click.open_file(output_path, "w", encoding="utf-8") as sink:
        for number, cluster in enumerate(clusters, start=1):
            links = [list(link) for link in cluster.links]
            _write(sink, {"cluster": number, "ids": list(cluster.ids), "score": cluster.score,
                          "links": links})  # fmt: skip
    for problem in (bad_lines + stats.errors)[:20]:
        click.echo(f"skipped {problem}", err=True)
    click.echo(
        f"{stats.records} records, {stats.distinct_names} distinct names, "
        f"{stats.comparisons} comparisons, {len(clusters)} clusters, "
        f"{len(bad_lines) + stats.invalid} bad record(s), {stats.split_blocks} block(s) split",
        err=True,
    )
