"""Name normalisation, transliteration keys and matching across scripts. Pure library.

    >>> from docket.names import match
    >>> m = match("Tsultrim Nyandrag", "Chuchen Nianzha")
    >>> m.is_match, str(m.explanation)

parse() splits a name into parts, keys() gives comparable forms and blocking keys for
candidate lookup in a database, match() scores two names and explains the score, and
dedupe() clusters many records.
"""

from docket.names.dedupe import Cluster, DedupeStats, dedupe
from docket.names.keys import NameKeys, blocking_keys, keys
from docket.names.match import DEFAULT_THRESHOLD, Explanation, Match, PartMatch, match, score
from docket.names.parse import InvalidNameError, ParsedName, Token, parse

__all__ = [
    "DEFAULT_THRESHOLD",
    "Cluster",
    "DedupeStats",
    "Explanation",
    "InvalidNameError",
    "Match",
    "NameKeys",
    "ParsedName",
    "PartMatch",
    "Token",
    "blocking_keys",
    "dedupe",
    "keys",
    "match",
    "parse",
    "score",
]
