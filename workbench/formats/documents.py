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

from workbench.core.errors import FormatError
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


def read_docx_paragraphs(path: str | Path) -> list[str]:
    """The non-empty paragraphs of a .docx file (line breaks inside a paragraph kept)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(str(path))
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
    out: list[str] = []
    buffer: list[str] = []
    _walk(root, buffer, out, False)
    _flush(buffer, out)
    return out
