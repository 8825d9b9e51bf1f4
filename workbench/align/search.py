"""Banded dynamic programme over bead moves: best path (Viterbi) and bead posteriors.

The search space is a band of cells (i, j) = "i source and j target segments are aligned so
far". Row i holds the cells j = lo[i] .. lo[i] + width - 1, so the cost grows linearly with the
text length. A move (di, dj) ending in cell (i, j) is the bead holding source segments
i - di .. i - 1 and target segments j - dj .. j - 1; `costs[t, i, k]` is the cost (a negative
log probability) of move t ending in row i, column k (j = lo[i] + k). Move (0, 1) stays within a
row; the row loop handles it with a prefix-sum (or prefix log-sum) trick so every row is a few
vectorised numpy operations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workbench.core.errors import AlignmentError, CancelledError

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

Move = tuple[int, int]
MOVES: tuple[Move, ...] = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 1), (1, 3))
#: The wider shapes, appended so a move's index means the same in both tuples; the aligner
#: searches with them where the first pass finds the text splitting sentences widely.
WIDE_MOVES: tuple[Move, ...] = (*MOVES, (1, 4), (4, 1), (2, 3), (3, 2))
MOVE_01 = MOVES.index((0, 1))
_ROW_CHECK = 256  # rows between progress / cancel checks


@dataclass(frozen=True, slots=True)
class Band:
    """Per-row first column `lo` (length n + 1) and a common `width`."""

    lo: IntArray
    width: int
    n: int
    m: int
    moves: tuple[Move, ...] = MOVES

    def columns(self) -> IntArray:
        """The j of every cell, shape (n + 1, width)."""
        return self.lo[:, None] + np.arange(self.width, dtype=np.int64)[None, :]


def make_band(
    center_lo: npt.ArrayLike, width: int, n: int, m: int, moves: tuple[Move, ...] = MOVES
) -> Band:
    """A connected band holding (0, 0) and (n, m), as close as possible to `center_lo`."""
    width = int(max(2, min(width, m + 1)))
    width = max(width, min(m + 1, -(-m // (n + 1)) + 2))
    while True:
        lo = np.clip(np.asarray(center_lo, dtype=np.int64), 0, m - width + 1)
        lo[0] = 0
        lo[n] = m - width + 1
        lo = np.maximum.accumulate(lo)
        # Consecutive rows must overlap so a path can always continue.
        step = width - 1
        idx = np.arange(n + 1, dtype=np.int64)
        back = np.maximum.accumulate((lo - step * idx)[::-1])[::-1] + step * idx
        lo = np.maximum(lo, back)
        if lo[0] == 0 or width >= m + 1:
            lo[0] = 0
            return Band(lo, width, n, m, moves)
        width = min(m + 1, width * 2)


def _check(
    i: int,
    total: int,
    progress: Callable[[int, int], None] | None,
    cancel: Callable[[], bool] | None,
) -> None:
    if i % _ROW_CHECK == 0:
        if cancel is not None and cancel():
            raise CancelledError("alignment cancelled")
        if progress is not None:
            progress(i, total)


def _sources(band: Band, r0: int, r1: int, sentinel: int) -> IntArray:
    """Flat cell index of the start of every move ending in rows r0..r1-1 (or `sentinel`)."""
    lo, width = band.lo, band.width
    rows = np.arange(r0, r1, dtype=np.int64)
    cols = np.arange(width, dtype=np.int64)
    out = np.full((r1 - r0, len(band.moves), width), sentinel, dtype=np.int64)
    for t, (di, dj) in enumerate(band.moves):
        if di == 0:
            continue
        prev = np.maximum(rows - di, 0)
        k = cols[None, :] + (lo[rows] - lo[prev] - dj)[:, None]
        ok = (rows[:, None] >= di) & (k >= 0) & (k < width)
        out[:, t, :] = np.where(ok, prev[:, None] * width + k, sentinel)
    return out


def _targets(band: Band, r0: int, r1: int, sentinel: int) -> IntArray:
    """Flat cell index of the end of every move starting in rows r0..r1-1 (or `sentinel`)."""
    lo, width, n = band.lo, band.width, band.n
    rows = np.arange(r0, r1, dtype=np.int64)
    cols = np.arange(width, dtype=np.int64)
    out = np.full((r1 - r0, len(band.moves), width), sentinel, dtype=np.int64)
    for t, (di, dj) in enumerate(band.moves):
        if di == 0:
            continue
        nxt = np.minimum(rows + di, n)
        k = cols[None, :] + (lo[rows] + dj - lo[nxt])[:, None]
        ok = (rows[:, None] + di <= n) & (k >= 0) & (k < width)
        out[:, t, :] = np.where(ok, nxt[:, None] * width + k, sentinel)
    return out


_CHUNK = 256
CostRows = Callable[[int, int], npt.NDArray[np.float32]]


def _prefix_01(block: npt.NDArray[np.float32]) -> FloatArray:
    """Per row of a cost block, the running sum of move (0, 1) costs from column 0.

    Column 0 counts 0 (no move ends there from inside the row); columns past a row's last
    valid cell hold inf, and the searches read only the valid part.
    """
    c = block[MOVE_01].astype(np.float64)
    c[:, 0] = 0.0
    return np.asarray(np.cumsum(c, axis=1), dtype=np.float64)


def _logsumexp_rows(cand: FloatArray) -> FloatArray:
    """log(sum(exp(cand))) down the first axis (numpy's `logaddexp.reduce`, typed once here:
    numpy's stubs for a ufunc's reduce differ from one release to the next)."""
    reduce: Callable[..., FloatArray] = np.logaddexp.reduce
    return reduce(cand, axis=0)


def _valid_lengths(band: Band) -> list[int]:
    """How many cells of every row lie inside the matrix (j <= m)."""
    return [int(v) for v in np.minimum(band.width, band.m - band.lo + 1).tolist()]


def viterbi(
    costs: CostRows,
    band: Band,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[tuple[int, int, int]]:
    """The cheapest path as a list of (i, j, move) bead ends, in order."""
    n, width = band.n, band.width
    lo = band.lo
    inf = np.inf
    size = (n + 1) * width
    flat = np.full(size + 1, inf)  # the last cell is the sentinel for "no such cell"
    back = np.full((n + 1, width), -1, dtype=np.int8)
    cols = np.arange(width)
    lengths = _valid_lengths(band)
    sources = _sources(band, 0, 0, size)
    block = costs(0, 0)
    prefixes = _prefix_01(block)
    for i in range(n + 1):
        _check(i, n, progress, cancel)
        if i % _CHUNK == 0:
            sources = _sources(band, i, min(n + 1, i + _CHUNK), size)
            block = costs(i, min(n + 1, i + _CHUNK))
            prefixes = _prefix_01(block)
        cand = flat.take(sources[i % _CHUNK])
        cand += block[:, i % _CHUNK, :]
        bp = cand.argmin(axis=0)
        best = cand[bp, cols]
        if i == 0:
            best[0] = 0.0
            bp[0] = -1
        # Move (0, 1) within the row: D[k] = min over k0 <= k of D0[k0] + c[k0+1..k].
        # (A cell no move reaches keeps an arbitrary move: it is never on a finite path.)
        length = lengths[i]
        prefix = prefixes[i % _CHUNK, :length]
        head = best[:length]
        run = np.minimum.accumulate(head - prefix)
        run += prefix
        take = run < head - 1e-9
        np.copyto(head, run, where=take)
        np.copyto(bp[:length], MOVE_01, where=take)
        flat[i * width : (i + 1) * width] = best
        back[i] = bp
    if progress is not None:
        progress(n, n)
    if flat[n * width + band.m - int(lo[n])] == inf:
        raise AlignmentError("the aligner found no path through the band")
    path: list[tuple[int, int, int]] = []
    i, j = n, band.m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        if t < 0:
            raise AlignmentError("the aligner found no path through the band")
        path.append((i, j, t))
        di, dj = band.moves[t]
        i -= di
        j -= dj
    path.reverse()
    return path


def forward(costs: CostRows, band: Band, cancel: Callable[[], bool] | None = None) -> FloatArray:
    """Log-sum of the probabilities of all paths from (0, 0) to every cell."""
    n, width = band.n, band.width
    ninf = -np.inf
    size = (n + 1) * width
    flat = np.full(size + 1, ninf)
    lengths = _valid_lengths(band)
    sources = _sources(band, 0, 0, size)
    block = costs(0, 0)
    prefixes = _prefix_01(block)
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(n + 1):
            _check(i, n, None, cancel)
            if i % _CHUNK == 0:
                sources = _sources(band, i, min(n + 1, i + _CHUNK), size)
                block = costs(i, min(n + 1, i + _CHUNK))
                prefixes = _prefix_01(block)
            cand = flat.take(sources[i % _CHUNK])
            cand -= block[:, i % _CHUNK, :]
            length = lengths[i]
            acc = _logsumexp_rows(cand)
            if i == 0:
                acc[0] = 0.0
            prefix = prefixes[i % _CHUNK, :length]
            acc[:length] = np.logaddexp.accumulate(acc[:length] + prefix) - prefix
            acc[length:] = ninf
            flat[i * width : (i + 1) * width] = acc
    return flat[:size].reshape(n + 1, width)


def backward(costs: CostRows, band: Band, cancel: Callable[[], bool] | None = None) -> FloatArray:
    """Log-sum of the probabilities of all paths from every cell to (n, m)."""
    n, width = band.n, band.width
    lo = band.lo
    ninf = -np.inf
    size = (n + 1) * width
    # beta minus the cost of the move that ends in the cell, per move, gathered by index.
    flat = np.full(size + 1, ninf)
    moves = np.arange(len(band.moves))[:, None]
    reach = max(di for di, _dj in band.moves)
    lengths = _valid_lengths(band)
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(n, -1, -1):
            _check(n - i, n, None, cancel)
            if (n - i) % _CHUNK == 0:
                r0 = max(0, i - _CHUNK + 1)
                r1 = min(n + 1, i + 1 + reach)
                targets = _targets(band, r0, i + 1, size)
                block = costs(r0, r1)
                cells = (r1 - r0) * width
                # The cost of the move ending in each target cell; a padded +inf column
                # stands for "no such cell", as flat[size] (-inf) does for beta.
                cost_pad = np.concatenate(
                    (
                        block.reshape(len(band.moves), cells),
                        np.full((len(band.moves), 1), np.inf, dtype=np.float32),
                    ),
                    axis=1,
                )
                local = np.where(targets < size, targets - r0 * width, cells)
                prefixes = _prefix_01(block)
            length = lengths[i]
            cand = flat.take(targets[i - r0])
            cand -= cost_pad[moves, local[i - r0]]
            acc = _logsumexp_rows(cand)
            if i == n:
                acc[band.m - lo[n]] = 0.0
            # Move (0, 1) from column k to k + 1 costs costs[MOVE_01, i, k + 1].
            prefix = prefixes[i - r0, :length]
            rev = (acc[:length] - prefix)[::-1]
            acc[:length] = np.logaddexp.accumulate(rev)[::-1] + prefix
            acc[length:] = ninf
            flat[i * width : (i + 1) * width] = acc
    return flat[:size].reshape(n + 1, width)


def posteriors(
    path: Sequence[tuple[int, int, int]],
    costs: CostRows,
    band: Band,
    alpha: FloatArray,
    beta: FloatArray,
) -> list[float]:
    """The posterior probability of each bead of `path` among all paths in the band."""
    lo = band.lo
    total = alpha[band.n, band.m - lo[band.n]]
    out: list[float] = []
    block_start = -1
    block = costs(0, 0)
    for i, j, t in path:
        if block_start < 0 or i >= block_start + _CHUNK:
            block_start = i
            block = costs(i, min(band.n + 1, i + _CHUNK))
        di, dj = band.moves[t]
        start = alpha[i - di, j - dj - lo[i - di]]
        k = j - lo[i]
        logp = start - float(block[t, i - block_start, k]) + beta[i, k] - total
        out.append(float(min(1.0, max(0.0, np.exp(min(0.0, logp))))))
    return out
