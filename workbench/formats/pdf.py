"""PDF documents in (text-based PDFs): positioned lines per page, then paragraphs.

Two libraries, each for what it does best. pypdf checks the file first, with its
decompression limits: encryption, scripts (never run, reported as a warning), the page count
and the decoded size of every stream pdfminer would decode (so a flate bomb is refused before
anything is inflated whole).
pdfminer.six then lays the pages out (lines with coordinates and font sizes);
`workbench.formats.furniture` turns them into paragraphs without the page furniture.
A page without a text layer (a scan) among text pages is a warning naming it; a PDF mostly
of scans, or a page with a broken font encoding, is an error naming the page.
"""

from __future__ import annotations

import logging
import statistics
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import regex  # type: ignore[import-untyped]

from workbench.core.errors import FormatError, InputError, UnsafeInputError
from workbench.formats.furniture import Cleaned, Line, Page, clean_pages
from workbench.formats.hyphens import LINE_END_HYPHENS

MAX_PDF_BYTES = 256 * 1024 * 1024
MAX_PAGES = 3000
# Decoded content of one page (its content streams and the forms it draws): a dense page of
# text is well under 1 MB; layout objects cost about 1 KB a glyph, so this bounds memory.
MAX_PAGE_CONTENT = 8 * 1024 * 1024
# Decoded size of all streams pdfminer may decode (contents, forms, fonts, CMaps).
MAX_DECODED_TOTAL = 512 * 1024 * 1024
# Share of a page's characters without a Unicode mapping above which its text is garbled.
GARBLED_SHARE = 0.1
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")
_CID = regex.compile(r"\(cid:\d+\)")
_UNMAPPED = regex.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_MARK_CHARS = frozenset("0123456789*†‡§")
_RULE_TEXT = regex.compile(r"[_\u2014\u2015]{5,}")


def _name(value: Any) -> str:
    return str(value) if value is not None else ""


def _scripts(reader: Any) -> list[str]:
    """Where the PDF carries JavaScript or a launch action: 'the document's names', 'page 3'..."""
    places: list[str] = []
    root = reader.trailer.get("/Root")
    root = root.get_object() if root is not None else {}
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        places.append("the document's names")
    for key in ("/OpenAction", "/AA"):
        action = root.get(key)
        if action is not None and _is_script(action.get_object()):
            places.append("the document's open action")
            break
    for number, page in enumerate(reader.pages, start=1):
        if "/AA" in page or any(
            key in annotation and _is_script(annotation[key].get_object())
            for annotation in (a.get_object() for a in page.get("/Annots") or [])
            for key in ("/A", "/AA")
        ):
            places.append(f"page {number}")
    return places


def _is_script(action: Any, depth: int = 0) -> bool:
    if not hasattr(action, "get") or depth > 16:
        return False
    if action.get("/S") in ("/JavaScript", "/Launch") or "/JS" in action:
        return True
    return any(
        hasattr(value, "get_object") and _is_script(value.get_object(), depth + 1)
        for key, value in action.items()
        if key in {"/Next", "/O", "/C", "/K", "/F", "/V", "/D", "/U", "/Fo", "/Bl"}
    )


def scripts_warning(places: list[str]) -> str:
    """The warning for a PDF with scripts: where they are, and that they were never run."""
    shown = ", ".join(places[:5]) + (f" and {len(places) - 5} more" if len(places) > 5 else "")
    return (
        f"the PDF carries JavaScript or launch actions ({shown}); they were ignored, never run: "
        "only the text was read"
    )


def _decoded_size(stream: Any, path: str | Path, what: str) -> int:
    from pypdf.errors import LimitReachedError, PdfReadError, PdfStreamError

    try:
        return len(stream.get_data())
    except LimitReachedError:
        raise UnsafeInputError(
            f"{what} inflates beyond the safety limit (a decompression bomb?); refused", path
        ) from None
    except (PdfReadError, PdfStreamError, ValueError, NotImplementedError) as exc:
        raise FormatError(f"{what} cannot be decoded ({exc})", path) from None


def _form_streams(resources: Any, seen: set[int], depth: int = 0) -> Iterator[Any]:
    """The form XObjects a page draws, nested ones too (each once)."""
    if resources is None or depth > 8:
        return
    xobjects = resources.get_object().get("/XObject")
    if xobjects is None:
        return
    for ref in xobjects.get_object().values():
        form = ref.get_object()
        if form.get("/Subtype") != "/Form" or id(form) in seen:
            continue
        seen.add(id(form))
        yield form
        yield from _form_streams(form.get("/Resources"), seen, depth + 1)


def check_pdf(path: str | Path) -> list[str]:
    """Refuse what is not safe or not readable (naming the page); the warnings otherwise.

    Scripts (JavaScript, launch actions) are never run by either library: a PDF that has
    them is read, with a warning naming where they are.
    """
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import (
        DependencyError,
        FileNotDecryptedError,
        LimitReachedError,
        PyPdfError,
    )

    source = Path(path)
    try:
        size = source.stat().st_size
    except FileNotFoundError:
        raise InputError("file not found", path) from None
    if size > MAX_PDF_BYTES:
        raise UnsafeInputError(f"the PDF is larger than {MAX_PDF_BYTES >> 20} MB; refused", path)
    # pypdf logs each repair it makes to a damaged file; the errors it gives up on are ours.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(str(source), strict=False)
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("") != PasswordType.NOT_DECRYPTED
            except (DependencyError, NotImplementedError):
                opened = False
            if not opened:
                raise FormatError(
                    "the PDF is encrypted with a password; open it in a PDF reader and save "
                    "an unprotected copy",
                    path,
                )
        pages = len(reader.pages)
        if pages > MAX_PAGES:
            raise UnsafeInputError(f"the PDF has {pages} pages (limit {MAX_PAGES}); refused", path)
        places = _scripts(reader)
        warnings = [scripts_warning(places)] if places else []
        total = 0
        fonts_seen: set[int] = set()
        for number, page in enumerate(reader.pages, start=1):
            what = f"page {number}"
            content = page.get_contents()
            page_bytes = _decoded_size(content, path, what) if content is not None else 0
            for form in _form_streams(page.get("/Resources"), set()):
                page_bytes += _decoded_size(form, path, what)
            if page_bytes > MAX_PAGE_CONTENT:
                raise UnsafeInputError(
                    f"{what} draws {page_bytes / 2**20:.1f} MB of content (limit "
                    f"{MAX_PAGE_CONTENT / 2**20:.1f} MB); refused",
                    path,
                )
            total += page_bytes + _font_bytes(page, path, what, fonts_seen)
            if total > MAX_DECODED_TOTAL:
                raise UnsafeInputError(
                    f"the PDF inflates beyond {MAX_DECODED_TOTAL >> 20} MB by {what}; refused",
                    path,
                )
    except FileNotDecryptedError:
        raise FormatError("the PDF is encrypted with a password", path) from None
    except LimitReachedError:
        raise UnsafeInputError(
            "a stream of the PDF inflates beyond the safety limit (a decompression bomb?); refused",
            path,
        ) from None
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        raise FormatError(f"not a readable PDF ({type(exc).__name__}: {exc})", path) from None
    return warnings


def _font_bytes(page: Any, path: str | Path, what: str, seen: set[int]) -> int:
    resources = page.get("/Resources")
    fonts = resources.get_object().get("/Font") if resources is not None else None
    if fonts is None:
        return 0
    total = 0
    for ref in fonts.get_object().values():
        font = ref.get_object()
        if id(font) in seen:
            continue
        seen.add(id(font))
        streams = [font.get("/ToUnicode")]
        descriptor = font.get("/FontDescriptor")
        if descriptor is not None:
            descriptor = descriptor.get_object()
            streams += [descriptor.get(k) for k in ("/FontFile", "/FontFile2", "/FontFile3")]
        for stream in streams:
            if stream is not None and hasattr(stream.get_object(), "get_data"):
                total += _decoded_size(stream.get_object(), path, f"a font of {what}")
    return total


def _line_of(item: Any, page_top: float, page_left: float) -> Line | None:
    from pdfminer.layout import LTChar

    chars: list[tuple[str, Any]] = []
    for child in item:
        if isinstance(child, LTChar):
            chars.append((child.get_text(), child))
        else:
            chars.append((child.get_text(), None))
    sized = [c for _, c in chars if c is not None]
    if not sized:
        return None
    size = statistics.median(c.size for c in sized)
    base = statistics.median(c.y0 for c in sized if c.size >= size * 0.9)
    # A PDF that writes its word spaces as glyphs (Word does) splits some words into two
    # runs for justification; pdfminer guesses a space in the small gap ("takin g").
    writes_spaces = any(c.get_text() == " " for c in sized)
    text_parts: list[str] = []
    marks: list[tuple[int, int]] = []
    at = 0
    for n, (text, char) in enumerate(chars):
        if char is None:
            text = text.replace("\n", "")
            before = chars[n - 1][0][-1:] if n else ""
            after = chars[n + 1][0][:1] if n + 1 < len(chars) else ""
            # pdfminer guesses a space from a gap; between ideographs that gap is spacing.
            if text == " " and (_CJK.match(before or " ") or _CJK.match(after or " ")):
                text = ""
            # Justification can open a gap before a line-end hyphen: not a space (a dash
            # printed as a hyphen keeps the space the text itself has).
            last = n + 2 >= len(chars) or all(c[1] is None for c in chars[n + 2 :])
            if text == " " and after in LINE_END_HYPHENS and before.isalpha() and last:
                text = ""
            if text.startswith(" ") and text_parts and text_parts[-1].endswith(" "):
                text = text.lstrip(" ")
            if text == " " and writes_spaces and _inside_word(chars, n, size):
                text = ""
        elif text in _MARK_CHARS and char.size < size * 0.8 and char.y0 > base + size * 0.15:
            if marks and marks[-1][1] == at:
                marks[-1] = (marks[-1][0], at + len(text))
            else:
                marks.append((at, at + len(text)))
        if char is not None and text == " " and text_parts and text_parts[-1].endswith(" "):
            text = ""
        text_parts.append(text)
        at += len(text)
    content = "".join(text_parts)
    if not content.strip():
        return None
    return Line(
        text=content,
        x0=item.x0 - page_left,
        x1=item.x1 - page_left,
        top=page_top - item.y1,
        bottom=page_top - item.y0,
        size=float(size),
        marks=tuple(marks),
    )


def _inside_word(chars: list[tuple[str, Any]], n: int, size: float) -> bool:
    """Whether the guessed space at `n` sits in a gap too narrow for a word space (under a
    fifth of the font size) between two letters (or a letter and a hyphen): kerning."""
    before = chars[n - 1][1] if n else None
    after = chars[n + 1][1] if n + 1 < len(chars) else None
    if before is None or after is None:
        return False
    left, right = before.get_text()[-1:], after.get_text()[:1]
    if not (left.isalnum() and (right.isalnum() or right == "-")):
        return False
    return bool(after.x0 - before.x1 < size * 0.2)


def _walk(layout: Any) -> Iterator[Any]:
    from pdfminer.layout import LTContainer, LTTextLine

    for item in layout:
        if isinstance(item, LTTextLine):
            yield item
        elif isinstance(item, LTContainer):
            yield from _walk(item)
        else:
            yield item


def _scan_message(number: int) -> str:
    return f"page {number} has no text layer (it is an image, probably a scan)"


def _page_of(layout: Any, number: int, path: str | Path, scans: list[int]) -> Page:
    """The page's lines; a page that is an image without text is added to `scans`, empty."""
    from pdfminer.layout import LTImage, LTLine, LTRect, LTTextLine

    x0, y0, x1, y1 = layout.bbox
    width, height = x1 - x0, y1 - y0
    lines: list[Line] = []
    rules: list[tuple[float, float, float]] = []
    image_area = 0.0
    for item in _walk(layout):
        if isinstance(item, LTTextLine):
            line = _line_of(item, y1, x0)
            if line is not None and _RULE_TEXT.fullmatch(line.text.strip()):
                # A footnote separator typed as underscores is a rule, not text.
                rules.append((line.bottom, line.x0, line.x1))
            elif line is not None:
                lines.append(line)
        elif (
            isinstance(item, LTLine | LTRect) and item.height < 2 and 20 < item.width < width * 0.6
        ):
            rules.append((y1 - item.y1, item.x0 - x0, item.x1 - x0))
        elif isinstance(item, LTImage):
            image_area += item.width * item.height
    text = "".join(line.text for line in lines)
    if not text.strip() and image_area > width * height * 0.3:
        scans.append(number)
        return Page(number, width, height, (), ())
    glyphs = _CID.sub("\ufffd", regex.sub(r"\s", "", text))
    letters = len(glyphs)
    unmapped = len(_UNMAPPED.findall(glyphs))

    if letters >= 20 and unmapped > letters * GARBLED_SHARE:
        raise FormatError(
            f"page {number} has a garbled text layer ({unmapped} of {letters} characters have "
            "no Unicode mapping: a broken font encoding); export the PDF again with embedded "
            "Unicode fonts, or use the document's text version",
            path,
        )
    return Page(number, width, height, tuple(lines), tuple(sorted(rules)))


def read_pdf_pages(path: str | Path, warnings: list[str] | None = None) -> list[Page]:
    """The pages of a text PDF as positioned lines, after the safety checks of `check_pdf`
    (whose warnings are added to `warnings`)."""
    found = check_pdf(path)
    if warnings is not None:
        warnings.extend(found)
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams
    from pdfminer.pdfexceptions import PDFException
    from pdfminer.psexceptions import PSException

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    # boxes_flow=None: no box grouping or ordering (columns are found by furniture.py).
    params = LAParams(line_margin=0.3, char_margin=2.0, boxes_flow=None, all_texts=True)
    pages: list[Page] = []
    scans: list[int] = []
    try:
        for number, layout in enumerate(extract_pages(str(path), laparams=params), start=1):
            pages.append(_page_of(layout, number, path, scans))
    # pdfminer checks some structure with `assert` (a damaged trailer keyword), and indexes
    # past broken tables: on a stranger's file those are format errors, not program errors.
    except (
        PDFException,
        PSException,
        ValueError,
        KeyError,
        TypeError,
        AttributeError,
        AssertionError,
        IndexError,
    ) as exc:
        # Pages are laid out one by one: past the first, the one that failed is named.
        where = f"page {len(pages) + 1} is not readable" if pages else "not a readable PDF"
        raise FormatError(f"{where} ({type(exc).__name__}: {exc})", path) from None
    # A scanned annex among text pages is read around, with a warning naming it; a document
    # mostly of scans is refused: the text read would be a fraction of it.
    if scans and (not any(page.lines for page in pages) or len(scans) * 2 > len(pages)):
        shown = ", ".join(map(str, scans[:10])) + (" ..." if len(scans) > 10 else "")
        first = _scan_message(scans[0])
        more = f" (pages without text: {shown} of {len(pages)})" if len(scans) > 1 else ""
        raise FormatError(
            f"{first}{more}; run OCR on the PDF first, or use the document's text version",
            path,
        )
    if warnings is not None:
        warnings.extend(
            f"{_scan_message(number)}: its text is missing; run OCR on the PDF to include it"
            for number in scans
        )
    return pages


def read_pdf(
    path: str | Path, lang: str | None = None, *, remove_furniture: bool = True
) -> Cleaned:
    """The paragraphs, footnotes and removed furniture of a text PDF, and its warnings."""
    warnings: list[str] = []
    pages = read_pdf_pages(path, warnings)
    if not any(page.lines for page in pages):
        raise FormatError("the PDF has no text layer on any page; run OCR on it first", path)
    if lang is None:
        from workbench.formats.langguess import guess_language

        lang = guess_language(line.text for page in pages for line in page.lines)
    cleaned = clean_pages(pages, lang, remove_furniture=remove_furniture)
    cleaned.warnings.extend(warnings)
    return cleaned
