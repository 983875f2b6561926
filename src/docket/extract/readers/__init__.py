"""Documents in, plain text out: .txt, .html, .pdf, .docx, or stdin.

>>> doc = read_document("report.pdf")
>>> doc.kind, doc.title, doc.sha256, doc.text[:40]

Untrusted input: every read has a size limit and a time limit, and every
failure is a `ReadError` whose code (`E101`...) and message name the file and
say what to do next. A pure library: the callers (CLI, ingest) read the
DOCKET_* tunables and pass the limits in.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from docket.extract.readers.common import HINTS, MB, Deadline, ReaderResult, ReadError, TimeUp, mb
from docket.extract.readers.html import read_html
from docket.extract.readers.office import read_docx, read_pdf
from docket.extract.readers.text import read_txt

__all__ = ["HINTS", "Document", "ReadError", "read_bytes", "read_document", "sniff_kind"]

DEFAULT_MAX_BYTES = 20 * MB
DEFAULT_TIME_LIMIT = 60.0  # seconds to read one document
STDIN = "-"

KINDS = ("txt", "html", "pdf", "docx")
MEDIA_TYPES = {
    "txt": "text/plain",
    "html": "text/html",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
_EXTENSIONS = {
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".docx": "docx",
}


@dataclass(frozen=True)
class Document:
    """A document's text, with what is known of the file it came from."""

    name: str
    kind: str
    text: str
    sha256: str
    data: bytes = field(repr=False)
    title: str | None = None
    encoding: str | None = None
    pages: int | None = None

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.kind]

    @property
    def size(self) -> int:
        return len(self.data)


def read_document(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float = DEFAULT_TIME_LIMIT,
    stdin: BinaryIO | None = None,
) -> Document:
    """Read a .txt/.html/.pdf/.docx file, or `-` for stdin, into a `Document`."""
    name = str(path)
    if name == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = _read_limited(stream, name="stdin", max_bytes=max_bytes)
        return read_bytes(data, name="stdin", max_bytes=max_bytes, time_limit=time_limit)
    try:
        with open(path, "rb") as fh:
            data = _read_limited(fh, name=name, max_bytes=max_bytes)
    except IsADirectoryError:
        raise ReadError("E101", name, "is a directory, not a file") from None
    except FileNotFoundError:
        raise ReadError("E101", name, "no such file") from None
    except PermissionError:
        raise ReadError("E101", name, "permission denied") from None
    except OSError as exc:
        raise ReadError("E101", name, f"cannot read the file ({exc.strerror})") from None
    return read_bytes(data, name=name, max_bytes=max_bytes, time_limit=time_limit)


def read_bytes(
    data: bytes,
    *,
    name: str,
    kind: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float = DEFAULT_TIME_LIMIT,
) -> Document:
    """Turn a document's bytes into a `Document`; `kind` is sniffed from name and bytes."""
    if len(data) > max_bytes:
        raise ReadError("E103", name, f"larger than {mb(max_bytes)}")
    if not data.strip():
        raise ReadError("E102", name, "the file is empty")
    kind = kind or sniff_kind(data, name=name)
    if kind not in KINDS:
        raise ReadError("E104", name, f"unknown document kind {kind!r}")
    try:
        with Deadline(time_limit) as deadline:
            text, title, encoding, pages = _READERS[kind](data, name, deadline, max_bytes)
            text = _tidy(text)
    except TimeUp:
        raise ReadError("E110", name, f"reading took longer than {time_limit:g} s") from None
    if not text:
        raise ReadError("E111", name, f"no text found in this {kind.upper()} document")
    return Document(
        name=name,
        kind=kind,
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        data=data,
        title=title,
        encoding=encoding,
        pages=pages,
    )


def sniff_kind(data: bytes, *, name: str) -> str:
    """Tell the kind of a document from its leading bytes, then its file name."""
    suffix = Path(name).suffix.lower() if name not in (STDIN, "stdin") else ""
    head = data[:1024]
    if head.lstrip(b"\x00\t\n\r\x0c ").startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        if _zip_has(data, "word/document.xml"):
            return "docx"
        raise ReadError("E104", name, "a zip archive, not a Word (.docx) document")
    if suffix == ".doc" or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError("E104", name, "an old Word (.doc) or other Office file")
    for magic, what in _BINARY_MAGIC:
        if data.startswith(magic):
            raise ReadError("E104", name, f"{what}, not a text document")
    if suffix in (".pdf", ".docx"):
        raise ReadError("E109", name, f"named {suffix} but is not a valid {suffix[1:].upper()}")
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if suffix:
        raise ReadError("E104", name, f"unsupported file type {suffix}")
    return "html" if _HTML_START.match(_bom_free_head(head)) else "txt"


_BINARY_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "a program"),
)
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
    re.IGNORECASE | re.DOTALL,
)


def _bom_free_head(head: bytes) -> bytes:
    return head[3:] if head.startswith(codecs.BOM_UTF8) else head


def _zip_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return member in zf.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def _read_limited(stream: BinaryIO, *, name: str, max_bytes: int) -> bytes:
    """Read at most max_bytes; one byte more means the document is too large."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ReadError("E103", name, f"larger than {mb(max_bytes)}")
    return data


_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\x00": None})


def _tidy(text: str) -> str:
    """Normalise newlines, drop invisible characters, trim blank space at the ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_READERS: dict[str, Callable[[bytes, str, Deadline, int], ReaderResult]] = {
    "txt": read_txt,
    "html": read_html,
    "pdf": read_pdf,
    "docx": read_docx,
}
