"""Every format against the shared contract (tests/formats/contract.py): one class each."""

from __future__ import annotations

import io
import zipfile
from html import escape

from hypothesis import strategies as st

from tests.formats.contract import FormatContract, ReadOnlyContract
from tests.formats.exchange_data import parallel_texts, segment_texts
from tests.terms.factories import glossaries
from workbench.core.document import Document
from workbench.formats.codecs import (
    DocumentReader,
    GlossaryCsvCodec,
    PoCodec,
    TbxCodec,
    TmxCodec,
    XcesAlignmentCodec,
    XcesDocumentCodec,
)
from workbench.formats.tmx_units import TranslationUnit, Variant

TMX_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n<header creationtool="t" '
    b'creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en-US" '
    b'datatype="plaintext"/>\n<body>\n'
)
TMX_TU = (
    b'<tu><tuv xml:lang="en-US"><seg>The member states agreed &amp; signed.</seg></tuv>'
    b'<tuv xml:lang="es-ES"><seg>Los estados miembros acordaron y firmaron.</seg></tuv>'
    + '<tuv xml:lang="zh-CN"><seg>成员国同意并签署。</seg></tuv></tu>\n'.encode()
)


@st.composite
def tmx_units(draw: st.DrawFn) -> list[TranslationUnit]:
    units = []
    for _ in range(draw(st.integers(0, 4))):
        variants = tuple(
            Variant(lang, tuple(draw(st.lists(segment_texts, min_size=1, max_size=3))))
            for lang in ("en", "es", "zh")
        )
        notes = tuple(draw(st.lists(segment_texts, max_size=1)))
        units.append(TranslationUnit(variants, (), notes))
    return units


class TestTmx(FormatContract):
    codec = TmxCodec()
    values = tmx_units()
    bad_files = (
        (TMX_HEAD + b"<tu><tuv><seg>no language</seg></tuv></tu>\n</body></tmx>\n", 5),
        (TMX_HEAD + b"<tu><tuv xml:lang='en'><seg>open\n</body></tmx>\n", None),
        (b'<?xml version="1.0"?>\n<html/>\n', 1),
    )
    large_head, large_tail = TMX_HEAD, b"</body>\n</tmx>\n"

    def large_unit(self, number: int) -> bytes:
        return TMX_TU


class TestPo(FormatContract):
    codec = PoCodec()
    # A catalogue with no translation at all is a template, which import refuses on purpose.
    values = (
        parallel_texts(("es",))
        .map(lambda text: text.alignments["es"])
        .filter(lambda alignment: any(b.source and b.target for b in alignment.beads))
    )
    bad_files = (
        (b'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "a"\nmsgstr "b"\nmsgid\n', 7),
        (b'msgid ""\nmsgstr ""\n"Language: es\\n"\n', None),
    )
    is_xml = False
    large_head = (
        b'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
    )

    def large_unit(self, number: int) -> bytes:
        return (
            f'msgctxt "{number}"\nmsgid "The member states agreed and signed."\n'
            'msgstr "Los estados miembros acordaron y firmaron."\n\n'
        ).encode()


class TestXcesDocument(FormatContract):
    codec = XcesDocumentCodec()
    values = st.lists(st.lists(segment_texts, min_size=1, max_size=3), min_size=1, max_size=4).map(
        lambda paragraphs: Document("en", paragraphs)
    )
    bad_files = (
        (b'<?xml version="1.0"?>\n<document lang="en">\n<p id="1">\n<s>x</s>\n', None),
        (b'<?xml version="1.0"?>\n<other/>\n', 2),
    )
    large_head = b'<?xml version="1.0" encoding="utf-8"?>\n<document lang="en" name="x">\n'
    large_tail = b"</document>\n"

    def large_unit(self, number: int) -> bytes:
        return (
            f'<p id="{number + 1}">\n  <s id="{number + 1}:1">The member states agreed.</s>\n'
            f'  <s id="{number + 1}:2">They signed.</s>\n</p>\n'
        ).encode()


class TestTbx(FormatContract):
    codec = TbxCodec()
    values = glossaries()
    bad_files = (
        (b'<?xml version="1.0"?>\n<tbx>\n<text><body>\n<oops>\n', None),
        (b'<?xml version="1.0"?>\n<html/>\n', 2),
    )
    large_head = (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<tbx type="TBX-Basic" style="dca" '
        b'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">\n<tbxHeader><fileDesc><sourceDesc>'
        b"<p>x</p></sourceDesc></fileDesc></tbxHeader>\n<text><body>\n"
    )
    large_tail = b"</body></text></tbx>\n"

    def large_unit(self, number: int) -> bytes:
        return (
            f'<conceptEntry id="c{number}"><langSec xml:lang="en"><termSec>'
            f"<term>member state {number}</term></termSec></langSec></conceptEntry>\n"
        ).encode()


class TestGlossaryCsv(FormatContract):
    codec = GlossaryCsvCodec()
    values = glossaries()
    bad_files = ((b"concept,lang\n", None),)
    is_xml = False
    large_head = b"concept_id,subject_field,lang,term,status,note\n"

    def large_unit(self, number: int) -> bytes:
        return f"c{number},security,en,member state {number},preferred,\n".encode()


class TestXcesAlignment(FormatContract):
    codec = XcesAlignmentCodec()
    values = parallel_texts(("es",)).map(lambda text: text.alignments["es"])
    bad_files = (
        (b'<?xml version="1.0"?>\n<other/>\n', 2),
        (b'<?xml version="1.0"?>\n<cesAlign version="1.0">\n<linkGrp toDoc="es.xml">\n', None),
        (
            b'<?xml version="1.0"?>\n<cesAlign>\n<linkGrp toDoc="es.xml"/>\n</cesAlign>',
            3,
        ),
        (
            b'<?xml version="1.0"?>\n<cesAlign>\n<linkGrp fromDoc="en.xml" toDoc="es.xml"/>\n'
            b"</cesAlign>\n",
            3,
        ),
    )


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


class TestPlainText(ReadOnlyContract):
    reader = DocumentReader(".txt")
    bad_files = ((b"caf\xe9 is not UTF-8\n", None), (b"\x00\x01\x02binary", None))

    def make(self, paragraphs: list[str]) -> bytes:
        return ("\n\n".join(paragraphs) + "\n").encode()


class TestHtml(ReadOnlyContract):
    reader = DocumentReader(".html")
    bad_files = ((b"\xff\xfe\x00\x00 not html at all \x00", None),)

    def make(self, paragraphs: list[str]) -> bytes:
        body = "".join(f"<p>{escape(p)}</p>\n" for p in paragraphs)
        return f'<html><head><meta charset="utf-8"></head><body>\n{body}</body></html>\n'.encode()


class TestDocx(ReadOnlyContract):
    reader = DocumentReader(".docx")
    bad_files = ((b"PK not a zip", None), (_zip({"word/document.xml": b"<w:document"}), None))

    def make(self, paragraphs: list[str]) -> bytes:
        import docx

        document = docx.Document()
        for paragraph in paragraphs:
            document.add_paragraph(paragraph)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()

    def laughs(self, xml: bytes) -> bytes:
        return _zip({"[Content_Types].xml": xml, "word/document.xml": xml})


ODT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<office:document '
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'office:mimetype="application/vnd.oasis.opendocument.text">\n'
    "<office:body><office:text>\n{body}</office:text></office:body></office:document>\n"
)


class TestFlatOdt(ReadOnlyContract):
    reader = DocumentReader(".fodt")
    bad_files = ((ODT.format(body="<text:p>open").encode(), 4),)

    def make(self, paragraphs: list[str]) -> bytes:
        body = "".join(f"<text:p>{escape(p)}</text:p>\n" for p in paragraphs)
        return ODT.format(body=body).encode()

    def laughs(self, xml: bytes) -> bytes:
        return xml


class TestRtf(ReadOnlyContract):
    reader = DocumentReader(".rtf")
    bad_files = ((b"not rtf at all", None), (b"{\\rtf1\\ansi\nunclosed {group\n", 2))

    def make(self, paragraphs: list[str]) -> bytes:
        def escaped(text: str) -> str:
            return "".join(c if ord(c) < 128 else _u(c) for c in text)

        body = "".join(f"{escaped(p)}\\par\n" for p in paragraphs)
        return ("{\\rtf1\\ansi\\uc1\n" + body + "}\n").encode()


def _u(char: str) -> str:
    """`char` as RTF writes it: \\uN per UTF-16 unit, N signed 16-bit, a ? fallback each."""
    units = char.encode("utf-16-le")
    codes = [int.from_bytes(units[i : i + 2], "little") for i in range(0, len(units), 2)]
    return "".join(f"\\u{c - 65536 if c > 32767 else c}?" for c in codes)


class TestPdf(ReadOnlyContract):
    reader = DocumentReader(".pdf")
    bad_files = ((b"%PDF-1.4\nnot really\n", None), (b"plain text", None))
