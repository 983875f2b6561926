"""institutions.v1: courts and places of detention named in a report, as written.

General patterns rather than lists: a run of proper words before a head ("... Intermediate
People's Court", "... Detention Center", "... Prison", "Baku Grave Crimes Court", "Penal
Colony No. 2"); the CECC facility list adds nicknames ("Drapchi" for TAR Prison).

institutions.v2: the pre-trial prisons of the former Soviet states, "Investigative Isolator
of the Ministry of National Security", "Baku Investigative Isolator No. 1".

institutions.v3: a numbered place written in lower case is named by its number ("pre-trial
detention centre No. 1", "penal colony No. 2").

institutions.v4: a management or administration committee is a re-education through labour
committee (a body that sentences) only when its name says so ("Tieling RTL Management
Committee", "... Reeducation Through Labor Management Committee"); a monastery's
"Democratic Management Committee" is no court.
"""

from __future__ import annotations

import re

from docket.extract.doc import Doc, Institution, Token
from docket.extract.lexicon import lexicon
from docket.extract.pipeline import step
from docket.extract.text import squash, wordset

# Head words (lowercased token sequences) -> (kind, subtype).
_HEADS: list[tuple[tuple[str, ...], str, str]] = [
    (("court",), "court", "court"),
    (("tribunal",), "court", "court"),
    (("rtl", "committee"), "court", "rtl"),
    (("labor", "committee"), "court", "rtl"),
    (("labour", "committee"), "court", "rtl"),
    (("management", "committee"), "court", "rtl"),
    (("administration", "committee"), "court", "rtl"),
    (("administrative", "committee"), "court", "rtl"),
    (("prison",), "facility", "prison"),
    (("jail",), "facility", "jail"),
    (("penitentiary", "institution"), "facility", "prison"),
    (("penitentiary",), "facility", "prison"),
    (("correctional", "colony"), "facility", "prison"),
    (("penal", "colony"), "facility", "prison"),
    (("gaol",), "facility", "prison"),
    (("colony",), "facility", "prison"),
    (("detention", "center"), "facility", "detention center"),
    (("detention", "centre"), "facility", "detention center"),
    (("detention", "house"), "facility", "detention center"),
    (("detention", "facility"), "facility", "detention center"),
    (("detention", "camp"), "facility", "camp"),
    (("holding", "center"), "facility", "detention center"),
    (("labor", "camp"), "facility", "rtl"),
    (("labour", "camp"), "facility", "rtl"),
    (("rtl", "center"), "facility", "rtl"),
    (("rtl", "centre"), "facility", "rtl"),
    (("rtl", "camp"), "facility", "rtl"),
    (("labor", "center"), "facility", "rtl"),
    (("labour", "centre"), "facility", "rtl"),
    (("education", "center"), "facility", "camp"),
    (("education", "centre"), "facility", "camp"),
    (("training", "center"), "facility", "camp"),
    (("training", "centre"), "facility", "camp"),
    (("transformation", "center"), "facility", "camp"),
    (("internment", "camp"), "facility", "camp"),
    (("camp",), "facility", "camp"),
    (("psychiatric", "hospital"), "facility", "psychiatric"),
    (("mental", "hospital"), "facility", "psychiatric"),
    (("ankang",), "facility", "psychiatric"),
    (("correctional", "facility"), "facility", "prison"),
    (("correctional", "institution"), "facility", "prison"),
    (("police", "station"), "facility", "police"),
    (("detention", "centers"), "facility", "detention center"),
]
_HEADS_V2 = [
    (("investigative", "isolator"), "facility", "detention center"),
    (("investigation", "isolator"), "facility", "detention center"),
    (("isolator",), "facility", "detention center"),
    *_HEADS,
]
_ISOLATORS = frozenset({"investigative", "investigation", "isolator"})
# Words that may stand, in any case, inside an institution name before its head.
_INNER = wordset(
    "no no. number of and & people's peoples people 's ' intermediate high higher supreme basic "
    "district county municipal city provincial prefectural prefecture military women's women "
    "juvenile psb pap tar xuar imar rtl reeducation re-education through labor labour "
    "detention public security bureau state first second third fourth fifth primary "
    "autonomous region regional grave crimes appeal appeals appellate court serious "
    "administrative management administration committee education training transformation "
    "vocational skills political legal new old central city's province"
)
_LEFT_STOP = wordset(
    "the a an on in at by from to of and or after before when while later then also "
    "according officials authorities police this that his her their its local same "
    "unidentified unnamed unspecified"
)
_GENERIC = wordset(
    "no number of people's peoples people 's ' intermediate high higher supreme basic district "
    "county municipal city provincial prefectural prefecture military women's women juvenile "
    "psb pap public security bureau state first second third detention primary court prison "
    "reeducation re-education through labor labour rtl center centre camp jail committee "
    "administrative management administration autonomous region regional education training "
    "vocational skills political legal new old central city's province the and"
)


def _is_proper(tok: Token) -> bool:
    t = tok.text
    return (t[:1].isupper() or t[:1].isdigit()) and t not in ("(", ")")


_HEAD_WORDS = frozenset(words[0] for words, _, _ in _HEADS_V2)


def _head_at(toks: list[Token], i: int, v2: bool = False) -> tuple[int, str, str] | None:
    """If an institution head starts at token i, return (its length, kind, subtype)."""
    if toks[i].lower not in _HEAD_WORDS:
        return None
    for words, kind, subtype in _HEADS_V2 if v2 else _HEADS:
        n = len(words)
        if i + n <= len(toks) and tuple(t.lower for t in toks[i : i + n]) == words:
            return n, kind, subtype
    return None


def _left_edge(toks: list[Token], i: int) -> int:
    """Walk left from the head at token i over the words of the institution's name."""
    a = i
    k = i - 1
    while k >= 0 and toks[k].sent == toks[i].sent and i - k <= 12:
        t = toks[k]
        lw = t.lower
        if t.text == ")":
            # "Drapchi (TAR) Prison", "Ganzi (Kardze) Intermediate Court"
            open_k = next((j for j in range(k - 1, max(-1, k - 5), -1) if toks[j].text == "("), -1)
            if open_k > 0 and all(_is_proper(x) for x in toks[open_k + 1 : k]):
                k = open_k - 1
                continue
            break
        if lw in _LEFT_STOP and not (
            lw in ("of", "and", "&") and k > 0 and _is_proper(toks[k - 1])
        ):
            break
        if lw in ("of", "and", "&") and (k + 1 >= i or not _is_proper(toks[k + 1])):
            break
        if lw in ("'s", "'") and not (
            k > 0 and toks[k - 1].lower in ("people", "women", "peoples")
        ):
            break
        if _is_proper(t) or lw in _INNER:
            numbered = k > 0 and (
                toks[k - 1].lower in ("no", "no.", "number")
                or (toks[k - 1].text == "." and k > 1 and toks[k - 2].lower == "no")
            )
            if t.text.isdigit() and not numbered:
                break
            a = k
            k -= 1
            continue
        if t.text == "." and k > 0 and toks[k - 1].lower == "no":
            a = k
            k -= 1
            continue
        if t.text == "-" and k > 0 and not toks[k - 1].space_after:
            a = k
            k -= 1
            continue
        break
    while a < i and (toks[a].lower in _LEFT_STOP or toks[a].lower in ("of", "and", "&", "'s", ".")):
        a += 1
    return a


def _right_edge(toks: list[Token], j: int, of_the: bool = False) -> int:
    """Extend past the head: 'Court of Appeal', 'Prison No. 14', 'Prison General Hospital';
    with `of_the`, 'Isolator of the Ministry of National Security'."""
    n = len(toks)
    if of_the and j + 2 < n and (toks[j].lower, toks[j + 1].lower) == ("of", "the"):
        k = j + 2
        while k < n and toks[k].sent == toks[j].sent and k - j < 9:
            if toks[k].text[:1].isupper() or (
                toks[k].lower == "of" and k + 1 < n and toks[k + 1].text[:1].isupper()
            ):
                k += 1
                continue
            break
        if k > j + 2:
            return k
    if j + 1 < n and toks[j].text == "General" and toks[j + 1].text == "Hospital":
        return j + 2
    if j + 1 < n and toks[j].lower == "of" and toks[j + 1].text[:1].isupper():
        k = j + 1
        while k < n and toks[k].text[:1].isupper() and toks[k].sent == toks[j].sent and k - j < 5:
            k += 1
        return k
    if j < n and toks[j].lower in ("no", "no.", "number"):
        k = j + 1
        if k < n and toks[k].text == ".":
            k += 1
        if k < n and toks[k].text.isdigit():
            return k + 1
    return j


def _is_named(words: list[str]) -> bool:
    """True unless every word is generic ("Intermediate People's Court")."""
    return any(w.lower() not in _GENERIC and (w[:1].isupper() or w[:1].isdigit()) for w in words)


_COURT_IN_PLACE = re.compile(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?P<level>intermediate|high|higher|county|district|municipal|city|basic)"
    r"\s+(?:people's\s+)?court\s+(?:in|of)\s+(?P<place>[A-Z][\w'-]+)(?:\s+(?:city|county|"
    r"municipality|prefecture|district))?",
)


_PRE_TRIAL = re.compile(r"(?:pre-?\s?trial|remand)\s+$", re.IGNORECASE)


_RTL_WORDS = wordset("rtl labor labour reeducation re-education")


def _committee_without_labour(words: list[str], head: tuple[str, ...]) -> bool:
    """True for "X Management Committee" whose name has no re-education-through-labour word."""
    return head[-1] == "committee" and not any(w.lower() in _RTL_WORDS for w in words)


def find_institutions(
    doc: Doc, v2: bool = False, v3: bool = False, v4: bool = False
) -> list[Institution]:
    toks = doc.tokens
    out: list[Institution] = []
    i = 0
    while i < len(toks):
        head = _head_at(toks, i, v2)
        if head is None:
            i += 1
            continue
        n, kind, subtype = head
        a = _left_edge(toks, i)
        b = _right_edge(toks, i + n, of_the=v2 and toks[i].lower in _ISOLATORS)
        words = [t.text for t in toks[a:b]]
        if v4 and _committee_without_labour(words, tuple(t.lower for t in toks[i : i + n])):
            i += n
            continue
        head_cap = toks[i].text[:1].isupper()
        numbered = b > i + n and (head_cap or v3)  # "Prison No. 14", "penal colony No. 2"
        if (a < i and _is_named(words[: i - a]) and (head_cap or _is_proper(toks[a]))) or (
            numbered and a == i
        ):
            start, end = toks[a].start, toks[b - 1].end
            if v3 and a == i and (pre := _PRE_TRIAL.search(doc.norm[max(0, start - 12) : start])):
                start -= len(pre.group(0))
            out.append(Institution((start, end), squash(doc.text[start:end]), kind, subtype))
        i += n
    for m in _COURT_IN_PLACE.finditer(doc.norm):
        if any(inst.span[0] <= m.start() < inst.span[1] for inst in out):
            continue
        level = m.group("level").capitalize()
        name = f"{m.group('place')} {level} People's Court"
        out.append(Institution(m.span(), name, "court", "court"))
    nick = lexicon().facility_nicknames
    for t in toks:
        if t.text in nick and not any(inst.span[0] <= t.start < inst.span[1] for inst in out):
            out.append(Institution((t.start, t.end), nick[t.text], "facility", "prison"))
    out.sort(key=lambda inst: inst.span)
    # "the Xinjiang Women's Prison (Xinjiang No. 2 Prison)": the second is another name for
    # the first, not another place.
    kept: list[Institution] = []
    for inst in out:
        prev = kept[-1] if kept else None
        if (
            prev is not None
            and prev.kind == inst.kind
            and re.fullmatch(r"\s*\(\s*", doc.norm[prev.span[1] : inst.span[0]])
        ):
            continue
        kept.append(inst)
    return kept


@step("institutions.v1", requires=("tokens", "sents"), provides=("institutions",))
def institutions_v1(doc: Doc) -> None:
    """Find courts, prisons, detention centres and camps named in the report."""
    doc.institutions = find_institutions(doc)


@step("institutions.v2", requires=("tokens", "sents"), provides=("institutions",))
def institutions_v2(doc: Doc) -> None:
    """As institutions.v1, with investigative isolators (pre-trial prisons)."""
    doc.institutions = find_institutions(doc, v2=True)


@step("institutions.v3", requires=("tokens", "sents"), provides=("institutions",))
def institutions_v3(doc: Doc) -> None:
    """As institutions.v2, with numbered places written in lower case."""
    doc.institutions = find_institutions(doc, v2=True, v3=True)


@step("institutions.v4", requires=("tokens", "sents"), provides=("institutions",))
def institutions_v4(doc: Doc) -> None:
    """As institutions.v3; a committee is a court only when it is one of labour camps."""
    doc.institutions = find_institutions(doc, v2=True, v3=True, v4=True)
