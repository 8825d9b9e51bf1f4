"""Glossary CSV: one row per term, the shape terminologists hand us (glossary-starter.csv).

Columns `concept_id,subject_field,lang,term,status,note` (required, in any order), and
optionally `part_of_speech,term_type,definition,concept_note`. `note` is the term's note; a
line of it starting `workbench-match:` holds the term's match mode and case sensitivity.
When the file has no `term_type` column, a note that is exactly a TBX term type name
("abbreviation", "acronym", "short form", "full form", "variant", "phrase") also sets the type.
A row with empty `lang` and `term` holds a concept without terms.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from workbench.core import langtags
from workbench.core.atomic import write_text_atomic
from workbench.core.cells import neutralise, restore
from workbench.core.errors import EditError, EncodingError, FormatError, LanguageTagError
from workbench.formats.plaintext import check_control_characters
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus, split_matching_note

REQUIRED = ("concept_id", "subject_field", "lang", "term", "status", "note")
OPTIONAL = ("part_of_speech", "term_type", "definition", "concept_note")

_NOTE_TYPES = {
    "abbreviation": "abbreviation",
    "acronym": "acronym",
    "short form": "shortForm",
    "full form": "fullForm",
    "variant": "variant",
    "phrase": "phrase",
}


def read_glossary_csv(path: str | Path) -> Glossary:
    """Read a glossary CSV file (UTF-8, with or without BOM)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise FormatError(f"cannot read the file: {exc}", path) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise EncodingError("the file is not UTF-8", path, line) from None
    check_control_characters(text, path)
    return parse_glossary_csv(text, path)


def parse_glossary_csv(text: str, path: str | Path = "<csv>") -> Glossary:
    """Parse glossary CSV text; errors name `path` and the line."""
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise FormatError("the file is empty (expected a header row)", path, 1) from None
    except csv.Error as exc:
        raise FormatError(f"bad CSV: {exc}", path, 1) from None
    columns = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in columns]
    if missing:
        raise FormatError(f"missing column(s) {', '.join(missing)} in the header", path, 1)
    index = {name: columns.index(name) for name in (*REQUIRED, *OPTIONAL) if name in columns}
    infer_type = "term_type" not in index
    concepts: dict[str, Concept] = {}
    terms: dict[str, list[Term]] = {}
    try:
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise FormatError(f"expected {len(columns)} fields, found {len(row)}", path, line)

            def cell(name: str, row: list[str] = row) -> str:
                return restore(row[index[name]].strip()) if name in index else ""

            concept_id = cell("concept_id")
            if not concept_id:
                raise FormatError("empty concept_id", path, line)
            concept = Concept(
                concept_id, cell("subject_field"), cell("definition"), cell("concept_note")
            )
            known = concepts.setdefault(concept_id, concept)
            if known != concept:
                raise FormatError(
                    f"concept {concept_id!r}: subject field, definition or concept note "
                    "differs from an earlier row",
                    path,
                    line,
                )
            lang, term_text = cell("lang"), cell("term")
            if not lang and not term_text:
                terms.setdefault(concept_id, [])
                continue
            if not lang or not term_text:
                raise FormatError("a row needs both lang and term", path, line)
            try:  # the one tag parser: a language code, never a path
                langtags.parse(lang, source="lang column", registered=False)
            except LanguageTagError as exc:
                raise FormatError(exc.problem, path, line) from None
            try:
                status = TermStatus.parse(cell("status") or "preferred")
            except ValueError as exc:
                raise FormatError(str(exc), path, line) from None
            try:
                note, mode, case_sensitive, pattern = split_matching_note(cell("note"))
            except ValueError as exc:
                raise FormatError(str(exc), path, line) from None
            term_type = cell("term_type")
            if infer_type:
                term_type = _NOTE_TYPES.get(note.lower(), "")
            terms.setdefault(concept_id, []).append(
                Term(
                    term_text,
                    lang,
                    status,
                    cell("part_of_speech"),
                    term_type,
                    note,
                    mode,
                    case_sensitive,
                    pattern,
                )
            )
    except csv.Error as exc:
        raise FormatError(f"bad CSV: {exc}", path, reader.line_num) from None
    except EditError as exc:
        raise FormatError(str(exc), path, reader.line_num) from None
    result = [
        Concept(c.id, c.subject_field, c.definition, c.note, tuple(terms.get(c.id, ())))
        for c in concepts.values()
    ]
    return Glossary(result)


def format_glossary_csv(glossary: Glossary) -> str:
    """The glossary as CSV text; optional columns are added only when some value needs them."""
    extra = [
        name
        for name in OPTIONAL
        if any(_value(c, t, name) for c in glossary.concepts for t in (*c.terms, None))
        # a note that names a term type would be read back as that type without the column
        or (name == "term_type" and any(_types_from_note(glossary)))
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*REQUIRED, *extra])
    for concept in glossary.concepts:
        rows: list[Term | None] = list(concept.terms) or [None]
        for term in rows:
            base = [
                concept.id,
                concept.subject_field,
                term.lang if term else "",
                term.text if term else "",
                term.status.value if term else "",
                term.note_with_matching if term else "",
            ]
            row = base + [_value(concept, term, name) for name in extra]
            # Spreadsheets open CSV files: no cell may start a formula (OWASP).
            writer.writerow([neutralise(value) for value in row])
    return out.getvalue()


def write_glossary_csv(path: str | Path, glossary: Glossary) -> None:
    """Write the glossary as CSV, atomically."""
    write_text_atomic(path, format_glossary_csv(glossary))


def _types_from_note(glossary: Glossary) -> list[bool]:
    return [t.note.lower() in _NOTE_TYPES for c in glossary.concepts for t in c.terms]


def _value(concept: Concept, term: Term | None, name: str) -> str:
    if name == "definition":
        return concept.definition
    if name == "concept_note":
        return concept.note
    if term is None:
        return ""
    return term.part_of_speech if name == "part_of_speech" else term.term_type
