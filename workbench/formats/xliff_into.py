"""Write translations back into the XLIFF file they came from: the CAT tool's own file, refilled.

A client's sdlxliff, mqxliff or XLIFF 1.2/2.0 carries far more than its texts: the skeleton
or the embedded original, `sdl:seg-defs`, memoQ's `mq:*` attributes, notes, context groups,
`alt-trans`, tag definitions. None of it is touched here. The file is parsed whole (the
hardened parser), only the targets named in `updates` are rewritten, with their review
state, and the tree is serialised in the file's own encoding: every unit, attribute, note and
code the file had is still there, and a unit without an update is not touched at all.

Units are numbered in document order from 0, as `XliffReader` yields them; segments in a
unit as the reader splits it (1.2 `<mrk mtype="seg">` of `<seg-source>`, 2.0 `<segment>`).
A target's codes are written as the elements the file itself used for them (a `<g>` with all
its attributes, an `<x/>`, a `<bpt>` with its native markup, a 2.0 `<pc>` with its
`dataRef`s), found by reading the unit's source and target; a code the unit never had is
written the way `xliff_writer` writes codes.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.core.atomic import write_bytes_atomic
from workbench.core.errors import FormatError, InputError
from workbench.core.inline import Code, CodeKind, Run, encode, runs
from workbench.formats.xliff_reader import (
    CONFIRMED_MQ,
    CONFIRMED_SDL,
    CONFIRMED_STATES_12,
    CONFIRMED_STATES_20,
    NS_20,
    NS_MQ,
    NS_SDL,
    XML_SPACE,
    Found,
    XliffReader,
)
from workbench.formats.xliff_writer import code_element_12
from workbench.formats.xmlsafe import parse_xml

# Paired codes that are one element around their content; the others are empty elements.
_CONTAINERS = frozenset({"g", "pc", "mrk"})


@dataclass(frozen=True, slots=True)
class TargetUpdate:
    """What one segment's target becomes: its text (None: no translation) and review state.

    `rewrite` is False when the text is as the file has it and only the state may change.
    """

    text: str | None
    is_confirmed: bool
    rewrite: bool = True


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _namespace(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


class _Filler:
    """Writes code spans and text into an element with the unit's own code elements."""

    def __init__(self, found: Found, namespace: str, is_20: bool) -> None:
        self._found = found
        self._q = f"{{{namespace}}}" if namespace else ""
        self._is_20 = is_20

    def fill(self, parent: etree._Element, text: str) -> None:
        for child in list(parent):
            parent.remove(child)
        parent.text = None
        items = runs(text)
        self._render(parent, items, _pairs(items), 0, len(items))

    def _render(
        self,
        parent: etree._Element,
        items: Sequence[Run],
        pairs: Mapping[int, int],
        start: int,
        stop: int,
    ) -> None:
        index = start
        while index < stop:
            item = items[index]
            if isinstance(item, str):
                _append_text(parent, item)
                index += 1
                continue
            template = self._found.get(encode(item))
            if template is not None and _local(template.tag) in _CONTAINERS:
                end = pairs.get(index)
                if end is not None:
                    attrs = {str(k): str(v) for k, v in template.attrib.items()}
                    child = etree.SubElement(parent, template.tag, attrs)
                    self._render(child, items, pairs, index + 1, end)
                    index = end + 1
                    continue
                self._isolated(parent, item, template, items)
            elif template is not None:
                element = copy.deepcopy(template)
                element.tail = None
                parent.append(element)
            elif self._is_20:
                self._code_20(parent, item, {})
            else:
                code_element_12(parent, item, self._q)
            index += 1

    def _isolated(
        self, parent: etree._Element, code: Code, template: etree._Element, items: Sequence[Run]
    ) -> None:
        """One side of a container code whose other side is elsewhere or crosses another code."""
        name = _local(template.tag)
        if name == "mrk":
            return  # an annotation, not formatting: the text stays, the marking goes
        if not self._is_20:
            tag = "bx" if code.kind is CodeKind.OPENING else "ex"
            etree.SubElement(parent, f"{self._q}{tag}", {"id": code.id, "rid": code.id})
            return
        refs: dict[str, str] = {}
        ref = template.get("dataRefStart" if code.kind is CodeKind.OPENING else "dataRefEnd")
        if ref:
            refs["dataRef"] = ref
        self._code_20(parent, code, refs, items)

    def _code_20(
        self,
        parent: etree._Element,
        code: Code,
        refs: dict[str, str],
        items: Sequence[Run] = (),
    ) -> None:
        partners = {
            (run.kind, run.id) for run in items if isinstance(run, Code) and run.id == code.id
        }
        attrs = dict(refs)
        if code.kind is CodeKind.STANDALONE:
            etree.SubElement(parent, f"{self._q}ph", {"id": code.id, **attrs})
        elif code.kind is CodeKind.OPENING:
            if (CodeKind.CLOSING, code.id) not in partners:
                attrs["isolated"] = "yes"
            etree.SubElement(parent, f"{self._q}sc", {"id": code.id, **attrs})
        elif (CodeKind.OPENING, code.id) in partners:
            etree.SubElement(parent, f"{self._q}ec", {"startRef": code.id, **attrs})
        else:
            etree.SubElement(parent, f"{self._q}ec", {"id": code.id, "isolated": "yes", **attrs})


def _pairs(items: Sequence[Run]) -> dict[int, int]:
    """Opening index -> closing index of well-nested container codes (`<g>`, `<pc>`, `<mrk>`)."""
    pairs: dict[int, int] = {}
    stack: list[tuple[int, Code]] = []
    for index, item in enumerate(items):
        if not isinstance(item, Code) or item.element not in _CONTAINERS:
            continue
        if item.kind is CodeKind.OPENING:
            stack.append((index, item))
        elif item.kind is CodeKind.CLOSING and stack and stack[-1][1].id == item.id:
            pairs[stack.pop()[0]] = index
    return pairs


def _append_text(parent: etree._Element, text: str) -> None:
    if len(parent):
        last = parent[-1]
        last.tail = (last.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


class _Into:
    """One write-back: the tree, its flavour, and the update of each unit."""

    def __init__(self, origin: Path) -> None:
        self.origin = origin
        self.tree = parse_xml(origin)
        root = self.tree.getroot()
        if _local(root.tag) != "xliff":
            raise FormatError(
                f"not an XLIFF file: the root element is <{_local(root.tag)}>", origin
            )
        self.ns = _namespace(root.tag)
        version = root.get("version", "")
        self.is_20 = self.ns == NS_20 or version.startswith("2")
        self.q = f"{{{self.ns}}}" if self.ns else ""
        self.reader = XliffReader(origin)
        self.reader.use_namespace(self.ns, version)
        self.is_sdl = NS_SDL in (root.nsmap or {}).values()

    def units(self) -> Iterator[etree._Element]:
        return self.tree.getroot().iter(self.q + ("unit" if self.is_20 else "trans-unit"))

    # -- XLIFF 1.x ---------------------------------------------------------------------

    def unit_12(self, unit: etree._Element, updates: Sequence[TargetUpdate | None]) -> None:
        source = unit.find(self.q + "source")
        seg_source = unit.find(self.q + "seg-source")
        target = unit.find(self.q + "target")
        containers = [c for c in (target, seg_source, source) if c is not None]
        filler = _Filler(copy.deepcopy(self.reader.code_elements(containers)), self.ns, False)
        marks = (
            [m for m in seg_source.iter(self.q + "mrk") if m.get("mtype") == "seg"]
            if seg_source is not None
            else []
        )
        if marks and seg_source is not None:
            if target is None:
                target = self._new_target(unit)
                for child in seg_source:
                    target.append(copy.deepcopy(child))
                target.text = seg_source.text
                for mark in target.iter(self.q + "mrk"):
                    if mark.get("mtype") == "seg":
                        filler.fill(mark, "")
            by_mid = {
                m.get("mid", ""): m for m in target.iter(self.q + "mrk") if m.get("mtype") == "seg"
            }
            for number, (mark, update) in enumerate(zip(marks, updates, strict=False)):
                if update is None:
                    continue
                mid = mark.get("mid", str(number + 1))
                if update.rewrite:
                    place = by_mid.get(mid)
                    if place is None:
                        place = etree.SubElement(
                            target, self.q + "mrk", {"mtype": "seg", "mid": mid}
                        )
                    filler.fill(place, update.text or "")
                if self.is_sdl:
                    self._sdl_state(unit, mid, update)
        elif updates and updates[0] is not None:
            update = updates[0]
            if update.rewrite:
                if target is None:
                    target = self._new_target(unit)
                filler.fill(target, update.text or "")
        if not self.is_sdl:
            self._state_12(unit, target, [u for u in updates if u is not None])

    def _new_target(self, unit: etree._Element) -> etree._Element:
        after = unit.find(self.q + "seg-source")
        if after is None:
            after = unit.find(self.q + "source")
        assert after is not None  # the reader refused a unit without a source
        target = unit.makeelement(self.q + "target", {})
        if after.get(XML_SPACE):
            target.set(XML_SPACE, after.get(XML_SPACE, ""))
        after.addnext(target)
        target.tail = after.tail  # the layout the source had before the next element
        return target

    def _sdl_state(self, unit: etree._Element, mid: str, update: TargetUpdate) -> None:
        defs = unit.find(f"{{{NS_SDL}}}seg-defs")
        if defs is None:
            defs = etree.SubElement(unit, f"{{{NS_SDL}}}seg-defs")
        seg = next((s for s in defs.iter(f"{{{NS_SDL}}}seg") if s.get("id") == mid), None)
        if seg is None:
            seg = etree.SubElement(defs, f"{{{NS_SDL}}}seg", {"id": mid})
        conf = seg.get("conf", "")
        if (conf in CONFIRMED_SDL) == update.is_confirmed and conf and not update.rewrite:
            return
        if not update.text:
            seg.attrib.pop("conf", "")  # Trados: a segment without `conf` is not translated
        elif update.is_confirmed:
            seg.set("conf", conf if conf in CONFIRMED_SDL else "ApprovedTranslation")
        else:
            seg.set("conf", "Translated")

    def _state_12(
        self,
        unit: etree._Element,
        target: etree._Element | None,
        updates: Sequence[TargetUpdate],
    ) -> None:
        if not updates:
            return
        confirmed = all(u.is_confirmed and u.text for u in updates)
        has_text = any(u.text for u in updates)
        rewritten = any(u.rewrite for u in updates)
        mq_key = f"{{{NS_MQ}}}status"
        if mq_key in unit.attrib:
            status = unit.get(mq_key, "")
            if (status in CONFIRMED_MQ) != confirmed or rewritten:
                if confirmed:
                    unit.set(mq_key, status if status in CONFIRMED_MQ else "ManuallyConfirmed")
                else:
                    unit.set(mq_key, "PartiallyEdited" if has_text else "NotStarted")
            return
        approved = unit.get("approved") == "yes"
        state = target.get("state", "") if target is not None else ""
        was_confirmed = approved or state in CONFIRMED_STATES_12
        if was_confirmed == confirmed and (confirmed or not rewritten):
            return  # a confirmed unit edited by its reviewer stays as the file confirmed it
        if confirmed:
            unit.set("approved", "yes")
        elif "approved" in unit.attrib:
            unit.set("approved", "no")
        if target is None:
            return
        if confirmed:
            target.set("state", state if state in CONFIRMED_STATES_12 else "signed-off")
        elif has_text:
            target.set("state", "translated")
        else:
            target.set("state", "needs-translation")
        target.attrib.pop("state-qualifier", "")

    # -- XLIFF 2.0 ---------------------------------------------------------------------

    def unit_20(self, unit: etree._Element, updates: Sequence[TargetUpdate | None]) -> None:
        data = self.reader.original_data(unit)
        segments = [s for s in unit if _local(s.tag) == "segment"]
        containers: list[etree._Element] = []
        for segment in segments:
            containers += [c for c in segment if _local(c.tag) in ("target", "source")]
        found = copy.deepcopy(self.reader.code_elements(containers, data))
        filler = _Filler(found, self.ns, True)
        for segment, update in zip(segments, updates, strict=False):
            if update is None:
                continue
            if update.rewrite:
                target = segment.find(self.q + "target")
                if target is None:
                    source = segment.find(self.q + "source")
                    assert source is not None
                    target = segment.makeelement(self.q + "target", {})
                    if source.get(XML_SPACE):
                        target.set(XML_SPACE, source.get(XML_SPACE, ""))
                    source.addnext(target)
                    target.tail = source.tail
                filler.fill(target, update.text or "")
            state = segment.get("state", "initial")
            if (state in CONFIRMED_STATES_20) == update.is_confirmed and not update.rewrite:
                continue
            if update.is_confirmed and update.text:
                segment.set("state", state if state in CONFIRMED_STATES_20 else "reviewed")
            else:
                segment.set("state", "translated" if update.text else "initial")
            segment.attrib.pop("subState", "")  # the tool's sub-state said why the old one

    def serialise(self) -> bytes:
        encoding = self.tree.docinfo.encoding or "UTF-8"
        data = etree.tostring(self.tree, xml_declaration=True, encoding=encoding)
        assert isinstance(data, bytes)  # with an encoding lxml returns bytes
        return data if data.endswith(b"\n") else data + b"\n"


def write_into_xliff(
    path: str | Path, origin: str | Path, updates: Mapping[int, Sequence[TargetUpdate | None]]
) -> int:
    """Write `origin` with the targets of `updates` (unit number -> per segment) to `path`.

    Returns the number of units changed. The file is written atomically; `path` may be
    `origin` itself.
    """
    into = _Into(Path(origin))
    changed = 0
    for number, unit in enumerate(into.units()):
        unit_updates = updates.get(number)
        if not unit_updates or all(u is None for u in unit_updates):
            continue
        if into.is_20:
            into.unit_20(unit, unit_updates)
        else:
            into.unit_12(unit, unit_updates)
        changed += 1
    try:
        write_bytes_atomic(path, into.serialise())
    except OSError as exc:
        raise InputError(f"cannot write the file: {exc.strerror or exc}", path) from None
    return changed
