"""Benchmark `docket extract` on the dev set: reports/s, words/s and peak memory.

    python bench/extract.py [--workers 1 2] [--limit N] [--input PATH]

Runs the real command (`python -m docket extract --input ... --workers N`) in a
child process, once per worker count, and samples /proc every 50 ms for the
memory of the whole process tree (the command and its workers): the peak of
the summed RSS (pages shared by forked workers counted in each), the peak of
the summed PSS (shared pages split between processes: the real footprint), and
the largest single process. Wall time includes start-up (imports, loading the
pipeline); the command's own rate, printed beside it, does not include imports.
Predictions go to bench/out/. Figures, not assertions: nothing here fails on speed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
SAMPLE_SECONDS = 0.05


def find_shared() -> Path:
    """../shared beside the checkout; DOCKET_SHARED_DIR overrides (as tests/conftest.py)."""
    for candidate in (
        os.environ.get("DOCKET_SHARED_DIR", ""),
        REPO.parent / "shared",
        "/work/shared",
    ):
        if candidate and (Path(candidate) / "corpus").is_dir():
            return Path(candidate)
    sys.exit("../shared not found: set DOCKET_SHARED_DIR to the shared folder")


def count_input(path: Path) -> tuple[int, int]:
    """Reports and words (whitespace-separated) in a JSONL file of reports."""
    reports = words = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                reports += 1
                words += len(str(json.loads(line).get("text", "")).split())
    return reports, words


def tree(pid: int) -> list[int]:
    """pid and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(c) for c in children)
    return found


def memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB, or zeros if it is gone."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0, 0
    values = dict(re.findall(r"^(Rss|Pss):\s+(\d+) kB", text, re.M))
    return int(values.get("Rss", 0)), int(values.get("Pss", 0))


def run(input_path: Path, workers: int) -> dict[str, float | str]:
    OUT.mkdir(parents=True, exist_ok=True)
    output = OUT / f"extract-w{workers}.jsonl"
    command = [sys.executable, "-m", "docket", "extract", "--input", str(input_path)]
    command += ["--output", str(output), "--workers", str(workers)]
    peak_rss = peak_pss = peak_one = 0
    started = time.monotonic()
    with tempfile.TemporaryFile() as stderr:
        child = subprocess.Popen(command, stderr=stderr)
        while child.poll() is None:
            sizes = [memory_kb(pid) for pid in tree(child.pid)]
            peak_rss = max(peak_rss, sum(rss for rss, _ in sizes))
            peak_pss = max(peak_pss, sum(pss for _, pss in sizes))
            peak_one = max([peak_one, *(rss for rss, _ in sizes)])
            time.sleep(SAMPLE_SECONDS)
        seconds = time.monotonic() - started
        stderr.seek(0)
        log = stderr.read().decode(errors="replace")
    if child.returncode != 0:
        sys.exit(f"docket extract failed ({child.returncode}):\n{log}")
    summary = log.strip().splitlines()[-1] if log.strip() else ""
    own_rate = re.search(r"\(([\d.,]+) reports/s\)", summary)
    with output.open(encoding="utf-8") as fh:
        lines = sum(1 for _ in fh)
    return {
        "seconds": seconds,
        "own_rate": float(own_rate.group(1).replace(",", "")) if own_rate else 0.0,
        "rss_mb": peak_rss / 1024,
        "pss_mb": peak_pss / 1024,
        "one_mb": peak_one / 1024,
        "lines": lines,
        "summary": summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--limit", type=int, help="only the first N reports")
    parser.add_argument("--input", type=Path, help="JSONL of reports (default: cecc-dev.jsonl)")
    args = parser.parse_args()
    source = args.input or find_shared() / "corpus" / "cecc-dev.jsonl"
    with tempfile.TemporaryDirectory() as tmp:
        if args.limit:
            sample = Path(tmp) / "sample.jsonl"
            with source.open(encoding="utf-8") as fh, sample.open("w", encoding="utf-8") as out:
                out.writelines(line for _, line in zip(range(args.limit), fh, strict=False))
            source = sample
        reports, words = count_input(source)
        print(f"input: {source.name}, {reports:,} reports, {words:,} words, {os.cpu_count()} CPUs")
        print(
            f"{'workers':>7} {'wall s':>8} {'reports/s':>10} {'(own)':>8} {'words/s':>9} "
            f"{'peak RSS':>9} {'peak PSS':>9} {'largest':>8}"
        )
        for workers in args.workers:
            r = run(source, workers)
            if r["lines"] != reports:
                sys.exit(f"expected {reports} output lines, got {r['lines']}")
            seconds = float(r["seconds"])
            print(
                f"{workers:>7} {seconds:>8.1f} {reports / seconds:>10.1f} {r['own_rate']:>8.1f} "
                f"{words / seconds:>9,.0f} {r['rss_mb']:>7.0f}MB {r['pss_mb']:>7.0f}MB "
                f"{r['one_mb']:>6.0f}MB",
                flush=True,
            )
    print("RSS sums every process (shared pages counted in each); PSS splits shared pages.")


if __name__ == "__main__":
    main()
