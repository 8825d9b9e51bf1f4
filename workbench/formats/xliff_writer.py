"""XLIFF 1.2 and 2.0 writing: one bilingual file per language pair, valid against the OASIS schemas.

Each bead of an aligned pair becomes one unit (`<trans-unit>` in 1.2, `<unit>` with one
`<segment>` in 2.0): a bead's several segments are joined as the TMX export joins them.
Review state comes from the bead: a confirmed bead is `approved="yes"` / `state="signed-off"`
in 1.2 and `state="reviewed"` in 2.0; an aligner's bead is `needs-review-translation` /
`translated`, with its confidence kept (`<note>` in both, so tools that drop unknown
attributes still show it). Inline codes become `<bpt>/<ept>/<it>/<ph>` with their native
markup (1.2) and `<sc>/<ec>/<ph>` pointing into `<originalData>` (2.0). Streamed with
`lxml.etree.xmlfile` and written atomically.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.core.atomic import atomic_write
from workbench.core.errors import FormatError
from workbench.core.inline import Code, CodeKind, runs
from workbench.core.version import __version__
from workbench.formats.xliff_inline import InlineFiller, token
from workbench.formats.xliff_reader import NS_12, NS_20

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
VERSIONS = ("1.2", "2.0")
# lxml takes None as the default namespace's prefix; lxml-stubs types the keys as str only.
_NSMAP_12: dict[str, str] = {None: NS_12}  # type: ignore[dict-item]
_NSMAP_20: dict[str, str] = {None: NS_20}  # type: ignore[dict-item]
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True, slots=True)
class BilingualUnit:
    """One unit to write: id, source and target text (code spans allowed), review state."""

    id: str
    source: str
    target: str
    is_confirmed: bool = False
    confidence: float = 0.0
    notes: tuple[str, ...] = ()


class _Ids:
    """Unit ids as NMTOKENs, unique in the file (the 1.2 schema keys them; 2.0 requires it)."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def __call__(self, value: str) -> str:
        ident = base = token(value)
        number = 1
        while ident in self._used:
            number += 1
            ident = f"{base}_{number}"
        self._used.add(ident)
        return ident


def _check_text(text: str, unit: BilingualUnit, path: Path) -> None:
    bad = _INVALID_XML.search(text)
    if bad:
        raise FormatError(
            f"unit {unit.id}: character U+{ord(bad.group()):04X} is not allowed in XML", path
        )


def write_xliff(
    path: str | Path,
    units: Iterable[BilingualUnit],
    source_lang: str,
    target_lang: str,
    *,
    version: str = "1.2",
    original: str = "",
) -> int:
    """Write `units` as an XLIFF `version` file at `path`; returns the number written."""
    if version not in VERSIONS:
        raise FormatError(f"XLIFF version {version!r}: choose 1.2 or 2.0", path)
    target = Path(path)
    original = original or target.stem
    count = 0
    with atomic_write(target, "wb") as handle, etree.xmlfile(handle, encoding="utf-8") as xf:
        xf.write_declaration()
        if version == "1.2":
            count = _write_12(xf, units, source_lang, target_lang, original, target)
        else:
            count = _write_20(xf, units, source_lang, target_lang, original, target)
        if count == 0:
            # XLIFF 2.0 needs a unit in every <file>; an empty 1.2 file is of no use either.
            raise FormatError("nothing to write: no unit has a source and a target", target)
    return count


def _confidence_note(unit: BilingualUnit) -> str:
    if unit.is_confirmed:
        return "workbench: confirmed by a reviewer"
    return f"workbench: aligner confidence {unit.confidence:.2f}"


def _write_12(
    xf: etree._IncrementalFileWriter,
    units: Iterable[BilingualUnit],
    source_lang: str,
    target_lang: str,
    original: str,
    path: Path,
) -> int:
    count = 0
    with xf.element("xliff", version="1.2", nsmap=_NSMAP_12):
        xf.write("\n")
        attrs = {
            "original": original,
            "source-language": source_lang,
            "target-language": target_lang,
            "datatype": "plaintext",
        }
        with xf.element(f"{{{NS_12}}}file", attrs):
            header = etree.Element(f"{{{NS_12}}}header", nsmap=_NSMAP_12)
            etree.SubElement(
                header,
                f"{{{NS_12}}}tool",
                {"tool-id": "workbench", "tool-name": "workbench", "tool-version": __version__},
            )
            xf.write("\n", header, "\n")
            with xf.element(f"{{{NS_12}}}body"):
                xf.write("\n")
                ids = _Ids()
                for unit in units:
                    _check_text(unit.source, unit, path)
                    _check_text(unit.target, unit, path)
                    xf.write(_unit_12(unit, ids(unit.id), source_lang, target_lang), "\n")
                    count += 1
            xf.write("\n")
        xf.write("\n")
    return count


def _unit_12(unit: BilingualUnit, ident: str, source_lang: str, target_lang: str) -> etree._Element:
    q = f"{{{NS_12}}}"
    attrs = {"id": ident, XML_SPACE: "preserve"}
    if unit.is_confirmed:
        attrs["approved"] = "yes"
    # Each unit carries the default namespace declaration: without it lxml would invent an
    # `ns0:` prefix for an element serialised on its own.
    element = etree.Element(f"{q}trans-unit", attrs, nsmap=_NSMAP_12)
    source = etree.SubElement(element, f"{q}source", {XML_LANG: source_lang})
    _inline_12(source, unit.source)
    state = "signed-off" if unit.is_confirmed else "needs-review-translation"
    target = etree.SubElement(element, f"{q}target", {XML_LANG: target_lang, "state": state})
    _inline_12(target, unit.target)
    for text in (*unit.notes, _confidence_note(unit)):
        note = etree.SubElement(element, f"{q}note", {"from": "workbench"})
        note.text = text
    return element


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline_12(parent: etree._Element, text: str) -> None:
    InlineFiller({}, NS_12, False).fill(parent, text)


def _write_20(
    xf: etree._IncrementalFileWriter,
    units: Iterable[BilingualUnit],
    source_lang: str,
    target_lang: str,
    original: str,
    path: Path,
) -> int:
    count = 0
    root_attrs = {"version": "2.0", "srcLang": source_lang, "trgLang": target_lang}
    with xf.element(f"{{{NS_20}}}xliff", root_attrs, nsmap=_NSMAP_20):
        xf.write("\n")
        with xf.element(f"{{{NS_20}}}file", {"id": "f1", "original": original}):
            xf.write("\n")
            ids = _Ids()
            for unit in units:
                _check_text(unit.source, unit, path)
                _check_text(unit.target, unit, path)
                xf.write(_unit_20(unit, ids(unit.id)), "\n")
                count += 1
        xf.write("\n")
    return count


def _unit_20(unit: BilingualUnit, ident: str) -> etree._Element:
    q = f"{{{NS_20}}}"
    element = etree.Element(f"{q}unit", {"id": ident}, nsmap=_NSMAP_20)
    notes = etree.SubElement(element, f"{q}notes")
    for text in (*unit.notes, _confidence_note(unit)):
        note = etree.SubElement(notes, f"{q}note", {"category": "workbench"})
        note.text = text
    data: dict[str, str] = {}
    state = "reviewed" if unit.is_confirmed else "translated"
    segment = etree.Element(f"{q}segment", {"id": "s1", "state": state})
    source = etree.SubElement(segment, f"{q}source", {XML_SPACE: "preserve"})
    _inline_20(source, unit.source, data, "s")
    target = etree.SubElement(segment, f"{q}target", {XML_SPACE: "preserve"})
    _inline_20(target, unit.target, data, "t")
    if data:
        original = etree.SubElement(element, f"{q}originalData")
        for key, value in data.items():
            item = etree.SubElement(original, f"{q}data", {"id": key})
            item.text = value
    element.append(segment)
    return element


def _inline_20(parent: etree._Element, text: str, data: dict[str, str], side: str) -> None:
    """Codes as `<ph>`/`<sc>`/`<ec>`; a closing code whose opening is in this text refers to it."""
    q = f"{{{NS_20}}}"
    pieces = runs(text)
    opened = {run.id for run in pieces if isinstance(run, Code) and run.kind is CodeKind.OPENING}
    closed = {run.id for run in pieces if isinstance(run, Code) and run.kind is CodeKind.CLOSING}
    used: set[str] = set()
    renamed: dict[str, str] = {}
    for run in pieces:
        if isinstance(run, str):
            _append_text(parent, run)
            continue
        if run.kind is CodeKind.CLOSING and run.id in renamed:
            ident = renamed.pop(run.id)
        else:
            # Ids are unique within a side: TMX numbers <bpt i> and <ph x> apart.
            ident = base = token(run.id)
            number = 1
            while ident in used:
                number += 1
                ident = f"{base}_{number}"
            used.add(ident)
            if run.kind is CodeKind.OPENING:
                renamed[run.id] = ident
        attrs: dict[str, str] = {}
        if run.native:
            key = f"d{side}{len(data) + 1}"
            data[key] = run.native
            attrs["dataRef"] = key
        if run.kind is CodeKind.STANDALONE:
            if run.equiv:
                attrs["equiv"] = run.equiv
            etree.SubElement(parent, f"{q}ph", {"id": ident, **attrs})
        elif run.kind is CodeKind.OPENING:
            if run.isolated or run.id not in closed:
                attrs["isolated"] = "yes"
            etree.SubElement(parent, f"{q}sc", {"id": ident, **attrs})
        elif run.isolated or run.id not in opened:
            etree.SubElement(parent, f"{q}ec", {"id": ident, "isolated": "yes", **attrs})
        else:
            etree.SubElement(parent, f"{q}ec", {"startRef": ident, **attrs})
