"""HTML: the main text of a page, without navigation, furniture or scripts."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from typing import Any

from docket.extract.readers.common import Deadline, ReaderResult, ReadError, squash
from docket.extract.readers.text import decode


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


def read_html(data: bytes, name: str, deadline: Deadline, max_bytes: int) -> ReaderResult:
    """The text of the page's main element, a paragraph per block, and its title."""
    import lxml.html
    from lxml import etree

    if b"\x00" in data[:8192] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ReadError("E105", name, "binary data, not HTML")
    match = _META_CHARSET.search(data[:4096])
    declared = match.group(1).decode("ascii") if match else None
    markup, encoding = decode(data, name, declared)
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
            value = squash(str(value))
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
    return len(squash(el.text_content()))


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


def _drop_boilerplate(body: Any, deadline: Deadline) -> None:
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
    return squash(headings[0].text_content()) if len(headings) == 1 else None


_BR = "\ue000"  # a <br> while a paragraph is collected (a private-use character)


def _html_paragraphs(root: Any, deadline: Deadline) -> Iterator[str]:
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
        return "\n".join(line for line in map(squash, text.split(_BR)) if line) or None

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
            cells.append(squash("".join(parts)))
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
