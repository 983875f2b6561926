"""The compiled name matcher (scripts/build_native.py) must be built from the sources."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("build_native", ROOT / "scripts/build_native.py")
assert spec is not None and spec.loader is not None
build_native = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build_native)


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
