"""Rows of the pivot view: the finest grouping of pivot segments that every pair's beads respect.

The pivot is aligned with each language separately, so each pair cuts the pivot document
into beads differently. A row is a run of pivot segments that no pair's bead crosses, with
every pair's beads over it; target-only (0-m) beads lying on a boundary that all pairs share
get a row of their own with no pivot segment. This is the value-object view of
`workbench.core.rows.compute_rows`, which the GUI's table uses directly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from workbench.core.alignment import ParallelText
from workbench.core.rows import compute_rows


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
    layout = compute_rows(text, langs)
    rows: list[PivotRow] = []
    for row in layout.rows:
        beads = {
            lang: tuple(range(*row.beads[k]))
            for k, lang in enumerate(layout.langs)
            if row.beads[k][1] > row.beads[k][0]
        }
        rows.append(PivotRow(tuple(range(row.pivot_start, row.pivot_stop)), beads))
    return rows
