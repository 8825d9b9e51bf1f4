"""XLIFF 1.0-1.2 and 2.0 reading: units of source and target segments with their codes and states.

One reader takes the flavours CAT tools write: OASIS XLIFF 1.2 (Okapi/Rainbow, OmegaT,
Swordfish, WorldServer), memoQ `mqxliff` (`mq:status` on the unit), Trados `sdlxliff`
(segments in `<seg-source>` `<mrk mtype="seg">`, their confirmation in `sdl:seg-defs`),
XLIFF 1.0/1.1 with or without a namespace, and XLIFF 2.0 (`<unit>`/`<segment>`,
`<originalData>`). The file is streamed unit by unit (`xmlsafe.iterparse_safe`: no DTD, no
entities, no network) and each unit is cleared once read, so memory is bounded by the unit.

Inline codes (`g x bx ex bpt ept ph it mrk` in 1.2, `ph pc sc ec mrk sm em cp` in 2.0) are
kept as code spans (`workbench.core.inline`); what the reader does not understand on a unit
(tool-specific attributes, the original state names) is kept as `props`, prefixed `x-`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from workbench.core import langtags
from workbench.core.errors import FormatError, LanguageTagError, UnsafeInputError
from workbench.core.inline import Code, CodeKind, Run, encode, join
from workbench.formats.xmlsafe import iterparse_safe, line_of

NS_12 = "urn:oasis:names:tc:xliff:document:1.2"
NS_11 = "urn:oasis:names:tc:xliff:document:1.1"
NS_20 = "urn:oasis:names:tc:xliff:document:2.0"
NS_SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"
NS_MQ = "MQXliff"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SPACES = re.compile(r"\s+")

# States a CAT tool gives only to a translation a person approved (review/sign-off done).
CONFIRMED_STATES_12 = frozenset({"signed-off", "final"})
CONFIRMED_STATES_20 = frozenset({"reviewed", "final"})
CONFIRMED_SDL = frozenset({"ApprovedTranslation", "ApprovedSignOff"})
CONFIRMED_MQ = frozenset(
    {"ManuallyConfirmed", "Proofread", "Reviewer1Confirmed", "Reviewer2Confirmed"}
)
Props = tuple[tuple[str, str], ...]
# Where each code of a unit was read from: its code span -> the element (`code_elements`).
Found = dict[str, etree._Element]


@dataclass(frozen=True, slots=True)
class XliffSegment:
    """One segment of a unit: source and target text (with code spans), and its state.

    `target` is None when the unit has no target; `state` is the file's own word for it
    (`translated`, `needs-review-translation`, sdlxliff `conf`, mqxliff status...) and
    `is_confirmed` says whether that word means a person approved the translation.
    """

    id: str
    source: str
    target: str | None
    state: str = ""
    is_confirmed: bool = False
    glued: str = ""  # 2.0: the target text of the `<ignorable>`s glued on the end


@dataclass(frozen=True, slots=True)
class XliffUnit:
    """A `<trans-unit>` (1.x) or `<unit>` (2.0): its segments, notes and kept attributes."""

    id: str
    segments: tuple[XliffSegment, ...]
    notes: tuple[str, ...] = ()
    props: Props = ()
    file: str = ""
    line: int | None = None
    translate: bool = True


@dataclass(frozen=True, slots=True)
class XliffHeader:
    """What the root and the first `<file>` say: version, languages, tool, flavour."""

    version: str
    source_lang: str
    target_lang: str
    flavour: str  # "xliff", "sdlxliff", "mqxliff"
    tool: str = ""


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def _text(element: etree._Element) -> str:
    return "".join(str(piece) for piece in element.itertext())


def _preserves_space(element: etree._Element | None) -> bool:
    """Whether `element` is under `xml:space="preserve"` (the attribute is inherited)."""
    while element is not None:
        value = element.get(XML_SPACE)
        if value is not None:
            return value == "preserve"
        element = element.getparent()
    return False


def _join(runs: list[Run], element: etree._Element | None) -> str:
    """The runs as one text, white space normalised unless under `xml:space="preserve"`."""
    # Outside `preserve` white space is the file's layout (XLIFF's default): runs of it become
    # one space and the ends are trimmed, as CAT tools do.
    if _preserves_space(element):
        return join(runs)
    out: list[Run] = [_SPACES.sub(" ", run) if isinstance(run, str) else run for run in runs]
    while out and isinstance(out[0], str) and not out[0].strip():
        out.pop(0)
    while out and isinstance(out[-1], str) and not out[-1].strip():
        out.pop()
    if out and isinstance(out[0], str):
        out[0] = out[0].lstrip()
    if out and isinstance(out[-1], str):
        out[-1] = out[-1].rstrip()
    return join(out)


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


class XliffReader:
    """Iterate the units of an XLIFF file; `header` is set once the first `<file>` is read.

    Raises `FormatError` (file and line) for malformed XML, a root that is not `<xliff>`,
    a unit without a source, or files of one document that disagree on the languages.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.header: XliffHeader | None = None
        self.warnings: list[str] = []
        self._version = ""
        self._ns = ""

    # -- structure -----------------------------------------------------------------------

    def __iter__(self) -> Iterator[XliffUnit]:
        file_name = ""
        file_langs: tuple[str, str] = ("", "")
        sdl_states: dict[str, str] = {}
        root_seen = False
        src_lang_20 = trg_lang_20 = ""
        for event, element in iterparse_safe(self.path):
            tag = element.tag
            if not isinstance(tag, str):
                continue
            name = _local(tag)
            if not root_seen:
                root_seen = True
                if name != "xliff":
                    raise FormatError(
                        f"not an XLIFF file: the root element is <{name}>", self.path, 1
                    )
                self._ns = _ns(tag)
                self._version = element.get("version", "")
                if self._ns == NS_20 or self._version.startswith("2"):
                    src_lang_20 = element.get("srcLang", "")
                    trg_lang_20 = element.get("trgLang", "")
                    if not src_lang_20:
                        raise FormatError(
                            "the <xliff> element has no srcLang", self.path, line_of(element)
                        )
                continue
            if _ns(tag) != self._ns:
                continue  # tool extensions are read where they matter (sdl:seg-defs)
            if event == "start":
                if name == "file":
                    file_name = element.get("original", "") or element.get("id", "")
                    if self._is_20:
                        file_langs = (src_lang_20, trg_lang_20)
                    else:
                        file_langs = (
                            element.get("source-language", ""),
                            element.get("target-language", ""),
                        )
                    self._check_header(element, file_langs)
                continue
            if name == "trans-unit" and not self._is_20:
                sdl_states = self._sdl_states(element)
                yield self._unit_12(element, file_name, file_langs, sdl_states)
                self._clear(element)
            elif name == "unit" and self._is_20:
                yield self._unit_20(element, file_name)
                self._clear(element)
            elif name == "file":
                self._clear(element)
        if not root_seen:
            raise FormatError("the file is empty", self.path)

    @property
    def _is_20(self) -> bool:
        return self._ns == NS_20 or self._version.startswith("2")

    def _check_header(self, element: etree._Element, langs: tuple[str, str]) -> None:
        source, target = langs
        if not source:
            raise FormatError(
                "the <file> element has no source language", self.path, line_of(element)
            )
        for what, value in (("source language", source), ("target language", target)):
            # Tags are checked here, where the line is known; registration is the caller's.
            if value:
                try:
                    langtags.parse(value, source=what, registered=False)
                except LanguageTagError as exc:
                    raise FormatError(exc.problem, self.path, line_of(element)) from None
        if self.header is None:
            root = element.getparent()
            flavour = "xliff"
            if root is not None and NS_SDL in (root.nsmap or {}).values():
                flavour = "sdlxliff"
            elif root is not None and NS_MQ in (root.nsmap or {}).values():
                flavour = "mqxliff"
            tool = element.get("tool", "") or element.get("tool-id", "")
            self.header = XliffHeader(self._version, source, target, flavour, tool)
            return
        if source.lower() != self.header.source_lang.lower() or (
            target and self.header.target_lang and target.lower() != self.header.target_lang.lower()
        ):
            raise FormatError(
                f"this <file> is {source} -> {target or '?'}, the first one "
                f"{self.header.source_lang} -> {self.header.target_lang or '?'}: "
                "one document must have one language pair",
                self.path,
                line_of(element),
            )

    def use_namespace(self, namespace: str, version: str) -> None:
        """Read elements of a tree parsed elsewhere as this namespace's and version's."""
        self._ns, self._version = namespace, version

    def code_elements(
        self, containers: list[etree._Element], data: dict[str, str] | None = None
    ) -> Found:
        """Each code span the `<source>`/`<target>`/`<seg-source>` elements read as -> its element.

        `data` is a 2.0 unit's `originalData` (id -> text). The first element giving a span wins.
        """
        found: Found = {}
        for container in containers:
            if self._is_20:
                self._walk_20(container, data or {}, [], found)
            else:
                self._walk_12(container, [], found)
        return found

    def original_data(self, unit: etree._Element) -> dict[str, str]:
        """A 2.0 unit's `<originalData>`: data id -> its text."""
        data: dict[str, str] = {}
        original = unit.find(self._q("originalData"))
        if original is not None:
            for item in original.findall(self._q("data")):
                data[item.get("id", "")] = self._data_text(item)
        return data

    @staticmethod
    def _clear(element: etree._Element) -> None:
        element.clear()
        parent = element.getparent()
        if parent is not None:
            while element.getprevious() is not None:
                del parent[0]

    def _q(self, name: str) -> str:
        return f"{{{self._ns}}}{name}" if self._ns else name

    # -- XLIFF 1.x -------------------------------------------------------------------------

    def _sdl_states(self, unit: etree._Element) -> dict[str, str]:
        states: dict[str, str] = {}
        for defs in unit.iter(f"{{{NS_SDL}}}seg-defs"):
            for seg in defs.iter(f"{{{NS_SDL}}}seg"):
                states[seg.get("id", "")] = seg.get("conf", "")
        return states

    def _unit_12(
        self,
        unit: etree._Element,
        file_name: str,
        langs: tuple[str, str],
        sdl_states: dict[str, str],
    ) -> XliffUnit:
        ident = unit.get("id", "")
        line = line_of(unit)
        source = unit.find(self._q("source"))
        if source is None:
            raise FormatError(f"trans-unit {ident!r} has no <source>", self.path, line)
        target = unit.find(self._q("target"))
        seg_source = unit.find(self._q("seg-source"))
        approved = unit.get("approved", "") == "yes"
        state = target.get("state", "") if target is not None else ""
        mq_status = unit.get(f"{{{NS_MQ}}}status", "")
        props: list[tuple[str, str]] = []
        for raw_key, raw_value in unit.attrib.items():
            key, value = str(raw_key), str(raw_value)
            key_name = _local(key)
            if key_name in ("id",):
                continue
            prefix = "x-mq-" if _ns(key) == NS_MQ else "x-sdl-" if _ns(key) == NS_SDL else "x-"
            props.append((prefix + key_name, value))
        if state:
            props.append(("x-state", state))
        notes = tuple(
            _text(note).strip() for note in unit.findall(self._q("note")) if _text(note).strip()
        )
        segments: list[XliffSegment]
        marks = self._seg_marks(seg_source) if seg_source is not None else []
        if marks:
            target_marks = dict(self._seg_marks(target)) if target is not None else {}
            segments = []
            for mid, runs in marks:
                target_runs = target_marks.get(mid)
                conf = sdl_states.get(mid, "")
                seg_state = conf or mq_status or state
                confirmed = (
                    conf in CONFIRMED_SDL
                    if conf
                    else self._confirmed_12(approved, state, mq_status)
                )
                segments.append(
                    XliffSegment(
                        mid,
                        _join(runs, seg_source),
                        _join(target_runs, target) if target_runs is not None else None,
                        seg_state,
                        confirmed and target_runs is not None,
                    )
                )
        else:
            target_text = _join(self._runs(target), target) if target is not None else None
            segments = [
                XliffSegment(
                    ident,
                    _join(self._runs(source), source),
                    target_text,
                    mq_status or state or ("approved" if approved else ""),
                    self._confirmed_12(approved, state, mq_status) and target_text is not None,
                )
            ]
        return XliffUnit(
            ident,
            tuple(segments),
            notes,
            tuple(props),
            file_name,
            line,
            unit.get("translate", "yes") != "no",
        )

    @staticmethod
    def _confirmed_12(approved: bool, state: str, mq_status: str) -> bool:
        if mq_status:
            return mq_status in CONFIRMED_MQ
        return approved or state in CONFIRMED_STATES_12

    def _seg_marks(self, element: etree._Element) -> list[tuple[str, list[Run]]]:
        """The `<mrk mtype="seg">` segments inside `element`, in order, by `mid`."""
        found: list[tuple[str, list[Run]]] = []
        for mark in element.iter(self._q("mrk")):
            if mark.get("mtype") == "seg":
                found.append((mark.get("mid", str(len(found) + 1)), self._runs(mark)))
        return found

    def _runs(self, element: etree._Element | None) -> list[Run]:
        """Text and codes of a `<source>`/`<target>`/`<mrk>` (1.x inline elements)."""
        out: list[Run] = []
        if element is None:
            return out
        self._walk_12(element, out)
        return out

    def _walk_12(self, element: etree._Element, out: list[Run], found: Found | None = None) -> None:
        if element.text:
            out.append(element.text)
        for child in element:
            if isinstance(child, etree._Entity):
                raise UnsafeInputError(
                    f"unresolved entity reference {child.text}", self.path, line_of(child)
                )
            if not isinstance(child.tag, str):  # comments and processing instructions
                if child.tail:
                    out.append(child.tail)
                continue
            name = _local(child.tag)
            first_run = len(out)
            ident = child.get("rid") or child.get("id") or ""
            native = _text(child)
            if name == "g":
                out.append(Code(CodeKind.OPENING, ident, "", "g"))
                self._walk_12(child, out, found)
                out.append(Code(CodeKind.CLOSING, ident, "", "g"))
            elif name == "mrk":
                if child.get("mtype") == "seg":
                    self._walk_12(child, out, found)
                else:
                    mtype = child.get("mtype", "")
                    out.append(Code(CodeKind.OPENING, ident or mtype, mtype, "mrk"))
                    self._walk_12(child, out, found)
                    out.append(Code(CodeKind.CLOSING, ident or mtype, mtype, "mrk"))
            elif name in ("x", "ph"):
                out.append(
                    Code(CodeKind.STANDALONE, ident, native, name, child.get("equiv-text", ""))
                )
            elif name in ("bx", "bpt"):
                out.append(Code(CodeKind.OPENING, ident, native, name, isolated=name == "bx"))
            elif name in ("ex", "ept"):
                out.append(Code(CodeKind.CLOSING, ident, native, name, isolated=name == "ex"))
            elif name == "it":
                kind = CodeKind.OPENING if child.get("pos") == "open" else CodeKind.CLOSING
                out.append(Code(kind, ident, native, "it", isolated=True))
            else:  # an element of another namespace or an unknown one: keep its text
                self.warnings.append(
                    f"{self.path}:{line_of(child)}: unknown inline element <{name}>, text kept"
                )
                self._walk_12(child, out, found)
            if found is not None:
                for run in out[first_run:]:
                    if isinstance(run, Code):
                        found.setdefault(encode(run), child)
            if child.tail:
                out.append(child.tail)

    # -- XLIFF 2.0 -------------------------------------------------------------------------

    def _unit_20(self, unit: etree._Element, file_name: str) -> XliffUnit:
        ident = unit.get("id", "")
        line = line_of(unit)
        data = self.original_data(unit)
        notes: list[str] = []
        notes_element = unit.find(self._q("notes"))
        if notes_element is not None:
            for note in notes_element.findall(self._q("note")):
                text = _text(note).strip()
                if text:
                    notes.append(text)
        props = [(f"x-{_local(k)}", str(v)) for k, v in unit.attrib.items() if _local(k) != "id"]
        segments: list[XliffSegment] = []
        for child in unit:
            if not isinstance(child.tag, str) or _local(child.tag) not in ("segment", "ignorable"):
                continue
            source = child.find(self._q("source"))
            if source is None:
                raise FormatError(
                    f"unit {ident!r} has a segment without <source>", self.path, line_of(child)
                )
            target = child.find(self._q("target"))
            is_segment = _local(child.tag) == "segment"
            state = child.get("state", "initial") if is_segment else "ignorable"
            source_text = _join(self._runs_20(source, data), source)
            target_text = _join(self._runs_20(target, data), target) if target is not None else None
            if not is_segment:
                # Whitespace between segments: glued to the previous segment's texts.
                if segments:
                    last = segments[-1]
                    glued = last.glued + (target_text or "") if last.target is not None else ""
                    segments[-1] = XliffSegment(
                        last.id,
                        last.source + source_text,
                        (last.target or "") + (target_text or "")
                        if last.target is not None
                        else None,
                        last.state,
                        last.is_confirmed,
                        glued,
                    )
                continue
            segments.append(
                XliffSegment(
                    child.get("id", str(len(segments) + 1)),
                    source_text,
                    target_text,
                    state,
                    state in CONFIRMED_STATES_20 and target_text is not None,
                )
            )
        if not segments:
            raise FormatError(f"unit {ident!r} has no <segment>", self.path, line)
        return XliffUnit(
            ident,
            tuple(segments),
            tuple(notes),
            tuple(props),
            file_name,
            line,
            unit.get("translate", "yes") != "no",
        )

    def _data_text(self, item: etree._Element) -> str:
        parts = [item.text or ""]
        for child in item:
            if _local(child.tag) == "cp":
                parts.append(self._code_point(child))
            parts.append(child.tail or "")
        return "".join(parts)

    def _code_point(self, element: etree._Element) -> str:
        try:
            return chr(int(element.get("hex", ""), 16))
        except ValueError:
            raise FormatError(
                f"<cp> has a bad hex value {element.get('hex')!r}", self.path, line_of(element)
            ) from None

    def _runs_20(self, element: etree._Element | None, data: dict[str, str]) -> list[Run]:
        out: list[Run] = []
        if element is not None:
            self._walk_20(element, data, out)
        return out

    def _walk_20(
        self,
        element: etree._Element,
        data: dict[str, str],
        out: list[Run],
        found: Found | None = None,
    ) -> None:
        if element.text:
            out.append(element.text)
        for child in element:
            if isinstance(child, etree._Entity):
                raise UnsafeInputError(
                    f"unresolved entity reference {child.text}", self.path, line_of(child)
                )
            if not isinstance(child.tag, str):
                if child.tail:
                    out.append(child.tail)
                continue
            name = _local(child.tag)
            first_run = len(out)
            ident = child.get("id", "")
            equiv = child.get("equiv", "")
            isolated = child.get("isolated") == "yes"
            if name == "ph":
                native = data.get(child.get("dataRef", ""), "")
                out.append(Code(CodeKind.STANDALONE, ident, native, "ph", equiv))
            elif name == "pc":
                start = data.get(child.get("dataRefStart", ""), "")
                end = data.get(child.get("dataRefEnd", ""), "")
                out.append(Code(CodeKind.OPENING, ident, start, "pc", child.get("equivStart", "")))
                self._walk_20(child, data, out, found)
                out.append(Code(CodeKind.CLOSING, ident, end, "pc", child.get("equivEnd", "")))
            elif name == "sc":
                native = data.get(child.get("dataRef", ""), "")
                out.append(Code(CodeKind.OPENING, ident, native, "sc", equiv, isolated))
            elif name == "ec":
                native = data.get(child.get("dataRef", ""), "")
                ref = child.get("startRef") or ident
                out.append(Code(CodeKind.CLOSING, ref, native, "ec", equiv, isolated))
            elif name == "mrk":
                kind = child.get("type", "generic")
                out.append(Code(CodeKind.OPENING, ident, kind, "mrk"))
                self._walk_20(child, data, out, found)
                out.append(Code(CodeKind.CLOSING, ident, kind, "mrk"))
            elif name in ("sm", "em"):
                kind = CodeKind.OPENING if name == "sm" else CodeKind.CLOSING
                ref = child.get("startRef") or ident
                out.append(Code(kind, ref, child.get("type", ""), name))
            elif name == "cp":
                out.append(Code(CodeKind.STANDALONE, ident or "cp", self._code_point(child), "cp"))
            else:
                self.warnings.append(
                    f"{self.path}:{line_of(child)}: unknown inline element <{name}>, text kept"
                )
                self._walk_20(child, data, out, found)
            if found is not None:
                for run in out[first_run:]:
                    if isinstance(run, Code):
                        found.setdefault(encode(run), child)
            if child.tail:
                out.append(child.tail)


def read_xliff(path: str | Path) -> tuple[XliffHeader, list[XliffUnit]]:
    """Read a whole XLIFF file: its header and units (see `XliffReader`)."""
    reader = XliffReader(path)
    units = list(reader)
    if reader.header is None:
        raise FormatError("the file has no <file> element", path)
    return reader.header, units
