"""Table rows over several pivot alignments: the finest pivot grouping every pair's beads fit in.

Qt-free, so it can be unit-tested and benchmarked on its own. The grouping is the core's
`pivot_rows`; this module adds what a table model needs: half-open bead ranges per row,
lookups from pivot segments and beads to rows, and the smallest differing stretch between
two layouts (so an edit redraws only the rows it touched).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.alignment import ParallelText
from workbench.core.pivot import pivot_rows


@dataclass(frozen=True, slots=True)
class Row:
    """Pivot segments `pivot_start`..`pivot_stop` and, per target language, a bead range."""

    pivot_start: int
    pivot_stop: int
    beads: tuple[tuple[int, int], ...]

    @property
    def is_gap(self) -> bool:
        """True for a row holding only target-only beads (no pivot segment)."""
        return self.pivot_start == self.pivot_stop


@dataclass(frozen=True, slots=True)
class RowDiff:
    """Rows `start`..`old_stop` of the old layout became rows `start`..`new_stop` of the new."""

    start: int
    old_stop: int
    new_stop: int

    @property
    def same_shape(self) -> bool:
        """True when the changed stretch kept its number of rows."""
        return self.old_stop == self.new_stop


class RowLayout:
    """The rows of a parallel text plus lookups from pivot segments and beads to rows."""

    __slots__ = ("bead_counts", "langs", "pivot_count", "row_of_bead", "row_of_pivot", "rows")

    def __init__(
        self,
        langs: Sequence[str],
        rows: list[Row],
        pivot_count: int,
        bead_counts: Sequence[int],
    ) -> None:
        self.langs = tuple(langs)
        self.rows = rows
        self.pivot_count = pivot_count
        self.bead_counts = tuple(bead_counts)
        self.row_of_pivot: list[int] = [0] * pivot_count
        self.row_of_bead: list[list[int]] = [[0] * count for count in bead_counts]
        for number, row in enumerate(rows):
            for i in range(row.pivot_start, row.pivot_stop):
                self.row_of_pivot[i] = number
            for k, (b0, b1) in enumerate(row.beads):
                lookup = self.row_of_bead[k]
                for b in range(b0, b1):
                    lookup[b] = number

    def __len__(self) -> int:
        return len(self.rows)

    def lang_index(self, lang: str) -> int:
        """The position of target language `lang` in each row's `beads`."""
        return self.langs.index(lang)

    def bead_range(self, row: int, lang: str) -> tuple[int, int]:
        """The beads of the `lang` alignment inside `row`, as a half-open range."""
        return self.rows[row].beads[self.langs.index(lang)]

    def rows_of_beads(self, lang: str, start: int, stop: int) -> range:
        """The rows holding beads `start`..`stop` of the `lang` alignment (may be empty)."""
        lookup = self.row_of_bead[self.langs.index(lang)]
        if start >= stop or not lookup:
            return range(0)
        stop = min(stop, len(lookup))
        start = min(start, stop - 1)
        return range(lookup[start], lookup[stop - 1] + 1)

    def _key_from_end(self, row: Row) -> tuple[object, ...]:
        n = self.pivot_count
        return (
            n - row.pivot_start,
            n - row.pivot_stop,
            tuple(
                (count - b0, count - b1)
                for count, (b0, b1) in zip(self.bead_counts, row.beads, strict=True)
            ),
        )

    def diff(self, new: RowLayout) -> RowDiff:
        """The smallest stretch of rows that differs between this layout and `new`."""
        old_rows, new_rows = self.rows, new.rows
        limit = min(len(old_rows), len(new_rows))
        start = 0
        while start < limit and old_rows[start] == new_rows[start]:
            start += 1
        tail = 0
        while tail < limit - start and self._key_from_end(old_rows[-1 - tail]) == new._key_from_end(
            new_rows[-1 - tail]
        ):
            tail += 1
        return RowDiff(start, len(old_rows) - tail, len(new_rows) - tail)


def compute_rows(text: ParallelText, langs: Sequence[str] | None = None) -> RowLayout:
    """The rows of `text` for the target languages `langs` (default: every aligned one).

    The grouping itself is the core's (`workbench.core.pivot.pivot_rows`, which the TMX
    export shares); this adds half-open bead ranges, also for languages absent from a row.
    """
    chosen = [lang for lang in (langs or text.target_langs) if lang in text.alignments]
    counts = [len(text.alignments[lang].beads) for lang in chosen]
    rows: list[Row] = []
    position = [0] * len(chosen)
    pivot_at = 0
    for item in pivot_rows(text, chosen):
        ranges = []
        for k, lang in enumerate(chosen):
            beads = item.beads.get(lang, ())
            if beads:
                ranges.append((beads[0], beads[-1] + 1))
                position[k] = beads[-1] + 1
            else:
                ranges.append((position[k], position[k]))
        if item.pivot:
            start, stop = item.pivot[0], item.pivot[-1] + 1
        else:
            start = stop = pivot_at
        pivot_at = stop
        rows.append(Row(start, stop, tuple(ranges)))
    return RowLayout(chosen, rows, len(text.pivot_document), counts)
