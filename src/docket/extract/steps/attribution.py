"""attribution.v2: resolve pronouns, give every fact to the person it is about, and build
the contract's Person records with evidence spans.

Who a fact belongs to is decided by position, the way a reader does it: the person a
possessive names ("his trial", "Nurmehmet's sentence"), the object of an active verb
("officials detained X") or the subject of a passive one ("X was detained"), else the
nearest person before the fact in its clause, else the person the text is about at that
point. A step that happens to people in general ("Uyghurs ... have been detained") goes to
no one beyond its own clause. Sources, relatives and others who were not themselves held,
tried or sentenced (bystanders) take no sentence, court, facility, charge or allegation: in
"... after unfair trials," Wang said" the words are hers, the facts are someone else's. The
name after "brother of" is the person the apposition hangs on, not the subject of what
follows ("Zaur, brother of the blogger Emin, arrested on 3 April 2015").

attribution.v3: a group the report names person by person gives its facts to those
persons and is no entry of its own (persons.v3); a court, facility or prison term the text
gives to one named person is not shared with the other persons of the report as the
case's ("Yunus may have been held in Turpan Prison" is Yunus's alone).

attribution.v4:
- an undated detention takes a date up to two sentences back ("On March 29, 1994, five
  monks removed signboards. The monks also put up posters. Police detained the monks");
- the case's detention is the first in the text, dated or dated by its context, not the
  first dated one ("... detained the protesters. ... arrested 13 on March 24");
- of a person's dated detentions, a short one ("detained for 15 days in 2001") a year
  before another is an earlier episode, not the date of the case;
- a lone unnamed person (persons.v4) owns the court, facility or term stated for them as a
  named person does, and a charge stated for them alone is not the case's;
- a facility renamed in parentheses ("Shenyang No. 2 Prison (also known as Dabei Prison)")
  is one place, named by its first name;
- "X was one of the nuns detained": X takes the date of the group the report dated;
- "detained Ji Hanliang (February 12), Zhang Shunying (February 13)": a date in
  parentheses right after a name, in a sentence that detains, is that person's;
- a term the text puts in an earlier case ("previously served a 2-year prison sentence")
  gives way to another term of the person.

attribution.v1 (the first version) was replaced before any release: its rules run through
assemble.py, and keeping both would have doubled that module.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from docket.extract.assemble import (
    APPEAL,
    VICTIM_EVENTS,
    Bag,
    doc_ethnicity,
    fill_from_case,
    merge_groups,
    own_facts_only,
    person_record,
    share_one_term,
)
from docket.extract.doc import Doc, EventMention, Mention
from docket.extract.lexicon import lexicon
from docket.extract.model import Person, Span
from docket.extract.pipeline import step
from docket.extract.shapes import GROUP_NOUNS
from docket.extract.text import wordset

_LIST_GAP = re.compile(
    r"^(?:\s*(?:,|and|;|\(|\)|\(\s*(?:age\s*|aged\s*)?\d{1,3}\s*\)|\d{1,3}(?=\s*,)))+\s*$"
)
_POSSESSIVE_PRONOUNS = wordset("his her their")
_WITNESSES = frozenset({"source", "relative"})
# "Rahile Tursun, her husband Abdulla Hashim, and ...": a kinship word inside a list.
_KIN_IN_LIST = re.compile(
    r"(?<=,)\s*(?:his|her|their)\s+(?:wife|husband|son|daughter|brother|sister|father"
    r"|mother|nephew|niece|cousin|uncle|aunt|brother-in-law|sister-in-law|son-in-law)\s+",
    re.IGNORECASE,
)
_GAP_AFTER_POSSESSOR = re.compile(r"^(?:'s?)?\s+$")
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
            if m.kind == "group" and doc.entities[m.entity].members:
                owners = list(doc.entities[m.entity].members)  # persons.v3: a named group
            if not owners:
                continue
            if m.kind == "pronoun" and (
                self._possessive(m) or any(g[0] <= m.span[0] < g[1] for g in groups)
            ):
                continue  # "his business partners": the partners, not him, are meant
            self.resolved.append((m, owners))
        self.resolved.sort(key=lambda r: r[0].span)
        self._possessors: dict[int, list[int]] = {}  # end of "his" / "Tashi's" -> owners
        for i, m in enumerate(doc.mentions):
            word = doc.norm[m.span[0] : m.span[1]].lower()
            if m.kind == "pronoun" and word in _POSSESSIVE_PRONOUNS and doc.targets.get(i):
                self._possessors[m.span[1]] = doc.targets[i]
            elif m.kind in ("name", "short") and doc.norm.startswith("'", m.span[1]):
                self._possessors[m.span[1]] = [m.entity]
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
            # A quoted source or a relative who speaks is seldom the "he" of the facts around
            # their words: prefer anyone else in reach ("Whitfield said his trial lasted an
            # hour", "her daughter said authorities never told the family where she is held").
            best = self._antecedent(history, m, known_sex, skip_sources=True)
            if best is None:
                best = self._antecedent(history, m, known_sex, skip_sources=False)
            if best is not None:
                doc.targets[i] = [best]
                if m.sex and best not in known_sex:
                    known_sex[best] = m.sex
                history.append(Mention(m.span, "short", best, m.sent))

    def _antecedent(
        self, history: list[Mention], m: Mention, known_sex: dict[int, str], *, skip_sources: bool
    ) -> int | None:
        doc = self.doc
        for h in reversed(history):
            if m.sent - h.sent > 3:
                break
            ent = doc.entities[h.entity]
            if h.kind == "group" or ent.group or (skip_sources and ent.role_hint in _WITNESSES):
                continue
            sex = known_sex.get(h.entity)
            if sex is not None and m.sex is not None and sex != m.sex:
                continue
            if self._is_possessor(h):
                continue
            return h.entity
        return None

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
                members = self.doc.entities[h.entity].members
                if members:  # persons.v3: a group the report names person by person
                    by_sent[h.sent] = list(members)
                else:
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
        """'Tsering Kyipo's father', 'brother of the blogger Emin Akhundov': the name a
        kinship word hangs on is not the person meant."""
        after = self.doc.norm[m.span[1] : m.span[1] + 30].lower()
        match = re.match(r"\s*'s?\s+(\w+(?:-in-law)?)", after)
        if match and match.group(1) in lexicon().kinship:
            return True
        before = self.doc.norm[max(0, m.span[0] - 50) : m.span[0]].lower()
        of = re.search(r"\b([\w-]+)\s+of\s+(?:the\s+|his\s+|her\s+)?(?:[\w-]+\s+){0,3}$", before)
        return bool(of and of.group(1) in lexicon().kinship)

    def _hangs_on(self, m: Mention) -> bool:
        """As `_is_possessor`, and "in connection to Nurmehmet's case": the name another
        noun hangs on is not the subject or object of a verb."""
        after = self.doc.norm[m.span[1] : m.span[1] + 30].lower()
        if m.kind != "pronoun" and re.match(r"\s*'s?\s+\w", after):
            return True
        return self._is_possessor(m)

    def possessor(self, pos: int) -> list[int]:
        """Owners of the possessive right before `pos`: 'his trial', "Tashi's sentence"."""
        for end in range(pos, max(-1, pos - 4), -1):
            owners = self._possessors.get(end)
            if owners and _GAP_AFTER_POSSESSOR.match(self.doc.norm[end:pos]):
                return owners
        return []

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
            if not _LIST_GAP.match(_KIN_IN_LIST.sub(" ", gap)):
                break
            for o in items[j + step][1]:
                if o not in owners:
                    owners.append(o)
            j += step
        return owners

    def before(self, pos: int, lo: int, skip: frozenset[int] = frozenset()) -> list[int]:
        items = [it for it in self._in(lo, pos) if not all(o in skip for o in it[1])]
        for k in range(len(items) - 1, -1, -1):
            if self._hangs_on(items[k][0]):
                continue
            return self._list_from(items, k, -1)
        return []

    def after(self, pos: int, hi: int, skip: frozenset[int] = frozenset()) -> list[int]:
        items = [it for it in self._in(pos, hi) if not all(o in skip for o in it[1])]
        for k in range(len(items)):
            if self._hangs_on(items[k][0]):
                continue
            return self._list_from(items, k, 1)
        return []

    def focus(self, pos: int, skip: frozenset[int] = frozenset()) -> list[int]:
        """The person the text is about at `pos`: the latest mention before it."""
        k = bisect_right(self._open_ends, pos)
        # ends are not sorted when mentions nest; step back to the last one that ends in time
        while k > 0 and self._open_ends[k - 1] > pos:
            k -= 1
        while k > 0 and all(o in skip for o in self._open[k - 1][1]):
            k -= 1
        if k > 0:
            return self._open[k - 1][1]
        j = bisect_left(self._open_starts, pos)
        while j < len(self._open) and all(o in skip for o in self._open[j][1]):
            j += 1
        return self._open[j][1] if j < len(self._open) else []

    def _blocked(self, owners: list[int]) -> bool:
        return all(o in self.blocked for o in owners)

    def event_owners(self, ev: EventMention) -> list[int]:
        doc = self.doc
        owned = self.possessor(ev.span[0])
        if owned:
            return owned
        if ev.kind != "notification" and _kin_is_meant(doc.norm, ev):
            return []  # "her mother was detained", "police took his brother away"
        clause = doc.clauses[doc.clause_of(ev.span[0])]
        sent = doc.sents[doc.sent_of(ev.span[0])]
        if ev.passive:
            found = self.before(ev.span[0], clause.start)
        else:
            found = self.after(ev.span[1], clause.end) or self.before(ev.span[0], clause.start)
        if ev.generic:
            return found
        return found or self.before(ev.span[0], sent[0]) or self.focus(ev.span[0])

    def near_owners(
        self,
        span: Span,
        events: list[tuple[EventMention, list[int]]] | None = None,
        skip: frozenset[int] = frozenset(),
    ) -> list[int]:
        """Owners of a fact at `span`: the possessor right before it, else the nearest
        person before it in its clause, else the owners of a related event in its sentence,
        else the nearest in the sentence; never one in `skip`."""
        doc = self.doc
        owned = [o for o in self.possessor(span[0]) if o not in skip]
        if owned:
            return owned
        clause = doc.clauses[doc.clause_of(span[0])]
        sent_i = doc.sent_of(span[0])
        sent = doc.sents[sent_i]
        found = self.before(span[0], clause.start, skip)
        if found:
            return found
        if events:
            same = [
                (ev, kept)
                for ev, o in events
                if ev.sent == sent_i and (kept := [x for x in o if x not in skip])
            ]
            if same:
                same.sort(key=lambda x: abs(x[0].span[0] - span[0]))
                return same[0][1]
        return (
            self.after(span[1], clause.end, skip)
            or self.before(span[0], sent[0], skip)
            or self.focus(span[0], skip)
        )


@cache
def _kin_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    kin = "|".join(sorted((re.escape(k) for k in lexicon().kinship), key=len, reverse=True))
    noun = rf"(?:his|her|their|the|[\w-]+'s?)\s+(?:\w+\s+)?(?:{kin})"
    subject = re.compile(
        rf"\b{noun}\s+(?:(?:was|were|is|are|had|has|have|been|being|also|later|then|reportedly"
        rf"|\w+ly)\s+){{1,4}}$",
        re.IGNORECASE,
    )
    obj = re.compile(rf"\s+{noun}\b(?!\s*,?\s*(?-i:[A-Z]))", re.IGNORECASE)
    return subject, obj


def _kin_is_meant(text: str, ev: EventMention) -> bool:
    """True when the step happens to someone's unnamed relative: the subject of a passive
    ("her mother was detained") or the object of an active verb ("detained his brother")."""
    subject, obj = _kin_patterns()
    if ev.passive:
        return bool(subject.search(text[max(0, ev.span[0] - 60) : ev.span[0]]))
    return bool(obj.match(text, ev.span[1]))


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


_PLURAL = re.compile(
    rf"\b(?:they|them|their|all|both|each|every|(?:the|these|those)\s+(?:[\w-]+\s+)?"
    rf"(?:{GROUP_NOUNS}))\b",
    re.IGNORECASE,
)


_BACK_REFERENCE = {
    "court": re.compile(r"\b(?:the|same|that|this)\s+(?:same\s+)?court\b", re.IGNORECASE),
    "facility": re.compile(
        r"\b(?:the|same|that|this)\s+(?:same\s+)?(?:prison|jail|camp|facility"
        r"|detention cent(?:er|re))\b",
        re.IGNORECASE,
    ),
    "term": re.compile(r"\b(?:same|identical|similar)\s+(?:sentences?|terms?)\b", re.IGNORECASE),
    "charge": re.compile(r"\b(?:same|identical|similar)\s+(?:charges?|crimes?)\b", re.IGNORECASE),
}


def _lone(doc: Doc, e: int) -> bool:
    """A single unnamed person (persons.v4: 'another monk whose name is unknown')."""
    ent = doc.entities[e]
    return ent.group and ent.count == 1 and not ent.members


def _stated_for_them(doc: Doc, kind: str, span: Span, owners: list[int], v4: bool = False) -> bool:
    """True when the sentence of a fact names its owners and no one else, each unmistakably
    (a full name, or a short name only one person bears), and no one in the plural: "Yunus may
    have been held in Turpan Prison", not "the court tried all 14" or "held Mr. Li" when two
    persons are named Li."""
    if not owners or any(doc.entities[o].group and not (v4 and _lone(doc, o)) for o in owners):
        return False
    s0, s1 = doc.sents[doc.sent_of(span[0])]
    if _PLURAL.search(doc.norm, s0, s1):
        return False
    # "sentenced Rahile Tursun to 11 years and her husband to 8 years": a relative too
    kin = lexicon().kinship
    for km in re.finditer(r"\b(?:his|her|their)\s+([\w-]+)", doc.norm[s0:s1], re.IGNORECASE):
        if km.group(1).lower() in kin:
            return False
    # "... Court tried Qiu. On July 4, the court tried 5 other practitioners": named again
    back = _BACK_REFERENCE[kind]
    if any(not s0 <= m.start() < s1 for m in back.finditer(doc.norm, span[1])):
        return False
    words: dict[str, set[int]] = {}
    for e, ent in enumerate(doc.entities):
        for form in [ent.name or "", *ent.aliases]:
            for w in form.replace("-", " ").split():
                words.setdefault(w, set()).add(e)
    named: set[int] = set()
    inside = [i.span for i in doc.institutions if s0 <= i.span[0] < s1]
    for m in doc.mentions:
        if v4 and m.kind == "group" and s0 <= m.span[0] < s1 and _lone(doc, m.entity):
            named.add(m.entity)
            continue
        if m.kind not in ("name", "short") or not s0 <= m.span[0] < s1:
            continue
        if any(a <= m.span[0] < b for a, b in inside):
            continue  # "Nanchang" in "Nanchang ... People's Court" names no one
        if m.kind == "short" and len(words.get(doc.text[m.span[0] : m.span[1]], {m.entity})) > 1:
            return False
        if re.match(r"\s*[\"\u201c\u201d]", doc.norm[m.span[1] : m.span[1] + 2]):
            return False  # 'sentenced "Luodan You"': a name in quotes may be another's form
        named.add(m.entity)
    # "sentenced Deng to 3 years and 6 months and Zhang, Zhang and Yan to 3 years": the court
    # of a sentence that names others too is theirs as well
    return set(owners) == named


_ONE_OF = re.compile(
    r"\s*(?:\([^)]{0,40}\)\s*)?(?:,\s*|\s+(?:was|is|were|had been)\s+(?:also\s+)?)"
    r"(?:one of|among)\s+the\s+(?:[\w-]+\s+){0,3}?"
    rf"(?P<noun>{GROUP_NOUNS})\b",
    re.IGNORECASE,
)


def _one_of_the_group(doc: Doc, persons: list[Person]) -> None:
    """'Alo Chime was one of the nuns detained': a person of a group the report dated takes
    the group's detention date (attribution.v4)."""
    groups = [
        (m, persons[m.entity])
        for m in doc.mentions
        if m.kind == "group" and persons[m.entity].detention_date and persons[m.entity].count > 1
    ]
    if not groups:
        return
    for m in doc.mentions:
        if m.kind not in ("name", "short") or doc.entities[m.entity].group:
            continue
        one = _ONE_OF.match(doc.norm, m.span[1])
        if not one:
            continue
        noun = one.group("noun").lower()
        found = next(
            (g for gm, g in groups if noun in doc.norm[gm.span[0] : gm.span[1]].lower()), None
        )
        if found is None or found.detention_date is None:
            continue
        person = persons[m.entity]
        person.detention_date = found.detention_date
        person.evidence["detention_date"] = list(found.evidence.get("detention_date", []))


def _dated_beside_the_name(doc: Doc, persons: list[Person]) -> None:
    """'detained Ji Hanliang (February 12), Zhang Shunying (February 13)': the date in
    parentheses right after a name, in a sentence that detains, is that person's date of
    detention (attribution.v4)."""
    detained = {ev.sent for ev in doc.events if ev.kind == "detention"}
    by_start = {d.span[0]: d for d in doc.dates if d.month is not None}
    for m in doc.mentions:
        if m.kind not in ("name", "short") or m.sent not in detained:
            continue
        end = m.span[1]
        opened = re.match(
            r"\s*\(\s*(?:(?:detained|arrested|taken)\s+)?(?:on\s+|in\s+)?", doc.norm[end:]
        )
        if not opened or "(" not in opened.group(0):
            continue
        date = by_start.get(end + opened.end())
        if date is None or not re.match(r"\s*\)", doc.norm[date.span[1] :]):
            continue
        person = persons[m.entity]
        person.detention_date = date.edtf()
        person.evidence["detention_date"] = [date.span]


def build_persons(doc: Doc, v3: bool = False, v4: bool = False) -> list[Person]:
    att = Attributor(doc)
    bags = [Bag() for _ in doc.entities]
    owned_events: list[tuple[EventMention, list[int]]] = []
    for ev in doc.events:
        owners = att.event_owners(ev)
        owned_events.append((ev, owners))
        for o in owners:
            bags[o].events.append(ev)
    held = {o for ev, owners in owned_events if ev.kind in VICTIM_EVENTS for o in owners}
    roles = {f.entity for f in doc.facts if f.field == "role" and f.entity is not None}
    bystanders = frozenset(
        e
        for e, ent in enumerate(doc.entities)
        if (ent.role_hint or e in roles) and not ent.group and e not in held
    )
    sentence_events = [
        (ev, o) for ev, o in owned_events if ev.kind in ("sentence", "trial", "conviction")
    ]
    paired = _respectively(doc, att)
    owners_of: dict[tuple[str, Span], list[int]] = {}
    for term in doc.terms:
        owners = (
            paired.get(term.span)
            or _term_for(doc, term.span, att)
            or att.near_owners(term.span, sentence_events, bystanders)
        )
        if term.kind in ("prison", "revision"):
            owners_of[("term", term.span)] = owners
        for o in owners:
            bags[o].terms.append((term.span, term.sentence, term.kind))
    for inst in doc.institutions:
        if inst.kind == "court":
            owners = att.near_owners(inst.span, sentence_events, bystanders)
            inst_sent = doc.sent_of(inst.span[0])
            same = [o for ev, o in sentence_events if ev.sent == inst_sent and o]
            if same:
                owners = same[0]
            clause = doc.clauses[doc.clause_of(inst.span[0])]
            appeal = bool(APPEAL.search(doc.norm[clause.start : clause.end]))
            owners_of[("court", inst.span)] = owners
            for o in owners:
                bags[o].courts.append((inst.span, inst.name, appeal))
        else:
            owners = att.near_owners(inst.span, None, bystanders)
            owners_of[("facility", inst.span)] = owners
            for o in owners:
                bags[o].facilities.append((inst.span, inst.name, inst.subtype))
    for ch in doc.charges:
        owners = att.near_owners(ch.span, owned_events, bystanders)
        if v4 and owners and all(_lone(doc, o) for o in owners):
            # a named person's charge is usually the case's (co-defendants), but a charge
            # stated for a person the report cannot name is theirs
            owners_of[("charge", ch.span)] = owners
        for o in owners:
            bags[o].charges.append((ch.span, ch.text, ch.categories, ch.stage, ch.statute))
    for f in doc.facts:
        if f.entity is not None:
            owners = [f.entity]
        elif f.field == "allegation":
            owners = att.near_owners(f.span, None, bystanders)
        else:
            owners = att.near_owners(f.span)
        for o in owners:
            bags[o].facts.setdefault(f.field, []).append((f.value, f.span))
    for i, m in enumerate(doc.mentions):
        if m.kind == "pronoun" and m.sex:
            for o in doc.targets.get(i, []):
                bags[o].facts.setdefault("pronoun_sex", []).append((m.sex, m.span))
    doc_eth = doc_ethnicity(doc)
    persons = []
    for e, _ent in enumerate(doc.entities):
        persons.append(person_record(doc, e, bags[e], doc_eth, v3, v4))
    stages = {
        id(p): max((c[3] for c in bag.charges), default=-1)
        for p, bag in zip(persons, bags, strict=True)
    }
    if not v3:
        fill_from_case(doc, persons, stages)
        share_one_term(doc, persons)
        return persons
    merge_groups(doc, persons)
    if v4:
        _one_of_the_group(doc, persons)
        _dated_beside_the_name(doc, persons)
    owned = {
        key: [m for o in found for m in (doc.entities[o].members or [o])]
        for key, found in owners_of.items()
        if _stated_for_them(doc, key[0], key[1], found, v4)
    }
    others = own_facts_only(persons, owned, v4)
    fill_from_case(doc, persons, stages, others, v4)
    share_one_term(doc, persons, others)
    merged = {e for e, ent in enumerate(doc.entities) if ent.members}
    return [p for e, p in enumerate(persons) if e not in merged]


@step(
    "attribution.v2",
    requires=("mentions", "events", "terms", "institutions", "charges", "facts"),
    provides=("persons",),
)
def attribution_v2(doc: Doc) -> None:
    """Give each fact to its person and build the Person records."""
    doc.persons = build_persons(doc)


@step(
    "attribution.v3",
    requires=("mentions", "events", "terms", "institutions", "charges", "facts"),
    provides=("persons",),
)
def attribution_v3(doc: Doc) -> None:
    """As attribution.v2; a named group is its members, and one person's court, facility
    or term is not the case's."""
    doc.persons = build_persons(doc, v3=True)


@step(
    "attribution.v4",
    requires=("mentions", "events", "terms", "institutions", "charges", "facts"),
    provides=("persons",),
)
def attribution_v4(doc: Doc) -> None:
    """As attribution.v3; a short detention is an earlier episode, not the case's date."""
    doc.persons = build_persons(doc, v3=True, v4=True)
