"""Table rows over several pivot alignments: the finest pivot grouping every pair's beads fit in.

Qt-free, so it can be unit-tested and benchmarked on its own; the GUI's table and the TMX
export's groups (`workbench.formats.export.groups`) both use it. It is computed with numpy,
because the table recomputes it after every structural edit and must stay well under 50 ms
at 10k beads (a test checks it against a plain bead-by-bead version). It adds what a table
model needs: half-open bead ranges per row, lookups from pivot segments and beads to rows, and
the smallest differing stretch between two layouts (so an edit redraws only the rows it
touched).

A row is a run of pivot segments that no pair's bead crosses. A target-only (0-m) bead that
sits on a boundary every pair shares (or at the very end) gets a row of its own, placed there;
one inside a row belongs to that row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workbench.core.alignment import Bead, ParallelText

IntArray = npt.NDArray[np.int64]


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
    """The rows of a parallel text as arrays, plus lookups from pivot segments and beads."""

    __slots__ = (
        "_row_of_pivot",
        "b0",
        "b1",
        "bead_counts",
        "bead_rows",
        "langs",
        "pivot_count",
        "starts",
        "stops",
    )

    def __init__(
        self,
        langs: Sequence[str],
        starts: IntArray,
        stops: IntArray,
        b0: IntArray,
        b1: IntArray,
        bead_rows: Sequence[IntArray],
        pivot_count: int,
    ) -> None:
        self.langs = tuple(langs)
        self.starts = starts  # (rows,) pivot start of each row
        self.stops = stops  # (rows,) pivot stop
        self.b0 = b0  # (langs, rows) first bead of each language in the row
        self.b1 = b1  # (langs, rows) one past the last bead
        self.bead_rows = list(bead_rows)  # per language: the row of each bead
        self.pivot_count = pivot_count
        self.bead_counts = tuple(len(rows) for rows in self.bead_rows)
        self._row_of_pivot: IntArray | None = None

    def __len__(self) -> int:
        return len(self.starts)

    def pivot_range(self, row: int) -> tuple[int, int]:
        """The pivot segments of `row`, as a half-open range."""
        return int(self.starts[row]), int(self.stops[row])

    def bead_range(self, row: int, lang: str) -> tuple[int, int]:
        """The beads of the `lang` alignment inside `row`, as a half-open range."""
        k = self.langs.index(lang)
        return int(self.b0[k, row]), int(self.b1[k, row])

    def row(self, row: int) -> Row:
        """Row `row` as a value."""
        beads = tuple((int(self.b0[k, row]), int(self.b1[k, row])) for k in range(len(self.langs)))
        return Row(int(self.starts[row]), int(self.stops[row]), beads)

    @property
    def rows(self) -> list[Row]:
        """Every row as a value (for tests and small texts)."""
        return [self.row(r) for r in range(len(self))]

    @property
    def row_of_pivot(self) -> IntArray:
        """The row of each pivot segment."""
        if self._row_of_pivot is None:
            lookup = np.zeros(self.pivot_count, dtype=np.int64)
            body = np.nonzero(self.stops > self.starts)[0]
            for_row = np.repeat(body, (self.stops - self.starts)[body])
            lookup[: len(for_row)] = for_row
            self._row_of_pivot = lookup
        return self._row_of_pivot

    def rows_of_beads(self, lang: str, start: int, stop: int) -> range:
        """The rows holding beads `start`..`stop` of the `lang` alignment (may be empty)."""
        lookup = self.bead_rows[self.langs.index(lang)]
        stop = min(stop, len(lookup))
        if start >= stop or start < 0:
            return range(0)
        return range(int(lookup[start]), int(lookup[stop - 1]) + 1)

    def _columns(self, from_end: bool) -> IntArray:
        """Rows as a 2-d array of (start, stop, b0..., b1...), counted from the end if asked."""
        columns = np.vstack([self.starts[None, :], self.stops[None, :], self.b0, self.b1])
        if from_end:
            counts = np.array(
                [self.pivot_count, self.pivot_count, *self.bead_counts, *self.bead_counts],
                dtype=np.int64,
            )
            columns = counts[:, None] - columns
        return columns

    def diff(self, new: RowLayout) -> RowDiff:
        """The smallest stretch of rows that differs between this layout and `new`."""
        old_len, new_len = len(self), len(new)
        limit = min(old_len, new_len)
        old_cols, new_cols = self._columns(False), new._columns(False)
        differs = np.nonzero((old_cols[:, :limit] != new_cols[:, :limit]).any(axis=0))[0]
        start = int(differs[0]) if len(differs) else limit
        old_end, new_end = self._columns(True), new._columns(True)
        span = limit - start
        if span > 0:
            a = old_end[:, old_len - span :][:, ::-1]
            b = new_end[:, new_len - span :][:, ::-1]
            differs = np.nonzero((a != b).any(axis=0))[0]
            tail = int(differs[0]) if len(differs) else span
        else:
            tail = 0
        return RowDiff(start, old_len - tail, new_len - tail)


def source_lengths(beads: Sequence[Bead]) -> IntArray:
    """The number of pivot segments of each bead."""
    return np.fromiter((len(b.source) for b in beads), dtype=np.int64, count=len(beads))


def compute_rows(
    text: ParallelText,
    langs: Sequence[str] | None = None,
    lengths: Mapping[str, IntArray] | None = None,
) -> RowLayout:
    """The rows of `text` for the target languages `langs` (default: every aligned one).

    `lengths` may give each language's `source_lengths` (kept up to date by the caller across
    edits, which saves walking every bead again).
    """
    chosen = [lang for lang in (langs or text.target_langs) if lang in text.alignments]
    n = len(text.pivot_document)
    known = lengths or {}
    src_lens = [
        known[lang] if lang in known else source_lengths(text.alignments[lang].beads)
        for lang in chosen
    ]
    positions = [np.cumsum(lens) - lens for lens in src_lens]  # pivot boundary before each bead
    if chosen:
        # A cut is a pivot position where every pair has a bead starting (counted, not sorted).
        votes = np.zeros(n + 1, dtype=np.int64)
        for pos, lens in zip(positions, src_lens, strict=True):
            votes += np.bincount(pos[lens > 0], minlength=n + 1)[: n + 1]
        cuts = np.nonzero(votes[:n] == len(chosen))[0].astype(np.int64)
    else:
        cuts = np.arange(n, dtype=np.int64)
    body_stops = np.append(cuts[1:], n).astype(np.int64)
    boundary = np.zeros(n + 1, dtype=bool)  # where a gap row may stand: cuts and the end
    boundary[cuts] = True
    boundary[n] = True
    gap_here = np.zeros(n + 1, dtype=bool)
    for pos, lens in zip(positions, src_lens, strict=True):
        gap_here[pos[lens == 0]] = True
    gaps = np.nonzero(gap_here & boundary)[0].astype(np.int64)
    # Rows ordered by position; at one position the gap row comes before the body row.
    keys = np.concatenate([gaps * 2, cuts * 2 + 1])
    order = np.argsort(keys, kind="stable")
    row_starts = np.concatenate([gaps, cuts])[order]
    row_stops = np.concatenate([gaps, body_stops])[order]
    is_body = np.concatenate([np.zeros(len(gaps), bool), np.ones(len(cuts), bool)])[order]
    body_rows = np.nonzero(is_body)[0]
    gap_rows = np.nonzero(~is_body)[0]
    total = len(row_starts)
    bead_rows: list[IntArray] = []
    for pos, lens in zip(positions, src_lens, strict=True):
        rows = np.empty(len(lens), dtype=np.int64)
        inner = np.searchsorted(cuts, pos, side="right") - 1  # body row holding the boundary
        with_source = lens > 0
        rows[with_source] = body_rows[inner[with_source]] if len(body_rows) else 0
        target_only = ~with_source
        if target_only.any():
            gap_at = pos[target_only]
            own = (gap_here & boundary)[gap_at]
            where = np.empty(len(gap_at), dtype=np.int64)
            where[own] = gap_rows[np.searchsorted(gaps, gap_at[own])]
            inside = ~own
            where[inside] = body_rows[inner[target_only][inside]] if inside.any() else 0
            rows[target_only] = where
        bead_rows.append(rows)
    everything = np.arange(total, dtype=np.int64)
    b0 = np.array([np.searchsorted(r, everything, "left") for r in bead_rows], dtype=np.int64)
    b1 = np.array([np.searchsorted(r, everything, "right") for r in bead_rows], dtype=np.int64)
    b0 = b0.reshape(len(chosen), total)
    b1 = b1.reshape(len(chosen), total)
    return RowLayout(chosen, row_starts, row_stops, b0, b1, bead_rows, n)
