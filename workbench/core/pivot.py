"""Rows of the pivot view: the finest grouping of pivot segments that every pair's beads respect.

The pivot is aligned with each language separately, so each pair cuts the pivot document
into beads differently. A row is a run of pivot segments that no pair's bead crosses, with
every pair's beads over it; target-only (0-m) beads lying on a boundary that all pairs share
get a row of their own with no pivot segment. The TMX exporter and the GUI both use this.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.core.alignment import Bead, ParallelText


@dataclass(frozen=True, slots=True)
class PivotRow:
    """Pivot segment indices and, per target language, the rows of its beads in this row."""

    pivot: tuple[int, ...]
    beads: Mapping[str, tuple[int, ...]]

    def targets(self, text: ParallelText, lang: str) -> tuple[int, ...]:
        """The `lang` segment indices of this row."""
        beads = text.alignments[lang].beads
        return tuple(j for row in self.beads.get(lang, ()) for j in beads[row].target)


def pivot_rows(text: ParallelText, langs: Sequence[str] | None = None) -> list[PivotRow]:
    """Group the pivot document into rows for the alignments of `langs` (default: all)."""
    chosen = [lang for lang in (langs or list(text.alignments)) if lang in text.alignments]
    n = len(text.pivot_document)
    if not chosen:
        return [PivotRow((i,), {}) for i in range(n)]
    bead_lists = {lang: text.alignments[lang].beads for lang in chosen}
    cuts = set(range(n))
    for beads in bead_lists.values():
        cuts &= {b.source[0] for b in beads if b.source}
    cuts.add(n)
    ordered = sorted(cuts)
    position = dict.fromkeys(chosen, 0)
    rows: list[PivotRow] = []
    for start, stop in zip(ordered, [*ordered[1:], None], strict=True):
        gap: dict[str, tuple[int, ...]] = {}
        body: dict[str, tuple[int, ...]] = {}
        for lang, beads in bead_lists.items():
            p = position[lang]
            leading = p
            while p < len(beads) and not beads[p].source:
                p += 1
            if p > leading:
                gap[lang] = tuple(range(leading, p))
            if stop is None:  # past the last pivot segment: only target-only beads remain
                position[lang] = p
                continue
            first = p
            while p < len(beads) and (not beads[p].source or beads[p].source[0] < stop):
                p += 1
            p = _give_back_trailing_target_only(beads, first, p)
            body[lang] = tuple(range(first, p))
            position[lang] = p
        if gap:
            rows.append(PivotRow((), gap))
        if stop is not None:
            rows.append(PivotRow(tuple(range(start, stop)), body))
    return rows


def _give_back_trailing_target_only(beads: Sequence[Bead], first: int, end: int) -> int:
    # Target-only beads just before the next row's first bead sit on the shared boundary:
    # they belong to the gap row there, not to the end of this row.
    while end > first and not beads[end - 1].source:
        end -= 1
    return end
