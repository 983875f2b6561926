"""Extraction errors carry a code and say what to do next (STYLE.md)."""

from __future__ import annotations


class ExtractionError(Exception):
    """A report could not be extracted; `code` is stable (E1xx input, E2xx pipeline)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


E101_NOT_TEXT = "E101"
E102_BAD_PUBLISHED = "E102"
E201_UNKNOWN_STEP = "E201"
E202_MISSING_INPUT = "E202"
