"""TBX glossaries: read TBX v3 (TBX-Basic, DCA style) and TBX v2 (martif); write both.

v3 output is valid against TBXcoreStructV03.rng and the TBX-Basic DCA Schematron. The model
keeps a concept-level definition: a language-level definition is read into it when the
concept has none (the first one wins). Elements the model has no place for (transactions,
cross references, contexts) are ignored on reading.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from lxml import etree

from workbench.core.atomic import write_bytes_atomic
from workbench.core.errors import EditError, FormatError, LanguageTagError
from workbench.core.langtags import is_hostile, normalize
from workbench.formats.term_values import map_part_of_speech, map_status, map_term_type
from workbench.formats.xmlsafe import parse_xml
from workbench.terms.glossary import (
    PARTS_OF_SPEECH,
    TERM_TYPES,
    Concept,
    Glossary,
    Term,
    TermStatus,
    split_matching_note,
)

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NCNAME = re.compile(r"^[A-Za-z_][\w.\-]*$")
_LANG_TAG = re.compile(r"^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$")


# -- reading -------------------------------------------------------------------------------


def read_tbx(path: str | Path, warnings: list[str] | None = None) -> Glossary:
    """Read a TBX v3 or v2 file (decided by its root element).

    What other tools write is read, not refused: see `_Reading`. Each thing skipped or
    changed is appended to `warnings` (when given) as "file:line: what"; only a file that is
    not XML, or not TBX at all, raises FormatError.
    """
    return _read_tree(parse_xml(path), str(path), warnings)


def parse_tbx(data: bytes, path: str = "<tbx>", warnings: list[str] | None = None) -> Glossary:
    """Read TBX v3 or v2 from bytes; errors and warnings name `path`."""
    return _read_tree(parse_xml(data, path), path, warnings)


def tbx_version(path: str | Path) -> int:
    """3 for a `tbx` root, 2 for `martif`; FormatError otherwise."""
    root = parse_xml(path).getroot()
    return _version(root, str(path))


def _version(root: etree._Element, path: str) -> int:
    name = _local(root)
    if name == "tbx":
        return 3
    if name == "martif":
        return 2
    raise FormatError(f"not a TBX file: the root element is <{name}>", path, _line(root))


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _local(element: etree._Element) -> str:
    tag = element.tag
    if not isinstance(tag, str):
        return ""
    # Cheaper than etree.QName, which the reader would build for every element.
    return tag.rpartition("}")[2]


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext()).strip()


class _Reading:
    """One file being read: where it is and the warnings so far.

    Vendors' files break TBX-Basic in small ways (ids that are not XML names, ISO 12620
    statuses, localised parts of speech, empty terms); each is read as well as the model
    allows and said in a warning, never a reason to refuse the file.
    """

    def __init__(self, path: str, warnings: list[str] | None) -> None:
        self.path = path
        self.warnings = warnings if warnings is not None else []
        self.langs: dict[str, str] = {}

    def warn(self, element: etree._Element, message: str) -> None:
        line = _line(element)
        where = f"{self.path}:{line}" if line is not None else self.path
        self.warnings.append(f"{where}: {message}")


def _read_tree(tree: etree._ElementTree, path: str, warnings: list[str] | None) -> Glossary:
    return parse_tree(tree.getroot(), path, warnings)


def parse_tree(root: etree._Element, path: str, warnings: list[str] | None = None) -> Glossary:
    """The glossary of a parsed TBX v3 or v2 root element (see `read_tbx`)."""
    version = _version(root, path)
    reading = _Reading(path, warnings)
    header_name, entry_name, lang_name = (
        ("tbxHeader", "conceptEntry", "langSec")
        if version == 3
        else ("martifHeader", "termEntry", "langSet")
    )
    description = "\n".join(
        _text(p)
        for header in _children(root, header_name)
        for desc in _children(header, "fileDesc")
        for source in _children(desc, "sourceDesc")
        for p in _children(source, "p")
    )
    concepts: list[Concept] = []
    seen: set[str] = set()
    for text in _children(root, "text"):
        for body in _children(text, "body"):
            for entry in body:
                if _local(entry) != entry_name:
                    continue
                concept = _read_entry(entry, lang_name, len(concepts) + 1, reading)
                if concept is None:
                    continue
                if concept.id in seen:
                    new_id = _unused(concept.id, seen)
                    reading.warn(
                        entry, f"concept id {concept.id!r} is used twice; read as {new_id!r}"
                    )
                    concept = replace(concept, id=new_id)
                seen.add(concept.id)
                concepts.append(concept)
    source_lang = _source_lang(root.get(XML_LANG) or "en")
    return Glossary(concepts, source_lang, description)


def _source_lang(text: str) -> str:
    try:
        return normalize(text, registered=False)
    except LanguageTagError:
        return "en"


def _unused(concept_id: str, taken: set[str]) -> str:
    n = 2
    while f"{concept_id}-{n}" in taken:
        n += 1
    return f"{concept_id}-{n}"


def _descrips(element: etree._Element) -> list[etree._Element]:
    """`descrip` children, directly or wrapped in a `descripGrp`."""
    found: list[etree._Element] = []
    for child in element:
        name = _local(child)
        if name == "descrip":
            found.append(child)
        elif name == "descripGrp":
            found.extend(_children(child, "descrip"))
    return found


def _read_entry(
    entry: etree._Element, lang_name: str, number: int, reading: _Reading
) -> Concept | None:
    concept_id = " ".join((entry.get("id") or "").split()) or f"c{number}"
    subject = definition = ""
    notes: list[str] = []
    for descrip in _descrips(entry):
        kind = descrip.get("type") or ""
        value = _text(descrip)
        if kind == "subjectField" and not subject:
            subject = value
        elif kind == "definition" and not definition:
            definition = value
        elif value:
            notes.append(f"{kind}: {value}" if kind else value)
    notes[:0] = [_text(n) for n in _children(entry, "note")]
    terms: list[Term] = []
    for lang_section in _children(entry, lang_name):
        lang = _lang_of(lang_section, lang_name, concept_id, reading)
        if lang is None:
            continue
        if not definition:
            definition = next(
                (_text(d) for d in _descrips(lang_section) if d.get("type") == "definition"), ""
            )
        for holder in lang_section:
            if _local(holder) in ("termSec", "tig", "ntig"):
                term = _read_term(holder, lang, concept_id, reading)
                if term is not None:
                    terms.append(term)
    if not terms:
        reading.warn(entry, f"concept {concept_id!r} has no term; skipped")
        return None
    return Concept(concept_id, subject, definition, "\n".join(n for n in notes if n), tuple(terms))


def _lang_of(
    section: etree._Element, lang_name: str, concept_id: str, reading: _Reading
) -> str | None:
    """The section's language, case-normalised (its spelling kept), or None with a warning."""
    written = section.get(XML_LANG) or section.get("lang") or ""
    if not written:
        reading.warn(section, f"<{lang_name}> of concept {concept_id!r} has no xml:lang; skipped")
        return None
    known = reading.langs.get(written)
    if known is not None:
        return known
    try:
        known = reading.langs[written] = normalize(written, source="xml:lang", registered=False)
        return known
    except LanguageTagError as exc:
        if is_hostile(written):
            # A path or a page of text is no vendor's quirk: refused, so no term is dropped
            # without the user seeing it (callers that read a glossary may ignore warnings).
            raise FormatError(
                f"concept {concept_id!r}: {exc}", reading.path, _line(section)
            ) from None
        reading.warn(section, f"concept {concept_id!r}: {exc}; skipped")
        return None


def _read_term(
    holder: etree._Element, lang: str, concept_id: str, reading: _Reading
) -> Term | None:
    # ntig (TBX v2) nests term and termNotes in a termGrp; notes may sit on either level.
    parts = [holder, *_children(holder, "termGrp")]
    term_elements = [t for part in parts for t in _children(part, "term")]
    if not term_elements:
        reading.warn(holder, f"a term section of concept {concept_id!r} has no <term>; skipped")
        return None
    text = " ".join(_text(term_elements[0]).split())
    if not text:
        reading.warn(term_elements[0], f"concept {concept_id!r} ({lang}): empty term skipped")
        return None
    values = {"administrativeStatus": "", "normativeAuthorization": ""}
    values |= {"partOfSpeech": "", "termType": ""}
    notes: list[str] = []
    for part in parts:
        for note in _children(part, "termNote"):
            kind = note.get("type", "")
            if kind in values and not values[kind]:
                values[kind] = _text(note)
            elif _text(note):
                notes.append(f"{kind}: {_text(note)}")
        notes.extend(f"{d.get('type') or 'descrip'}: {_text(d)}" for d in _descrips(part))
    notes[:0] = [_text(n) for part in parts for n in _children(part, "note")]
    written = values["administrativeStatus"] or values["normativeAuthorization"]
    status, status_note = map_status(written)
    if status_note:
        # An unknown status is not known to be preferred: admitted keeps the term approved.
        reading.warn(holder, f"term {text!r}: unknown status {written!r} kept as a note")
        status = TermStatus.ADMITTED
    pos = map_part_of_speech(values["partOfSpeech"])
    term_type = map_term_type(values["termType"])
    notes += [n for n in (status_note, pos.note, term_type.note) if n]
    joined = "\n".join(n for n in notes if n.strip())
    try:
        user_note, mode, case_sensitive, pattern = split_matching_note(joined)
        return Term(
            text,
            lang,
            status or TermStatus.PREFERRED,
            pos.value,
            term_type.value,
            user_note,
            mode,
            case_sensitive,
            pattern,
        )
    except (ValueError, EditError) as exc:
        reading.warn(holder, f"term {text!r}: {exc}; matched inflected, the note kept")
        return Term(text, lang, status or TermStatus.PREFERRED, pos.value, term_type.value, joined)


# -- writing -------------------------------------------------------------------------------


class _Builder:
    """Adds namespaced children (v3) or plain ones (v2)."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.ns = f"{{{TBX_NS}}}" if version == 3 else ""

    def sub(
        self, parent: etree._Element, name: str, text: str | None = None, **attrs: str
    ) -> etree._Element:
        child = etree.SubElement(parent, self.ns + name)
        for key, value in attrs.items():
            child.set(XML_LANG if key == "lang" else key, value)
        if text is not None:
            child.text = text
        return child


def tbx_bytes(glossary: Glossary, version: int = 3) -> bytes:
    """The glossary as TBX v3 (TBX-Basic DCA) or v2 (martif) bytes."""
    if version not in (2, 3):
        raise ValueError(f"TBX version must be 2 or 3, not {version}")
    _check(glossary, strict_picklists=version == 3)
    build = _Builder(version)
    try:
        if version == 3:
            root = etree.Element(build.ns + "tbx", nsmap={None: TBX_NS})  # type: ignore[dict-item]
            root.set("type", "TBX-Basic")
            root.set("style", "dca")
            header = build.sub(root, "tbxHeader")
        else:
            root = etree.Element("martif")
            root.set("type", "TBX")
            header = build.sub(root, "martifHeader")
        root.set(XML_LANG, glossary.source_lang or "en")
        source = build.sub(build.sub(header, "fileDesc"), "sourceDesc")
        build.sub(source, "p", glossary.description)
        text = build.sub(root, "text")
        # v3 requires one conceptEntry in a body, so an empty glossary has no body at all.
        if glossary.concepts or version == 2:
            body = build.sub(text, "body")
            ids = xml_ids([c.id for c in glossary.concepts])
            for concept in glossary.concepts:
                _write_concept(concept, ids[concept.id], body, build)
        return bytes(
            etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        )
    except ValueError as exc:
        # lxml refuses control characters and other text XML 1.0 cannot hold.
        raise FormatError(f"the glossary holds text TBX cannot store: {exc}") from None


def xml_ids(concept_ids: list[str]) -> dict[str, str]:
    """Each concept id as an XML name, the id attribute's type in both TBX versions.

    A valid id stays as it is; another (`1905`, `2_76365`, `a b`) gets a `c` in front and an
    underscore for each character a name cannot hold, and a number if that is taken.
    """
    taken = {i for i in concept_ids if _NCNAME.match(i)}
    ids: dict[str, str] = {}
    for concept_id in concept_ids:
        if _NCNAME.match(concept_id):
            ids[concept_id] = concept_id
            continue
        base = "c" + re.sub(r"[^\w.\-]", "_", concept_id)
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate)
        ids[concept_id] = candidate
    return ids


def _write_concept(
    concept: Concept, concept_id: str, body: etree._Element, build: _Builder
) -> None:
    v3 = build.version == 3
    entry = build.sub(body, "conceptEntry" if v3 else "termEntry", id=concept_id)
    if concept.subject_field:
        build.sub(entry, "descrip", concept.subject_field, type="subjectField")
    if concept.definition:
        build.sub(entry, "descrip", concept.definition, type="definition")
    if concept.note:
        build.sub(entry, "note", concept.note)
    for lang in concept.langs:
        section = build.sub(entry, "langSec" if v3 else "langSet", lang=lang)
        for term in concept.terms_in(lang):
            holder = build.sub(section, "termSec" if v3 else "tig")
            build.sub(holder, "term", term.text)
            build.sub(holder, "termNote", term.status.tbx_value, type="administrativeStatus")
            if term.part_of_speech:
                build.sub(holder, "termNote", term.part_of_speech, type="partOfSpeech")
            if term.term_type:
                build.sub(holder, "termNote", term.term_type, type="termType")
            if term.note:
                build.sub(holder, "note", term.note)
            if term.matching_note:
                build.sub(holder, "note", term.matching_note)


def _check(glossary: Glossary, *, strict_picklists: bool) -> None:
    for concept in glossary.concepts:
        if not concept.terms:
            raise FormatError(f"concept {concept.id!r} has no term; TBX needs at least one")
        for term in concept.terms:
            if not _LANG_TAG.match(term.lang):
                raise FormatError(f"term {term.text!r}: {term.lang!r} is not a language tag")
            if strict_picklists and term.part_of_speech not in ("", *PARTS_OF_SPEECH):
                raise FormatError(
                    f"term {term.text!r}: part of speech {term.part_of_speech!r} is not one of "
                    f"{', '.join(PARTS_OF_SPEECH)} (TBX-Basic)"
                )
            if strict_picklists and term.term_type not in ("", *TERM_TYPES):
                raise FormatError(
                    f"term {term.text!r}: term type {term.term_type!r} is not one of "
                    f"{', '.join(TERM_TYPES)} (TBX-Basic)"
                )


def write_tbx(path: str | Path, glossary: Glossary, version: int = 3) -> None:
    """Write the glossary as TBX v3 (default) or v2, atomically."""
    write_bytes_atomic(path, tbx_bytes(glossary, version))
