"""Inline codes as OmegaT writes them in TMX: its tag shortcuts (`<b0>`, `</b0>`, `<x1/>`).

OmegaT shows a tagged segment with short tags of its own and matches a memory against that
text. A TMX whose `creationtool` is `OmegaT` is read as OmegaT's: the content of each
`<bpt>`/`<ept>`/`<ph>`/`<it>` is taken as the shortcut itself. Any other TMX has its inline
elements dropped (unless the translator turns on "level 2" tags), so a tagged TU from
another tool never matches exactly. Okapi's OmegaT packages write this form for the same
reason (`TMXWriter.setLetterCodedMode`, with `creationtool="OmegaT"`).

The shortcut is what OmegaT 3.6's XLIFF filter makes of the code, as measured on it
(`tests/formats/test_tmx_omegat_client.py`): a letter and a number. The letter is the first
letter of the code's markup (`<i>` -> `i`, `%s` -> `s`, `<a href>` -> `a`), `f` when the
markup has none (`{0}`), and the element's initial when the code has no markup (`<g>` ->
`g`, `<x/>` -> `x`, `<bx/>` -> `b`, `<ex/>` -> `e`, `<mrk>` -> `m`). Codes are numbered from
0 in source order, the two halves of a pair sharing one number. A pair is `<i0>`...`</i0>`,
a placeholder and `bx`/`ex` are `<x1/>`, an isolated `<it>` is `<u1>` or `</u1>`. A code of
a target variant takes the shortcut of the same code (role and id) in the source.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from workbench.core.inline import OPEN, Code, CodeKind, Run, join, runs
from workbench.formats.tmx_units import TranslationUnit, Variant

_SLASH_FORM = frozenset({"x", "ph", "bx", "ex", "cp"})
_ANNOTATIONS = frozenset({"mrk", "sm", "em"})
Key = tuple[CodeKind, str]


def _letter(code: Code) -> str:
    # An annotation's "native" is its type (`term`), not markup: OmegaT names it by element.
    if not code.native or code.element in _ANNOTATIONS:
        return (code.element or "x")[0].lower()
    for char in code.native:
        if char.isalpha():
            return char.lower()
    return "f"


def _shortcut(code: Code, letter: str, number: int) -> str:
    if code.kind is CodeKind.STANDALONE or code.element in _SLASH_FORM:
        return f"<{letter}{number}/>"
    if code.kind is CodeKind.OPENING:
        return f"<{letter}{number}>"
    return f"</{letter}{number}>"


class _Numbering:
    """Shortcuts by code, numbered in the order the source shows its codes."""

    def __init__(self) -> None:
        self.by_code: dict[Key, str] = {}
        self._pairs: dict[str, tuple[str, int]] = {}  # id of an open pair -> letter, number
        self._next = 0

    def name(self, code: Code) -> str:
        key = (code.kind, code.id)
        known = self.by_code.get(key)
        if known is not None:
            return known
        partner = self._pairs.get(code.id)
        if code.kind is CodeKind.CLOSING and partner is not None:
            letter, number = partner
        else:
            letter, number = _letter(code), self._next
            self._next += 1
            if code.kind is CodeKind.OPENING:
                self._pairs[code.id] = (letter, number)
        shortcut = _shortcut(code, letter, number)
        self.by_code[key] = shortcut
        return shortcut


def _renamed(text: str, numbering: _Numbering) -> str:
    if OPEN not in text:
        return text
    out: list[Run] = []
    for run in runs(text):
        if isinstance(run, Code):
            run = Code(run.kind, run.id, numbering.name(run), run.element, "", run.isolated)
        out.append(run)
    return join(out)


def omegat_unit(unit: TranslationUnit, srclang: str) -> TranslationUnit:
    """`unit` with every code's markup replaced by its OmegaT shortcut (see the module)."""
    if not any(OPEN in segment for v in unit.variants for segment in v.segments):
        return unit
    source = next((v for v in unit.variants if v.lang == srclang), None)
    numbering = _Numbering()
    if source is not None:
        for segment in source.segments:
            _renamed(segment, numbering)
    variants = tuple(
        Variant(v.lang, tuple(_renamed(s, numbering) for s in v.segments), v.props, v.code)
        for v in unit.variants
    )
    return unit._replace(variants=variants)


def omegat_units(units: Iterable[TranslationUnit], srclang: str) -> Iterator[TranslationUnit]:
    """`omegat_unit` of each unit, streamed."""
    for unit in units:
        yield omegat_unit(unit, srclang)
