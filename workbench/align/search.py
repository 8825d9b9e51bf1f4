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
MOVE_01 = MOVES.index((0, 1))
_ROW_CHECK = 256  # rows between progress / cancel checks


@dataclass(frozen=True, slots=True)
class Band:
    """Per-row first column `lo` (length n + 1) and a common `width`."""

    lo: IntArray
    width: int
    n: int
    m: int

    def columns(self) -> IntArray:
        """The j of every cell, shape (n + 1, width)."""
        return self.lo[:, None] + np.arange(self.width, dtype=np.int64)[None, :]

    def valid_length(self, i: int) -> int:
        """How many cells of row i lie inside the matrix (j <= m)."""
        return int(min(self.width, self.m - self.lo[i] + 1))


def make_band(center_lo: npt.ArrayLike, width: int, n: int, m: int) -> Band:
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
            return Band(lo, width, n, m)
        width = min(m + 1, width * 2)


def _shift(row: FloatArray, s: int, fill: float) -> FloatArray:
    """out[k] = row[k + s] where that exists, else `fill`."""
    width = row.shape[0]
    out = np.full(width, fill)
    if s >= width or s <= -width:
        return out
    if s >= 0:
        out[: width - s] = row[s:]
    else:
        out[-s:] = row[: width + s]
    return out


def _check(i: int, total: int, progress: Callable[[int, int], None] | None,
           cancel: Callable[[], bool] | None) -> None:
    if i % _ROW_CHECK == 0:
        if cancel is not None and cancel():
            raise CancelledError("alignment cancelled")
        if progress is not None:
            progress(i, total)


def _candidates(
    table: FloatArray, costs: npt.NDArray[np.float32], band: Band, i: int, fill: float,
    sign: float, buf: FloatArray,
) -> None:
    """buf[t] = table[i - di, cell of (i - di, j - dj)] + sign * costs[t, i] for every move t."""
    lo = band.lo
    width = band.width
    for t, (di, dj) in enumerate(MOVES):
        if di == 0 or di > i:
            buf[t] = fill
            continue
        s = int(lo[i] - lo[i - di] - dj)
        row = buf[t]
        if s >= 0:
            if s < width:
                row[: width - s] = table[i - di, s:]
                row[width - s:] = fill
            else:
                row[:] = fill
        elif -s < width:
            row[-s:] = table[i - di, : width + s]
            row[:-s] = fill
        else:
            row[:] = fill
        if sign > 0:
            row += costs[t, i]
        else:
            row -= costs[t, i]


def viterbi(
    costs: npt.NDArray[np.float32],
    band: Band,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> list[tuple[int, int, int]]:
    """The cheapest path as a list of (i, j, move) bead ends, in order."""
    n, width = band.n, band.width
    lo = band.lo
    inf = np.inf
    dist = np.full((n + 1, width), inf)
    back = np.full((n + 1, width), -1, dtype=np.int8)
    buf = np.empty((len(MOVES), width))
    cols = np.arange(width)
    for i in range(n + 1):
        _check(i, n, progress, cancel)
        length = band.valid_length(i)
        _candidates(dist, costs, band, i, inf, 1.0, buf)
        bp = np.argmin(buf, axis=0)
        best = buf[bp, cols]
        bp[best == inf] = -1
        if i == 0:
            best[0] = 0.0
            bp[0] = -1
        c = costs[MOVE_01, i, :length].astype(np.float64)
        c[0] = 0.0
        prefix = np.cumsum(c)
        run = np.minimum.accumulate(best[:length] - prefix) + prefix
        take = run < best[:length] - 1e-9
        best[:length] = np.where(take, run, best[:length])
        bp[:length] = np.where(take, MOVE_01, bp[:length])
        best[length:] = inf
        dist[i] = best
        back[i] = bp
    if progress is not None:
        progress(n, n)
    path: list[tuple[int, int, int]] = []
    i, j = n, band.m
    while i > 0 or j > 0:
        t = int(back[i, j - lo[i]])
        if t < 0:
            raise AlignmentError("the aligner found no path through the band")
        path.append((i, j, t))
        di, dj = MOVES[t]
        i -= di
        j -= dj
    path.reverse()
    return path


def forward(costs: npt.NDArray[np.float32], band: Band,
            cancel: Callable[[], bool] | None = None) -> FloatArray:
    """Log-sum of the probabilities of all paths from (0, 0) to every cell."""
    n, width = band.n, band.width
    ninf = -np.inf
    alpha = np.full((n + 1, width), ninf)
    buf = np.empty((len(MOVES), width))
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(n + 1):
            _check(i, n, None, cancel)
            length = band.valid_length(i)
            _candidates(alpha, costs, band, i, ninf, -1.0, buf)
            acc = np.logaddexp.reduce(buf, axis=0)
            if i == 0:
                acc[0] = 0.0
            c = costs[MOVE_01, i, :length].astype(np.float64)
            c[0] = 0.0
            prefix = np.cumsum(c)
            acc[:length] = np.logaddexp.accumulate(acc[:length] + prefix) - prefix
            acc[length:] = ninf
            alpha[i] = acc
    return alpha


def backward(costs: npt.NDArray[np.float32], band: Band,
             cancel: Callable[[], bool] | None = None) -> FloatArray:
    """Log-sum of the probabilities of all paths from every cell to (n, m)."""
    n, width = band.n, band.width
    lo = band.lo
    ninf = -np.inf
    beta = np.full((n + 1, width), ninf)
    inter = [(t, di, dj) for t, (di, dj) in enumerate(MOVES) if di > 0]
    buf = np.full((len(inter), width), ninf)
    with np.errstate(invalid="ignore", over="ignore"):
        for i in range(n, -1, -1):
            _check(n - i, n, None, cancel)
            length = band.valid_length(i)
            for r, (t, di, dj) in enumerate(inter):
                row = buf[r]
                if i + di > n:
                    row[:] = ninf
                    continue
                s = int(lo[i] + dj - lo[i + di])
                src = beta[i + di] - costs[t, i + di]
                row[:] = _shift(src, s, ninf)
            acc = np.logaddexp.reduce(buf, axis=0)
            if i == n:
                acc[band.m - lo[n]] = 0.0
            # Move (0, 1) from column k to k + 1 costs costs[MOVE_01, i, k + 1].
            c = np.zeros(length)
            c[1:] = costs[MOVE_01, i, 1:length]
            prefix = np.cumsum(c)
            rev = (acc[:length] - prefix)[::-1]
            acc[:length] = np.logaddexp.accumulate(rev)[::-1] + prefix
            acc[length:] = ninf
            beta[i] = acc
    return beta


def posteriors(
    path: Sequence[tuple[int, int, int]],
    costs: npt.NDArray[np.float32],
    band: Band,
    alpha: FloatArray,
    beta: FloatArray,
) -> list[float]:
    """The posterior probability of each bead of `path` among all paths in the band."""
    lo = band.lo
    total = alpha[band.n, band.m - lo[band.n]]
    out: list[float] = []
    for i, j, t in path:
        di, dj = MOVES[t]
        start = alpha[i - di, j - dj - lo[i - di]]
        k = j - lo[i]
        logp = start - float(costs[t, i, k]) + beta[i, k] - total
        out.append(float(min(1.0, max(0.0, np.exp(min(0.0, logp))))))
    return out
