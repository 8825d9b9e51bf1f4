"""Small PDFs built in the tests (pypdf's writer): text at given places, images, scripts."""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

WIDTH, HEIGHT = 595.0, 842.0


@dataclass(frozen=True)
class Text:
    """A run of Latin text with its baseline's left end, from the page's bottom-left corner."""

    x: float
    y: float
    text: str
    size: float = 10.0


def _escape(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def content_of(runs: list[Text]) -> bytes:
    """A content stream drawing the runs in Helvetica (font resource /F1)."""
    ops = []
    for run in runs:
        ops.append(
            b"BT /F1 %.2f Tf %.2f %.2f Td (%s) Tj ET" % (run.size, run.x, run.y, _escape(run.text))
        )
    return b"\n".join(ops)


def _font(writer: PdfWriter) -> DictionaryObject:
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    return DictionaryObject({NameObject("/F1"): writer._add_object(font)})


def write_pdf(
    path: Path,
    pages: list[list[Text]],
    *,
    javascript: str | None = None,
    page_script: int | None = None,
    password: str | None = None,
) -> Path:
    """A PDF of the pages of text runs; with an open-action script, a script run when page
    `page_script` (from 1) opens, or a password if asked."""
    writer = PdfWriter()
    for runs in pages:
        page = writer.add_blank_page(WIDTH, HEIGHT)
        stream = DecodedStreamObject()
        stream.set_data(content_of(runs))
        page[NameObject("/Contents")] = writer._add_object(stream)
        page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): _font(writer)})
    if javascript is not None:
        action = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Action"),
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject(javascript),
            }
        )
        writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)
    if page_script is not None:
        action = DictionaryObject(
            {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("1")}
        )
        opened = DictionaryObject({NameObject("/O"): writer._add_object(action)})
        writer.pages[page_script - 1][NameObject("/AA")] = opened
    if password is not None:
        writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    with path.open("wb") as out:
        writer.write(out)
    return path


def write_flate_page(path: Path, inflated_size: int) -> Path:
    """A one-page PDF whose content stream inflates to `inflated_size` bytes of spaces."""
    writer = PdfWriter()
    page = writer.add_blank_page(WIDTH, HEIGHT)
    stream = StreamObject()
    stream.set_data(zlib.compress(b" " * inflated_size, 9))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    with path.open("wb") as out:
        writer.write(out)
    return path


def write_image_page(path: Path) -> Path:
    """A one-page PDF holding only a page-sized grey image: a scan without OCR."""
    writer = PdfWriter()
    page = writer.add_blank_page(WIDTH, HEIGHT)
    image = StreamObject()
    image.set_data(bytes([128]) * 64)
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(8),
            NameObject("/Height"): NumberObject(8),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    content = DecodedStreamObject()
    content.set_data(b"q %.1f 0 0 %.1f 0 0 cm /Im1 Do Q" % (WIDTH, HEIGHT))
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/XObject"): DictionaryObject({NameObject("/Im1"): writer._add_object(image)})}
    )
    with path.open("wb") as out:
        writer.write(out)
    return path


def write_unmapped_font_page(path: Path) -> Path:
    """A page of text in a composite font with no ToUnicode map: glyph ids, no characters."""
    writer = PdfWriter()
    page = writer.add_blank_page(WIDTH, HEIGHT)
    descendant = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/CIDFontType2"),
            NameObject("/BaseFont"): NameObject("/Broken"),
            NameObject("/CIDSystemInfo"): DictionaryObject(
                {
                    NameObject("/Registry"): TextStringObject("Adobe"),
                    NameObject("/Ordering"): TextStringObject("Identity"),
                    NameObject("/Supplement"): NumberObject(0),
                }
            ),
        }
    )
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type0"),
            NameObject("/BaseFont"): NameObject("/Broken"),
            NameObject("/Encoding"): NameObject("/Identity-H"),
            NameObject("/DescendantFonts"): ArrayObject([writer._add_object(descendant)]),
        }
    )
    glyphs = b"".join(b"\x01" + bytes([n]) for n in range(40, 90))
    content = DecodedStreamObject()
    content.set_data(b"BT /F1 12 Tf 72 700 Td <" + glyphs.hex().encode() + b"> Tj ET")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    with path.open("wb") as out:
        writer.write(out)
    return path
