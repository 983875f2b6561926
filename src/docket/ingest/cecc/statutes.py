"""CECC statute codes ("CL97-art300(1)", "CL79-art102", "PSAPL-art23(1)") as charges.

The law of each prefix is named as in the charge vocabulary's `statutes` data
(docket/vocab/data/charge_categories.json), and a code takes the category whose statute
list names its article: "300" covers every paragraph of article 300, "103(1)" only that
paragraph, "90-104" a range of articles (a hyphenated entry whose second number is
larger; "120-1" is article 120-1, as in the 1997 Criminal Law).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from docket.vocab import terms

LAWS = {
    "CL97": "PRC Criminal Law 1997",
    "CL79": "PRC Criminal Law 1979",
    "PSAPL": "PRC Public Security Administration Punishments Law",
}
OTHER = "other"
_CODE = re.compile(r"^(?P<law>[A-Za-z]+\d*)-art(?P<article>\d+(?:-\d+)?)(?:\((?P<para>\d+)\))?$")
_ENTRY = re.compile(r"^(?P<article>\d+(?:-\d+)?)(?:\((?P<para>\d+)\))?$")


@dataclass(frozen=True)
class Statute:
    """One parsed code: the law's name, the article (and paragraph), and its category."""

    code: str
    law: str
    article: str
    paragraph: str
    category: str

    @property
    def text(self) -> str:
        para = f"({self.paragraph})" if self.paragraph else ""
        return f"{self.law}, article {self.article}{para}"


def _covers(entry: str, article: str, paragraph: str) -> bool:
    match = _ENTRY.match(entry)
    if match is None:
        return False
    wanted, para = match.group("article"), match.group("para")
    if "-" in wanted and "-" not in article:
        low, high = (int(n) for n in wanted.split("-"))
        if high > low:  # a range of articles
            return low <= int(article) <= high
    if wanted != article:
        return False
    return para is None or not paragraph or para == paragraph


@cache
def _category_of(law: str, article: str, paragraph: str) -> str:
    for category in terms.charge_categories().values():
        entries = category.statutes.get(law, ())
        if any(_covers(entry, article, paragraph) for entry in entries):
            return category.id
    return OTHER


def parse_statutes(value: str) -> tuple[list[Statute], list[str]]:
    """Return the statutes of a CECC `charge_statute` cell and the codes not understood."""
    found: list[Statute] = []
    unknown: list[str] = []
    for code in re.split(r"[/,;]", value):
        code = code.strip()
        if not code:
            continue
        match = _CODE.match(code)
        if match is None or match.group("law") not in LAWS:
            unknown.append(code)
            continue
        law = LAWS[match.group("law")]
        article, paragraph = match.group("article"), match.group("para") or ""
        found.append(Statute(code, law, article, paragraph, _category_of(law, article, paragraph)))
    return found, unknown
