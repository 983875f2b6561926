"""Benchmark `docket ingest` on the dev set into a fresh SQLite database: reports/s, memory.

    python bench/ingest.py [--workers 2] [--limit N] [--input PATH] [--no-auto-accept]

Migrates a throw-away data directory, then runs the real command (`python -m docket
ingest cecc-dev.jsonl --auto-accept --workers 2 --json`) in a child process, sampling
/proc for the memory of the whole process tree as bench/extract.py does. Prints the
wall time, reports/s (wall, and the command's own rate without start-up), the peak
summed RSS and PSS, and what was stored. Figures, not assertions.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from extract import SAMPLE_SECONDS, find_shared, memory_kb, tree


def environment(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("DOCKET_")}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env | {
        "DOCKET_DATA_DIR": str(data_dir),
        "DOCKET_SECRET_KEY": "bench-only-secret-key",
        "DOCKET_LOG_LEVEL": "WARNING",
    }


def run(command: list[str], env: dict[str, str]) -> tuple[float, float, float, str]:
    """Run the command; return (seconds, peak RSS MB, peak PSS MB, stdout)."""
    peak_rss = peak_pss = 0
    started = time.monotonic()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(command, env=env, stdout=out, stderr=err)
        while child.poll() is None:
            sizes = [memory_kb(pid) for pid in tree(child.pid)]
            peak_rss = max(peak_rss, sum(rss for rss, _ in sizes))
            peak_pss = max(peak_pss, sum(pss for _, pss in sizes))
            time.sleep(SAMPLE_SECONDS)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode(errors="replace")
    if child.returncode not in (0, 1):  # 1: some documents failed
        sys.exit(f"docket ingest failed ({child.returncode}):\n{stderr}")
    return seconds, peak_rss / 1024, peak_pss / 1024, stdout


def stored(database: Path) -> dict[str, int]:
    db = sqlite3.connect(database)
    try:
        tables = {
            "sources": "evidence_source",
            "persons": "cases_person",
            "claims": "cases_claim",
            "cases": "cases_case",
            "audit events": "core_auditevent",
        }
        return {k: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for k, t in tables.items()}
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--limit", type=int, help="only the first N reports")
    parser.add_argument("--input", type=Path, help="JSONL of reports (default: cecc-dev.jsonl)")
    parser.add_argument("--no-auto-accept", action="store_true", help="leave claims suggested")
    args = parser.parse_args()
    source = args.input or find_shared() / "corpus" / "cecc-dev.jsonl"
    with tempfile.TemporaryDirectory(prefix="docket-bench-") as tmp:
        if args.limit:
            sample = Path(tmp) / "sample.jsonl"
            with source.open(encoding="utf-8") as fh, sample.open("w", encoding="utf-8") as out:
                out.writelines(line for _, line in zip(range(args.limit), fh, strict=False))
            source = sample
        data = Path(tmp) / "data"
        data.mkdir(mode=0o700)
        env = environment(data)
        docket = [sys.executable, "-m", "docket"]
        subprocess.run([*docket, "manage", "migrate", "-v0"], env=env, check=True)
        command = [*docket, "ingest", str(source), "--workers", str(args.workers), "--json"]
        if not args.no_auto_accept:
            command.append("--auto-accept")
        seconds, rss, pss, stdout = run(command, env)
        summary = json.loads(stdout.splitlines()[-1])["summary"]
        documents = summary["documents"]
        total = sum(documents.values())
        print(f"input: {source.name}, {total:,} reports, {os.cpu_count()} CPUs")
        print(f"command: docket ingest {source.name} {' '.join(command[5:])}")
        print(
            f"{seconds:.1f} s wall: {total / seconds:.1f} reports/s "
            f"({total / summary['seconds']:.1f} reports/s without start-up)"
        )
        print(f"peak memory: {rss:.0f} MB RSS summed over processes, {pss:.0f} MB PSS")
        print(
            f"documents: {documents}; persons: {summary['persons']}; claims {summary['claims']:,}"
        )
        print(
            "stored: " + ", ".join(f"{v:,} {k}" for k, v in stored(data / "docket.sqlite3").items())
        )


if __name__ == "__main__":
    main()
