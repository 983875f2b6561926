"""The compiled name matcher (scripts/build_native.py): built from the current sources, and
scoring exactly as the Python it was compiled from."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

from docket.names.keys import blocking_keys
from docket.names.match import match

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("build_native", ROOT / "scripts/build_native.py")
assert spec is not None and spec.loader is not None
build_native = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_native)

PAIRS = Path(__file__).with_name("pairs.jsonl")

# Run in a fresh interpreter: import the modules from their .py files even where an
# extension is built, and print what they compute.
_PURE = """
import importlib.abc, importlib.util, json, sys
from pathlib import Path
src, compiled = Path(sys.argv[1]), set(sys.argv[2].split(","))
class Source(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name in compiled:
            path = src / (name.replace(".", "/") + ".py")
            return importlib.util.spec_from_file_location(name, path)
        return None
sys.meta_path.insert(0, Source())
from docket.names.keys import blocking_keys
from docket.names.match import match
assert all(sys.modules[name].__file__.endswith(".py") for name in compiled)
pairs = json.loads(sys.stdin.read())
print(json.dumps([[match(a, b).score, sorted(blocking_keys(a))] for a, b in pairs]))
"""


def _pairs() -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines()]
    out = [(row["a"], row["b"]) for row in rows]
    # Names of different pairs against each other: mostly non-matches, scored all the same.
    names = [name for pair in out for name in pair]
    return out + list(pairwise(names))


def test_extensions_match_their_sources() -> None:
    """An extension is imported instead of its .py file: a stale one would test old code."""
    if not build_native.built():
        return  # pure Python (no compiler when installed): nothing can be stale
    assert build_native.STAMP.exists(), "extensions without a stamp: run make install"
    stamp = build_native.STAMP.read_text(encoding="utf-8")
    assert stamp == build_native.source_hashes(), (
        "src/docket/names changed since the extensions were built: run make install"
        " (or .venv/bin/python scripts/build_native.py)"
    )


def test_compiled_modules_are_the_ones_imported() -> None:
    import docket.names.align as align

    compiled = bool(build_native.built())
    assert Path(str(align.__file__)).suffix == (".so" if compiled else ".py")


def test_python_sources_score_as_the_modules_in_use() -> None:
    pairs = _pairs()
    modules = ",".join("docket.names." + Path(module).stem for module in build_native.MODULES)
    result = subprocess.run(
        [sys.executable, "-c", _PURE, str(build_native.SRC), modules],
        input=json.dumps(pairs),
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    pure = json.loads(result.stdout)
    here = [[match(a, b).score, sorted(blocking_keys(a))] for a, b in pairs]
    assert len(pure) == len(pairs) > 300
    assert here == pure
