"""Two-language glossaries as other tools keep them: OmegaT's TSV, Weblate's and memoQ's CSV.

One row per entry: source term, target term, and an optional comment (OmegaT's third
column, Weblate's `explanation`/`comment`, memoQ's description), tab-separated (`.tab`,
`.txt`, `.utf8`, `.tsv`) or comma-separated (`.csv`). UTF-8 with or without BOM, or UTF-16
with a BOM; lines starting with `#` are comments (OmegaT writes
`# Glossary in tab-separated format -*- coding: utf-8 -*-`). A first row of column names
(`source,target,comment`, `term,translation,description`, Weblate's
`location,source,target,id,fuzzy,context,translator_comments,developer_comments` in any order)
is a header and says which column is which; the file does not say its languages, so the caller
gives them. Each row becomes a concept `t<line>` with one term per language and the comments as
its note; rows with the same context and source term (Weblate's multivalue CSV) are one
concept whose target terms are synonyms.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass
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
    "location",
    "id",
    "fuzzy",
    "translator_comments",
    "developer_comments",
}
_SOURCE_NAMES = ("source", "term")
_TARGET_NAMES = ("target", "translation")
# Columns that say nothing a glossary keeps: where a string came from, its id, its state.
_IGNORED_NAMES = {"location", "id", "fuzzy"}
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
    columns = _columns(rows[0][1]) if rows and _is_header(rows[0][1]) else None
    if columns is not None:
        rows.pop(0)
    if langs is None:
        raise UsageError(
            f"{path}: the glossary does not say its languages; give them, e.g. --langs en,es"
        )
    try:
        source, target = (normalize(code, source="--langs", registered=False) for code in langs)
    except LanguageTagError as exc:
        raise UsageError(str(exc)) from None
    entries: dict[tuple[str, str], tuple[str, list[str], list[str]]] = {}
    for line, cells in rows:
        cells = [" ".join(cell.split()) for cell in cells]
        if columns is None:
            if len(cells) > 3:
                said.append(
                    f"{path}:{line}: {len(cells)} columns; the fourth and later kept in the note"
                )
            term, translation, context = cells[0], cells[1] if len(cells) > 1 else "", ""
            notes = [c for c in cells[2:] if c]
        else:
            term, translation, context, notes = columns.read(cells)
        if not term:
            if any(cells):
                said.append(f"{path}:{line}: no source term; the row skipped")
            continue
        key = (context, term) if columns is not None else (f"{line}", term)
        _, translations, concept_notes = entries.setdefault(
            key, (f"t{line}", [], [f"context: {context}"] if context else [])
        )
        if translation and translation not in translations:
            translations.append(translation)
        concept_notes.extend(n for n in notes if n not in concept_notes)
    concepts = [
        Concept(
            concept_id,
            note="\n".join(notes),
            terms=(Term(term, source), *(Term(t, target) for t in translations)),
        )
        for (_, term), (concept_id, translations, notes) in entries.items()
    ]
    return Glossary(concepts, source, f"Imported from {Path(str(path)).name}")


@dataclass(frozen=True, slots=True)
class _Columns:
    """Where a headed file keeps the source term, the target term, the context, the comments."""

    source: int
    target: int
    context: int
    comments: tuple[int, ...]

    def read(self, cells: list[str]) -> tuple[str, str, str, list[str]]:
        """(term, translation, context, notes) of one row."""

        def cell(index: int) -> str:
            return cells[index] if 0 <= index < len(cells) else ""

        notes = [cell(i) for i in self.comments if cell(i)]
        return cell(self.source), cell(self.target), cell(self.context), notes


def _columns(header: list[str]) -> _Columns:
    names = [c.strip().lower() for c in header]

    def first(options: tuple[str, ...], default: int) -> int:
        return next((i for i, n in enumerate(names) if n in options), default)

    source = first(_SOURCE_NAMES, 0)
    target = first(_TARGET_NAMES, 1 if source != 1 else 0)
    context = first(("context",), -1)
    comments = tuple(
        i
        for i, n in enumerate(names)
        if i not in (source, target, context) and n not in _IGNORED_NAMES
    )
    return _Columns(source, target, context, comments)


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
