"""PDF (its text layer) and Word .docx documents."""

from __future__ import annotations

import io
import logging
import zipfile
from collections.abc import Iterator
from typing import Any

from docket.extract.readers.common import Deadline, ReaderResult, ReadError, mb, squash

logger = logging.getLogger(__name__)

# A .docx is a zip of XML; refuse one that inflates past this many times the size limit.
DOCX_INFLATE_FACTOR = 5


def read_pdf(data: bytes, name: str, deadline: Deadline, max_bytes: int) -> ReaderResult:
    """The PDF's text layer, a paragraph break between pages; its title from the metadata."""
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
    return squash(title) or None if isinstance(title, str) else None


def read_docx(data: bytes, name: str, deadline: Deadline, max_bytes: int) -> ReaderResult:
    """The body's paragraphs and table rows in order (not headers or footers), and the title."""
    import docx
    from docx.table import Table

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            inflated = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise ReadError("E109", name, "the .docx is damaged (not a zip archive)") from None
    if inflated > DOCX_INFLATE_FACTOR * max_bytes:
        raise ReadError("E103", name, f"unpacks to more than {mb(DOCX_INFLATE_FACTOR * max_bytes)}")
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
            text = squash(cell.text)
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        if cells:
            yield "\t".join(cells)
