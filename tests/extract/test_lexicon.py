"""Gazetteers load, and every data file says where it comes from."""

from __future__ import annotations

from docket.extract.lexicon import DATA_DIR, lexicon, plural


def test_lexicon_loads_once() -> None:
    assert lexicon() is lexicon()
    lex = lexicon()
    assert lex.ethnic["uighur"] == "Uyghur"
    assert "wang" in lex.surnames_zh
    assert "tenzin" in lex.name_parts
    assert "ganzi" in lex.places
    assert lex.occupations["monks"] == "monk"


def test_lexicon_data_files_note_their_sources() -> None:
    for path in DATA_DIR.iterdir():
        if path.suffix in (".txt", ".tsv"):
            head = path.read_text(encoding="utf-8")[:600].lower()
            assert "source" in head, path.name


def test_plural() -> None:
    assert plural("monk") == "monks"
    assert plural("businessman") == "businessmen"
    assert plural("chant master") == "chant masters"
    assert plural("activity") == "activities"
