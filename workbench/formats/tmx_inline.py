"""TMX inline elements (`bpt ept it ph ut hi sub`) to and from code spans in segment text.

Reading keeps every code as a span (`workbench.core.inline`): `<bpt i>`/`<ept i>` pair by
`i`, `<it pos="begin|end">` is an isolated half, `<ph>`/`<ut>` stand alone, `<hi>` is a pair
around its text, and `<sub>` text stays inside the native code it belongs to. Writing turns
spans back into those elements with the native markup escaped, so a TU that went in tagged
comes out tagged. A code read from XLIFF (`g`, `x`, `pc`, `sc`...) is written as the TMX
element of the same role; `tmx_form` gives the text as reading the written `<seg>` returns it.
"""

from __future__ import annotations

from lxml import etree

from workbench.core.errors import UnsafeInputError
from workbench.core.inline import OPEN, Code, CodeKind, Run, join, runs

_STANDALONE = frozenset({"ph", "ut"})


def _text(element: etree._Element) -> str:
    return "".join(str(piece) for piece in element.itertext())


def seg_runs(seg: etree._Element, path: str = "") -> list[Run]:
    """The text runs and codes of a `<seg>` (or `<hi>`), in order."""
    out: list[Run] = []
    if seg.text:
        out.append(seg.text)
    counter = 0
    for child in seg:
        if isinstance(child, etree._Entity):
            raise UnsafeInputError(f"unresolved entity reference {child.text}", path or None)
        tag = child.tag
        if isinstance(tag, str):
            name = tag.rsplit("}", 1)[-1]
            counter += 1
            ident = child.get("i") or child.get("x") or str(counter)
            if name == "bpt":
                out.append(Code(CodeKind.OPENING, child.get("i") or ident, _text(child), "bpt"))
            elif name == "ept":
                out.append(Code(CodeKind.CLOSING, child.get("i") or ident, _text(child), "ept"))
            elif name == "it":
                kind = CodeKind.OPENING if child.get("pos") == "begin" else CodeKind.CLOSING
                out.append(Code(kind, ident, _text(child), "it", isolated=True))
            elif name in _STANDALONE:
                out.append(Code(CodeKind.STANDALONE, ident, _text(child), name))
            elif name == "hi":
                hi_type = str(child.get("type", ""))
                out.append(Code(CodeKind.OPENING, ident, hi_type, "hi"))
                out.extend(seg_runs(child, path))
                out.append(Code(CodeKind.CLOSING, ident, hi_type, "hi"))
            else:  # an unknown element: its text is kept, the element is not
                out.extend(seg_runs(child, path))
        if child.tail:
            out.append(child.tail)
    return out


def seg_text(seg: etree._Element, path: str = "") -> str:
    """The text of a `<seg>` with its inline codes as code spans."""
    if len(seg) == 0:
        return seg.text or ""
    return join(seg_runs(seg, path))


def escape_text(text: str) -> str:
    """`text` as element content, as lxml writes it: `&amp;`, `&lt;`, `&gt;`, CR as `&#13;`."""
    if "&" in text or "<" in text or ">" in text or "\r" in text:  # 2.5x faster when none is
        return (
            text.replace("&", "&amp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\r", "&#13;")
        )
    return text


def escape_attr(text: str) -> str:
    """`text` as a `"`-quoted attribute value, as lxml writes it (`&quot;`, `&#10;`, `&#9;`)."""
    text = escape_text(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")


def _tmx_code(code: Code, hi_ok: bool) -> Code:
    """`code` as the TMX element reading it back gives."""
    if code.kind is CodeKind.STANDALONE:
        element = code.element if code.element in _STANDALONE else "ph"
        return Code(code.kind, code.id, code.native, element)
    if code.isolated:
        return Code(code.kind, code.id, code.native, "it", isolated=True)
    if code.element == "hi" and hi_ok:
        return Code(code.kind, code.id, code.native, "hi")
    element = "bpt" if code.kind is CodeKind.OPENING else "ept"
    return Code(code.kind, code.id, code.native, element)


def _paired_his(pieces: list[Run]) -> set[int]:
    """Positions of `hi` codes that open and close in this text, properly nested."""
    stack: list[tuple[str, int]] = []
    good: set[int] = set()
    for position, run in enumerate(pieces):
        if not isinstance(run, Code) or run.isolated or run.kind is CodeKind.STANDALONE:
            continue
        if run.kind is CodeKind.OPENING:
            stack.append((run.id, position))
        elif stack and stack[-1][0] == run.id:
            _, start = stack.pop()
            if run.element == "hi" and pieces[start].element == "hi":  # type: ignore[union-attr]
                good.update((start, position))
    return good


def _tmx_runs(text: str) -> list[Run]:
    pieces = runs(text)
    his = _paired_his(pieces)
    # An unpaired opening gets `it` too: TMX requires <bpt>/<ept> to pair within the <seg>.
    opened = {r.id for r in pieces if isinstance(r, Code) and r.kind is CodeKind.OPENING}
    closed = {r.id for r in pieces if isinstance(r, Code) and r.kind is CodeKind.CLOSING}
    out: list[Run] = []
    for position, run in enumerate(pieces):
        if isinstance(run, str):
            out.append(run)
            continue
        code = run
        if (code.kind is CodeKind.OPENING and code.id not in closed) or (
            code.kind is CodeKind.CLOSING and code.id not in opened
        ):
            code = Code(code.kind, code.id, code.native, code.element, code.equiv, True)
        out.append(_tmx_code(code, position in his))
    return out


def tmx_form(text: str) -> str:
    """`text` with its codes as the TMX writer writes them (what the reader will give back)."""
    if OPEN not in text:
        return text
    return join(_tmx_runs(text))


def seg_markup(text: str) -> str:
    """The escaped content of a `<seg>` for `text`: its codes as TMX inline elements."""
    if OPEN not in text:
        return escape_text(text)
    parts: list[str] = []
    for run in _tmx_runs(text):
        if isinstance(run, str):
            parts.append(escape_text(run))
            continue
        ident = escape_attr(run.id)
        native = escape_text(run.native)
        if run.element == "hi":
            if run.kind is CodeKind.OPENING:
                kind = f' type="{escape_attr(run.native)}"' if run.native else ""
                parts.append(f'<hi x="{ident}"{kind}>')
            else:
                parts.append("</hi>")
        elif run.element == "it":
            pos = "begin" if run.kind is CodeKind.OPENING else "end"
            parts.append(f'<it pos="{pos}" x="{ident}">{native}</it>')
        elif run.element == "bpt":
            parts.append(f'<bpt i="{ident}">{native}</bpt>')
        elif run.element == "ept":
            parts.append(f'<ept i="{ident}">{native}</ept>')
        else:
            parts.append(f'<{run.element} x="{ident}">{native}</{run.element}>')
    return "".join(parts)
