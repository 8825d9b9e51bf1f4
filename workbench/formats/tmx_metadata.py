"""What a TMX says beside its text, as values: read on import, put back on the TUs of an export.

A memory from a CAT tool carries metadata the alignment model has no place for: header props
and notes, and per TU its props (memoQ's `x-context-pre`/`x-context-post`, Trados' `x-` fields),
notes and attributes (`creationid`, `creationdate`, `changeid`, `changedate`...), and per TUV
the same. TU n of the file (counting the TUs that were imported) is paragraph n of the imported
pivot document, so an export puts them back on the TU that starts at that paragraph's first
segment. The props the workbench writes itself (`x-bead`, `x-status`, `x-confidence`) and its
own notes are left out: the beads say those. `workbench.project.tmx_metadata` keeps them in a
project.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from workbench.formats.tmx_units import (
    PROP_BEAD,
    PROP_CONFIDENCE,
    PROP_STATUS,
    Props,
    TmxHeader,
    TranslationUnit,
    Variant,
)

_OURS = frozenset({PROP_BEAD, PROP_STATUS, PROP_CONFIDENCE})
_OUR_NOTE = "unconfirmed alignment: "


@dataclass(frozen=True, slots=True)
class UnitMetadata:
    """One TU's kept props (attributes as `@name` first), notes and per-language TUV props."""

    props: Props = ()
    notes: tuple[str, ...] = ()
    variants: Mapping[str, Props] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TmxMetadata:
    """The header's props and notes and the metadata of each TU, by its position (from 0)."""

    header_props: Props = ()
    header_notes: tuple[str, ...] = ()
    units: Mapping[int, UnitMetadata] = field(default_factory=dict)

    @property
    def is_empty(self) -> bool:
        """True when the memory said nothing beside its text."""
        return not (self.header_props or self.header_notes or self.units)


def _kept(props: Props) -> Props:
    return tuple((name, value) for name, value in props if name not in _OURS)


def header_metadata(header: TmxHeader | None) -> tuple[Props, tuple[str, ...]]:
    """The header's props and notes, unless the workbench wrote the file."""
    if header is None or header.attributes.get("creationtool") == "workbench":
        return (), ()
    return tuple(header.props), tuple(header.notes)


def unit_metadata(unit: TranslationUnit, langs: Iterable[str]) -> UnitMetadata | None:
    """What a TU (its variants of `langs`) says beside its text, or None when nothing."""
    props = _kept(unit.props)
    notes = tuple(n for n in unit.notes if not n.startswith(_OUR_NOTE))
    wanted = set(langs)
    variants = {v.lang: _kept(v.props) for v in unit.variants if v.lang in wanted}
    variants = {lang: p for lang, p in variants.items() if p}
    if not props and not notes and not variants:
        return None
    return UnitMetadata(props, notes, variants)


def _position(unit: TranslationUnit) -> int | None:
    """The imported TU a unit starts with: `en 3:1` and `en 3:1+2` are TU 3 (position 2)."""
    _, _, ident = unit.origin.partition(" ")
    paragraph, _, rest = ident.partition(":")
    sentence = rest.partition("+")[0]
    if not paragraph.isdigit() or sentence != "1":
        return None
    return int(paragraph) - 1


def with_metadata(
    units: Iterable[TranslationUnit], metadata: TmxMetadata
) -> Iterator[TranslationUnit]:
    """The units with what their imported TU said put back (attributes first, then props)."""
    for unit in units:
        position = _position(unit)
        kept = metadata.units.get(position) if position is not None else None
        if kept is None:
            yield unit
            continue
        variants: Sequence[Variant] = [
            v._replace(props=_merged(kept.variants.get(v.lang, ()), v.props)) for v in unit.variants
        ]
        yield unit._replace(
            variants=tuple(variants),
            props=_merged(kept.props, unit.props),
            notes=(*kept.notes, *unit.notes),
        )


def _merged(kept: Props, ours: Props) -> Props:
    # `@` attribute props lead (the writer takes them from the front).
    attributes = tuple(p for p in kept if p[0].startswith("@"))
    return (*attributes, *(p for p in kept if not p[0].startswith("@")), *ours)
