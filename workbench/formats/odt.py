"""OpenDocument text (.odt, flat .fodt) in: the paragraphs of the body, footnotes apart.

An .odt file is a zip: the sizes of its members are checked before anything is inflated, and
content.xml is read through the hardened parser (`xmlsafe`). Headers and footers live in
styles.xml and are never read, so there is no page furniture to remove. Paragraphs and
headings come in document order, lists, tables, sections and text frames included; notes
(footnotes and endnotes) come after the body as their own paragraphs, numbered as cited.
"""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

from lxml import etree

from workbench.core.errors import FormatError, InputError, UnsafeInputError
from workbench.core.segmentation import split_paragraphs
from workbench.formats.furniture import Cleaned
from workbench.formats.xmlsafe import parse_xml

MAX_CONTENT_BYTES = 64 * 1024 * 1024
# A deflated XML member rarely shrinks more than 1:100; a bomb shrinks 1:1000 and more.
MAX_RATIO = 200
MAX_MEMBERS = 10_000
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_DRAW = "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0"
_P, _H = f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"
_NOTE, _S, _TAB, _BREAK = (f"{{{_TEXT}}}{n}" for n in ("note", "s", "tab", "line-break"))
# Generated or hidden text a translator does not align: indexes, tracked deletions, comments.
_SKIPPED = frozenset(
    [
        f"{{{_TEXT}}}tracked-changes",
        f"{{{_TEXT}}}table-of-content",
        f"{{{_TEXT}}}alphabetical-index",
        f"{{{_TEXT}}}illustration-index",
        f"{{{_TEXT}}}table-index",
        f"{{{_TEXT}}}object-index",
        f"{{{_TEXT}}}user-index",
        f"{{{_TEXT}}}bibliography",
        f"{{{_TEXT}}}sequence-decls",
        f"{{{_TEXT}}}variable-decls",
        f"{{{_TEXT}}}user-field-decls",
        f"{{{_OFFICE}}}annotation",
        f"{{{_OFFICE}}}forms",
        f"{{{_TABLE}}}table-header-rows-dummy",
        f"{{{_DRAW}}}image",
    ]
)


def _content_bytes(path: str | Path) -> bytes:
    """content.xml of an .odt, its size bounded before and while it is inflated."""
    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as exc:
        # ValueError: a member name that is not the UTF-8 its flag says.
        raise FormatError(f"not a readable OpenDocument file ({exc})", path) from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise UnsafeInputError(f"the archive has {len(infos)} members; refused", path)
        try:
            info = archive.getinfo("content.xml")
        except KeyError:
            raise FormatError("not an OpenDocument file (no content.xml)", path) from None
        if info.file_size > MAX_CONTENT_BYTES:
            raise UnsafeInputError(
                f"content.xml inflates to {info.file_size >> 20} MB (limit "
                f"{MAX_CONTENT_BYTES >> 20} MB); refused",
                path,
            )
        ratio = info.file_size / info.compress_size if info.compress_size else 0.0
        if info.file_size > 1 << 20 and ratio > MAX_RATIO:
            raise UnsafeInputError(
                f"content.xml is compressed more than 1:{MAX_RATIO} (a zip bomb?); refused", path
            )
        if _is_encrypted(archive):
            raise FormatError(
                "the document is protected with a password; save an unprotected copy", path
            )
        try:
            with archive.open(info) as member:
                # The header's size may lie: never inflate more than the limit.
                data = member.read(MAX_CONTENT_BYTES + 1)
        except (
            zipfile.BadZipFile,
            OSError,
            EOFError,
            NotImplementedError,
            ValueError,
            zlib.error,
        ) as exc:
            raise FormatError(f"content.xml cannot be read ({exc})", path) from None
        except RuntimeError as exc:  # zipfile's own encryption
            raise FormatError(f"content.xml is encrypted ({exc})", path) from None
    if len(data) > MAX_CONTENT_BYTES:
        raise UnsafeInputError("content.xml inflates beyond its declared size; refused", path)
    return data


def _is_encrypted(archive: zipfile.ZipFile) -> bool:
    try:
        info = archive.getinfo("META-INF/manifest.xml")
    except KeyError:
        return False
    if info.file_size > MAX_CONTENT_BYTES:
        return False
    try:
        with archive.open(info) as member:
            return b"encryption-data" in member.read(MAX_CONTENT_BYTES)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError, zlib.error):
        return False  # a damaged manifest: content.xml tells what it is


class _Walker:
    """Collects body paragraphs and notes from the office:text element."""

    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.notes: list[str] = []

    def block(self, element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIPPED:
                continue
            if tag in (_P, _H):
                self.paragraph(child)
            else:
                self.block(child)

    def paragraph(self, element: etree._Element) -> None:
        pieces: list[str] = []
        self.inline(element, pieces)
        text = "".join(pieces).replace("\r", "")
        self.paragraphs.extend(split_paragraphs(text))

    def inline(self, element: etree._Element, pieces: list[str]) -> None:
        if element.text:
            pieces.append(element.text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str) and tag not in _SKIPPED:
                if tag == _S:
                    pieces.append(" " * int(child.get(f"{{{_TEXT}}}c", "1") or 1))
                elif tag == _TAB:
                    pieces.append("\t")
                elif tag == _BREAK:
                    pieces.append("\n")
                elif tag == _NOTE:
                    self.note(child)
                elif tag in (_P, _H):  # a paragraph inside a frame inside a paragraph
                    self.paragraph(child)
                else:
                    self.inline(child, pieces)
            if child.tail:
                pieces.append(child.tail)

    def note(self, element: etree._Element) -> None:
        citation = element.find(f"{{{_TEXT}}}note-citation")
        mark = "".join(str(t) for t in citation.itertext()).strip() if citation is not None else ""
        body = element.find(f"{{{_TEXT}}}note-body")
        if body is None:
            return
        inner = _Walker()
        inner.block(body)
        texts = [" ".join(p.split()) for p in inner.paragraphs]
        if texts:
            texts[0] = f"{mark} {texts[0]}".strip()
        self.notes.extend(texts)
        self.notes.extend(inner.notes)


def read_odt(path: str | Path) -> Cleaned:
    """The paragraphs and notes of an OpenDocument text (.odt zip or flat .fodt XML)."""
    source = Path(path)
    if source.suffix.lower() == ".fodt":
        try:
            size = source.stat().st_size
        except FileNotFoundError:
            raise InputError("file not found", path) from None
        if size > MAX_CONTENT_BYTES:
            raise UnsafeInputError(f"the file is larger than {MAX_CONTENT_BYTES >> 20} MB", path)
        root = parse_xml(source).getroot()
    else:
        root = parse_xml(_content_bytes(source), path).getroot()
    body = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if body is None:
        raise FormatError("not an OpenDocument text (no office:body/office:text)", path)
    walker = _Walker()
    walker.block(body)
    return Cleaned(walker.paragraphs, walker.notes, [])
