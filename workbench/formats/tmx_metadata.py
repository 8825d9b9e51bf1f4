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


def _positions(unit: TranslationUnit, sizes: Sequence[int] | None) -> list[int]:
    """The imported TUs a unit holds from their first segment on, from its origin.

    `en 3:1` is TU 3 (position 2); `en 3:1+2` also takes TU 4 when paragraph 3 has two
    segments (`sizes` = segments per pivot paragraph; without them only the first counts). A
    unit that starts inside a paragraph holds no imported TU from its start.
    """
    _, _, ident = unit.origin.partition(" ")
    paragraph, _, rest = ident.partition(":")
    sentence, _, more = rest.partition("+")
    if not paragraph.isdigit() or not sentence.isdigit():
        return []
    first, start = int(paragraph) - 1, int(sentence) - 1
    found = [first] if start == 0 else []
    if sizes is None or not more.isdigit():
        return found
    left = int(more) + 1 - (sizes[first] - start if first < len(sizes) else 0)
    following = first + 1
    while left > 0 and following < len(sizes):
        found.append(following)
        left -= sizes[following]
        following += 1
    return found


def with_metadata(
    units: Iterable[TranslationUnit],
    metadata: TmxMetadata,
    sizes: Sequence[int] | None = None,
) -> Iterator[TranslationUnit]:
    """The units with what their imported TUs said put back (attributes first, then props).

    `sizes` (segments per pivot paragraph) lets a unit that joins several imported TUs (an
    edited alignment) carry them all: the first TU's attributes, every TU's props and notes.
    """
    for unit in units:
        kept = [metadata.units[n] for n in _positions(unit, sizes) if n in metadata.units]
        if not kept:
            yield unit
            continue
        joined = _joined(kept)
        variants: Sequence[Variant] = [
            v._replace(props=_merged(joined.variants.get(v.lang, ()), v.props))
            for v in unit.variants
        ]
        yield unit._replace(
            variants=tuple(variants),
            props=_merged(joined.props, unit.props),
            notes=(*joined.notes, *unit.notes),
        )


def _joined(kept: Sequence[UnitMetadata]) -> UnitMetadata:
    """Several TUs' metadata as one: the first's attributes, each prop and note once."""
    if len(kept) == 1:
        return kept[0]

    def props(items: Iterable[Props]) -> Props:
        seen: dict[tuple[str, str], None] = {}
        attributes: set[str] = set()
        for prop in (p for item in items for p in item):
            if prop[0].startswith("@"):
                if prop[0] in attributes:
                    continue  # one value per attribute: the first TU's
                attributes.add(prop[0])
            seen.setdefault(prop, None)
        return tuple(seen)

    langs = dict.fromkeys(lang for item in kept for lang in item.variants)
    return UnitMetadata(
        props(k.props for k in kept),
        tuple(dict.fromkeys(n for k in kept for n in k.notes)),
        {lang: props(k.variants.get(lang, ()) for k in kept) for lang in langs},
    )


def _merged(kept: Props, ours: Props) -> Props:
    # `@` attribute props lead (the writer takes them from the front).
    attributes = tuple(p for p in kept if p[0].startswith("@"))
    return (*attributes, *(p for p in kept if not p[0].startswith("@")), *ours)
