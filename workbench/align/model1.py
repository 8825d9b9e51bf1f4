"""IBM Model 1 trained on the confident beads of a first pass (Moore 2002), in numpy.

The translation tables are sparse: only word pairs that co-occur in a training bead get a
probability. Both directions are trained on one flat array of co-occurrences (each side with
its empty word), so a few thousand beads train in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
Int32Array = npt.NDArray[np.int32]
FloatArray = npt.NDArray[np.float64]
_NULL = 0
_MAX_COOCCURRENCES = 600_000
_SLICE = 1 << 16


class _Cooccurrences:
    """Every (source position, target position) of the training beads, empty words included.

    Positions and table indices are int32 and intermediates are dropped as soon as they are
    used: with ~600k co-occurrences this is the aligner's largest working set.
    """

    def __init__(self, pairs: Sequence[tuple[IntArray, IntArray]], n_target_words: int) -> None:
        src_parts: list[IntArray] = []
        tgt_parts: list[IntArray] = []
        budget = 0
        for src, tgt in pairs:
            if len(src) == 0 or len(tgt) == 0:
                continue
            budget += (len(src) + 1) * (len(tgt) + 1)
            if budget > _MAX_COOCCURRENCES:
                break
            src_parts.append(np.concatenate(([_NULL], src)))
            tgt_parts.append(np.concatenate(([_NULL], tgt)))
        s_len = np.array([len(s) for s in src_parts], dtype=np.int32)
        t_len = np.array([len(t) for t in tgt_parts], dtype=np.int32)
        s_flat = (np.concatenate(src_parts) if src_parts else np.zeros(0)).astype(np.int32)
        t_flat = (np.concatenate(tgt_parts) if tgt_parts else np.zeros(0)).astype(np.int32)
        del src_parts, tgt_parts
        s_start = (np.cumsum(s_len) - s_len).astype(np.int32)
        t_start = (np.cumsum(t_len) - t_len).astype(np.int32)
        # Expand each bead to its s_len x t_len grid of positions without a Python loop.
        sizes = s_len * t_len
        total = int(sizes.sum())
        bead = np.repeat(np.arange(len(sizes), dtype=np.int32), sizes)
        within = np.arange(total, dtype=np.int32)
        within -= np.repeat((np.cumsum(sizes) - sizes).astype(np.int32), sizes)
        width = t_len[bead]
        s_pos = within // width
        s_pos += s_start[bead]
        t_pos = within % width
        t_pos += t_start[bead]
        del bead, within, width
        keep = (s_flat[s_pos] != _NULL) | (t_flat[t_pos] != _NULL)
        self.s_pos, self.t_pos = s_pos[keep], t_pos[keep]
        del s_pos, t_pos, keep
        s_word, t_word = s_flat[self.s_pos], t_flat[self.t_pos]
        #: Whether each co-occurrence's word is a real word (not the empty word), per side.
        self.s_real = s_word != _NULL
        self.t_real = t_word != _NULL
        stride = n_target_words + 1
        # Pair codes in int32 when they fit (the common case): half the memory to sort.
        fits = (int(np.max(s_flat, initial=0)) + 1) * stride < 2**31
        keys = s_word.astype(np.int32 if fits else np.int64)
        del s_word
        keys *= stride
        keys += t_word
        del t_word
        order = np.argsort(keys)
        sorted_keys = keys[order]
        del keys
        first = np.ones(len(sorted_keys), dtype=np.bool_)
        first[1:] = sorted_keys[1:] != sorted_keys[:-1]
        table = np.cumsum(first, dtype=np.int32)
        table -= 1
        self.inverse = np.empty(len(sorted_keys), dtype=np.int32)
        self.inverse[order] = table
        del order, table
        table_keys = sorted_keys[first]
        del sorted_keys, first
        self.table_src = (table_keys // stride).astype(np.int32)
        self.table_tgt = (table_keys % stride).astype(np.int32)
        self.n_positions_s = len(s_flat)
        self.n_positions_t = len(t_flat)


def _train(
    co: _Cooccurrences,
    given: Int32Array,
    produced_pos: Int32Array,
    active: npt.NDArray[np.bool_],
    n_positions: int,
    iterations: int,
) -> FloatArray:
    """EM for t(produced | given): each produced position sums over the given side."""
    n_table = len(co.table_src)
    prob = np.ones(n_table)
    inverse = co.inverse
    pos = produced_pos
    owner = given
    # Co-occurrences whose produced word is the empty word take no part: they weigh 0 (adding
    # an exact 0.0 leaves every sum as it was), so no masked copies of the arrays are made.
    idle = ~active
    for _ in range(iterations):
        p = prob[inverse]
        p[idle] = 0.0
        z = np.bincount(pos, weights=p, minlength=n_positions)
        # Normalise a slice at a time: z[pos] in one go would be one more full-size array.
        for at in range(0, len(p), _SLICE):
            part = slice(at, at + _SLICE)
            np.divide(p[part], z[pos[part]], out=p[part], where=active[part])
        del z
        count = np.asarray(np.bincount(inverse, weights=p, minlength=n_table), dtype=np.float64)
        del p
        totals = np.maximum(np.bincount(owner, weights=count), 1e-300)
        count /= totals[owner]
        prob = count
    return prob


def translation_pairs(
    pairs: Sequence[tuple[IntArray, IntArray]],
    n_source_words: int,
    n_target_words: int,
    threshold: float = 0.1,
    min_count: int = 2,
    iterations: int = 4,
) -> set[tuple[int, int]]:
    """Word pairs likely in both directions: t(t|s) and t(s|t) both at least `threshold`.

    Word ids start at 1 (0 is the empty word). Words seen in fewer than `min_count` training
    beads are left out: one co-occurrence says nothing.
    """
    co = _Cooccurrences(pairs, n_target_words)
    if len(co.table_src) == 0:
        return set()
    forward = _train(co, co.table_src, co.t_pos, co.t_real, co.n_positions_t, iterations)
    del co.t_pos, co.t_real  # the reverse direction needs only the source side
    reverse = _train(co, co.table_tgt, co.s_pos, co.s_real, co.n_positions_s, iterations)
    src_count = _bead_counts([s for s, _t in pairs], n_source_words + 1)
    tgt_count = _bead_counts([t for _s, t in pairs], n_target_words + 1)
    s, t = co.table_src, co.table_tgt
    keep = (
        (forward >= threshold)
        & (reverse >= threshold)
        & (s != _NULL)
        & (t != _NULL)
        & (src_count[s] >= min_count)
        & (tgt_count[t] >= min_count)
    )
    return set(zip(s[keep].tolist(), t[keep].tolist(), strict=True))


def _bead_counts(sides: Sequence[IntArray], n_words: int) -> IntArray:
    """For every word id, how many of the given bead sides contain it (once per side)."""
    if not sides:
        return np.zeros(n_words, dtype=np.int64)
    words = np.concatenate(sides).astype(np.int64)
    bead = np.repeat(np.arange(len(sides), dtype=np.int64), [len(w) for w in sides])
    codes = np.sort(bead * n_words + words)
    first = np.ones(len(codes), dtype=np.bool_)
    first[1:] = codes[1:] != codes[:-1]
    return np.bincount(codes[first] % n_words, minlength=n_words)
