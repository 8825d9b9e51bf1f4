"""Plain-text documents in: strict decoding (UTF-8, UTF-16/32 with BOM, or a named encoding).

`read_document` (and `read_paragraphs`, its paragraphs only) is the one entry point for
documents: it reads .txt (paragraphs separated by blank lines, line breaks inside a paragraph
kept for the segmenter), and hands .docx and .html/.htm to `workbench.formats.documents`,
.pdf to `pdf`, .odt/.fodt to `odt` and .rtf to `rtf`.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.errors import EncodingError, FormatError, InputError
from workbench.core.segmentation import split_paragraphs

if TYPE_CHECKING:
    from workbench.formats.furniture import Cleaned, FootnoteMode

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_HINT = (
    "if the file is in another encoding, name it, e.g. --encoding latin-1, "
    "--encoding cp1252, --encoding cp1251, --encoding gb18030 (or save it as UTF-8)"
)
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
DOCX_SUFFIXES = frozenset({".docx"})
PDF_SUFFIXES = frozenset({".pdf"})
ODT_SUFFIXES = frozenset({".odt", ".fodt", ".ott"})
RTF_SUFFIXES = frozenset({".rtf"})
# Every suffix `read_document` reads by its own reader (the rest is read as plain text).
DOCUMENT_SUFFIXES = HTML_SUFFIXES | DOCX_SUFFIXES | PDF_SUFFIXES | ODT_SUFFIXES | RTF_SUFFIXES
# Binary formats that would otherwise be misread as text.
UNSUPPORTED_SUFFIXES = frozenset({".doc", ".xlsx", ".pptx", ".epub", ".odp", ".ods"})


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _column_of(data: bytes, offset: int) -> int:
    return offset - (data.rfind(b"\n", 0, offset) + 1) + 1


# Codecs Python can decode text with that a document must not be read through: UTF-7 and the
# escape codecs turn plain ASCII into other characters (`+ADw-` is `<`), which hides text
# from a reviewer and markup from the parser; IDNA and Punycode are for host names.
_REFUSED_CODECS = frozenset(
    {"utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"}
)


_FORBIDDEN = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff]")


def check_encoding(name: str, path: str | Path | None = None) -> str:
    """The codec's canonical name if `name` is a text encoding a document may be read in.

    Refuses unknown names, bytes-to-bytes codecs (rot13, hex, base64, zlib...) and codecs that
    hide text (UTF-7, unicode-escape...) with an EncodingError naming the file.
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):  # ValueError: a name with NUL
        info = None
    hint = "use a text encoding such as utf-8, utf-16, latin-1, cp1252, cp1251, gb18030"
    if info is None:
        raise EncodingError(f"unknown encoding {name!r}; {hint}", path)
    canonical = info.name.replace("_", "-")
    if not getattr(info, "_is_text_encoding", True):
        raise EncodingError(f"{name!r} is not a text encoding; {hint}", path)
    if canonical in _REFUSED_CODECS:
        raise EncodingError(
            f"encoding {name!r} is refused: it can hide text from review; {hint}", path
        )
    return canonical


def sniff_bom(data: bytes) -> str | None:
    """The codec named by a byte-order mark at the start of `data`, if any."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def decode_bytes(data: bytes, path: str | Path, encoding: str | None = None) -> str:
    """Decode file content strictly; newlines come back as '\\n' and a BOM is dropped.

    Without `encoding`: a BOM decides (UTF-8, UTF-16, UTF-32), else the bytes must be UTF-8.
    Errors name the file, the line of the first bad byte and what to do.
    """
    codec = encoding or sniff_bom(data) or "utf-8"
    check_encoding(codec, path)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = _line_of(data, exc.start)
        column = _column_of(data, exc.start)
        bad = data[exc.start : exc.start + 1].hex()
        if encoding is None and b"\x00" in data[:4096]:
            problem = (
                f"not UTF-8 (byte 0x{bad} at column {column}); the file has NUL bytes, "
                "so it is probably UTF-16 without a byte-order mark: pass "
                "--encoding utf-16-le (or utf-16-be)"
            )
        elif encoding is None:
            problem = f"not valid UTF-8 (byte 0x{bad} at column {column}); {_HINT}"
        else:
            problem = (
                f"not valid {encoding} (byte 0x{bad} at column {column}); check the "
                "encoding name or leave --encoding out for UTF-8"
            )
        raise EncodingError(problem, path, line) from None
    if encoding is None and sniff_bom(data) is None and "\x00" in text:
        offset = data.index(b"\x00")
        raise EncodingError(
            "the file has NUL bytes, so it is probably UTF-16 without a "
            "byte-order mark (or not text at all): pass --encoding utf-16-le "
            "(or utf-16-be)",
            path,
            _line_of(data, offset),
        )
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Page breaks (form feed, vertical tab) are line breaks; other control characters cannot be
    # saved in a project (XML forbids them), so they are named here, with their line.
    text = text.replace("\f", "\n").replace("\v", "\n")
    check_control_characters(text, path)
    return text


def check_control_characters(text: str, path: str | Path) -> None:
    """Refuse a text holding a character XML cannot (NUL, bell...), naming its line and column."""
    found = _FORBIDDEN.search(text)
    if found is not None:
        at = found.start()
        raise EncodingError(
            f"control character U+{ord(found.group()):04X} at column "
            f"{at - text.rfind(chr(10), 0, at)}; XML (and so a project) cannot hold it: "
            "remove it, or check the encoding",
            path,
            text.count("\n", 0, at) + 1,
        )


def read_bytes(path: str | Path) -> bytes:
    """The bytes of a file; a missing or unreadable file is an InputError naming it."""
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path) from None


def read_text(path: str | Path, encoding: str | None = None) -> str:
    """Read a text file strictly (see `decode_bytes`), with newlines normalised to '\\n'."""
    return decode_bytes(read_bytes(path), path, encoding)


def read_document(
    path: str | Path,
    encoding: str | None = None,
    *,
    lang: str | None = None,
    keep_furniture: bool = False,
) -> Cleaned:
    """The paragraphs of a document by file extension, its footnotes and removed furniture.

    PDF pages lose their running headers, footers and page numbers (listed in `removed`)
    unless `keep_furniture`; `lang` helps judge line-end hyphens (guessed when None).
    """
    from workbench.formats.furniture import Cleaned

    suffix = Path(path).suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise FormatError(
            f"{suffix} files are not supported; save the document as .docx, .odt, .pdf, "
            ".rtf, .html or UTF-8 .txt",
            path,
        )
    if suffix in PDF_SUFFIXES:
        from workbench.formats.pdf import read_pdf

        return read_pdf(path, lang, remove_furniture=not keep_furniture)
    if suffix in ODT_SUFFIXES:
        from workbench.formats.odt import read_odt

        return read_odt(path)
    if suffix in RTF_SUFFIXES:
        from workbench.formats.rtf import read_rtf

        return read_rtf(path)
    if suffix in DOCX_SUFFIXES:
        from workbench.formats.documents import read_docx_paragraphs

        return Cleaned(read_docx_paragraphs(path))
    if suffix in HTML_SUFFIXES:
        from workbench.formats.documents import read_html_paragraphs

        return Cleaned(read_html_paragraphs(path, encoding))
    return Cleaned(split_paragraphs(read_text(path, encoding)))


def read_paragraphs(
    path: str | Path,
    encoding: str | None = None,
    *,
    lang: str | None = None,
    footnotes: FootnoteMode = "end",
    keep_furniture: bool = False,
) -> list[str]:
    """The paragraphs of a document (.txt, .docx, .html, .pdf, .odt, .rtf), by file extension.

    Text files are cut on blank lines; each paragraph keeps its inner line breaks ('\\n') so
    the segmenter can tell a block of title lines from hard-wrapped prose. Footnotes follow
    the body as their own paragraphs (`footnotes="drop"` leaves them out).
    """
    document = read_document(path, encoding, lang=lang, keep_furniture=keep_furniture)
    return document.all_paragraphs(footnotes)
