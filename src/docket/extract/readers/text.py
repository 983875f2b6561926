"""Plain text: tell the encoding (a BOM, a declared charset, UTF-8, then a guess)."""

from __future__ import annotations

import codecs
import logging
import unicodedata

from docket.extract.readers.common import Deadline, ReaderResult, ReadError

logger = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_PREFERRED = "cp1252"
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v")
_MAX_CONTROL_RATIO = 0.005  # more control characters than this: not text


def decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
    """Decode text: a BOM, then a declared charset, then UTF-8, then charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _check_text(_decode_as(data, encoding, name), name), encoding
    if declared:
        try:
            return _check_text(data.decode(declared), name), declared
        except (LookupError, UnicodeDecodeError):
            logger.info("declared charset %r does not fit, detecting", declared)
    if b"\x00" not in data:  # NUL is valid UTF-8, but text has none (UTF-16 has many)
        try:
            return _check_text(data.decode("utf-8"), name), "utf-8"
        except UnicodeDecodeError:
            pass
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        if b"\x00" in data:
            raise ReadError("E105", name, "binary data, not text")
        raise ReadError("E106", name, "not UTF-8, and its encoding could not be told")
    best = matches[0]
    # Ties are common between single-byte code pages; Windows-1252 is the likeliest.
    for match in matches[1:]:
        tied = (match.chaos, match.coherence) == (best.chaos, best.coherence)
        if tied and _PREFERRED in match.could_be_from_charset:
            best = match
            break
    if b"\x00" in data and not best.encoding.startswith(("utf_16", "utf_32")):
        raise ReadError("E105", name, "binary data, not text")
    return _check_text(str(best), name), best.encoding


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise ReadError("E106", name, f"starts as {encoding} but is not valid {encoding}") from None


def _check_text(text: str, name: str) -> str:
    sample = text[:100_000]
    controls = sum(1 for c in sample if c not in _ALLOWED_CONTROLS and _is_control(c))
    if controls > _MAX_CONTROL_RATIO * max(len(sample), 1):
        raise ReadError("E105", name, "binary data, not text")
    return text


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def read_txt(data: bytes, name: str, deadline: Deadline, max_bytes: int) -> ReaderResult:
    """Plain text in whatever encoding it came in."""
    text, encoding = decode(data, name)
    return text, None, encoding, None
