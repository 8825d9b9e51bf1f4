"""Factories for crafted hostile files: docx packages, deep HTML, TMX and PO attacks."""

from __future__ import annotations

import zipfile
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)


def docx_xml(body: str, doctype: str = "") -> str:
    """A `word/document.xml` with `body` inside `<w:body>`."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"{doctype}"
        f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>'
    )


def paragraph(text: str) -> str:
    """One `<w:p>` with one run holding `text` (already XML)."""
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def write_docx(
    path: Path, document_xml: str | bytes, extra: dict[str, bytes] | None = None
) -> Path:
    """A minimal .docx package around `document_xml`."""
    data = document_xml.encode("utf-8") if isinstance(document_xml, str) else document_xml
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        package.writestr("word/document.xml", data)
        for name, content in (extra or {}).items():
            package.writestr(name, content)
    return path


def docx_bomb(path: Path, inflated: int) -> Path:
    """A .docx whose document.xml inflates to about `inflated` bytes (mostly spaces)."""
    head = docx_xml(paragraph("x"))
    cut = head.index("<w:body>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", _CONTENT_TYPES)
        package.writestr("_rels/.rels", _RELS)
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head[:cut].encode())
            block = b" " * (1 << 20)
            for _ in range(inflated >> 20):
                member.write(block)
            member.write(head[cut:].encode())
    return path


def deep_html(depth: int) -> str:
    """Chapter one, `depth` nested divs holding a line, then chapters two and three."""
    return (
        "<html><body><p>Chapter one.</p>"
        + "<div>" * depth
        + "Deep text."
        + "</div>" * depth
        + "<p>Chapter two.</p><p>Chapter three.</p></body></html>"
    )
