"""Rebuild the generated gazetteers in src/docket/extract/data/ from public sources.

    python scripts/build_gazetteers.py [--csv PATH]

Sources:
- the CECC Political Prisoner Database export (US government work, public domain),
  ../shared/corpus/raw/cecc_ppd_2020-07-23_to2017.csv.gz: place names from the residence and
  place-of-detention columns, facility names from the facility column. Person names are never
  read from it.
- pypinyin's character dictionary (MIT licence): the inventory of Mandarin pinyin syllables.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import re
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "docket" / "extract" / "data"
DEFAULT_CSV = ROOT.parent / "shared" / "corpus" / "raw" / "cecc_ppd_2020-07-23_to2017.csv.gz"

PLACE_COLUMNS = (
    "residence_province",
    "residence_prefecture",
    "residence_county",
    "province_imprisoned_detained",
    "prefecture_imprisoned_detained",
    "county_imprisoned_detained",
)
# Administrative suffixes in the export ("Ganzi [Kardze] Cty.", "Lasa [Lhasa] Shi (pref.)").
ADMIN_WORDS = {
    "province",
    "region",
    "auto",
    "auto.",
    "pref",
    "pref.",
    "prefecture",
    "cty",
    "cty.",
    "county",
    "shi",
    "muni",
    "muni.",
    "urb",
    "urb.",
    "area",
    "prov",
    "prov.",
    "sar",
    "league",
    "banner",
    "tibetan",
    "mongol",
    "qiang",
    "hui",
    "kazakh",
    "uyghur",
    "zhuang",
    "yi",
    "miao",
    "tujia",
    "dong",
    "bai",
    "li",
    "naxi",
    "lisu",
    "dai",
    "&",
    "and",
    "district",
    "dist",
    "dist.",
    "city",
    "town",
    "twp",
    "twp.",
    "township",
    "na",
    "foreign",
    "general",
    "location",
    "gen'l",
    "unknown",
}
FACILITY_ABBREVIATIONS = (
    (r"\bDet\. Ctr\.?", "Detention Center"),
    (r"\bRTL Ctr\.?", "RTL Center"),
    (r"\bCtr\.?", "Center"),
    (r"\bPref\.", "Prefecture"),
    (r"\bNo\.(?=\d)", "No. "),
)
FACILITY_HEADS = ("Prison", "Detention Center", "RTL Center", "Camp", "Jail", "Center")


def _clean(cell: str) -> str:
    return re.sub(r"\s+", " ", cell.replace("?", "")).strip()


def place_names(cell: str) -> set[str]:
    """Split an export place cell into its names: 'Ganzi [Kardze] Cty.' -> {Ganzi, Kardze}."""
    out: set[str] = set()
    cell = re.sub(r"\(.*?\)", " ", _clean(cell))
    for part in re.split(r"[\[\],/]", cell):
        words = [w for w in part.split() if w.lower() not in ADMIN_WORDS]
        name = " ".join(words).strip(" .")
        if len(name) >= 3 and re.fullmatch(r"[A-Z][\w'’ -]+", name):
            out.add(name.replace("’", "'"))
    return out


def facility_names(cell: str) -> list[tuple[str, str]]:
    """Return (name, nickname) pairs: 'TAR Prison (Drapchi)' -> ('TAR Prison', 'Drapchi')."""
    cell = _clean(cell)
    if not cell or "general location" in cell or "gen'l" in cell:
        return []
    nick = ""
    m = re.search(r"\(([^)]+)\)", cell)
    if m:
        nick = m.group(1).strip()
        cell = (cell[: m.start()] + cell[m.end() :]).strip()
    cell = cell.split(",")[0].strip()
    for pattern, repl in FACILITY_ABBREVIATIONS:
        cell = re.sub(pattern, repl, cell)
    if not cell.endswith(FACILITY_HEADS) or len(cell.split()) < 2:
        return []
    if nick and not re.fullmatch(r"[A-Z][a-z]+", nick):
        nick = ""
    return [(cell, nick)]


def pinyin_syllables() -> list[str]:
    from pypinyin import pinyin_dict

    out: set[str] = set()
    for readings in pinyin_dict.pinyin_dict.values():
        for reading in readings.split(","):
            plain = "".join(
                c for c in unicodedata.normalize("NFKD", reading) if not unicodedata.combining(c)
            )
            if plain.isalpha() and plain.isascii():
                out.add(plain.lower())
    out |= {"lv", "nv", "lue", "nue"}
    return sorted(out)


def common_words(rows: list[dict[str, str]]) -> list[str]:
    """Words written in lower case mid-sentence at least as often as capitalised: English."""
    lower: dict[str, int] = {}
    upper: dict[str, int] = {}
    for row in rows:
        text = row["short_summary"].replace("’", "'")
        for m in re.finditer(r"(?<![\w'-])([A-Za-z][a-z'-]*[a-z])\b", text):
            word = m.group(1)
            before = text[max(0, m.start() - 2) : m.start()]
            if word[0].islower():
                lower[word] = lower.get(word, 0) + 1
            elif not re.search(r"[.!?\"(:;]\s*$|^\s*$", before):
                upper[word.lower()] = upper.get(word.lower(), 0) + 1
    return sorted(w for w, n in lower.items() if n >= 3 and n >= upper.get(w, 0))


def write(path: Path, header: str, lines: list[str]) -> None:
    path.write_text(header + "".join(f"{line}\n" for line in lines), encoding="utf-8")
    print(f"{path.relative_to(ROOT)}: {len(lines)} entries")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    args = ap.parse_args()
    with gzip.open(args.csv, "rt", encoding="utf-8", errors="replace") as fh:
        rows = list(csv.DictReader(fh))
    places: set[str] = set()
    facilities: dict[str, str] = {}
    for row in rows:
        for col in PLACE_COLUMNS:
            places |= place_names(row[col])
        for name, nick in facility_names(row["current_last_prison_detentioncenter"]):
            if nick or name not in facilities:
                facilities[name] = nick
    source = (
        "# Generated by scripts/build_gazetteers.py; do not edit by hand.\n"
        "# Source: CECC Political Prisoner Database export 2020-07-23 (US government work,\n"
        "# public domain), via ../shared/corpus/raw/cecc_ppd_2020-07-23_to2017.csv.gz.\n"
    )
    write(
        DATA / "places_cecc.txt",
        source + "# Place names (pinyin and local forms).\n",
        sorted(places),
    )
    write(
        DATA / "facilities_cecc.tsv",
        source + "# Detention facilities: name<TAB>nickname used in reports (may be empty).\n",
        [f"{name}\t{nick}" for name, nick in sorted(facilities.items())],
    )
    write(
        DATA / "common_words.txt",
        source + "# English words seen in lower case mid-sentence at least 3 times and at least\n"
        "# as often as capitalised there: ordinary vocabulary, not names.\n",
        common_words(rows),
    )
    write(
        DATA / "pinyin_syllables.txt",
        "# Generated by scripts/build_gazetteers.py; do not edit by hand.\n"
        "# Source: Mandarin syllable inventory from pypinyin's dictionary (MIT licence).\n",
        pinyin_syllables(),
    )


if __name__ == "__main__":
    main()
