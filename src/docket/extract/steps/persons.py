"""persons.v1: who the report speaks of: named persons (with short forms and aliases),
unnamed groups ("four other Uyghurs whose identities are unknown"), and pronouns.

persons.v2: an apposition marks a source only with a source's title ("researcher",
"spokesperson") or a title and the body the person speaks for ("director at Human Rights
Watch"), never beside an ethnic group ("a Uyghur religious scholar" is a detainee's
description); "(a.k.a. Tang Jian)" gives aliases.

persons.v3: a group the report goes on to name ("nine Uyghur farmers ... They are A, B,
..."; "The three monks, A, B and C,"; "A, B and C ... the three men") is those persons, not
an entry of its own: its members are recorded and attribution gives them its facts; "nine
farmers, including A and B" leaves seven unnamed; "the nine farmers" after "nine farmers"
is the same group.

persons.v4: "X, a.k.a. Y", "X, also known as Y" and "X (Y in Chinese)" make Y an alias of
X, one person, never two entries; "a third student, whose name is not known" and "another
monk whose name is unknown" are an unnamed entry of count 1.

No trained model: a capitalised run of words is a candidate; gazetteers of places,
organisations and name elements, and the words around it (a person noun before it, an age
after it, a place word after it) decide whether it is a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from docket.extract.candidates import (
    PLACE_NEXT,
    Candidate,
    find_candidates,
    is_name_token,
    parenthetical,
)
from docket.extract.doc import Doc, Entity, Mention, Token
from docket.extract.lexicon import lexicon
from docket.extract.numbers import NUMBER, parse_count
from docket.extract.pipeline import step
from docket.extract.shapes import GROUP_NOUNS, is_organization, is_place
from docket.extract.text import wordset

# Han, Tibetan, Arabic (Uyghur), Cyrillic and Mongolian letters, with name separators.
_OTHER_SCRIPT = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\u0f00-\u0fff\u0600-\u06ff\u0400-\u04ff\u1800-\u18af"
    "\u00b7\u30fb\u2022\u0f0b-]+"
)
_PRONOUNS = {
    "he": ("male", False),
    "him": ("male", False),
    "his": ("male", False),
    "himself": ("male", False),
    "she": ("female", False),
    "her": ("female", False),
    "hers": ("female", False),
    "herself": ("female", False),
    "they": (None, True),
    "them": (None, True),
    "their": (None, True),
    "themselves": (None, True),
}


_GROUP = re.compile(
    rf"(?<![\w-])(?:(?:all|the)\s+)?(?:(?:at least|more than|over|about|around|nearly|some)\s+)?"
    rf"(?P<num>{NUMBER})\s+(?:of\s+(?:his|her|their|the)\s+)?(?:other\s+|more\s+|additional\s+)?"
    rf"(?P<mods>(?:[A-Za-z-]+\s+){{0,3}}?)(?P<noun>{GROUP_NOUNS})\b",
    re.IGNORECASE,
)


def find_groups(doc: Doc, named_per_sent: list[int]) -> list[tuple[tuple[int, int], int]]:
    """Unnamed groups: (span, count) for '4 other Uyghurs', 'all six of his business partners'."""
    out: list[tuple[tuple[int, int], int]] = []
    text = doc.norm
    for m in _GROUP.finditer(text):
        count = parse_count(m.group("num"))
        if count is None or count < 2 or count > 500:
            continue
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(?:of|one of|among)\s*$", before):
            continue  # "two of the monks": part of a group named elsewhere
        mods = m.group("mods").lower().split()
        if any(w in ("years", "year", "months", "days", "yuan", "of") for w in mods):
            continue
        s = doc.sent_of(m.start())
        window = named_per_sent[s] + (named_per_sent[s + 1] if s + 1 < len(named_per_sent) else 0)
        if window >= count:
            continue  # the group is spelled out by name
        out.append((m.span(), count))
    return out


_INCLUDING = re.compile(
    r"^\s*,?\s*(?:(?:\w+\s+){0,8}?)?(?:including|among them|among whom|such as|among"
    r" those (?:\w+\s+)?(?:were|was))\b",
    re.IGNORECASE,
)
_DEFINITE = re.compile(r"^(?:the|all|these|those)\s", re.IGNORECASE)
_OTHER = re.compile(r"\b(?:other|more|additional|further)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Group:
    """An unnamed group found in the text, and what persons.v3 decided about it."""

    span: tuple[int, int]
    count: int
    noun: str
    members: tuple[int, ...] = ()
    same_as: int | None = None  # index of an earlier group it refers back to


def _named_in(
    doc: Doc, mentions: list[Mention], entities: list[Entity], lo: int, hi: int
) -> list[int]:
    """Named persons (not sources or public figures) mentioned in [lo, hi), in text order."""
    out: list[int] = []
    for m in mentions:
        if m.kind not in ("name", "short") or not lo <= m.span[0] < hi:
            continue
        ent = entities[m.entity]
        if ent.group or ent.role_hint in ("source", "other") or m.entity in out:
            continue
        out.append(m.entity)
    return out


def groups_v3(
    doc: Doc,
    mentions: list[Mention],
    entities: list[Entity],
    lone: list[tuple[int, int]] | None = None,
) -> list[Group]:
    """Unnamed groups, with the named persons they turn out to be: a group is dropped when
    the names around it outnumber it, merged into them when they are as many, reduced by
    the names after 'including', and kept otherwise. `lone` (persons.v4): (position,
    entity) of single unnamed persons, who complete a group with the named ("three
    students ... A and B ... a third student, whose name is not known")."""
    text = doc.norm
    first_seen: dict[int, int] = {}
    for m in mentions:
        if m.kind in ("name", "short"):
            first_seen.setdefault(m.entity, m.span[0])
    nsent = len(doc.sents)
    out: list[Group] = []
    for gm in _GROUP.finditer(text):
        count = parse_count(gm.group("num"))
        if count is None or count < 2 or count > 500:
            continue
        before = text[max(0, gm.start() - 12) : gm.start()].lower()
        if re.search(r"\b(?:of|one of|among)\s*$", before):
            continue
        mods = gm.group("mods").lower().split()
        if any(w in ("years", "year", "months", "days", "yuan", "of") for w in mods):
            continue
        noun = gm.group("noun").lower()
        s = doc.sent_of(gm.start())
        phrase = gm.group(0)
        other = bool(_OTHER.search(phrase))
        if _DEFINITE.match(phrase):
            # "the nine farmers" after "nine farmers": the same people
            earlier = next(
                (k for k, g in enumerate(out) if g.count == count and g.noun == noun), None
            )
            if earlier is not None:
                out.append(Group(gm.span(), count, noun, same_as=earlier))
                continue
            lo = doc.sents[max(0, s - 2)][0]
            hi = doc.sents[min(nsent - 1, s + 1)][1]
            named = _named_in(doc, mentions, entities, lo, hi)
        else:
            lo = gm.end() if other else doc.sents[s][0]
            hi = doc.sents[min(nsent - 1, s + 2)][1]
            named = [
                e
                for e in _named_in(doc, mentions, entities, lo, hi)
                if first_seen.get(e, -1) >= (gm.end() if other else doc.sents[s][0])
            ]
        if len(named) > count:
            continue  # more names than people: the group is spelled out, but not which
        if lone and named and len(named) < count:
            extra = [e for pos, e in lone if gm.end() <= pos < hi]
            if len(named) + len(extra) == count:
                named = named + extra
        if len(named) == count:
            out.append(Group(gm.span(), count, noun, members=tuple(named)))
            continue
        if named and _INCLUDING.match(text[gm.end() : gm.end() + 80]):
            listed = _named_in(doc, mentions, entities, gm.end(), doc.sents[s][1])
            if 0 < len(listed) < count:
                out.append(Group(gm.span(), count - len(listed), noun))
                continue
        out.append(Group(gm.span(), count, noun))
    return out


# persons.v4: one person the report does not name: "a third student, whose name is not
# known", "another monk whose name is unknown", "an unidentified Uyghur man".
_UNKNOWN_NAME = (
    r"\s*,?\s*(?:whose\s+(?:name|identity|full name)\s+(?:is|was|remains|remained|has|had)\s+"
    r"(?:(?:still|also|not yet|yet to be|not been|never been)\s+)*"
    r"(?:not known|unknown|unclear|not clear|disclosed|released|given|confirmed|withheld|"
    r"not disclosed|not given|not released|not confirmed)"
    r"|who\s+(?:was|is|has)\s+not\s+(?:been\s+)?(?:named|identified))"
)
_LONE = re.compile(
    r"(?<![\w-])(?P<det>an?|another|one other|one more|a (?:second|third|fourth|fifth|sixth)"
    r"|the (?:second|third|fourth|fifth|sixth))\s+"
    r"(?P<words>(?:[A-Za-z-]+\s+){0,3}?[A-Za-z-]+)(?=(?P<tail>" + _UNKNOWN_NAME + r"))",
    re.IGNORECASE,
)
_UNNAMED = re.compile(
    r"(?<![\w-])(?:an?|another|one other)\s+(?:unidentified|unnamed)\s+"
    r"(?P<words>(?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)\b",
    re.IGNORECASE,
)
_PERSON_HEADS = frozenset(("man", "woman", "boy", "girl", "person", "individual", "youth"))


def _is_person_head(word: str) -> bool:
    lex = lexicon()
    return word in _PERSON_HEADS or word in lex.person_nouns or word in lex.occupations


def lone_unnamed(doc: Doc, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of single persons the report says it cannot name (persons.v4)."""
    out: list[tuple[int, int]] = []
    for rx in (_LONE, _UNNAMED):
        for m in rx.finditer(doc.norm):
            words = m.group("words").split()
            if rx is _LONE:
                if not _is_person_head(words[-1].lower()):
                    continue
                end = m.end("words")
            else:
                head = next((k for k, w in enumerate(words) if _is_person_head(w.lower())), None)
                if head is None:
                    continue
                end = m.start("words") + len(" ".join(words[: head + 1]))
                if doc.norm[m.start("words") : end] != " ".join(words[: head + 1]):
                    continue  # words split by line breaks or double spaces: leave it
            span = (m.start(), end)
            if any(a < span[1] and span[0] < b for a, b in [*taken, *out]):
                continue
            out.append(span)
    return out


def _lone_again(
    doc: Doc, span: tuple[int, int], taken: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Later mentions of a lone unnamed person: 'the unnamed monk', 'the other monk'."""
    head = doc.norm[span[0] : span[1]].split()[-1]
    again = re.compile(
        r"\b(?:the|this|that)\s+(?:unnamed|unidentified|other|second|third|fourth|latter)\s+"
        rf"(?:[A-Za-z-]+\s+)?{re.escape(head)}\b(?!s)",
        re.IGNORECASE,
    )
    return [
        m.span()
        for m in again.finditer(doc.norm, span[1])
        if not any(a < m.end() and m.start() < b for a, b in taken)
    ]


@step(
    "persons.v1",
    requires=("tokens", "sents", "clauses", "institutions"),
    provides=("entities", "mentions"),
)
def persons_v1(doc: Doc) -> None:
    """Find named persons, their short forms and aliases, unnamed groups and pronouns."""
    _persons(doc, v2=False)


@step(
    "persons.v2",
    requires=("tokens", "sents", "clauses", "institutions"),
    provides=("entities", "mentions"),
)
def persons_v2(doc: Doc) -> None:
    """As persons.v1, with sources read from their titles more strictly, and 'a.k.a.'."""
    _persons(doc, v2=True)


@step(
    "persons.v3",
    requires=("tokens", "sents", "clauses", "institutions"),
    provides=("entities", "mentions"),
)
def persons_v3(doc: Doc) -> None:
    """As persons.v2, where a group the report names person by person is those persons."""
    _persons(doc, v2=True, v3=True)


@step(
    "persons.v4",
    requires=("tokens", "sents", "clauses", "institutions"),
    provides=("entities", "mentions"),
)
def persons_v4(doc: Doc) -> None:
    """As persons.v3, with 'X, a.k.a. Y' one person and a lone unnamed person an entry."""
    _persons(doc, v2=True, v3=True, v4=True)


def _persons(doc: Doc, *, v2: bool, v3: bool = False, v4: bool = False) -> None:
    cands = find_candidates(doc, v2, v4)
    starts = {c.start: c for c in cands}
    entities: list[Entity] = []
    by_name: dict[str, int] = {}
    mentions: list[Mention] = []
    toks = doc.tokens
    accepted = [c for c in cands if c.accepted]
    alias_ranges: dict[int, list[tuple[int, int]]] = {}
    in_alias: set[tuple[int, int]] = set()
    for i, cand in enumerate(accepted):
        if (cand.start, cand.end) in in_alias:
            continue
        alias_ranges[i] = _aliases(doc, cand, v2, v4)
        if v4:
            alias_ranges[i] += _named_also(doc, cand, starts)
        in_alias.update(alias_ranges[i])
    mains = list(alias_ranges)
    # Longest names first so that "Tashi" can join "Tashi Drolkar".
    # v4: of names as long, one whose alias is named again on its own comes first, so that
    # the later mention joins it ("Zhou Lanfang, a.k.a. Zhou Lan ... sentenced Zhou Lan").
    keys = {" ".join(accepted[k].words) for k in mains}
    named_again = {
        k
        for k in mains
        if v4 and any(" ".join(t.text for t in toks[a:b]) in keys for a, b in alias_ranges[k])
    }
    for i in sorted(mains, key=lambda k: (-len(accepted[k].words), k not in named_again)):
        cand = accepted[i]
        key = " ".join(cand.words)
        if key in by_name:
            continue
        if len(cand.words) == 1 and _word_index(entities).get(cand.words[0]):
            # a lone word of a longer name: a short mention, resolved like the others below
            continue
        by_name[key] = len(entities)
        entity = Entity(name=_name_text(doc, cand.start, cand.end))
        entity.aliases = [_name_text(doc, *alias) for alias in alias_ranges[i]]
        entities.append(entity)
        if v4:  # "Zhou Lanfang, a.k.a. Zhou Lan ... sentenced Zhou Lan": the same person
            for form in entity.aliases:
                by_name.setdefault(form, by_name[key])
    for i in mains:
        cand = accepted[i]
        key = " ".join(cand.words)
        if key not in by_name:
            continue  # a short mention; see below
        e = by_name[key]
        ent = entities[e]
        span = (toks[cand.start].start, toks[cand.end - 1].end)
        if cand.role_hint and ent.role_hint is None:
            ent.role_hint = cand.role_hint
            ent.role_span = span
        if cand.sex_hint:
            ent.sex_hints.append((cand.sex_hint, span))
        kind = "name" if len(cand.words) > 1 or ent.name == cand.words[0] else "short"
        mentions.append(Mention(span, kind, e, toks[cand.start].sent))
        for alias in alias_ranges[i]:
            text = _name_text(doc, *alias)
            if text not in ent.aliases and text != ent.name:
                ent.aliases.append(text)
            if text == ent.name:
                continue
            mentions.append(
                Mention(
                    (toks[alias[0]].start, toks[alias[1] - 1].end), "short", e, toks[alias[0]].sent
                )
            )
            for w in [text, *text.split()]:
                by_name.setdefault(w, e)
    taken = {m.span for m in mentions}
    covered = [m.span for m in mentions]
    # Short mentions: a lone word that is part of a known name ("Nurmehmet", "Rao", "Yuan").
    index = _word_index(entities)
    covered_chars = bytearray(len(doc.text) + 1)
    for s, e in covered:
        covered_chars[s:e] = b"\x01" * (e - s)
    for k, tok in enumerate(toks):
        if tok.text not in index or not is_name_token(tok):
            continue
        span = (tok.start, tok.end)
        if span in taken or covered_chars[tok.start]:
            continue
        owner = _nearest_owner(index[tok.text], mentions, span[0])
        if owner is not None:
            mentions.append(Mention(span, "short", owner, toks[k].sent))
            taken.add(span)
    # Pronouns, resolved later.
    for t in toks:
        if t.lower in _PRONOUNS:
            sex, plural = _PRONOUNS[t.lower]
            mentions.append(Mention((t.start, t.end), "pronoun", -1, t.sent, sex, plural))
    if v3:
        lone: list[tuple[int, int]] = []
        if v4:
            taken_spans = [m.span for m in mentions if m.kind != "pronoun"]
            for span in lone_unnamed(doc, taken_spans):
                lone.append((span[0], len(entities)))
                mentions.append(Mention(span, "group", len(entities), doc.sent_of(span[0])))
                for again in _lone_again(doc, span, [*taken_spans, *(m.span for m in mentions)]):
                    mentions.append(Mention(again, "group", len(entities), doc.sent_of(again[0])))
                entities.append(Entity(name=None, count=1, group=True))
        mentions.sort(key=lambda m: m.span)
        ids: list[int] = []
        for g in groups_v3(doc, mentions, entities, lone):
            if g.same_as is not None:
                e = ids[g.same_as]
            else:
                e = len(entities)
                entities.append(Entity(name=None, count=g.count, group=True))
                entities[e].members = list(g.members)
            ids.append(e)
            mentions.append(Mention(g.span, "group", e, doc.sent_of(g.span[0]), plural=True))
        mentions.sort(key=lambda m: m.span)
        doc.entities = entities
        doc.mentions = mentions
        return
    named_per_sent = [0] * len(doc.sents)
    for sent, _e in {(m.sent, m.entity) for m in mentions if m.kind != "pronoun"}:
        named_per_sent[sent] += 1
    for span, count in find_groups(doc, named_per_sent):
        mentions.append(Mention(span, "group", len(entities), doc.sent_of(span[0]), plural=True))
        entities.append(Entity(name=None, count=count, group=True))
    mentions.sort(key=lambda m: m.span)
    doc.entities = entities
    doc.mentions = mentions


def _name_text(doc: Doc, a: int, b: int) -> str:
    toks = doc.tokens
    return re.sub(r"\s+", " ", doc.text[toks[a].start : toks[b - 1].end]).strip()


def _word_index(entities: list[Entity]) -> dict[str, set[int]]:
    """Each word of each name and alias -> the entities whose names hold it."""
    index: dict[str, set[int]] = {}
    for i, e in enumerate(entities):
        if not e.name:
            continue
        for form in [e.name.replace("-", " "), *e.aliases]:
            for w in form.split():
                index.setdefault(w, set()).add(i)
    return index


def _nearest_owner(owners: set[int], mentions: list[Mention], pos: int) -> int | None:
    """Of the entities a short name may mean, the one mentioned last before `pos`."""
    if len(owners) == 1:
        return next(iter(owners))
    best: tuple[int, int] | None = None
    for m in mentions:
        if m.entity in owners:
            dist = pos - m.span[0] if m.span[0] <= pos else 10**9 + m.span[0] - pos
            if best is None or dist < best[0]:
                best = (dist, m.entity)
    return best[1] if best else None


_ALIAS_WORDS = frozenset(("also", "known", "as", "aka", "a.k.a.", "alias", "or", "lay", "name"))
_ALIAS_WORDS_V2 = frozenset(("a.k.a", "."))
# persons.v4: "(Huang Xueqin in Chinese)", "(Chinese: 黄雪琴)"
_LANGUAGES = wordset(
    "chinese mandarin cantonese pinyin tibetan uyghur uighur kazakh kyrgyz mongolian "
    "russian belarusian azerbaijani azeri persian farsi vietnamese arabic english"
)
_ALSO_NAMED = re.compile(
    r"\s*,?\s*(?:a\.k\.a\.?|aka|also known as|also called|better known as|known as|alias)\s+"
    r"(?=\S)",
    re.IGNORECASE,
)


def _named_also(doc: Doc, cand: Candidate, starts: dict[int, Candidate]) -> list[tuple[int, int]]:
    """The other name in 'X, a.k.a. Y' / 'X, also known as Y' (persons.v4)."""
    toks = doc.tokens
    end = toks[cand.end - 1].end
    m = _ALSO_NAMED.match(doc.norm, end)
    if not m:
        return []
    k = cand.end
    while k < len(toks) and toks[k].start < m.end():
        k += 1
    if k >= len(toks) or toks[k].start != m.end() or toks[k].sent != toks[cand.end - 1].sent:
        return []
    other = starts.get(k)
    if other is not None:
        j = other.end
    else:
        j = k
        while j < len(toks) and is_name_token(toks[j]) and j - k < 5:
            j += 1
    if j == k:
        return []
    if _no_alias(toks[k:j]):
        return []
    return [(k, j)]


def _no_alias(tokens: list[Token]) -> bool:
    """True when the words are a place, an organisation or ordinary words, not a name."""
    words = [t.text for t in tokens]
    return (
        is_place(words)
        or is_organization(words)
        or all(w.lower() in lexicon().common_words for w in words)
    )


def _aliases(
    doc: Doc, cand: Candidate, v2: bool = False, v4: bool = False
) -> list[tuple[int, int]]:
    """Names in parentheses after a name: 'Tabe (Tape, Tashi)', 'Tenzin Choedrag (Tenchoe)'."""
    toks = doc.tokens
    inner = parenthetical(doc, cand.end)
    if not inner:
        return []
    a, b = inner
    if v4:
        # "(Chinese: 黄雪琴)", "(Huang Xueqin in Chinese)": the language is no part of the name
        if b - a > 2 and toks[a].lower in _LANGUAGES and toks[a + 1].text == ":":
            a += 2
        if b - a > 2 and toks[b - 1].lower in _LANGUAGES and toks[b - 2].lower == "in":
            b -= 2
        if a < b and all(_OTHER_SCRIPT.fullmatch(t.text) for t in toks[a:b]):
            return [(a, b)]
    after = toks[b + 1] if b + 1 < len(toks) else None
    if after is not None and after.lower in PLACE_NEXT:
        return []
    if a < b and all(_OTHER_SCRIPT.fullmatch(t.text) for t in toks[a:b]):
        return [(a, b)]  # "Ilham Tohti (伊力哈木·土赫提)": the name in its own script
    out: list[tuple[int, int]] = []
    k = a
    while k < b:
        if toks[k].lower in _ALIAS_WORDS or (v2 and toks[k].lower in _ALIAS_WORDS_V2):
            k += 1
            continue
        j = k
        while j < b and is_name_token(toks[j]):
            j += 1
        if j == k:
            return out if toks[k].text in (",", ";") and out else []
        if _no_alias(toks[k:j]):
            return []
        out.append((k, j))
        k = j
        if k < b and toks[k].text in (",", ";"):
            k += 1
    return out
