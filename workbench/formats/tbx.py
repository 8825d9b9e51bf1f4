"""TBX glossaries: read TBX v3 (TBX-Basic, DCA style) and TBX v2 (martif); write both.

v3 output is valid against TBXcoreStructV03.rng and the TBX-Basic DCA Schematron. The model
keeps a concept-level definition: a language-level definition is read into it when the
concept has none (the first one wins). Elements the model has no place for (transactions,
cross references, contexts) are ignored on reading.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from workbench.core.atomic import write_bytes_atomic
from workbench.core.errors import EditError, FormatError
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


def read_tbx(path: str | Path) -> Glossary:
    """Read a TBX v3 or v2 file (decided by its root element)."""
    return _read_tree(parse_xml(path), str(path))


def parse_tbx(data: bytes, path: str = "<tbx>") -> Glossary:
    """Read TBX v3 or v2 from bytes; errors name `path`."""
    return _read_tree(parse_xml(data, path), path)


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
    return etree.QName(tag).localname


def _children(element: etree._Element, name: str) -> list[etree._Element]:
    return [child for child in element if _local(child) == name]


def _text(element: etree._Element) -> str:
    return "".join(str(part) for part in element.itertext()).strip()


def _read_tree(tree: etree._ElementTree, path: str) -> Glossary:
    root = tree.getroot()
    version = _version(root, path)
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
                concept = _read_entry(entry, lang_name, len(concepts) + 1, path)
                if concept.id in seen:
                    raise FormatError(
                        f"concept id {concept.id!r} is used twice", path, _line(entry)
                    )
                seen.add(concept.id)
                concepts.append(concept)
    source_lang = root.get(XML_LANG) or "en"
    return Glossary(concepts, source_lang, description)


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


def _read_entry(entry: etree._Element, lang_name: str, number: int, path: str) -> Concept:
    concept_id = (entry.get("id") or "").strip() or f"c{number}"
    subject = definition = ""
    for descrip in _descrips(entry):
        kind = descrip.get("type")
        if kind == "subjectField" and not subject:
            subject = _text(descrip)
        elif kind == "definition" and not definition:
            definition = _text(descrip)
    note = "\n".join(_text(n) for n in _children(entry, "note"))
    terms: list[Term] = []
    for lang_section in _children(entry, lang_name):
        lang = lang_section.get(XML_LANG)
        if not lang:
            raise FormatError(
                f"<{lang_name}> of concept {concept_id!r} has no xml:lang",
                path,
                _line(lang_section),
            )
        if not definition:
            definition = next(
                (_text(d) for d in _descrips(lang_section) if d.get("type") == "definition"), ""
            )
        for holder in lang_section:
            if _local(holder) in ("termSec", "tig", "ntig"):
                terms.append(_read_term(holder, lang, concept_id, path))
    try:
        return Concept(concept_id, subject, definition, note, tuple(terms))
    except EditError as exc:
        raise FormatError(str(exc), path, _line(entry)) from None


def _read_term(holder: etree._Element, lang: str, concept_id: str, path: str) -> Term:
    # ntig (TBX v2) nests term and termNotes in a termGrp; notes may sit on either level.
    parts = [holder, *_children(holder, "termGrp")]
    term_elements = [t for part in parts for t in _children(part, "term")]
    if not term_elements:
        raise FormatError(
            f"a term section of concept {concept_id!r} has no <term>", path, _line(holder)
        )
    text = _text(term_elements[0])
    values = {"administrativeStatus": "", "partOfSpeech": "", "termType": ""}
    for part in parts:
        for note in _children(part, "termNote"):
            kind = note.get("type", "")
            if kind in values and not values[kind]:
                values[kind] = _text(note)
    notes = [_text(n) for part in parts for n in _children(part, "note")]
    try:
        status = TermStatus.parse(values["administrativeStatus"] or "preferred")
    except ValueError as exc:
        raise FormatError(str(exc), path, _line(holder)) from None
    try:
        user_note, mode, case_sensitive, pattern = split_matching_note("\n".join(notes))
        return Term(
            text,
            lang,
            status,
            values["partOfSpeech"],
            values["termType"],
            user_note,
            mode,
            case_sensitive,
            pattern,
        )
    except ValueError as exc:
        raise FormatError(f"concept {concept_id!r}: {exc}", path, _line(holder)) from None
    except EditError as exc:
        raise FormatError(f"concept {concept_id!r}: {exc}", path, _line(holder)) from None


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
            for concept in glossary.concepts:
                _write_concept(concept, body, build)
        return bytes(
            etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
        )
    except ValueError as exc:
        # lxml refuses control characters and other text XML 1.0 cannot hold.
        raise FormatError(f"the glossary holds text TBX cannot store: {exc}") from None


def _write_concept(concept: Concept, body: etree._Element, build: _Builder) -> None:
    v3 = build.version == 3
    entry = build.sub(body, "conceptEntry" if v3 else "termEntry", id=concept.id)
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
        if not _NCNAME.match(concept.id):
            raise FormatError(
                f"concept id {concept.id!r} is not an XML name (start with a letter, then "
                "letters, digits, '-', '_' or '.')"
            )
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
