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
FloatArray = npt.NDArray[np.float64]
_NULL = 0
_MAX_COOCCURRENCES = 600_000


class _Cooccurrences:
    """Every (source position, target position) of the training beads, empty words included."""

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
        s_len = np.array([len(s) for s in src_parts], dtype=np.int64)
        t_len = np.array([len(t) for t in tgt_parts], dtype=np.int64)
        s_flat = np.concatenate(src_parts) if src_parts else np.zeros(0, np.int64)
        t_flat = np.concatenate(tgt_parts) if tgt_parts else np.zeros(0, np.int64)
        s_start = np.cumsum(s_len) - s_len
        t_start = np.cumsum(t_len) - t_len
        # Expand each bead to its s_len x t_len grid of positions without a Python loop.
        sizes = s_len * t_len
        bead = np.repeat(np.arange(len(sizes)), sizes)
        within = np.arange(int(sizes.sum())) - np.repeat(np.cumsum(sizes) - sizes, sizes)
        s_pos = s_start[bead] + within // t_len[bead]
        t_pos = t_start[bead] + within % t_len[bead]
        keep = (s_flat[s_pos] != _NULL) | (t_flat[t_pos] != _NULL)
        self.s_pos, self.t_pos = s_pos[keep], t_pos[keep]
        self.s_word, self.t_word = s_flat[self.s_pos], t_flat[self.t_pos]
        stride = n_target_words + 1
        keys = self.s_word * stride + self.t_word
        order = np.argsort(keys)
        sorted_keys = keys[order]
        first = np.ones(len(keys), dtype=np.bool_)
        first[1:] = sorted_keys[1:] != sorted_keys[:-1]
        table = np.cumsum(first) - 1
        self.inverse = np.empty(len(keys), dtype=np.int64)
        self.inverse[order] = table
        table_keys = sorted_keys[first]
        self.table_src = table_keys // stride
        self.table_tgt = table_keys % stride
        self.n_positions_s = len(s_flat)
        self.n_positions_t = len(t_flat)


def _train(
    co: _Cooccurrences,
    given: IntArray,
    produced_pos: IntArray,
    produced: IntArray,
    n_positions: int,
    iterations: int,
) -> FloatArray:
    """EM for t(produced | given): each produced position sums over the given side."""
    n_table = len(co.table_src)
    prob = np.ones(n_table)
    active = produced != _NULL
    inverse = co.inverse[active]
    pos = produced_pos[active]
    owner = given
    for _ in range(iterations):
        p = prob[inverse]
        z = np.bincount(pos, weights=p, minlength=n_positions)
        count = np.bincount(inverse, weights=p / z[pos], minlength=n_table)
        totals = np.bincount(owner, weights=count)
        prob = count / np.maximum(totals[owner], 1e-300)
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
    forward = _train(co, co.table_src, co.t_pos, co.t_word, co.n_positions_t, iterations)
    reverse = _train(co, co.table_tgt, co.s_pos, co.s_word, co.n_positions_s, iterations)
    src_count = np.bincount(
        np.fromiter((w for s, _t in pairs for w in set(s.tolist())), dtype=np.int64),
        minlength=n_source_words + 1,
    )
    tgt_count = np.bincount(
        np.fromiter((w for _s, t in pairs for w in set(t.tolist())), dtype=np.int64),
        minlength=n_target_words + 1,
    )
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
