import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfWriter

from docket.extract.readers import (
    DEFAULT_MAX_BYTES,
    Document,
    ReadError,
    read_bytes,
    read_document,
    sniff_kind,
)

FIXTURES = Path(__file__).parent / "fixtures"
REPORT = (
    "The court sentenced the journalist to seven years in prison.\n"
    "Her lawyer said the trial lasted one day."
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def _html(tmp_path: Path, html: str, name: str = "page.html", encoding="utf-8") -> Document:
    return read_document(_write(tmp_path, name, html.encode(encoding)))


def _error(path, **kwargs) -> ReadError:
    with pytest.raises(ReadError) as info:
        read_document(path, **kwargs)
    return info.value


# -- plain text ---------------------------------------------------------------------------


def test_read_document_txt_utf8(tmp_path):
    data = REPORT.encode()
    doc = read_document(_write(tmp_path, "report.txt", data))
    assert isinstance(doc, Document)
    assert (doc.kind, doc.encoding, doc.title) == ("txt", "utf-8", None)
    assert doc.text == REPORT
    assert doc.data == data
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.media_type == "text/plain"


def test_read_document_txt_normalises_newlines_and_bom(tmp_path):
    data = b"\xef\xbb\xbfFirst line.\r\nSecond line.\r\n\r\n\r\n\r\nThird.\r\n"
    doc = read_document(_write(tmp_path, "report.txt", data))
    assert doc.text == "First line.\nSecond line.\n\nThird."


def test_read_document_txt_windows_1252(tmp_path):
    text = (
        "Le tribunal a condamné M. Karimov à six ans de prison. Sa famille n’a pas été "
        "informée du procès; «c’est injuste», a déclaré son frère."
    )
    doc = read_document(_write(tmp_path, "rapport.txt", text.encode("cp1252")))
    assert doc.text == text
    assert doc.encoding == "cp1252"


def test_read_document_txt_gb18030(tmp_path):
    text = "被告人因煽动颠覆国家政权罪被判处有期徒刑九年。家属直到八月才得知判决结果。"
    doc = read_document(_write(tmp_path, "report.txt", text.encode("gb18030")))
    assert doc.text == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_read_document_txt_utf16_with_or_without_bom(tmp_path, encoding):
    doc = read_document(_write(tmp_path, "report.txt", REPORT.encode(encoding)))
    assert doc.text == REPORT


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n"])
def test_read_document_empty_file_fails_e102(tmp_path, data):
    error = _error(_write(tmp_path, "empty.txt", data))
    assert error.code == "E102"
    assert "empty.txt" in str(error) and "empty" in str(error)


@pytest.mark.parametrize(
    "data",
    [bytes(range(256)) * 40, b"report\x00text\x00" * 200, b"\x01\x02\x03\x04abc" * 100],
)
def test_read_document_binary_fails_e105(tmp_path, data):
    error = _error(_write(tmp_path, "data.txt", data))
    assert error.code == "E105"
    assert "data.txt: binary data" in str(error)


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("report.txt", b"\x1f\x8b\x08\x00rest", "gzip archive"),
        ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest", "old Word"),
        ("sheet.csv", b"a,b\n1,2\n", "unsupported file type .csv"),
        ("archive.docx", b"PK\x03\x04" + b"\x00" * 40, "zip archive, not a Word"),
    ],
)
def test_read_document_unsupported_kind_fails_e104(tmp_path, name, data, words):
    error = _error(_write(tmp_path, name, data))
    assert error.code == "E104"
    assert words in str(error) and name in str(error)
    assert ".txt, .html, .pdf or .docx" in str(error)


def test_read_document_oversize_fails_e103(tmp_path):
    error = _error(_write(tmp_path, "big.txt", b"word " * 100), max_bytes=499)
    assert error.code == "E103"
    assert "big.txt: larger than 499 bytes" in str(error)
    assert "DOCKET_MAX_UPLOAD_MB" in str(error)


def test_read_document_default_limit_is_20_mb(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as fh:
        fh.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: no 20 MB written to disk
    error = _error(path)
    assert error.code == "E103"
    assert "larger than 20 MB" in str(error)


def test_read_document_missing_file_fails_e101(tmp_path):
    error = _error(tmp_path / "nowhere.pdf")
    assert error.code == "E101"
    assert "nowhere.pdf: no such file" in str(error)


def test_read_document_directory_fails_e101(tmp_path):
    assert _error(tmp_path).code == "E101"


def test_read_document_time_limit_fails_e110(tmp_path):
    html = "<html><body>" + "<div><p>The court met again today.</p></div>" * 50_000 + "</body>"
    error = _error(_write(tmp_path, "slow.html", html.encode()), time_limit=0.001)
    assert error.code == "E110"
    assert "slow.html: reading took longer than 0.001 s" in str(error)


# -- HTML ---------------------------------------------------------------------------------


def test_read_document_html_keeps_main_text_only():
    doc = read_document(FIXTURES / "article.html")
    assert doc.kind == "html"
    assert doc.title == "Teacher sentenced to nine years after closed trial"
    for marker in (
        "STYLE",
        "SCRIPT",
        "JSONLD",
        "SKIP",
        "HEADER",
        "NAV",
        "COOKIE",
        "BREADCRUMB",
        "SHARE",
        "COMMENT",
        "HIDDEN",
        "TAGS",
        "RELATED",
        "ASIDE",
        "FOOTER",
        "NOSCRIPT",
    ):
        assert f"{marker}-MARKER" not in doc.text, marker
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Teacher sentenced to nine years after closed trial"
    assert (
        "A court in the provincial capital has sentenced a primary school teacher to nine "
        "years in prison for “inciting subversion of state power”, according to a relative "
        "who spoke on condition of anonymity."
    ) in paragraphs
    assert (
        "The teacher, 41, was detained at her home on 3 May 2020.\n"
        "Her family was not told where she was held for four months."
    ) in paragraphs
    assert "“We only learned of the trial afterwards,” the relative said." in paragraphs
    assert "Charge\tSentence\nInciting subversion\t9 years" in paragraphs


def test_read_document_html_drops_link_lists_without_markup(tmp_path):
    menu = "".join(f'<li><a href="/{n}">Section number {n}</a></li>' for n in range(12))
    html = (
        f"<html><body><div class='top'><ul>{menu}</ul></div>"
        "<div class='txt'><p>Police detained the writer on Monday evening at his flat.</p>"
        "<p>He has not been seen since, his wife told <a href='/x'>reporters</a>.</p></div>"
        f"<div><a href='/a'>Older posts</a> | <a href='/b'>Newer posts</a></div></body></html>"
    )
    doc = _html(tmp_path, html, "page.htm")
    assert doc.text == (
        "Police detained the writer on Monday evening at his flat.\n\n"
        "He has not been seen since, his wife told reporters."
    )


def test_read_document_html_prefers_the_largest_article(tmp_path):
    html = (
        "<html><body><article><p>Short teaser about another case.</p></article>"
        "<article><h2>The case</h2><p>"
        + "The detained lawyer was moved to a prison. " * 20
        + "</p></article><article><p>Another teaser.</p></article></body></html>"
    )
    doc = _html(tmp_path, html)
    assert doc.text.startswith("The case\n\nThe detained lawyer was moved")
    assert "teaser" not in doc.text.lower()


def test_read_document_html_adds_headline_outside_the_article(tmp_path):
    html = (
        "<html><body><div class='title-area'><h1>Activist detained in the capital</h1></div>"
        "<div itemprop='articleBody'><p>"
        + "The activist was taken from her office. " * 5
        + "</p></div></body></html>"
    )
    doc = _html(tmp_path, html)
    assert doc.text.split("\n\n")[0] == "Activist detained in the capital"


def test_read_document_html_declared_charset(tmp_path):
    html = (
        "<html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>"
        "</head><body><p>Le journaliste a été arrêté à Bakou.</p></body></html>"
    )
    doc = _html(tmp_path, html, encoding="cp1252")
    assert doc.text == "Le journaliste a été arrêté à Bakou."
    assert doc.encoding == "windows-1252"


def test_read_document_html_keeps_preformatted_text(tmp_path):
    html = "<html><body><p>Statement:</p><pre>Line one\n    indented line</pre></body></html>"
    doc = _html(tmp_path, html)
    assert doc.text == "Statement:\n\nLine one\n    indented line"


def test_read_document_html_with_only_navigation_fails_e111(tmp_path):
    html = "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>"
    error = _error(_write(tmp_path, "empty.html", html.encode()))
    assert error.code == "E111"
    assert "empty.html: no text found in this HTML document" in str(error)


def test_read_document_xhtml_with_xml_declaration(tmp_path):
    html = '<?xml version="1.0" encoding="utf-8"?>\n<html><body><p>Détenu.</p></body></html>'
    assert _html(tmp_path, html, "page.xhtml").text == "Détenu."


# -- PDF ----------------------------------------------------------------------------------


def test_read_document_pdf_text_layer(tmp_path, make_pdf):
    data = make_pdf(
        ["The prisoner (a monk) was transferred.", "His sentence ends in 2031."], title="Update"
    )
    doc = read_document(_write(tmp_path, "update.pdf", data))
    assert (doc.kind, doc.title, doc.pages) == ("pdf", "Update", 1)
    assert doc.text == "The prisoner (a monk) was transferred.\nHis sentence ends in 2031."
    assert doc.media_type == "application/pdf"


def test_read_document_pdf_without_text_layer_fails_e107(tmp_path):
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    error = _error(_write(tmp_path, "scan.pdf", buffer.getvalue()))
    assert error.code == "E107"
    assert "scan.pdf: the PDF has no text layer" in str(error)
    assert "OCR" in str(error)


def test_read_document_pdf_with_password_fails_e108(tmp_path, make_pdf):
    writer = PdfWriter(clone_from=io.BytesIO(make_pdf(["Secret text."])))
    writer.encrypt(user_password="open-sesame", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    error = _error(_write(tmp_path, "locked.pdf", buffer.getvalue()))
    assert error.code == "E108"
    assert "password" in str(error)


@pytest.mark.parametrize(
    ("name", "data"),
    [("broken.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"), ("fake.pdf", b"hello world")],
)
def test_read_document_damaged_pdf_fails_e109(tmp_path, name, data):
    error = _error(_write(tmp_path, name, data))
    assert error.code == "E109"
    assert name in str(error)


# -- DOCX ---------------------------------------------------------------------------------


def test_read_document_docx_paragraphs_and_tables(tmp_path, make_docx):
    data = make_docx(
        ["Case summary", "The engineer was detained in 2019.", "", "He remains in custody."],
        rows=[["Court", "Intermediate court"], ["Term", "11 years"]],
        title="Case note",
    )
    doc = read_document(_write(tmp_path, "note.docx", data))
    assert (doc.kind, doc.title) == ("docx", "Case note")
    assert doc.text == (
        "Case summary\n\nThe engineer was detained in 2019.\n\nHe remains in custody.\n\n"
        "Court\tIntermediate court\n\nTerm\t11 years"
    )


def test_read_document_damaged_docx_fails_e109(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("word/document.xml", "<not really a document")
    error = _error(_write(tmp_path, "broken.docx", buffer.getvalue()))
    assert error.code == "E109"


def test_read_document_docx_bomb_fails_e103(tmp_path, make_docx):
    buffer = io.BytesIO(make_docx(["Text."]))
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/padding.bin", b"\x00" * 300_000)
    error = _error(_write(tmp_path, "bomb.docx", buffer.getvalue()), max_bytes=50_000)
    assert error.code == "E103"
    assert "unpacks to more than" in str(error)


# -- stdin and sniffing -------------------------------------------------------------------


def test_read_document_stdin_text():
    doc = read_document("-", stdin=io.BytesIO(REPORT.encode()))
    assert (doc.name, doc.kind, doc.text) == ("stdin", "txt", REPORT)


def test_read_document_stdin_sniffs_html_and_pdf(make_pdf):
    html = b"<!DOCTYPE html><html><body><nav>Menu</nav><p>Detained.</p></body></html>"
    assert read_document("-", stdin=io.BytesIO(html)).text == "Detained."
    doc = read_document("-", stdin=io.BytesIO(make_pdf(["From a pipe."])))
    assert (doc.kind, doc.text) == ("pdf", "From a pipe.")


def test_read_document_stdin_oversize_fails_e103():
    with pytest.raises(ReadError) as info:
        read_document("-", stdin=io.BytesIO(b"x" * 101), max_bytes=100)
    assert info.value.code == "E103"
    assert "stdin" in str(info.value)


def test_sniff_kind_trusts_content_over_extension(make_pdf):
    assert sniff_kind(make_pdf(["x"]), name="report.txt") == "pdf"
    assert sniff_kind(b"<html><body>x</body></html>", name="report.html") == "html"
    assert sniff_kind(b"<p>a fragment</p>", name="-") == "txt"


def test_read_bytes_with_kind_given():
    doc = read_bytes(b"<b>bold</b> words", name="upload", kind="html")
    assert (doc.kind, doc.text) == ("html", "bold words")
