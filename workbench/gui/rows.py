"""Table rows over several pivot alignments: the finest pivot grouping every pair's beads fit in.

Qt-free, so it can be unit-tested and benchmarked on its own.

Each pair (pivot -> target language) splits the pivot document into beads differently. A row
is a run of consecutive pivot segments such that every bead of every pair lies inside one row,
and no smaller grouping has that property. Target-only (0-m) beads get a row of their own,
placed where they occur, when they fall on a row boundary; otherwise they join the row around
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workbench.core.alignment import ParallelText


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
        while (
            tail < limit - start
            and self._key_from_end(old_rows[-1 - tail]) == new._key_from_end(new_rows[-1 - tail])
        ):
            tail += 1
        return RowDiff(start, len(old_rows) - tail, len(new_rows) - tail)


def compute_rows(text: ParallelText, langs: Sequence[str] | None = None) -> RowLayout:
    """The rows of `text` for the target languages `langs` (default: every aligned one)."""
    chosen = [lang for lang in (langs or text.target_langs) if lang in text.alignments]
    n = len(text.pivot_document)
    # joined[i]: some bead holds pivot segments i and i+1, so no row boundary between them.
    joined = bytearray(max(n - 1, 0))
    # first_bead[k][i]: the bead of language k holding pivot segment i.
    first_bead: list[list[int]] = []
    # gaps[p]: per language, the run of target-only beads at pivot boundary p.
    gaps: dict[int, dict[int, tuple[int, int]]] = {}
    counts: list[int] = []
    for k, lang in enumerate(chosen):
        beads = text.alignments[lang].beads
        counts.append(len(beads))
        holder = [0] * n
        covered = 0
        for b, item in enumerate(beads):
            source = item.source
            if source:
                for i in source:
                    holder[i] = b
                for i in source[:-1]:
                    joined[i] = 1
                covered = source[-1] + 1
            else:
                per_lang = gaps.setdefault(covered, {})
                b0, _ = per_lang.get(k, (b, b))
                per_lang[k] = (b0, b + 1)
        first_bead.append(holder)

    rows: list[Row] = []
    empty = (0, 0)
    i = 0
    while i <= n:
        at_gap = gaps.get(i)
        if at_gap:
            beads_here = []
            for k in range(len(chosen)):
                run = at_gap.get(k)
                if run is None:
                    # No target-only bead of this language here: an empty range at the right place.
                    b = first_bead[k][i] if i < n else counts[k]
                    run = (b, b)
                beads_here.append(run)
            rows.append(Row(i, i, tuple(beads_here)))
        if i == n:
            break
        stop = i + 1
        while stop < n and joined[stop - 1]:
            stop += 1
        beads_row = []
        for k in range(len(chosen)):
            holder = first_bead[k]
            b0 = holder[i]
            b1 = holder[stop - 1] + 1
            beads_row.append((b0, b1) if counts[k] else empty)
        rows.append(Row(i, stop, tuple(beads_row)))
        i = stop
    # Target-only beads inside a row (not on a row boundary) fall inside its bead range.
    return RowLayout(chosen, rows, n, counts)
