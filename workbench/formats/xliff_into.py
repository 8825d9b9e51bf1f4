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
from workbench.formats.xliff_inline import InlineFiller
from workbench.formats.xliff_reader import (
    CONFIRMED_MQ,
    CONFIRMED_SDL,
    CONFIRMED_STATES_12,
    CONFIRMED_STATES_20,
    NS_20,
    NS_MQ,
    NS_SDL,
    XML_SPACE,
    XliffReader,
)
from workbench.formats.xmlsafe import parse_xml


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
        filler = InlineFiller(copy.deepcopy(self.reader.code_elements(containers)), self.ns, False)
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
        filler = InlineFiller(found, self.ns, True)
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
