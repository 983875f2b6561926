"""Compile the name matcher's hot modules to C extensions with mypyc (part of mypy).

    .venv/bin/python scripts/build_native.py          # build next to the sources
    .venv/bin/python scripts/build_native.py --clean  # remove the built extensions

`make install` runs it. The modules stay plain, typed Python (mypy strict): compiled, they
give the same scores about twice as fast, which the 1M-name dedupe needs (bench/names.py).
Without a C compiler or Python headers the build fails with a warning and exit code 0, and
Python imports the .py files as before. An extension is imported in place of its .py file,
so a .py changed after the build must be compiled again (tests/names/test_native.py fails
until it is).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
MODULES = ("docket/names/align.py", "docket/names/match.py", "docket/names/keys.py")
GROUP = "docket.names.native"  # the shared runtime: docket/names/native__mypyc*.so
# What the extensions were built from: one "sha256 path" line per module.
STAMP = SRC / "docket" / "names" / "native.sources"


def source_hashes() -> str:
    """The stamp's text for the sources as they are now."""
    lines = [f"{hashlib.sha256((SRC / m).read_bytes()).hexdigest()} {m}" for m in MODULES]
    return "\n".join(lines) + "\n"


def built() -> list[Path]:
    """The extension files in the source tree, as this script makes them."""
    names = SRC / "docket" / "names"
    stems = [Path(module).stem for module in MODULES] + [GROUP.rsplit(".", 1)[1] + "__mypyc"]
    return sorted(path for stem in stems for path in names.glob(f"{stem}.*.so"))


def clean() -> None:
    for path in built():
        path.unlink()
    STAMP.unlink(missing_ok=True)


def build() -> bool:
    """Compile MODULES in place; False (with the reason printed) if that cannot be done."""
    try:
        from mypyc.build import mypycify
        from setuptools import setup
    except ImportError as exc:
        print(f"build_native: {exc}; the name matcher stays pure Python", file=sys.stderr)
        return False
    with tempfile.TemporaryDirectory(prefix="docket-native-") as tmp:
        try:
            extensions = mypycify(
                [str(SRC / module) for module in MODULES],
                opt_level="3",
                target_dir=f"{tmp}/c",
                group_name=GROUP,
            )
            setup(
                name="docket-names-native",
                ext_modules=extensions,
                script_args=[
                    "--quiet",
                    "build_ext",
                    "--inplace",
                    "--build-temp",
                    f"{tmp}/temp",
                    "--build-lib",
                    f"{tmp}/lib",
                ],
            )
        except (SystemExit, Exception) as exc:  # a compiler error ends setup() with SystemExit
            clean()
            print(
                f"build_native: compiling failed ({exc}); the name matcher stays pure Python"
                " (same results, slower)",
                file=sys.stderr,
            )
            return False
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clean", action="store_true", help="remove the built extensions")
    args = parser.parse_args()
    clean()
    if args.clean:
        return 0
    os.chdir(SRC)  # build_ext --inplace writes next to the modules, relative to here
    if build():
        STAMP.write_text(source_hashes(), encoding="utf-8")
        print(f"build_native: compiled {', '.join(path.name for path in built())}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
