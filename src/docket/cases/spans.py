"""Find quoted words in a source text: the character span a claim cites."""

from __future__ import annotations

from docket.core.errors import field_error

MAX_QUOTE = 2000
# Typographic variants that reports and people type differently.
_FOLD = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _folded(text: str) -> tuple[str, list[int]]:
    """Return text with quotes/dashes straightened, case folded and whitespace runs collapsed,
    plus the index in the original text of every kept character."""
    out: list[str] = []
    index: list[int] = []
    previous_space = False
    for i, ch in enumerate(text.translate(_FOLD)):
        if ch.isspace():
            if previous_space:
                continue
            ch, previous_space = " ", True
        else:
            previous_space = False
        for piece in ch.casefold():
            out.append(piece)
            index.append(i)
    return "".join(out), index


def locate(text: str, quote: str, *, after: int = 0) -> tuple[int, int]:
    """Return (start, end) of the first occurrence of `quote` in `text` at or after `after`.

    An exact match wins; otherwise quotes, dashes, case and spacing may differ. The span
    always covers the source's own characters.
    """
    if not quote or not quote.strip():
        raise field_error("quote", "the quoted words are empty")
    if len(quote) > MAX_QUOTE:
        raise field_error("quote", f"the quoted words are longer than {MAX_QUOTE} characters")
    start = text.find(quote, after)
    if start >= 0:
        return start, start + len(quote)
    folded_text, index = _folded(text)
    folded_quote, _ = _folded(quote.strip())
    begin = next((k for k, i in enumerate(index) if i >= after), len(index))
    found = folded_text.find(folded_quote, begin)
    if found < 0:
        raise field_error("quote", "the quoted words do not occur in the source text")
    return index[found], index[found + len(folded_quote) - 1] + 1


def check_span(text: str, start: int, end: int) -> None:
    """Raise a clear error unless 0 <= start <= end <= len(text) and the span is short enough."""
    if isinstance(start, bool) or isinstance(end, bool):
        raise field_error("span", "a span is two whole numbers")
    if not (isinstance(start, int) and isinstance(end, int)):
        raise field_error("span", "a span is two whole numbers")
    if not 0 <= start <= end <= len(text):
        raise field_error("span", f"span {start}-{end} lies outside the source (0-{len(text)})")
    if end - start > MAX_QUOTE:
        raise field_error("span", f"a span covers at most {MAX_QUOTE} characters")


class Finder:
    """Find many short phrases in one text, folding it once (quotes, case, spacing).

    A match must stand as whole words: "Han" is not found inside "Hanzhong".
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded, self._index = _folded(text)

    def find(self, phrase: str) -> tuple[int, int] | None:
        """Return (start, end) in the original text of the first whole-word match, or None."""
        wanted, _ = _folded(phrase.strip())
        if not wanted or len(phrase) > MAX_QUOTE:
            return None
        at = self._folded.find(wanted)
        while at >= 0:
            end = at + len(wanted)
            before = self._folded[at - 1] if at else " "
            after = self._folded[end] if end < len(self._folded) else " "
            if not before.isalnum() and not after.isalnum():
                return self._index[at], self._index[end - 1] + 1
            at = self._folded.find(wanted, at + 1)
        return None
