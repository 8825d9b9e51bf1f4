"""A document is read whole or refused with file, line and reason, never partly (issue 12.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.crafted import deep_html, docx_bomb, docx_xml, paragraph, write_docx
from workbench.core.errors import EncodingError, FormatError, UnsafeInputError
from workbench.core.inline import visible
from workbench.formats.documents import MAX_PART_BYTES
from workbench.formats.export import import_tmx
from workbench.formats.plaintext import check_encoding, read_paragraphs
from workbench.formats.po import import_po

TMX_HEAD = (
    '<?xml version="1.0"?>\n{doctype}\n<tmx version="1.4"><header creationtool="x" '
    'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
    'datatype="plaintext"/>\n<body>\n'
)
LAUGHS = (
    '<!DOCTYPE w:document [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


def tmx(
    path: Path, seg: str, doctype: str = '<!DOCTYPE tmx SYSTEM "tmx14.dtd">', n: int = 1
) -> Path:
    unit = (
        f'<tu><tuv xml:lang="en"><seg>{seg}</seg></tuv>'
        '<tuv xml:lang="es"><seg>Hola.</seg></tuv></tu>\n'
    )
    path.write_text(TMX_HEAD.format(doctype=doctype) + unit * n + "</body></tmx>\n", "utf-8")
    return path


def test_docx_declared_entity_is_refused_not_cut(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>'
    path = write_docx(tmp_path / "xxe.docx", docx_xml(paragraph("Secret: &xxe; end."), doctype))
    with pytest.raises(UnsafeInputError, match="DOCTYPE") as caught:
        read_paragraphs(path)
    assert str(path) in str(caught.value)


def test_docx_billion_laughs_is_refused(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "lol.docx", docx_xml(paragraph("&lol3;"), LAUGHS))
    with pytest.raises(UnsafeInputError):
        read_paragraphs(path)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (paragraph("a</w:x>"), "malformed XML"),
        (paragraph("Bell &#x7; x"), "malformed XML"),
        (paragraph("Secret: &xxe; end."), "xxe"),
        (
            "<w:sdt><w:sdtContent>" * 5000 + paragraph("deep") + "</w:sdtContent></w:sdt>" * 5000,
            "nested",
        ),
    ],
    ids=["malformed", "bell", "undefined-entity", "sdt-5000"],
)
def test_docx_broken_xml_is_a_format_error_with_line(
    tmp_path: Path, body: str, reason: str
) -> None:
    path = write_docx(tmp_path / "bad.docx", docx_xml(body))
    with pytest.raises(FormatError, match=reason) as caught:
        read_paragraphs(path)
    assert str(path) in str(caught.value) and "line 2" in str(caught.value)


def test_docx_paragraph_over_the_text_limit_is_refused(tmp_path: Path) -> None:
    path = write_docx(tmp_path / "big.docx", docx_xml(paragraph("word " * 2_100_000)))
    with pytest.raises(FormatError, match="10,000,000"):
        read_paragraphs(path)


def test_docx_bomb_is_refused_before_inflating(tmp_path: Path) -> None:
    path = docx_bomb(tmp_path / "bomb.docx", MAX_PART_BYTES + (1 << 20))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(FormatError, match="over the limit"):
        read_paragraphs(path)


def test_docx_that_is_not_a_zip_is_named(tmp_path: Path) -> None:
    path = tmp_path / "fake.docx"
    path.write_text("not a zip")
    with pytest.raises(FormatError, match="not a readable Word"):
        read_paragraphs(path)


def test_deep_html_is_refused_not_cut(tmp_path: Path) -> None:
    path = tmp_path / "deep.html"
    path.write_text(deep_html(300), "utf-8")
    with pytest.raises(FormatError, match="nested more than 255") as caught:
        read_paragraphs(path)
    assert caught.value.line == 1


def test_html_nested_less_deep_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "ok.html"
    path.write_text(deep_html(200), "utf-8")
    assert read_paragraphs(path) == ["Chapter one.", "Deep text.", "Chapter two.", "Chapter three."]


@pytest.mark.parametrize("n", [1, 3000], ids=["small", "big"])
def test_tmx_undefined_entity_under_a_doctype_is_refused(tmp_path: Path, n: int) -> None:
    path = tmx(tmp_path / "leak.tmx", "Hello &leak;.", n=n)
    with pytest.raises(FormatError, match="&leak;") as caught:
        import_tmx(path)
    assert caught.value.line == 5 and caught.value.path == str(path)


def test_tmx_with_a_doctype_and_no_entity_is_read(tmp_path: Path) -> None:
    path = tmx(tmp_path / "ok.tmx", "Hello <hi>there</hi>.")
    texts = import_tmx(path).documents["en"].texts
    assert [visible(t) for t in texts] == ["Hello there."]  # the <hi> is kept as a code


@pytest.mark.parametrize(
    "name", ["rot13", "hex", "base64", "zlib", "bz2", "utf-7", "UTF7", "unicode_escape", "idna"]
)
def test_encodings_that_are_not_text_or_hide_text_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Hello +ADw-b+AD4-.")
    with pytest.raises(EncodingError) as caught:
        read_paragraphs(path, name)
    assert str(path) in str(caught.value)


@pytest.mark.parametrize("charset", ["rot13", "utf-7", "base64"])
def test_meta_charset_that_hides_text_is_refused(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "a.html"
    path.write_text(f'<html><head><meta charset="{charset}"></head><body><p>Hi.</p></body></html>')
    with pytest.raises(EncodingError, match=charset):
        read_paragraphs(path)


@pytest.mark.parametrize("charset", ["rot13", "UTF-7"])
def test_po_charset_that_hides_text_is_refused(tmp_path: Path, charset: str) -> None:
    path = tmp_path / "a.po"
    path.write_text(
        f'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset={charset}\\n"\n'
        '"Language: es\\n"\n\nmsgid "Hello."\nmsgstr "Hola."\n'
    )
    with pytest.raises(EncodingError, match="charset"):
        import_po(path)


def test_real_text_encodings_still_pass() -> None:
    for name in ["utf-8", "latin-1", "cp1252", "cp1251", "gb18030", "utf-16-le", "shift_jis"]:
        assert check_encoding(name)
