"""Building the contract's Person records from the facts attribution gave each entity:
which date is the detention date, which term is the sentence, which court and facility,
the status, the role, and what the case as a whole supplies when a person's own facts are
silent."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise

from docket.extract.doc import DateMention, Doc, EventMention, Token
from docket.extract.lexicon import lexicon
from docket.extract.model import Event, Person, Sentence, Span
from docket.extract.shapes import AMBIGUOUS_ETHNIC, occupations_in
from docket.extract.text import in_earlier_case, wordset

_STATE_NOUNS = wordset(
    "authorities authority government officials official police court courts state law laws "
    "border embassy consulate ministry president citizens citizenship nationals passport "
    "security army military media press foreign"
)
# Steps that make a person a victim: held, charged, tried, convicted, sentenced or freed.
VICTIM_EVENTS = ("detention", "arrest", "custody", "conviction", "sentence", "trial", "release")
# Steps that say when a person was first taken: the detention date comes only from these.
_TAKEN = ("detention", "arrest")
APPEAL = re.compile(r"appeal|upheld|uphold|rejected|overturn|retrial|re-trial|review", re.I)


@dataclass
class Bag:
    """Facts gathered for one entity, each with its evidence span."""

    events: list[EventMention] = field(default_factory=list)
    terms: list[tuple[Span, Sentence, str]] = field(default_factory=list)
    courts: list[tuple[Span, str, bool]] = field(default_factory=list)  # appeal flag
    facilities: list[tuple[Span, str, str]] = field(default_factory=list)
    charges: list[tuple[Span, str, tuple[str, ...], int, bool]] = field(default_factory=list)
    facts: dict[str, list[tuple[object, Span]]] = field(default_factory=dict)


def _context_date(doc: Doc, ev: EventMention, reach: int = 1) -> DateMention | None:
    """An undated detention takes the latest date before it in its or the previous sentence
    (`reach` sentences back), unless that date is another step's ("convicted in January
    2024. He was detained ...")."""
    s = doc.sent_of(ev.span[0])
    lo = doc.sents[max(0, s - reach)][0]
    other = {x.date.span for x in doc.events if x.date and x.kind not in (*_TAKEN, "custody")}
    prior = [
        d
        for d in doc.dates
        if not d.citation
        and lo <= d.span[0] < ev.span[0]
        and d.span not in other
        and not (reach > 1 and _names_a_year(doc, d))
    ]
    if prior and not _is_birth(doc, prior[-1]):
        return prior[-1]
    return None


_YEAR_AS_NAME = re.compile(r"\b(?:the|a|an|its|his|her|their)\s+$", re.IGNORECASE)


def _names_a_year(doc: Doc, date: DateMention) -> bool:
    """'the 1959 Lhasa uprising', 'the 2008 protests': a year that names an event, not when
    a step happened (attribution.v4)."""
    return date.month is None and bool(
        _YEAR_AS_NAME.search(doc.norm, max(0, date.span[0] - 8), date.span[0])
    )


_SINCE = re.compile(r"\b(?:since|from)\s+(?:the\s+)?(?:early\s+|mid-?\s*|late\s+)?$", re.I)


def _precise(dated: list[EventMention]) -> DateMention | None:
    """attribution.v3: the first date, unless a later one of the same year is more precise
    ("seven practitioners detained during January to June 2016 ... Li, detained April 7")."""
    first = dated[0].date
    if first is None:
        return None
    rank = (first.month is not None) + (first.day is not None)
    for ev in dated[1:]:
        d = ev.date
        if (
            d is not None
            and d.year == first.year
            and (d.month is not None) + (d.day is not None) > rank
        ):
            return d
    return first


# attribution.v4: a detention the text gives a short duration ("detained for 15 days in
# 2001") a year before another detention is an earlier episode, not the case's detention.
_BRIEF = re.compile(
    r"\bfor (?:about |around |more than |over |nearly |up to |only |just )?(?:several|a few"
    r"|a couple of|\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|twenty|thirty|a|an)\s+(?:days?|weeks?|months?|hours?|nights?)"
    r"\b",
    re.IGNORECASE,
)


def _brief(doc: Doc, ev: EventMention) -> bool:
    """True when the clause of a detention gives it a short duration (attribution.v4)."""
    clause = doc.clauses[doc.clause_of(ev.span[0])]
    s0, s1 = doc.sents[doc.sent_of(ev.span[0])]
    lo = max(s0, min(clause.start, ev.span[0] - 12))
    return bool(_BRIEF.search(doc.norm, lo, min(s1, max(clause.end, ev.span[1] + 80))))


def _earlier_term(doc: Doc, span: Span) -> bool:
    """A term the words before it, in its sentence, put in an earlier case (v4)."""
    s0 = doc.sents[doc.sent_of(span[0])][0]
    return in_earlier_case(doc.norm, max(s0, span[0] - 100), span[0])


def _case_detentions(doc: Doc) -> list[EventMention]:
    return [ev for ev in doc.events if ev.kind in _TAKEN and not ev.generic]


def _drop_earlier_episodes(doc: Doc, dated: list[EventMention]) -> list[EventMention]:
    """Without the short detentions of a year before another detention (attribution.v4)."""
    lasting = [ev for ev in dated if not _brief(doc, ev)]
    last_year = max((ev.date.year for ev in lasting if ev.date), default=None)
    if last_year is None:
        return dated
    return [ev for ev in dated if ev in lasting or (ev.date and ev.date.year >= last_year)]


def _pick_detention(
    doc: Doc,
    events: list[EventMention],
    *,
    case_fallback: bool,
    v3: bool = False,
    v4: bool = False,
) -> DateMention | None:
    """When the person was first detained: their first dated detention (else arrest); an
    undated one takes the latest date of its sentence or the one before, if no other step
    claims it; then custody dated by "since" or "from" ("held since April 2018"); failing
    that (and only for a possible victim), the case's first dated detention that is not
    about people in general, or the context date of its first undated one. Never a date
    the text does not tie to a detention: a wrong date is worse than none."""
    for kinds in (("detention",), ("arrest",)):
        dated = [ev for ev in events if ev.kind in kinds and ev.date is not None]
        if v4 and len(dated) > 1:
            dated = _drop_earlier_episodes(doc, dated)
        if v4 and dated and case_fallback and all(_brief(doc, ev) for ev in dated):
            # "detained Hu for 15 days in 2001" and the case's detentions in 2015
            case = next((ev.date for ev in _case_detentions(doc) if ev.date), None)
            if case and all(ev.date and ev.date.year < case.year for ev in dated):
                return case
        if dated:
            return _precise(dated) if v3 else dated[0].date
        for ev in events:
            if ev.kind in kinds:
                date = _context_date(doc, ev, 2 if v4 else 1)
                if date:
                    return date
    for ev in events:
        if ev.kind == "custody" and ev.date and _SINCE.search(doc.norm[: ev.date.span[0]][-30:]):
            return ev.date
    if not case_fallback:
        return None
    taken = _case_detentions(doc)
    if v4:
        # in text order, an undated detention dated by its context comes before a later
        # dated step ("... on March 10. Police detained the protesters. ... arrested 13 on
        # March 24")
        return next((d for ev in taken if (d := ev.date or _context_date(doc, ev, 2))), None)
    first = next((ev.date for ev in taken if ev.date), None)
    if first:
        return first
    return next((d for ev in taken if (d := _context_date(doc, ev, 2 if v4 else 1))), None)


def _is_birth(doc: Doc, date: DateMention) -> bool:
    before = doc.norm[max(0, date.span[0] - 40) : date.span[0]].lower()
    return bool(re.search(r"\bborn\b[^.;]*$", before))


def _status(doc: Doc, events: list[EventMention], has_term: bool) -> tuple[str | None, Span | None]:
    """Last known status: deceased, released (and not detained again), sentenced, detained."""
    by_kind: dict[str, list[EventMention]] = {}
    for ev in sorted(events, key=lambda x: x.span):
        by_kind.setdefault(ev.kind, []).append(ev)
    if "death" in by_kind:
        return "deceased", by_kind["death"][-1].span
    held = [
        ev
        for k in ("detention", "arrest", "custody", "conviction", "sentence")
        for ev in by_kind.get(k, [])
    ]
    if "release" in by_kind:
        release = by_kind["release"][-1]
        later = [ev for ev in held if ev.span[0] > release.span[0] and _dated_after(ev, release)]
        if not later:
            return "released", release.span
    if "sentence" in by_kind or "conviction" in by_kind or has_term:
        sentenced = by_kind.get("sentence") or by_kind.get("conviction")
        return "sentenced", sentenced[-1].span if sentenced else None
    held_events = (
        by_kind.get("detention")
        or by_kind.get("arrest")
        or by_kind.get("custody")
        or by_kind.get("trial")
    )
    if held_events:
        last = held_events[-1]
        if re.match(r"disappeared|went missing", doc.norm[last.span[0] : last.span[1]], re.I):
            return "disappeared", last.span
        return "detained", last.span
    return None, None


def _dated_after(ev: EventMention, ref: EventMention) -> bool:
    """True unless both are dated and `ev` is dated before `ref`."""
    if ev.date is None or ref.date is None:
        return True
    return ev.date.key() >= ref.date.key()


def _names_a_body(toks: list[Token], i: int) -> bool:
    """True when token i starts or sits in the name of an organisation or place ("Talysh
    Cultural Centre", "Uyghur Autonomous Region"): a capitalised run that ends in a head
    word such as Centre, Society or Region."""
    heads = lexicon().org_heads
    j = i + 1
    while j < len(toks) and j <= i + 4 and toks[j].text[:1].isupper():
        if toks[j].lower in heads:
            return True
        j += 1
    return False


def doc_ethnicity(doc: Doc) -> tuple[str, Span] | None:
    """The ethnic group a report names most (60% or more of its ethnic words), if any.
    Words inside the name of a body ("Xinjiang Uyghur Autonomous Region", "Tibetan Centre
    for Human Rights") count only when the report names no group outside such names."""
    lex = lexicon()
    counts: Counter[str] = Counter()
    in_names: Counter[str] = Counter()
    first: dict[str, Span] = {}
    toks = doc.tokens
    for i, t in enumerate(toks):
        if t.text[:1].isupper() and t.lower in lex.ethnic and t.lower not in AMBIGUOUS_ETHNIC:
            after = doc.norm[t.end : t.end + 30].lower()
            if (
                i + 1 < len(toks)
                and toks[i + 1].text in _STATE_NOUNS
                and not re.match(r"\s*government[- ]in[- ]exile", after)
            ):
                continue  # "Kazakh authorities": a nationality, not an ethnic group
            value = lex.ethnic[t.lower]
            (in_names if _names_a_body(toks, i) else counts)[value] += 1
            first.setdefault(value, (t.start, t.end))
    counts = counts or in_names
    if not counts:
        return None
    value, n = counts.most_common(1)[0]
    if value == "Han" or n < 0.6 * sum(counts.values()):
        return None
    return value, first[value]


_AUTHORITY_WORDS = wordset(
    "official government official officer police officer policeman cadre judge prosecutor "
    "procurator security guard soldier army officer party secretary village official "
    "director head chief guide"
)


def _doc_occupation(doc: Doc) -> tuple[str, Span] | None:
    """The occupation the report names most often ('monks' of a monastery), if any; not one
    that belongs to someone else ("his lawyer", "told reporters", "brother of the blogger
    Emin")."""
    counts: Counter[str] = Counter()
    first: dict[str, Span] = {}
    by_sent: dict[int, list[Token]] = {}
    for t in doc.tokens:
        by_sent.setdefault(t.sent, []).append(t)
    kin_of = re.compile(r"\b(\w+(?:-in-law)?)\s+of\s+(?:the\s+|a\s+|an\s+)?(?:[\w-]+\s+)?$")
    for toks in by_sent.values():
        for a, b, occ in occupations_in([t.text for t in toks]):
            if occ in _AUTHORITY_WORDS or (a > 0 and toks[a - 1].lower in _NOT_THEIRS):
                continue  # "his lawyer said", "told reporters": someone else's occupation
            if b < len(toks) and toks[b].lower in _SPEECH:
                continue  # "Human rights defenders believe": the people speaking
            kin = kin_of.search(doc.norm[max(0, toks[a].start - 40) : toks[a].start].lower())
            if kin and kin.group(1) in lexicon().kinship:
                continue  # "son of a farmer", "brother of the exiled blogger Emin"
            counts[occ] += 1
            first.setdefault(occ, (toks[a].start, toks[b - 1].end))
    if not counts:
        return None
    occ, _ = counts.most_common(1)[0]
    return occ, first[occ]


_SPEECH = wordset(
    "said say says believe believed believes told reported report claim claimed stated noted "
    "argue argued fear feared"
)
_NOT_THEIRS = wordset("his her their its 's ' my our your told tell tells telling informed")


def share_one_term(
    doc: Doc, persons: list[Person], others: dict[int, set[tuple[str, Span]]] | None = None
) -> None:
    """'sentenced each to 3 years' imprisonment': when a report gives a single prison term,
    victims without a term of their own share it; with `others` (attribution.v3), not a
    term the text gives to another named person ("Kamil was sentenced to 10 years")."""
    terms = [t for t in doc.terms if t.kind in ("prison", "revision")]
    values = {t.sentence for t in terms}
    if len(values) != 1:
        return
    term = terms[0]
    for i, p in enumerate(persons):
        if others is not None and all(("term", t.span) in others.get(i, set()) for t in terms):
            continue
        if p.role == "victim" and p.sentence is None and p.name is not None:
            p.sentence = term.sentence
            p.evidence["sentence"] = [term.span]


_GROUP_FIELDS = (
    "sex",
    "ethnicity",
    "occupations",
    "detention_date",
    "court",
    "facility",
    "charges",
    "charge_categories",
    "sentence",
    "status",
    "allegations",
)


def merge_groups(doc: Doc, persons: list[Person]) -> None:
    """A group the report names person by person (`Entity.members`) is those persons: each
    takes the group's facts for the fields the text gives them none of their own."""
    for ent, group in zip(doc.entities, persons, strict=True):
        for e in ent.members:
            member = persons[e]
            for name in _GROUP_FIELDS:
                value = getattr(group, name)
                if value in (None, []) or getattr(member, name) not in (None, []):
                    continue
                setattr(member, name, list(value) if isinstance(value, list) else value)
                if name in group.evidence:
                    member.evidence[name] = list(group.evidence[name])
            if group.role == "victim" and member.role != "victim":
                member.role = "victim"
                if "role" in group.evidence:
                    member.evidence["role"] = list(group.evidence["role"])
            known = {(ev.type, ev.date) for ev in member.events}
            member.events.extend(ev for ev in group.events if (ev.type, ev.date) not in known)
            member.events.sort(key=lambda ev: ev.evidence[0] if ev.evidence else (0, 0))


def own_facts_only(
    persons: list[Person], owners: dict[tuple[str, Span], list[int]], v4: bool = False
) -> dict[int, set[tuple[str, Span]]]:
    """For each person, the court, facility and term spans that attribution gave to some
    other named person alone: those are that person's, not the case's to share."""
    out: dict[int, set[tuple[str, Span]]] = {}
    for key, found in owners.items():
        # v4: a single unnamed person ("another monk whose name is unknown") owns facts too
        named = [o for o in found if persons[o].name is not None or (v4 and persons[o].count == 1)]
        if not named:
            continue
        words = {w for o in named for w in _name_words(persons[o])}
        for i, p in enumerate(persons):
            # "Drubpa Kyab" and "Gangkye Drubpa Kyab" may be one person named two ways
            if i not in named and not words & _name_words(p):
                out.setdefault(i, set()).add(key)
    return out


def _name_words(p: Person) -> set[str]:
    return {w.lower() for form in [p.name or "", *p.aliases] for w in form.split() if len(w) > 1}


_RENAMED = re.compile(
    r"\s*\(\s*(?:(?:also\s+)?(?:known|called|referred to)\s+as|a\.k\.a\.?|aka|formerly|or|i\.e\.)?"
    r"\s*[\"\u201c\u2018']?\s*"
)


def facility_aliases(doc: Doc) -> set[Span]:
    """Facilities that rename the one before them in parentheses (attribution.v4):
    'Shenyang No. 2 Prison (also known as Dabei Prison)', 'Guizhou No. 1 Women's Prison
    ("Yang'ai Prison")' are one place, named by its first name."""
    found = sorted(i.span for i in doc.institutions if i.kind == "facility")
    out: set[Span] = set()
    for prev, span in pairwise(found):
        m = _RENAMED.match(doc.norm, prev[1])
        if m and m.end() == span[0] and "(" in doc.norm[prev[1] : span[0]]:
            out.add(span)
    return out


def _last_facility(found: list[tuple[Span, str, str]]) -> tuple[Span, str]:
    """The last place of detention named; a prison outranks the detention centre or police
    station a report mentions after it (pre-trial history told late)."""
    prisons = [f for f in found if f[2] == "prison"]
    span, name, _ = (prisons or found)[-1]
    return span, name


def _main_person_sex(doc: Doc, persons: list[Person]) -> None:
    """When every (or nearly every) he/she of a report is of one sex, the report's most
    named person, if their own pronouns were given to someone else, is of that sex."""
    counts: Counter[str] = Counter(m.sex for m in doc.mentions if m.kind == "pronoun" and m.sex)
    if not counts:
        return
    sex, n = counts.most_common(1)[0]
    if n < 0.8 * sum(counts.values()):
        return
    named: Counter[int] = Counter(
        m.entity
        for m in doc.mentions
        if m.kind in ("name", "short") and doc.entities[m.entity].name
    )
    if not named:
        return
    main, _ = named.most_common(1)[0]
    person = persons[main]
    if person.sex is None and person.role == "victim":
        person.sex = sex
        first = next(m.span for m in doc.mentions if m.kind == "pronoun" and m.sex == sex)
        person.evidence["sex"] = [first]


def fill_from_case(
    doc: Doc,
    persons: list[Person],
    stages: dict[int, int],
    others: dict[int, set[tuple[str, Span]]] | None = None,
    v4: bool = False,
) -> None:
    """A report is usually about one case: a victim with no court (or facility, or charge)
    of their own shares the one the report names for the case; a relative who was detained
    too does not share the case's occupation. `stages` maps id(person) to the furthest stage
    of their own charges; `others` (attribution.v3) maps a person's index to the courts and
    facilities the text gives to another named person, which are not shared with them
    ("Yunus may have been held in Turpan Prison")."""
    courts = [i for i in doc.institutions if i.kind == "court"]
    first_court = None
    for inst in courts:
        clause = doc.clauses[doc.clause_of(inst.span[0])]
        if not APPEAL.search(doc.norm[clause.start : clause.end]):
            first_court = inst
            break
    first_court = first_court or (courts[0] if courts else None)
    occupation = _doc_occupation(doc)
    renamed = facility_aliases(doc) if v4 else set()
    facilities = [i for i in doc.institutions if i.kind == "facility" and i.span not in renamed]
    doc_top = max((ch.stage for ch in doc.charges), default=-1)
    _main_person_sex(doc, persons)
    relatives = {
        id(p) for p, ent in zip(persons, doc.entities, strict=False) if ent.role_hint == "relative"
    }
    for i, p in enumerate(persons):
        if p.role != "victim" or p.name is None:
            continue
        theirs = others.get(i, set()) if others is not None else set()
        court = first_court
        if court is not None and ("court", court.span) in theirs:
            court = next((c for c in courts if ("court", c.span) not in theirs), None)
        if p.court is None and court is not None:
            p.court = court.name
            p.evidence["court"] = [court.span]
        if occupation and not p.occupations and id(p) not in relatives:
            p.occupations = [occupation[0]]
            p.evidence["occupations"] = [occupation[1]]
        shared = [f for f in facilities if ("facility", f.span) not in theirs]
        if p.facility is None and shared:
            span, name = _last_facility([(f.span, f.name, f.subtype) for f in shared])
            p.facility = name
            p.evidence["facility"] = [span]
        # When the case went further (an indictment, a trial, a verdict) on other charges than
        # the ones the person was first held on, the later charges are the case's. v4: not a
        # charge the text states for another person alone.
        charges = [c for c in doc.charges if not v4 or ("charge", c.span) not in theirs]
        top = max((ch.stage for ch in charges), default=-1) if v4 else doc_top
        if p.charge_categories and stages.get(id(p), -1) < top and top >= 2:
            p.charge_categories = []
            p.evidence.pop("charge_categories", None)
        if not p.charge_categories and charges:
            top = max(ch.stage for ch in charges)
            for ch in charges:
                if ch.stage < top:
                    continue
                for cat in ch.categories:
                    if cat not in p.charge_categories:
                        p.charge_categories.append(cat)
                        p.evidence.setdefault("charge_categories", []).append(ch.span)


def _first(values: list[tuple[object, Span]]) -> tuple[object, Span] | None:
    return values[0] if values else None


def person_record(
    doc: Doc,
    e: int,
    bag: Bag,
    doc_eth: tuple[str, Span] | None,
    v3: bool = False,
    v4: bool = False,
) -> Person:
    ent = doc.entities[e]
    ev: dict[str, list[Span]] = {}
    p = Person(name=ent.name, aliases=list(ent.aliases), count=ent.count)
    first = next((m.span for m in doc.mentions if m.entity == e and m.kind != "pronoun"), None)
    if ent.name and first:
        ev["name"] = [first]
    # sex: stated words first, then the majority of pronouns
    stated = bag.facts.get("sex", [])
    if stated:
        counts = Counter(str(v) for v, _ in stated)
        p.sex = counts.most_common(1)[0][0]
        ev["sex"] = [s for v, s in stated if v == p.sex][:3]
    else:
        pron = bag.facts.get("pronoun_sex", [])
        if pron and not ent.group:
            counts = Counter(str(v) for v, _ in pron)
            top, n = counts.most_common(1)[0]
            if n > sum(counts.values()) - n:
                p.sex = top
                ev["sex"] = [s for v, s in pron if v == top][:3]
    if p.sex is None and ent.name and "name" in ev:
        p.sex = name_sex(ent.name, v3)
        if p.sex:
            ev["sex"] = ev["name"][:1]
    age = _first(bag.facts.get("age", []) or bag.facts.get("age_free", []))
    if age:
        p.age = int(str(age[0]))
        ev["age"] = [age[1]]
    eth = _first(bag.facts.get("ethnicity", []))
    if eth:
        p.ethnicity = str(eth[0])
        ev["ethnicity"] = [eth[1]]
    occs = bag.facts.get("occupation", [])
    for v, s in occs:
        if str(v) not in p.occupations:
            p.occupations.append(str(v))
            ev.setdefault("occupations", []).append(s)
    victim = (
        ent.group
        or any(x.kind in VICTIM_EVENTS for x in bag.events)
        or any(t[2] in ("prison", "revision") for t in bag.terms)
        or bool(bag.courts or bag.facilities or bag.charges)
    )
    roles = [str(v) for v, _ in bag.facts.get("role", [])]
    # A person the report says nothing else about may still be its subject; only a
    # source, a relative or a public figure is kept out of the case's dates.
    bystander = bool(ent.role_hint or roles)
    date = _pick_detention(
        doc, bag.events, case_fallback=victim or not bystander, v3=v3 or v4, v4=v4
    )
    if date:
        p.detention_date = date.edtf()
        ev["detention_date"] = [date.span]
    courts = [c for c in bag.courts if not c[2]] or bag.courts
    if courts:
        p.court = courts[0][1]
        ev["court"] = [courts[0][0]]
    renamed = facility_aliases(doc) if v4 else set()
    facilities = [(s, n, k) for s, n, k in bag.facilities if s not in renamed]
    if facilities:
        span, name = _last_facility(facilities)
        p.facility = name
        ev["facility"] = [span]
    prison = [t for t in bag.terms if t[2] in ("prison", "revision")]
    if v4:
        # "previously served a 2-year prison sentence": an earlier case's term gives way
        prison = [t for t in prison if not _earlier_term(doc, t[0])] or prison
    if prison:
        # The first term the report gives, unless it was later commuted or reduced to another.
        revisions = [t for t in prison if t[2] == "revision"]
        span, sentence, _ = revisions[-1] if revisions else prison[0]
        p.sentence = sentence
        ev["sentence"] = [span]
    # The categories of the charges at the furthest stage named (a charge changed to,
    # then a conviction, then a charge, then a suspicion); every charge is listed.
    top_stage = max((c[3] for c in bag.charges), default=0)
    for span, quoted, cats, stage, statute in bag.charges:
        if quoted not in p.charges and not statute:
            p.charges.append(quoted)
            ev.setdefault("charges", []).append(span)
        if stage < top_stage:
            continue
        for c in cats:
            if c not in p.charge_categories:
                p.charge_categories.append(c)
                ev.setdefault("charge_categories", []).append(span)
    for v, s in bag.facts.get("allegation", []):
        if str(v) not in p.allegations:
            p.allegations.append(str(v))
            ev.setdefault("allegations", []).append(s)
    p.events = _person_events(doc, bag.events)
    status, status_span = _status(doc, bag.events, bool(prison))
    if status in (None, "detained") and "enforced_disappearance" in p.allegations:
        # "has not been heard from since", "whereabouts unknown": held where no one knows
        status, status_span = (
            "disappeared",
            ev["allegations"][p.allegations.index("enforced_disappearance")],
        )
    if status:
        p.status = status
        if status_span:
            ev["status"] = [status_span]
    role_facts = bag.facts.get("role", [])
    if victim:
        p.role = "victim"
        ev["role"] = _victim_evidence(bag, ent.group, doc, e)
    elif ent.role_hint:
        p.role = ent.role_hint
        if ent.role_span:
            ev["role"] = [ent.role_span]
    elif roles:
        p.role = roles[0]
        ev["role"] = [role_facts[0][1]]
    elif any(x.kind in VICTIM_EVENTS and not x.generic for x in doc.events):
        # Named in a report about detentions, with no other part: most likely one of those
        # detained ("Lhaga, one of the detained nuns, was released").
        p.role = "victim"
    else:
        p.role = "other"
    if p.ethnicity is None and doc_eth and p.role == "victim" and not ent.group:
        p.ethnicity = doc_eth[0]
        ev["ethnicity"] = [doc_eth[1]]
    if ent.group:
        ev["count"] = [m.span for m in doc.mentions if m.entity == e and m.kind == "group"][:1]
    for alias in p.aliases:
        spans = [
            m.span
            for m in doc.mentions
            if m.entity == e and doc.text[m.span[0] : m.span[1]] == alias
        ]
        if spans:
            ev.setdefault("aliases", []).append(spans[0])
    p.evidence = {k: [_whole_words(doc.text, s) for s in v] for k, v in ev.items() if v}
    return p


_SON_OF = wordset("oglu oğlu ogly uly uulu")
_DAUGHTER_OF = wordset("qizi qızı kizi kızı gizi kyzy")


_PATRONYMIC_MALE = re.compile(r"(?:ovich|evich|ovych|evych|ich)$")
_PATRONYMIC_FEMALE = re.compile(r"(?:ovna|evna|ichna|ivna|ovni)$")


def name_sex(name: str, v3: bool = False) -> str | None:
    """Sex that a name's form states: a patronymic ('Kamran oglu', 'Rasim qizi'; with `v3`
    the East Slavic middle name, 'Ales Viktarovich Bialiatski', 'Maria Ivanovna Petrova') or
    a Russian-style surname ending ('Mammadova', 'Aliyev')."""
    words = [w.lower() for w in name.split()]
    if v3 and len(words) == 3:
        if _PATRONYMIC_MALE.search(words[1]):
            return "male"
        if _PATRONYMIC_FEMALE.search(words[1]):
            return "female"
    if any(w in _SON_OF for w in words):
        return "male"
    if any(w in _DAUGHTER_OF for w in words):
        return "female"
    if len(words) < 2:
        return None
    last = words[-1]
    if re.search(r"(?:ova|eva|yeva|skaya|kaya)$", last):
        return "female"
    if re.search(r"(?:[^aeiou]ov|[^aeiou]ev|yev|sky|skiy)$", last):
        return "male"
    return None


def _whole_words(text: str, span: Span) -> Span:
    """Widen a span that starts or ends inside a word ('tortur' -> 'tortured')."""
    a, b = span
    while a > 0 and text[a - 1].isalnum() and text[a].isalnum():
        a -= 1
    while b < len(text) and text[b].isalnum() and text[b - 1].isalnum():
        b += 1
    return a, b


def _victim_evidence(bag: Bag, group: bool, doc: Doc, e: int) -> list[Span]:
    """The words that make a person a victim: a detention or sentence, a term, a court."""
    for ev in bag.events:
        if ev.kind in VICTIM_EVENTS:
            return [ev.span]
    for spans in (
        [t[0] for t in bag.terms],
        [c[0] for c in bag.courts],
        [f[0] for f in bag.facilities],
        [c[0] for c in bag.charges],
    ):
        if spans:
            return spans[:1]
    if group:
        return [m.span for m in doc.mentions if m.entity == e][:1]
    return []


_FAMILY = re.compile(r"\b(?:famil(?:y|ies)|relatives?|parents|wife|husband|mother|father)\b", re.I)


def _person_events(doc: Doc, events: list[EventMention]) -> list[Event]:
    out: list[Event] = []
    seen: set[tuple[str, str | None]] = set()
    for ev in sorted(events, key=lambda x: x.span):
        kind = "detention" if ev.kind == "custody" else ev.kind
        if kind == "notification":
            clause = doc.clauses[doc.clause_of(ev.span[0])]
            if not _FAMILY.search(doc.norm[clause.start : clause.end]):
                continue
            kind = "family_notification"
        date = ev.date.edtf() if ev.date else None
        if (kind, date) in seen:
            continue
        seen.add((kind, date))
        spans = (ev.span,) + ((ev.date.span,) if ev.date else ())
        out.append(Event(kind, date, spans))
    return out
