"""Count the facts an extraction gets right, misses, or asserts wrongly, per field.

    python scripts/wrong_facts.py GOLD.jsonl PREDICTIONS.jsonl [--complete] [--show N]

The shared scorer (../shared/tools/score_extraction.py) measures accuracy; this counts what
accuracy hides: a wrong value is worse than a missing one (EXTRACTION.md). For each gold
person (matched as the scorer does) and each scored field:
- right: the value scores 1;
- missing: nothing predicted;
- wrong: a value that does not score 1 (for lists: a predicted item not in the gold).
With --complete (gold that lists every fact its text states, like
tests/extract/data/styles.jsonl), a value predicted for a field the gold leaves out is
counted as `unsupported`: the text does not say it. Fields in the gold but not `evidenced`
are arguable and never counted. Standard library and the shared scorer only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
FIELDS = (
    "sex",
    "age",
    "ethnicity",
    "occupations",
    "detention_date",
    "court",
    "facility",
    "charge_categories",
    "sentence",
    "status",
    "allegations",
)
LISTS = ("occupations", "charge_categories", "allegations")


def load_scorer() -> ModuleType:
    """Import the shared scorer from ../shared/tools (DOCKET_SHARED_DIR overrides)."""
    for base in (os.environ.get("DOCKET_SHARED_DIR", ""), ROOT.parent / "shared", "/work/shared"):
        path = Path(base) / "tools" / "score_extraction.py" if base else None
        if path and path.exists():
            spec = importlib.util.spec_from_file_location("score_extraction", path)
            assert spec and spec.loader
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            return module
    sys.exit("shared scorer not found: set DOCKET_SHARED_DIR to the shared folder")


def empty(value: object) -> bool:
    return value is None or value == [] or value == {}


def judge(scorer: ModuleType, field: str, gold: object, pred: dict[str, object]) -> str:
    """'right', 'missing' or 'wrong' for one evidenced field."""
    value = pred.get(field)
    if empty(value):
        return "missing"
    if field in LISTS:
        if field == "occupations":
            ok = scorer.occupation_hit(gold, value)
            return "right" if ok else "wrong"
        extra = set(value) - set(gold)  # type: ignore[arg-type]
        if extra:
            return "wrong"
        return "right" if set(value) == set(gold) else "missing"  # type: ignore[arg-type]
    try:
        ok = scorer.field_score(field, gold, pred)
    except (TypeError, ValueError, AttributeError):
        ok = 0.0
    return "right" if ok >= 1 else "wrong"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("predictions")
    ap.add_argument("--complete", action="store_true", help="gold lists every stated fact")
    ap.add_argument("--show", type=int, default=0, help="list up to N wrong/unsupported facts")
    args = ap.parse_args(argv)
    scorer = load_scorer()
    gold_rows = scorer.load_jsonl(args.gold)
    preds = {r.get("id"): r for r in scorer.load_jsonl(args.predictions)}
    counts: dict[str, dict[str, int]] = {f: {} for f in FIELDS}
    shown: list[dict[str, object]] = []
    for row in gold_rows:
        gold = row["gold"]
        person = scorer.match_person(gold, (preds.get(row["id"]) or {}).get("persons") or [])
        if person is None:
            continue
        for field in FIELDS:
            if field in gold["evidenced"]:
                verdict = judge(scorer, field, gold["fields"][field], person)
            elif args.complete and field not in gold["fields"] and not empty(person.get(field)):
                verdict = "unsupported"
            else:
                continue
            counts[field][verdict] = counts[field].get(verdict, 0) + 1
            if verdict in ("wrong", "unsupported") and len(shown) < args.show:
                shown.append(
                    {
                        "id": row["id"],
                        "name": gold["name"],
                        "field": field,
                        "gold": gold["fields"].get(field),
                        "predicted": person.get(field),
                    }
                )
    kinds = ("right", "missing", "wrong", "unsupported")
    print(f"{'field':18} " + " ".join(f"{k:>11}" for k in kinds))
    total = dict.fromkeys(kinds, 0)
    for field in FIELDS:
        row_counts = counts[field]
        print(f"{field:18} " + " ".join(f"{row_counts.get(k, 0):>11}" for k in kinds))
        for k in kinds:
            total[k] += row_counts.get(k, 0)
    print(f"{'total':18} " + " ".join(f"{total[k]:>11}" for k in kinds))
    asserted = total["right"] + total["wrong"] + total["unsupported"]
    if asserted:
        bad = (total["wrong"] + total["unsupported"]) / asserted
        print(f"wrong or unsupported: {bad:.1%} of {asserted} facts asserted")
    for item in shown:
        print("bad:", json.dumps(item, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
