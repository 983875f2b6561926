"""Time and peak memory of `docket import cecc` on the whole CECC export; prints figures.

    .venv/bin/python bench/cecc_import.py [--file PATH] [--limit N] [--database-url URL]

Runs in a throw-away data directory (SQLite, WAL) unless a database URL is given (the
database must be empty). Imports the file, imports it again (nothing may change), then
lists probable duplicates.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

from fresh import fresh_database

DEFAULT = Path(__file__).resolve().parent.parent.parent / "shared/corpus/raw"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--file", type=Path, default=DEFAULT / "cecc_ppd_2020-07-23_to2017.csv.gz")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()
    fresh_database(args.database_url)
    from django.db import connection

    from docket.cases.models import Claim, Person
    from docket.ingest.cecc import cecc_import

    for label in ("first import", "same file again"):
        wall, cpu = time.perf_counter(), time.process_time()
        summary = cecc_import(actor="system:bench", path=args.file, limit=args.limit)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(
            f"{label}: {summary.rows} rows in {wall:.1f} s (cpu {cpu:.1f} s, "
            f"{summary.rows / wall:.0f} rows/s): {summary.new} new, {summary.updated} updated, "
            f"{summary.unchanged} unchanged, {summary.failed} failed, {summary.claims} claims, "
            f"{len(summary.warnings)} warnings"
        )
    from docket.accounts.selectors import role_standin
    from docket.cases.selectors import duplicate_candidates

    wall = time.perf_counter()
    pairs = duplicate_candidates(user=role_standin(role="editor"), limit=10_000)
    print(
        f"duplicate_candidates over all persons: {len(pairs)} pairs above the default score "
        f"in {time.perf_counter() - wall:.1f} s; best: "
        + "; ".join(f"{p.name_a} / {p.name_b} {p.score}" for p in pairs[:3])
    )
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"database: {connection.vendor}; {Person.objects.count()} persons, "
        f"{Claim.objects.count()} claims; peak memory {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
