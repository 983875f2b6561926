"""Precision, recall and F1 of name matching on a labelled pairs file.

Run as `python -m docket.names.evaluate FILE [--threshold T] [--errors N] [--split dev|test]`.
Lines are {"id", "a", "b", "same", "kind"}; kinds are reported separately. Recall of a
negative kind is meaningless, so for those only the false-positive rate is shown.
--split divides the file by a hash of the first name (about 80/20), so rules can be tuned
on one part and checked on the other.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from docket.names.match import DEFAULT_THRESHOLD, score


@dataclass
class Counts:
    """Confusion counts for one group of pairs."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    errors: list[tuple[float, str, str, bool]] = field(default_factory=list)

    def add(self, *, same: bool, predicted: bool) -> None:
        """Count one decision."""
        if same and predicted:
            self.tp += 1
        elif same:
            self.fn += 1
        elif predicted:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        """tp / (tp + fp)."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn)."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _split_of(name: str) -> str:
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return "test" if digest[0] < 52 else "dev"


def read_pairs(path: Path, split: str | None = None) -> Iterable[dict[str, object]]:
    """Labelled pairs from a JSON-lines file, optionally one split of it."""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            row = json.loads(line)
            if split is None or _split_of(str(row["a"])) == split:
                yield row


def evaluate(
    rows: Iterable[dict[str, object]], *, threshold: float
) -> tuple[Counts, dict[str, Counts]]:
    """Score every pair; overall and per-kind counts."""
    total = Counts()
    kinds: dict[str, Counts] = {}
    for row in rows:
        a, b, same = str(row["a"]), str(row["b"]), bool(row["same"])
        value = score(a, b)
        predicted = value >= threshold
        kind = str(row.get("kind", "all"))
        counts = kinds.setdefault(kind, Counts())
        for group in (total, counts):
            group.add(same=same, predicted=predicted)
        if predicted != same:
            counts.errors.append((value, a, b, same))
    return total, kinds


def table(total: Counts, kinds: dict[str, Counts], *, threshold: float) -> str:
    """A plain-text results table."""
    width = max([14, *(len(name) for name in kinds)])
    lines = [
        f"threshold {threshold:.2f}",
        f"{'kind':<{width}} {'pairs':>6} {'TP':>5} {'FP':>5} {'FN':>5} "
        f"{'prec':>6} {'recall':>6} {'F1':>6}",
    ]
    for name, counts in [*sorted(kinds.items()), ("overall", total)]:
        pairs = counts.tp + counts.fp + counts.fn + counts.tn
        if counts.tp + counts.fn:
            figures = f"{counts.precision:>6.3f} {counts.recall:>6.3f} {counts.f1:>6.3f}"
        else:
            figures = f"{'FP rate':>13} {counts.fp / pairs if pairs else 0.0:>6.3f}"
        lines.append(
            f"{name:<{width}} {pairs:>6} {counts.tp:>5} {counts.fp:>5} {counts.fn:>5} {figures}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: print the table (and some errors) for a pairs file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("file", type=Path)
    parser.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    parser.add_argument("--errors", type=int, default=0, help="show this many errors per kind")
    parser.add_argument("--split", choices=["dev", "test"], default=None)
    args = parser.parse_args(argv)
    total, kinds = evaluate(read_pairs(args.file, args.split), threshold=args.threshold)
    out = [table(total, kinds, threshold=args.threshold)]
    for name, counts in sorted(kinds.items()):
        for value, a, b, same in counts.errors[: args.errors]:
            label = "missed" if same else "false match"
            out.append(f"{name:<14} {label:<12} {value:.3f}  {a!r} / {b!r}")
    sys.stdout.write("\n".join(out) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
