"""Glossary XML that is not TBX proper: MultiTerm XML (`<mtf>`) and TBX-Min (`<TBX dialect>`).

MultiTerm XML is what SDL/Trados MultiTerm exports: `mtf/conceptGrp` holding a `concept`
number, `descripGrp/descrip type="..."` fields (free names such as `Definition`, `Subject`,
`Status`, `Part of Speech`, `Note`) and `languageGrp/language lang="EN"` with `termGrp/term`.
TBX-Min (2013, Alan Melby's dialect) is `TBX/body/termEntry/langSet/tig` with plain
`termStatus`, `partOfSpeech`, `subjectField` and `noteGrp/note/noteKey|noteValue` children.
Both read into the glossary model; values without a TBX-Basic equivalent are kept as notes
(see `term_values`) and every skipped part is a warning naming the file and line.
"""

from __future__ import annotations

from lxml import etree

from workbench.core.errors import FormatError, LanguageTagError
from workbench.core.langtags import normalize
from workbench.formats.term_values import map_part_of_speech, map_status, map_term_type
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# MultiTerm field names (lower-cased, spaces removed) that carry a model field.
_SUBJECT = {"subject", "subjectfield", "domain", "subjectarea", "fachgebiet"}
_DEFINITION = {"definition", "definiton", "definitie"}
_STATUS = {"status", "usagestatus", "administrativestatus", "termstatus", "usage"}
_POS = {"partofspeech", "pos", "wortart"}
_TERM_TYPE = {"termtype", "type"}


def _local(element: etree._Element) -> str:
    return etree.QName(element.tag).localname if isinstance(element.tag, str) else ""


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _text(element: etree._Element) -> str:
    return " ".join("".join(str(part) for part in element.itertext()).split())


def _key(name: str) -> str:
    return name.lower().replace(" ", "").replace("_", "").replace("-", "")


class _Reading:
    """One file being read: its name and the warnings so far."""

    def __init__(self, path: str, warnings: list[str] | None) -> None:
        self.path = path
        self.warnings = warnings if warnings is not None else []

    def warn(self, element: etree._Element, message: str) -> None:
        line = element.sourceline
        self.warnings.append(
            f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}"
        )

    def lang(self, element: etree._Element, written: str, concept_id: str) -> str | None:
        try:
            return normalize(written, source="language", registered=False)
        except LanguageTagError as exc:
            self.warn(element, f"concept {concept_id!r}: {exc}; skipped")
            return None


def is_multiterm(root: etree._Element) -> bool:
    """True for a MultiTerm XML export (`<mtf>` root)."""
    return _local(root) == "mtf"


def is_tbx_min(root: etree._Element) -> bool:
    """True for a TBX-Min file (`<TBX dialect="TBX-Min">`, or a `TBX` root with `body`)."""
    return _local(root) == "TBX"


def read_multiterm(root: etree._Element, path: str, warnings: list[str] | None = None) -> Glossary:
    """The glossary of a MultiTerm XML export's root element."""
    reading = _Reading(path, warnings)
    concepts: list[Concept] = []
    seen: set[str] = set()
    source_lang = ""
    for group in _children(root, "conceptGrp"):
        number = next((_text(c) for c in _children(group, "concept")), "")
        concept_id = number or f"c{len(concepts) + 1}"
        if concept_id in seen:
            reading.warn(group, f"concept {concept_id!r} is there twice; the second skipped")
            continue
        fields = _mt_fields(group)
        subject = _pop(fields, _SUBJECT)
        definition = _pop(fields, _DEFINITION)
        notes = [f"{name}: {value}" for name, value in fields]
        terms: list[Term] = []
        for lang_group in _children(group, "languageGrp"):
            language = next(iter(_children(lang_group, "language")), None)
            written = "" if language is None else (language.get("lang") or "")
            if not written:
                reading.warn(lang_group, f"concept {concept_id!r}: a language has no lang; skipped")
                continue
            lang = reading.lang(lang_group, written, concept_id)
            if lang is None:
                continue
            source_lang = source_lang or lang
            lang_fields = _mt_fields(lang_group)
            definition = definition or _pop(lang_fields, _DEFINITION)
            for term_group in _children(lang_group, "termGrp"):
                term = _mt_term(term_group, lang, concept_id, reading)
                if term is not None:
                    terms.append(term)
        if not terms:
            reading.warn(group, f"concept {concept_id!r} has no term; skipped")
            continue
        seen.add(concept_id)
        concepts.append(Concept(concept_id, subject, definition, "\n".join(notes), tuple(terms)))
    return Glossary(concepts, source_lang or "en", f"MultiTerm XML export {path}")


def _mt_fields(element: etree._Element) -> list[tuple[str, str]]:
    """(field name, value) of the element's own descripGrp/descrip children."""
    found: list[tuple[str, str]] = []
    for group in _children(element, "descripGrp"):
        for descrip in _children(group, "descrip"):
            value = _text(descrip)
            if value:
                found.append((descrip.get("type") or "descrip", value))
    return found


def _pop(fields: list[tuple[str, str]], names: set[str]) -> str:
    """The first field whose name is in `names`, taken out of `fields` ("" if none)."""
    for index, (name, value) in enumerate(fields):
        if _key(name) in names:
            del fields[index]
            return value
    return ""


def _mt_term(group: etree._Element, lang: str, concept_id: str, reading: _Reading) -> Term | None:
    text = next((_text(t) for t in _children(group, "term")), "")
    if not text:
        reading.warn(group, f"concept {concept_id!r} ({lang}): empty term skipped")
        return None
    fields = _mt_fields(group)
    status_text = _pop(fields, _STATUS)
    pos = map_part_of_speech(_pop(fields, _POS))
    kind = map_term_type(_pop(fields, _TERM_TYPE))
    status, status_note = map_status(status_text)
    notes = [f"{name}: {value}" if _key(name) != "note" else value for name, value in fields]
    notes += [n for n in (status_note, pos.note, kind.note) if n]
    fallback = TermStatus.ADMITTED if status_note else TermStatus.PREFERRED
    return Term(text, lang, status or fallback, pos.value, kind.value, "\n".join(notes))


def read_tbx_min(root: etree._Element, path: str, warnings: list[str] | None = None) -> Glossary:
    """The glossary of a TBX-Min file's root element."""
    reading = _Reading(path, warnings)
    header = next(iter(_children(root, "header")), None)
    description = source_lang = ""
    if header is not None:
        description = " ".join(
            _text(e) for name in ("id", "description") for e in _children(header, name)
        )
        languages = next(iter(_children(header, "languages")), None)
        if languages is not None:
            source_lang = languages.get("source") or ""
    concepts: list[Concept] = []
    seen: set[str] = set()
    for body in _children(root, "body"):
        for entry in body:
            if _local(entry) not in ("termEntry", "conceptEntry", "entry"):
                continue
            concept = _min_entry(entry, len(concepts) + 1, reading)
            if concept is None:
                continue
            if concept.id in seen:
                reading.warn(entry, f"concept {concept.id!r} is there twice; the second skipped")
                continue
            seen.add(concept.id)
            concepts.append(concept)
    try:
        source = normalize(source_lang, registered=False) if source_lang else "en"
    except LanguageTagError as exc:
        raise FormatError(f"the header's languages source: {exc}", path) from None
    return Glossary(concepts, source, description)


def _min_entry(entry: etree._Element, number: int, reading: _Reading) -> Concept | None:
    concept_id = " ".join((entry.get("id") or "").split()) or f"c{number}"
    subject = next((_text(e) for e in _children(entry, "subjectField")), "")
    terms: list[Term] = []
    for lang_set in [*_children(entry, "langSet"), *_children(entry, "langGroup")]:
        written = lang_set.get(XML_LANG) or lang_set.get("lang") or ""
        if not written:
            reading.warn(lang_set, f"concept {concept_id!r}: a langSet has no xml:lang; skipped")
            continue
        lang = reading.lang(lang_set, written, concept_id)
        if lang is None:
            continue
        for tig in [*_children(lang_set, "tig"), *_children(lang_set, "termGroup")]:
            term = _min_term(tig, lang, concept_id, reading)
            if term is not None:
                terms.append(term)
    if not terms:
        reading.warn(entry, f"concept {concept_id!r} has no term; skipped")
        return None
    return Concept(concept_id, subject, terms=tuple(terms))


def _min_term(tig: etree._Element, lang: str, concept_id: str, reading: _Reading) -> Term | None:
    text = next((_text(t) for t in _children(tig, "term")), "")
    if not text:
        reading.warn(tig, f"concept {concept_id!r} ({lang}): empty term skipped")
        return None
    status, status_note = map_status(next((_text(e) for e in _children(tig, "termStatus")), ""))
    pos = map_part_of_speech(next((_text(e) for e in _children(tig, "partOfSpeech")), ""))
    notes = [f"customer: {_text(e)}" for e in _children(tig, "customer") if _text(e)]
    for group in _children(tig, "noteGrp"):
        for note in _children(group, "note"):
            key = next((_text(k) for k in _children(note, "noteKey")), "")
            value = next((_text(v) for v in _children(note, "noteValue")), "") or _text(note)
            notes.append(f"{key}: {value}" if key else value)
    notes.extend(_text(n) for n in _children(tig, "note") if _text(n))
    notes += [n for n in (status_note, pos.note) if n]
    fallback = TermStatus.ADMITTED if status_note else TermStatus.PREFERRED
    return Term(text, lang, status or fallback, pos.value, "", "\n".join(notes))
