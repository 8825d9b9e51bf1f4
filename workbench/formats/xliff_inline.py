"""XLIFF 1.2/2.0 inline codes written into an element: the file's own elements where known.

`InlineFiller` writes a segment text (code spans) into a `<source>`/`<target>`/`<mrk>`: a code
the unit already has elements for (`XliffReader.code_elements`) is written as that element
again, with every attribute; a code it has none for is written as 1.2 writes codes: a well
nested `<g>` or `<mrk>` pair as itself, `<x/>`, `<bx/>`/`<ex/>` as themselves, the rest as
`<bpt>/<ept>/<it>/<ph>` with their markup (2.0: `<ph>`, `<sc>`/`<ec>`).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence

from lxml import etree

from workbench.core.inline import Code, CodeKind, Run, encode, runs

# Paired codes that are one element around their content; the others are empty elements.
_CONTAINERS = frozenset({"g", "pc", "mrk"})
_NMTOKEN_BAD = re.compile(r"[^\w.\-:]")
Found = dict[str, etree._Element]


# XLIFF 1.2's `mtype` values (any other must start with `x-`); `seg` is left out on purpose:
# a `<mrk mtype="seg">` is a segment to every reader, not an annotation.
_MTYPES = frozenset(
    [
        "abbrev",
        "abbreviated-form",
        "abbreviation",
        "acronym",
        "appellation",
        "collocation",
        "common-name",
        "datetime",
        "equation",
        "expanded-form",
        "formula",
        "head-term",
        "initialism",
        "international-scientific-term",
        "internationalism",
        "logical-expression",
        "materials-management-unit",
        "name",
        "near-synonym",
        "part-number",
        "phrase",
        "phraseological-unit",
        "protected",
        "romanized-form",
        "set-phrase",
        "short-form",
        "sku",
        "standard-text",
        "symbol",
        "synonym",
        "synonymous-phrase",
        "term",
        "transcribed-form",
        "transliterated-form",
        "truncated-term",
        "variant",
    ]
)


def _mtype(value: str) -> str:
    """A 1.2 `mtype` for an annotation of type `value` (a 2.0 `generic` is `x-generic`)."""
    if value in _MTYPES or (value.startswith("x-") and len(value) > 2):
        return value
    return "x-" + (token(value) if value else "mark")


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def token(value: str) -> str:
    """`value` as an XML NMTOKEN (ids of units and codes must be)."""
    cleaned = _NMTOKEN_BAD.sub("_", value)
    return cleaned or "_"


def code_element_12(parent: etree._Element, run: Code, q: str) -> etree._Element:
    """Append `run` to `parent` as a 1.2 `<bpt>/<ept>/<it>/<ph>/<x/>` (`q`: `{namespace}`)."""
    ident = token(run.id)
    if run.isolated:
        pos = "open" if run.kind is CodeKind.OPENING else "close"
        child = etree.SubElement(parent, f"{q}it", {"id": ident, "pos": pos})
    elif run.kind is CodeKind.OPENING:
        child = etree.SubElement(parent, f"{q}bpt", {"id": ident})
    elif run.kind is CodeKind.CLOSING:
        child = etree.SubElement(parent, f"{q}ept", {"id": ident})
    elif run.element == "x" and not run.native:
        child = etree.SubElement(parent, f"{q}x", {"id": ident})
    else:
        child = etree.SubElement(parent, f"{q}ph", {"id": ident})
    if run.native:
        child.text = run.native
    return child


class InlineFiller:
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
            elif not self._is_20 and item.element in ("g", "mrk") and index in pairs:
                end = pairs[index]
                if item.element == "g":
                    attrs = {"id": token(item.id)}
                else:
                    attrs = {"mtype": _mtype(item.native)}
                child = etree.SubElement(parent, f"{self._q}{item.element}", attrs)
                self._render(child, items, pairs, index + 1, end)
                index = end + 1
                continue
            elif not self._is_20 and item.element in ("bx", "ex") and not item.native:
                etree.SubElement(parent, f"{self._q}{item.element}", {"id": token(item.id)})
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
