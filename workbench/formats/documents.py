"""Word (.docx) and HTML documents in, as lists of paragraphs for the segmenter.

.docx: every non-empty paragraph of the body, in order, table cells included (python-docx).
HTML: the text of block elements (p, h1-h6, li, td, th, div with its own text...), `<br>` kept
as a line break; head, title, scripts and styles left out (lxml.html, no network).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
from lxml import etree

from workbench.core.errors import FormatError, UnsafeInputError
from workbench.core.segmentation import split_paragraphs
from workbench.formats.plaintext import decode_bytes, read_bytes, sniff_bom

BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
SKIPPED_TAGS = frozenset(
    [
        "head",
        "title",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "select",
        "option",
    ]
)
# Inflated sizes a .docx may declare: all members, and any one XML part (lxml holds a part
# in memory at ~10x its size; 64 MB of XML is a book of well over a million words).
MAX_PACKAGE_BYTES = 512 * 1024 * 1024
MAX_PART_BYTES = 64 * 1024 * 1024
_LINE_BREAK = "\u2028"  # stands for <br> and <pre> newlines until whitespace is collapsed
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _iter_docx_blocks(container: Any) -> Iterator[str]:
    """Paragraph texts of a document, table cell or header, in reading order."""
    for item in container.iter_inner_content():
        if hasattr(item, "rows"):
            seen: set[int] = set()
            for row in item.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell appears once per grid column
                        continue
                    seen.add(id(cell._tc))
                    yield from _iter_docx_blocks(cell)
        else:
            yield str(item.text)


def check_package(path: str | Path) -> None:
    """Refuse a .docx whose parts are too big to read or that could hide text.

    Sizes are checked from the zip directory before anything is inflated (a zip bomb of a
    few MB can inflate to GBs); a zip member cannot inflate past its declared size, since
    `zipfile` stops there and checks the CRC. XML parts may hold no DOCTYPE: OOXML has none,
    and a declared entity would be kept unresolved by python-docx, losing the text after it.
    """
    try:
        with zipfile.ZipFile(path) as package:
            members = package.infolist()
            total = sum(m.file_size for m in members)
            if total > MAX_PACKAGE_BYTES:
                raise FormatError(
                    f"the package inflates to {total:,} bytes, over the limit of "
                    f"{MAX_PACKAGE_BYTES:,}; refused (a zip bomb, or split the document)",
                    path,
                )
            for member in members:
                if not member.filename.endswith((".xml", ".rels")):
                    continue
                if member.file_size > MAX_PART_BYTES:
                    raise FormatError(
                        f"part {member.filename} is {member.file_size:,} bytes, over the "
                        f"limit of {MAX_PART_BYTES:,}; refused",
                        path,
                    )
                with package.open(member) as stream:
                    head = stream.read(4096)
                if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                    raise UnsafeInputError(
                        f"part {member.filename} has a DOCTYPE (entities); refused for safety",
                        path,
                    )
    except FileNotFoundError:
        raise FormatError("file not found", path) from None
    except IsADirectoryError:
        raise FormatError("is a folder, not a file", path) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError) as exc:
        raise FormatError(f"not a readable Word .docx file ({exc})", path) from None


def _xml_problem(exc: etree.XMLSyntaxError) -> str:
    message = str(exc.msg or exc)
    if "Excessive depth" in message:
        return "elements are nested more than 255 deep; refused (the text would be cut)"
    if "Text node too long" in message:
        return "a text run is over 10,000,000 characters; refused (split the paragraph)"
    return f"malformed XML in the document: {message}"


def read_docx_paragraphs(path: str | Path) -> list[str]:
    """The non-empty paragraphs of a .docx file (line breaks inside a paragraph kept)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    check_package(path)
    try:
        document = docx.Document(str(path))
    except etree.XMLSyntaxError as exc:
        # python-docx parses with its own parser; the line is that of the XML part.
        line = f"line {exc.lineno} of an XML part: " if exc.lineno else ""
        raise FormatError(line + _xml_problem(exc), path) from None
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        if not Path(path).is_file():
            raise FormatError("file not found", path) from None
        raise FormatError(f"not a readable Word .docx file ({exc})", path) from None
    paragraphs = []
    for text in _iter_docx_blocks(document):
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
        paragraphs.extend(split_paragraphs(text))
    return paragraphs


def _html_text(data: bytes, path: str | Path, encoding: str | None) -> str:
    if encoding is None and sniff_bom(data) is None:
        declared = _META_CHARSET.search(data[:4096])
        if declared is not None:
            encoding = declared.group(1).decode("ascii")
    return decode_bytes(data, path, encoding)


def _flush(buffer: list[str], out: list[str]) -> None:
    text = _SPACES.sub(" ", "".join(buffer)).replace(_LINE_BREAK, "\n")
    buffer.clear()
    lines = "\n".join(line.strip() for line in text.split("\n"))
    out.extend(split_paragraphs(lines))


def _walk(element: Any, buffer: list[str], out: list[str], in_pre: bool) -> None:
    tag = element.tag.lower() if isinstance(element.tag, str) else None
    if tag is not None and tag not in SKIPPED_TAGS:
        is_block = tag in BLOCK_TAGS
        pre = in_pre or tag in {"pre", "textarea"}
        if is_block:
            _flush(buffer, out)
        if tag == "br":
            buffer.append(_LINE_BREAK)
        text = element.text or ""
        buffer.append(text.replace("\n", _LINE_BREAK) if pre else text)
        for child in element:
            _walk(child, buffer, out, pre)
        if is_block:
            _flush(buffer, out)
    tail = element.tail or ""
    buffer.append(tail.replace("\n", _LINE_BREAK) if in_pre else tail)


def read_html_paragraphs(path: str | Path, encoding: str | None = None) -> list[str]:
    """The paragraphs of an HTML file: block elements' text, `<br>` as a line break.

    The encoding is the one named, else a BOM, else the `<meta charset>`, else UTF-8 (strict).
    """
    text = _html_text(read_bytes(path), path, encoding)
    if not text.strip():
        return []
    # The declaration was used to decode; lxml refuses str input that still carries one.
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    parser = lxml.html.HTMLParser(no_network=True, remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise FormatError(f"cannot parse as HTML ({exc})", path) from None
    # The HTML parser recovers from sloppy markup, but a fatal error (nesting past libxml2's
    # limit of 255) silently drops the rest of the file: refuse rather than read part of it.
    for entry in parser.error_log:
        if entry.level_name == "FATAL":
            problem = entry.message
            if "Excessive depth" in problem:
                problem = "elements are nested more than 255 deep"
            raise FormatError(f"{problem}; refused (the rest would be lost)", path, entry.line)
    out: list[str] = []
    buffer: list[str] = []
    _walk(root, buffer, out, False)
    _flush(buffer, out)
    return out
