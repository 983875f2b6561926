"""attribution.v1: resolve pronouns, give every fact to the person it is about, and build
the contract's Person records with evidence spans.

Who a fact belongs to is decided by position, the way a reader does it: the object of an
active verb ("officials detained X") or the subject of a passive one ("X was detained"),
else the nearest person before the fact in its clause, else the person the text is about
at that point.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from docket.extract.assemble import (
    APPEAL,
    Bag,
    doc_ethnicity,
    fill_from_case,
    person_record,
    share_one_term,
)
from docket.extract.doc import Doc, EventMention, Mention
from docket.extract.lexicon import lexicon
from docket.extract.model import Person, Span
from docket.extract.pipeline import step
from docket.extract.text import wordset

_LIST_GAP = re.compile(
    r"^(?:\s*(?:,|and|;|\(|\)|\(\s*(?:age\s*|aged\s*)?\d{1,3}\s*\)|\d{1,3}(?=\s*,)))+\s*$"
)
_AFTER_OBJECT_HER = wordset(
    "to in on at for with and from into by after before during until since as while when "
    "because that who which without under over about again back away out up down home free "
    "there here later"
)


class Attributor:
    """Owners of positions in a document, from its resolved mentions."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.blocked = {i for i, e in enumerate(doc.entities) if e.role_hint == "other"}
        self._resolve_pronouns()
        self.resolved: list[tuple[Mention, list[int]]] = []
        groups = [m.span for m in doc.mentions if m.kind == "group"]
        for i, m in enumerate(doc.mentions):
            owners = doc.targets.get(i) if m.kind == "pronoun" else [m.entity]
            if not owners:
                continue
            if m.kind == "pronoun" and (
                self._possessive(m) or any(g[0] <= m.span[0] < g[1] for g in groups)
            ):
                continue  # "his business partners": the partners, not him, are meant
            self.resolved.append((m, owners))
        self.resolved.sort(key=lambda r: r[0].span)
        self._starts = [m.span[0] for m, _ in self.resolved]
        self._open = [(m, o) for m, o in self.resolved if not self._blocked(o)]
        self._open_ends = [m.span[1] for m, _ in self._open]
        self._open_starts = [m.span[0] for m, _ in self._open]

    def _possessive(self, m: Mention) -> bool:
        """'his', 'their', and 'her' before a noun: a possessor, not the person meant."""
        word = self.doc.norm[m.span[0] : m.span[1]].lower()
        if word in ("his", "their", "its"):
            return True
        if word != "her":
            return False
        nxt = re.match(r"\s*([\w'-]+)", self.doc.norm[m.span[1] : m.span[1] + 30])
        return bool(nxt and nxt.group(1).lower() not in _AFTER_OBJECT_HER)

    # -- pronouns -------------------------------------------------------------------------
    def _resolve_pronouns(self) -> None:
        doc = self.doc
        known_sex: dict[int, str] = {}
        for f in doc.facts:
            if f.field == "sex" and f.entity is not None and isinstance(f.value, str):
                known_sex.setdefault(f.entity, f.value)
        history: list[Mention] = []
        for i, m in enumerate(doc.mentions):
            if m.kind != "pronoun":
                if m.entity not in self.blocked:
                    history.append(m)
                continue
            if m.plural:
                doc.targets[i] = self._plural_targets(history, m)
                continue
            best: int | None = None
            for h in reversed(history):
                if m.sent - h.sent > 3:
                    break
                if h.kind == "group" or doc.entities[h.entity].group:
                    continue
                sex = known_sex.get(h.entity)
                if sex is not None and m.sex is not None and sex != m.sex:
                    continue
                if self._is_possessor(h):
                    continue
                best = h.entity
                break
            if best is not None:
                doc.targets[i] = [best]
                if m.sex and best not in known_sex:
                    known_sex[best] = m.sex
                history.append(Mention(m.span, "short", best, m.sent))

    def _plural_targets(self, history: list[Mention], m: Mention) -> list[int]:
        """'they', 'them': the persons named together most recently, or a group."""
        by_sent: dict[int, list[int]] = {}
        group_at: dict[int, int] = {}
        recent = []
        for h in reversed(history):
            if m.sent - h.sent > 3:
                break
            recent.append(h)
        for h in reversed(recent):
            if h.kind == "group":
                group_at[h.sent] = h.entity
                continue
            by_sent.setdefault(h.sent, [])
            if h.entity not in by_sent[h.sent]:
                by_sent[h.sent].append(h.entity)
        for s in range(m.sent, max(-1, m.sent - 4), -1):
            if len(by_sent.get(s, [])) >= 2:
                return by_sent[s]
            if s in group_at:
                return [group_at[s]]
        return []

    def _is_possessor(self, m: Mention) -> bool:
        """'Tsering Kyipo's father': the name before a kinship word is not the person."""
        after = self.doc.norm[m.span[1] : m.span[1] + 30].lower()
        match = re.match(r"\s*'s?\s+(\w+(?:-in-law)?)", after)
        return bool(match and match.group(1) in lexicon().kinship)

    # -- owners ---------------------------------------------------------------------------
    def _in(self, lo: int, hi: int) -> list[tuple[Mention, list[int]]]:
        """Resolved mentions inside [lo, hi), in text order."""
        k = bisect_left(self._starts, lo)
        out = []
        while k < len(self.resolved) and self._starts[k] < hi:
            m, o = self.resolved[k]
            if m.span[1] <= hi:
                out.append((m, o))
            k += 1
        return out

    def _list_from(self, items: list[tuple[Mention, list[int]]], k: int, step: int) -> list[int]:
        """Owners of item k and of the items coordinated with it ('A, B, and C')."""
        owners = list(items[k][1])
        j = k
        while 0 <= j + step < len(items):
            a, b = (items[j], items[j + step]) if step > 0 else (items[j + step], items[j])
            gap = self.doc.norm[a[0].span[1] : b[0].span[0]]
            if not _LIST_GAP.match(gap):
                break
            for o in items[j + step][1]:
                if o not in owners:
                    owners.append(o)
            j += step
        return owners

    def before(self, pos: int, lo: int, skip_possessors: bool = False) -> list[int]:
        items = self._in(lo, pos)
        for k in range(len(items) - 1, -1, -1):
            if skip_possessors and self._is_possessor(items[k][0]):
                continue
            return self._list_from(items, k, -1)
        return []

    def after(self, pos: int, hi: int) -> list[int]:
        items = self._in(pos, hi)
        for k in range(len(items)):
            if self._is_possessor(items[k][0]):
                continue
            return self._list_from(items, k, 1)
        return []

    def focus(self, pos: int) -> list[int]:
        """The person the text is about at `pos`: the latest mention before it."""
        k = bisect_right(self._open_ends, pos)
        # ends are not sorted when mentions nest; step back to the last one that ends in time
        while k > 0 and self._open_ends[k - 1] > pos:
            k -= 1
        if k > 0:
            return self._open[k - 1][1]
        j = bisect_left(self._open_starts, pos)
        return self._open[j][1] if j < len(self._open) else []

    def _blocked(self, owners: list[int]) -> bool:
        return all(o in self.blocked for o in owners)

    def event_owners(self, ev: EventMention) -> list[int]:
        doc = self.doc
        clause = doc.clauses[doc.clause_of(ev.span[0])]
        sent = doc.sents[doc.sent_of(ev.span[0])]
        if ev.passive:
            found = self.before(ev.span[0], clause.start)
        else:
            found = self.after(ev.span[1], clause.end) or self.before(ev.span[0], clause.start)
        return found or self.before(ev.span[0], sent[0]) or self.focus(ev.span[0])

    def near_owners(
        self, span: Span, events: list[tuple[EventMention, list[int]]] | None = None
    ) -> list[int]:
        """Owners of a fact at `span`: nearest person before it in its clause, else the
        owners of a related event in its sentence, else the nearest in the sentence."""
        doc = self.doc
        clause = doc.clauses[doc.clause_of(span[0])]
        sent_i = doc.sent_of(span[0])
        sent = doc.sents[sent_i]
        found = self.before(span[0], clause.start, skip_possessors=True)
        if found:
            return found
        if events:
            same = [(ev, o) for ev, o in events if ev.sent == sent_i and o]
            if same:
                same.sort(key=lambda x: abs(x[0].span[0] - span[0]))
                return same[0][1]
        return (
            self.after(span[1], clause.end)
            or self.before(span[0], sent[0], skip_possessors=True)
            or self.focus(span[0])
        )


def _term_for(doc: Doc, span: Span, att: Attributor) -> list[int]:
    """'13 years for Tenzin Dorje', 'Wang Deqing (6 years)'."""
    after = doc.norm[span[1] : span[1] + 12]
    if re.match(r"^(?:'s?)?\s*(?:in prison\s+|of imprisonment\s+)?for\s", after):
        clause = doc.clauses[doc.clause_of(span[0])]
        items = att._in(span[1], min(clause.end, span[1] + 40))
        if items:
            return items[0][1]
    return []


def _respectively(doc: Doc, att: Attributor) -> dict[Span, list[int]]:
    """'sentenced Guo and Xiao to 13 years and 6 years, respectively': pair them in order."""
    out: dict[Span, list[int]] = {}
    for s0, s1 in doc.sents:
        if "respectively" not in doc.norm[s0:s1]:
            continue
        terms = [t for t in doc.terms if s0 <= t.span[0] < s1 and t.kind != "administrative"]
        if len(terms) < 2:
            continue
        owners: list[int] = []
        for _m, o in att._in(s0, terms[0].span[0]):
            for e in o:
                if e not in owners:
                    owners.append(e)
        if len(owners) != len(terms):
            continue
        for term, e in zip(terms, owners, strict=True):
            out[term.span] = [e]
    return out


def build_persons(doc: Doc) -> list[Person]:
    att = Attributor(doc)
    bags = [Bag() for _ in doc.entities]
    owned_events: list[tuple[EventMention, list[int]]] = []
    for ev in doc.events:
        owners = att.event_owners(ev)
        owned_events.append((ev, owners))
        for o in owners:
            bags[o].events.append(ev)
    sentence_events = [(ev, o) for ev, o in owned_events if ev.kind in ("sentence", "trial")]
    paired = _respectively(doc, att)
    for term in doc.terms:
        owners = (
            paired.get(term.span)
            or _term_for(doc, term.span, att)
            or att.near_owners(term.span, sentence_events)
        )
        for o in owners:
            bags[o].terms.append((term.span, term.sentence, term.kind))
    for inst in doc.institutions:
        if inst.kind == "court":
            owners = att.near_owners(inst.span, sentence_events)
            inst_sent = doc.sent_of(inst.span[0])
            same = [o for ev, o in sentence_events if ev.sent == inst_sent]
            if same:
                owners = same[0]
            clause = doc.clauses[doc.clause_of(inst.span[0])]
            appeal = bool(APPEAL.search(doc.norm[clause.start : clause.end]))
            for o in owners:
                bags[o].courts.append((inst.span, inst.name, appeal))
        else:
            for o in att.near_owners(inst.span):
                bags[o].facilities.append((inst.span, inst.name, inst.subtype))
    for ch in doc.charges:
        for o in att.near_owners(ch.span, owned_events):
            bags[o].charges.append((ch.span, ch.text, ch.categories, ch.stage, ch.statute))
    for f in doc.facts:
        owners = [f.entity] if f.entity is not None else att.near_owners(f.span)
        for o in owners:
            bags[o].facts.setdefault(f.field, []).append((f.value, f.span))
    for i, m in enumerate(doc.mentions):
        if m.kind == "pronoun" and m.sex:
            for o in doc.targets.get(i, []):
                bags[o].facts.setdefault("pronoun_sex", []).append((m.sex, m.span))
    doc_eth = doc_ethnicity(doc)
    persons = []
    for e, _ent in enumerate(doc.entities):
        persons.append(person_record(doc, e, bags[e], doc_eth))
    stages = {
        id(p): max((c[3] for c in bag.charges), default=-1)
        for p, bag in zip(persons, bags, strict=True)
    }
    fill_from_case(doc, persons, stages)
    share_one_term(doc, persons)
    return persons


@step(
    "attribution.v1",
    requires=("mentions", "events", "terms", "institutions", "charges", "facts"),
    provides=("persons",),
)
def attribution_v1(doc: Doc) -> None:
    """Give each fact to its person and build the Person records."""
    doc.persons = build_persons(doc)
