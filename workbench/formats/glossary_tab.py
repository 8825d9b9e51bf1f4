"""Two-language glossaries as other tools keep them: OmegaT's TSV, Weblate's and memoQ's CSV.

One row per entry: source term, target term, and an optional comment (OmegaT's third
column, Weblate's `explanation`/`comment`, memoQ's description), tab-separated (`.tab`,
`.txt`, `.utf8`, `.tsv`) or comma-separated (`.csv`). UTF-8 with or without BOM, or UTF-16
with a BOM; lines starting with `#` are comments (OmegaT writes
`# Glossary in tab-separated format -*- coding: utf-8 -*-`). A first row of column names
(`source,target,comment`, `term,translation,description`) is a header; the file does not
say its languages, so the caller gives them. Each row becomes a concept
`t<line>` with one term per language and the comment as its note.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from pathlib import Path

from workbench.core.errors import EncodingError, FormatError, LanguageTagError, UsageError
from workbench.core.langtags import normalize
from workbench.formats.plaintext import check_control_characters
from workbench.terms.glossary import Concept, Glossary, Term

TAB_SUFFIXES = (".tab", ".txt", ".utf8", ".tsv")
_HEADER_WORDS = {
    "source",
    "target",
    "comment",
    "comments",
    "explanation",
    "description",
    "note",
    "notes",
    "term",
    "translation",
    "context",
}
# OmegaT's own test glossaries separate the columns of some lines with runs of spaces.
_SPACES = re.compile(r" {2,}")


def decode_text(data: bytes, path: str | Path) -> str:
    """The file's text: UTF-16 or UTF-8 by its BOM, else UTF-8; EncodingError names the line.

    A control character no glossary file format can hold (NUL, bell...) is refused with its
    line: TBX could not be written from it.
    """
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise EncodingError("the file has a UTF-16 BOM but is not UTF-16", path) from None
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise EncodingError(
                "the file is neither UTF-8 nor UTF-16 with a BOM", path, line
            ) from None
    check_control_characters(text, path)
    return text


def read_glossary_tab(
    path: str | Path,
    langs: tuple[str, str] | None = None,
    warnings: list[str] | None = None,
) -> Glossary:
    """Read an OmegaT/Weblate/memoQ glossary file; `langs` = (source, target) codes."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc}", path) from None
    separator = "," if file.suffix.lower() == ".csv" else "\t"
    return parse_glossary_tab(decode_text(data, path), path, separator, langs, warnings)


def parse_glossary_tab(
    text: str,
    path: str | Path = "<glossary>",
    separator: str = "\t",
    langs: tuple[str, str] | None = None,
    warnings: list[str] | None = None,
) -> Glossary:
    """Parse glossary rows; a row without a target term is kept with its source term only."""
    said = warnings if warnings is not None else []
    rows = list(_rows(text, separator, path))
    if rows and _is_header(rows[0][1]):
        rows.pop(0)
    if langs is None:
        raise UsageError(
            f"{path}: the glossary does not say its languages; give them, e.g. --langs en,es"
        )
    try:
        source, target = (normalize(code, source="--langs", registered=False) for code in langs)
    except LanguageTagError as exc:
        raise UsageError(str(exc)) from None
    concepts: list[Concept] = []
    for line, cells in rows:
        cells = [" ".join(cell.split()) for cell in cells]
        if not cells or not cells[0]:
            if any(cells):
                said.append(f"{path}:{line}: no source term; the row skipped")
            continue
        if len(cells) > 3:
            said.append(
                f"{path}:{line}: {len(cells)} columns; the fourth and later kept in the note"
            )
        terms = [Term(cells[0], source)]
        if len(cells) > 1 and cells[1]:
            terms.append(Term(cells[1], target))
        note = "\n".join(c for c in cells[2:] if c)
        concepts.append(Concept(f"t{line}", note=note, terms=tuple(terms)))
    return Glossary(concepts, source, f"Imported from {Path(str(path)).name}")


def _rows(text: str, separator: str, path: str | Path) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every row that is not blank or a `#` comment."""
    found: list[tuple[int, list[str]]] = []
    if separator == "\t":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cells = line.split("\t") if "\t" in line else _SPACES.split(line.strip())
            found.append((number, cells))
        return found
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for cells in reader:
            number = reader.line_num
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            found.append((number, cells))
    except csv.Error as exc:
        raise FormatError(f"bad CSV: {exc}", path, reader.line_num) from None
    return found


def _is_header(cells: list[str]) -> bool:
    names = [c.strip().lower() for c in cells if c.strip()]
    if len(names) < 2:
        return False
    return names[0] in _HEADER_WORDS and names[1] in _HEADER_WORDS
