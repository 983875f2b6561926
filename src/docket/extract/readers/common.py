"""What every reader shares: errors with codes and hints, the time limit, small helpers."""

from __future__ import annotations

import re
import signal
import threading
import time
from types import FrameType, TracebackType
from typing import Any

MB = 1024 * 1024

# What to do next, per error code.
HINTS = {
    "E101": "Check the path and that you may read the file.",
    "E102": "There is nothing to extract; check that the file was saved completely.",
    "E103": "Split the document, or raise the limit (DOCKET_MAX_UPLOAD_MB).",
    "E104": "Save it as .txt, .html, .pdf or .docx and try again.",
    "E105": "It does not look like text; save it as .txt, .pdf or .docx.",
    "E106": "Save it as UTF-8 text and try again.",
    "E107": "It may be a scan: run OCR on it (for example with ocrmypdf) and try again.",
    "E108": "Save a copy without a password and try again.",
    "E109": "Open it and save it again, or export it as PDF or plain text.",
    "E110": "Split the document, or raise the limit (DOCKET_EXTRACT_TIME_LIMIT).",
    "E111": "Check that it is the right file; for a web page, save the page as shown "
    "(its text may be loaded by a script).",
}


class ReadError(Exception):
    """A document could not be read; `code` says why, the message what to do next."""

    def __init__(self, code: str, name: str, detail: str) -> None:
        self.code = code
        self.name = name
        self.detail = detail
        super().__init__(f"{code} {name}: {detail}. {HINTS[code]}")


ReaderResult = tuple[str, str | None, str | None, int | None]  # text, title, encoding, pages


class TimeUp(BaseException):
    """Raised inside a reader when its time is up (BaseException: no reader swallows it)."""


class Deadline:
    """A time budget: checked between steps, and enforced by SIGALRM where possible.

    The alarm interrupts long pure-Python work (pypdf) but only works in the main
    thread; elsewhere (a web worker thread) the checks between steps still apply.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._old_handler: Any = None
        self._armed = False

    def check(self) -> None:
        if time.monotonic() > self.end:
            raise TimeUp

    def __enter__(self) -> Deadline:
        if (
            hasattr(signal, "setitimer")
            and threading.current_thread() is threading.main_thread()
            and signal.getitimer(signal.ITIMER_REAL)[0] == 0
        ):
            self._old_handler = signal.signal(signal.SIGALRM, self._alarm)
            signal.setitimer(signal.ITIMER_REAL, max(self.seconds, 1e-6))
            self._armed = True
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._armed:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old_handler)
            self._armed = False

    @staticmethod
    def _alarm(signum: int, frame: FrameType | None) -> None:
        raise TimeUp


def squash(text: str) -> str:
    """Collapse runs of white space into one space, and trim."""
    return re.sub(r"\s+", " ", text).strip()


def mb(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n} bytes"
