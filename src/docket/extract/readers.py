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
import logging
import re
import signal
import sys
import threading
import time
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any, BinaryIO

logger = logging.getLogger(__name__)

MB = 1024 * 1024
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
# A .docx is a zip of XML; refuse one that inflates past this many times the size limit.
_DOCX_INFLATE_FACTOR = 5

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
        raise ReadError("E103", name, f"larger than {_mb(max_bytes)}")
    if not data.strip():
        raise ReadError("E102", name, "the file is empty")
    kind = kind or sniff_kind(data, name=name)
    if kind not in KINDS:
        raise ReadError("E104", name, f"unknown document kind {kind!r}")
    try:
        with _Deadline(time_limit) as deadline:
            text, title, encoding, pages = _READERS[kind](data, name, deadline, max_bytes)
            text = _tidy(text)
    except _TimeUp:
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
        raise ReadError("E103", name, f"larger than {_mb(max_bytes)}")
    return data


def _mb(n: int) -> str:
    return f"{n / MB:g} MB" if n >= MB else f"{n} bytes"


# -- time limit ---------------------------------------------------------------------------


class _TimeUp(BaseException):
    """Raised inside a reader when its time is up (BaseException: no reader swallows it)."""


class _Deadline:
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
            raise _TimeUp

    def __enter__(self) -> _Deadline:
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
        raise _TimeUp


# -- text ---------------------------------------------------------------------------------

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


def _decode(data: bytes, name: str, declared: str | None = None) -> tuple[str, str]:
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


_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\ufeff": None, "\x00": None})


def _tidy(text: str) -> str:
    """Normalise newlines, drop invisible characters, trim blank space at the ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_INVISIBLE)
    text = re.sub(r"[ \t]+\n", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


_Read = tuple[str, str | None, str | None, int | None]  # text, title, encoding, pages


def _read_txt(data: bytes, name: str, deadline: _Deadline, max_bytes: int) -> _Read:
    text, encoding = _decode(data, name)
    return text, None, encoding, None


# -- HTML ---------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Elements that never hold a report's text.
_JUNK_TAGS = _words(
    "script style noscript template svg math iframe object embed canvas video audio "
    "button input select textarea label dialog head"
)
# Page furniture: navigation, site header and footer, side bars.
_FURNITURE_TAGS = _words("nav aside menu header footer")
_FURNITURE_ROLES = _words(
    "navigation banner contentinfo complementary search menu menubar toolbar dialog alertdialog"
)
# Words in class or id that mark boilerplate; matched against whole words of the attribute.
_FURNITURE_WORDS = _words(
    "nav navbar navigation menu menubar breadcrumb breadcrumbs header masthead footer "
    "sidebar widget widgets share sharing social cookie cookies consent gdpr banner advert "
    "advertisement ads ad promo sponsor sponsored newsletter subscribe subscription signup "
    "related recommended popular trending comments comment disqus pagination pager skip "
    "toolbar modal popup sr-only visually-hidden screen-reader-text tags "
    "byline-share outbrain taboola"
)
_ARTICLE_HEADER_WORDS = _words("header masthead")
_BLOCK_TAGS = _words(
    "address article aside blockquote body caption center dd details div dl dt fieldset "
    "figcaption figure footer h1 h2 h3 h4 h5 h6 header hr html li main nav ol p pre section "
    "summary table tbody td tfoot th thead tr ul"
)
_LINK_BLOCKS = _words("ul ol dl table div section p")
_LINK_HEAVY = 0.6  # a block whose text is mostly links is navigation
_WRAPPER_SHARE = 0.4  # never drop an element holding this share of the page's non-link text


def _read_html(data: bytes, name: str, deadline: _Deadline, max_bytes: int) -> _Read:
    import lxml.html
    from lxml import etree

    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError("E105", name, "binary data, not HTML")
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii") if match else None
    markup, encoding = _decode(data, name, declared)
    markup = _XML_DECLARATION.sub("", markup, count=1)
    try:
        root = lxml.html.document_fromstring(markup)
    except (etree.ParserError, ValueError):
        raise ReadError("E111", name, "no HTML content") from None
    deadline.check()
    title = _html_title(root)
    _drop_junk(root)
    deadline.check()
    body = root.find("body")
    if body is None:
        body = root
    _drop_boilerplate(body, deadline)
    deadline.check()
    main = _main_element(body)
    paragraphs = list(_html_paragraphs(main, deadline))
    heading = _outside_heading(body, main)
    if heading and (not paragraphs or paragraphs[0] != heading):
        paragraphs.insert(0, heading)
    return "\n\n".join(paragraphs), title, encoding, None


def _html_title(root: Any) -> str | None:
    # A site's logo is often an h1 too, so prefer the headline declared for sharing.
    for xpath in (
        "//meta[@property='og:title']/@content",
        "//article//h1|//main//h1",
        "//title",
        "//h1",
    ):
        found = root.xpath(xpath)
        if found:
            node = found[0]
            value = node if isinstance(node, str) else node.text_content()
            value = _squash(str(value))
            if value:
                return value
    return None


def _tag(el: Any) -> str:
    return el.tag.lower() if isinstance(el.tag, str) else ""


def _drop(el: Any) -> None:
    """Remove an element but keep the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _drop_junk(root: Any) -> None:
    doomed = [
        el
        for el in root.iter()
        if not isinstance(el.tag, str)
        or _tag(el) in _JUNK_TAGS
        or el.get("hidden") is not None
        or el.get("aria-hidden", "").lower() == "true"
        or "display:none" in el.get("style", "").replace(" ", "").lower()
    ]
    for el in doomed:
        _drop(el)


def _text_len(el: Any) -> int:
    return len(_squash(el.text_content()))


def _link_len(el: Any) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _furniture_words(el: Any) -> set[str]:
    attrs = f"{el.get('class', '')} {el.get('id', '')}".lower()
    words = set(re.split(r"[\s_]+", attrs))
    words |= {w for part in list(words) for w in part.split("-")}
    return words & _FURNITURE_WORDS


def _is_furniture(el: Any) -> bool:
    tag = _tag(el)
    if tag in ("html", "body", "main", "article") or el.get("role") == "main":
        return False
    words = _furniture_words(el)
    if _inside(el, ("article", "main")):
        # An article's own header holds its headline; its footer holds tags and share links.
        if tag == "header":
            return False
        words -= _ARTICLE_HEADER_WORDS
    if tag in _FURNITURE_TAGS or el.get("role", "").lower() in _FURNITURE_ROLES:
        return True
    if words:
        # "has-sidebar" may sit on the page wrapper: never drop what holds the main text.
        return not el.xpath(".//main|.//article|.//*[@role='main']")
    return False


def _inside(el: Any, tags: tuple[str, ...]) -> bool:
    return any(_tag(a) in tags for a in el.iterancestors())


def _drop_boilerplate(body: Any, deadline: _Deadline) -> None:
    """Drop page furniture and link lists, top down, keeping what holds the main text."""
    plain_total = max(_text_len(body) - _link_len(body), 1)
    stack = [body]
    count = 0
    while stack:
        for el in list(stack.pop()):
            count += 1
            if count % 500 == 0:
                deadline.check()
            if isinstance(el.tag, str) and _is_boilerplate(el, plain_total):
                _drop(el)
            else:
                stack.append(el)


def _is_boilerplate(el: Any, plain_total: int) -> bool:
    """Furniture, or a block of links, that does not hold much of the page's plain text."""
    size = _text_len(el)
    links = _link_len(el)
    holds_little = size - links < _WRAPPER_SHARE * plain_total
    if _is_furniture(el):
        return holds_little
    # Menus and "related stories" lists without telling markup are mostly links.
    return (
        holds_little
        and links > _LINK_HEAVY * size
        and _tag(el) in _LINK_BLOCKS
        and not el.xpath(".//h1")
    )


def _main_element(body: Any) -> Any:
    """The element holding the report: articleBody, the largest article, main, or body."""
    total = max(_text_len(body), 1)
    for xpath in ("//*[@itemprop='articleBody']", "//article", "//main|//*[@role='main']"):
        found = body.xpath(xpath)
        if found:
            best = max(found, key=_text_len)
            if _text_len(best) >= 0.3 * total:
                return best
    return body


def _outside_heading(body: Any, main: Any) -> str | None:
    """The page's headline when it sits outside the main element (a common layout)."""
    if main is body or main.xpath(".//h1"):
        return None
    headings = body.xpath("//h1")
    return _squash(headings[0].text_content()) if len(headings) == 1 else None


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


_BR = "\ue000"  # a <br> while a paragraph is collected (a private-use character)


def _html_paragraphs(root: Any, deadline: _Deadline) -> Iterator[str]:
    """Yield the text of each block, inline text joined and spaces collapsed."""
    from lxml import etree

    parts: list[str] = []
    cells: list[str] = []
    rows: list[str] = []
    pre_depth = 0

    def flush() -> str | None:
        text = "".join(parts)
        parts.clear()
        if pre_depth:
            return text.replace(_BR, "\n").strip("\n") or None
        return "\n".join(line for line in map(_squash, text.split(_BR)) if line) or None

    for count, (event, el) in enumerate(etree.iterwalk(root, events=("start", "end"))):
        if count % 2000 == 0:
            deadline.check()
        tag = _tag(el)
        if event == "start":
            if tag in _BLOCK_TAGS or tag == "br":
                if tag == "br":
                    parts.append(_BR)
                elif (text := flush()) is not None:
                    yield text
            if tag == "pre":
                pre_depth += 1
            if el.text:
                parts.append(el.text)
            continue
        if tag in ("td", "th"):
            cells.append(_squash("".join(parts)))
            parts.clear()
        elif tag == "tr":
            if row := "\t".join(c for c in cells if c):
                rows.append(row)
            cells.clear()
        elif tag == "table":
            if rows:
                yield "\n".join(rows)  # a table is one block, a row a line
            rows.clear()
        elif tag in _BLOCK_TAGS and (text := flush()) is not None:
            yield text
        if tag == "pre":
            pre_depth -= 1
        if el.tail and el is not root:
            parts.append(el.tail)
    if (text := flush()) is not None:
        yield text


# -- PDF ----------------------------------------------------------------------------------


def _read_pdf(data: bytes, name: str, deadline: _Deadline, max_bytes: int) -> _Read:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("E108", name, "the PDF is protected by a password")
        pages = []
        for page in reader.pages:
            deadline.check()
            pages.append((page.extract_text() or "").strip("\n"))
        title = reader.metadata.title if reader.metadata else None
    except ReadError:
        raise
    except Exception as exc:  # pypdf raises many kinds on damaged files
        logger.info("PDF read failed: %s", type(exc).__name__)
        if "crypt" in type(exc).__name__.lower() or "decrypt" in str(exc).lower():
            raise ReadError("E108", name, "the PDF is encrypted") from None
        raise ReadError("E109", name, "the PDF is damaged or not a PDF") from None
    text = "\n\n".join(p for p in pages if p.strip())
    if not text.strip():
        raise ReadError("E107", name, f"the PDF has no text layer ({len(pages)} page(s))")
    return text, _clean_title(title), None, len(pages)


def _clean_title(title: object) -> str | None:
    return _squash(title) or None if isinstance(title, str) else None


# -- DOCX ---------------------------------------------------------------------------------


def _read_docx(data: bytes, name: str, deadline: _Deadline, max_bytes: int) -> _Read:
    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            inflated = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ReadError("E109", name, "the .docx is damaged (not a zip archive)") from None
    if inflated > _DOCX_INFLATE_FACTOR * max_bytes:
        raise ReadError(
            "E103", name, f"unpacks to more than {_mb(_DOCX_INFLATE_FACTOR * max_bytes)}"
        )
    try:
        document = docx.Document(io.BytesIO(data))
        blocks: list[str] = []
        for count, block in enumerate(document.iter_inner_content()):
            if count % 200 == 0:
                deadline.check()
            if isinstance(block, Table):
                blocks.extend(_docx_rows(block))
            else:
                blocks.append(block.text)
        title = document.core_properties.title
    except Exception as exc:  # python-docx raises many kinds on damaged files
        logger.info("DOCX read failed: %s", type(exc).__name__)
        raise ReadError("E109", name, "the .docx is damaged") from None
    text = "\n\n".join(b.strip() for b in blocks if b.strip())
    return text, _clean_title(title), None, None


def _docx_rows(table: Any) -> Iterator[str]:
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = _squash(cell.text)
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        if cells:
            yield "\t".join(cells)


_READERS = {"txt": _read_txt, "html": _read_html, "pdf": _read_pdf, "docx": _read_docx}
