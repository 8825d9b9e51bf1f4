"""IBM Model 1 trained on the confident beads of a first pass (Moore 2002), in numpy.

The translation table is sparse: only word pairs that co-occur in a training bead get a
probability. Expectation-maximisation runs on flat arrays of (source word, target word)
co-occurrences, so a few thousand beads train in well under a second.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
_NULL = 0
_MAX_COOCCURRENCES = 1_000_000


def train(
    pairs: Sequence[tuple[IntArray, IntArray]],
    n_source_words: int,
    n_target_words: int,
    iterations: int = 4,
) -> tuple[IntArray, IntArray, npt.NDArray[np.float64]]:
    """Train t(target | source); return (source ids, target ids, probabilities) of the table.

    Word ids start at 1 on both sides; id 0 on the source side is the empty word (NULL).
    Pairs beyond a co-occurrence budget are left out, so memory stays bounded.
    """
    src_parts: list[IntArray] = []
    tgt_parts: list[IntArray] = []
    occ_parts: list[IntArray] = []
    occurrence = 0
    budget = 0
    for src, tgt in pairs:
        if len(src) == 0 or len(tgt) == 0:
            continue
        s = np.concatenate(([_NULL], src)).astype(np.int64)
        budget += len(s) * len(tgt)
        if budget > _MAX_COOCCURRENCES:
            break
        src_parts.append(np.repeat(s, len(tgt)))
        tgt_parts.append(np.tile(tgt, len(s)).astype(np.int64))
        occ_parts.append(np.tile(np.arange(occurrence, occurrence + len(tgt)), len(s)))
        occurrence += len(tgt)
    empty = np.zeros(0, dtype=np.int64)
    if not src_parts:
        return empty, empty, np.zeros(0)
    src_all = np.concatenate(src_parts)
    tgt_all = np.concatenate(tgt_parts)
    occ_all = np.concatenate(occ_parts)
    keys = src_all * (n_target_words + 1) + tgt_all
    table_keys, inverse = np.unique(keys, return_inverse=True)
    table_src = table_keys // (n_target_words + 1)
    table_tgt = table_keys % (n_target_words + 1)
    prob = np.full(len(table_keys), 1.0 / max(1, n_target_words))
    for _ in range(iterations):
        p = prob[inverse]
        z = np.bincount(occ_all, weights=p, minlength=occurrence)
        posterior = p / z[occ_all]
        count = np.bincount(inverse, weights=posterior, minlength=len(table_keys))
        totals = np.bincount(table_src, weights=count, minlength=n_source_words + 1)
        prob = count / np.maximum(totals[table_src], 1e-300)
    return table_src, table_tgt, prob


def translation_pairs(
    pairs: Sequence[tuple[IntArray, IntArray]],
    n_source_words: int,
    n_target_words: int,
    threshold: float = 0.1,
    min_count: int = 2,
) -> set[tuple[int, int]]:
    """Word pairs likely in both directions: t(t|s) and t(s|t) both at least `threshold`.

    Words seen in fewer than `min_count` training beads are left out: one co-occurrence
    says nothing.
    """
    src_count = np.bincount(
        np.fromiter((w for s, _t in pairs for w in set(s.tolist())), dtype=np.int64),
        minlength=n_source_words + 1,
    )
    tgt_count = np.bincount(
        np.fromiter((w for _s, t in pairs for w in set(t.tolist())), dtype=np.int64),
        minlength=n_target_words + 1,
    )
    fs, ft, fp = train(pairs, n_source_words, n_target_words)
    rt, rs, rp = train([(t, s) for s, t in pairs], n_target_words, n_source_words)
    keep_f = (fp >= threshold) & (fs != _NULL)
    forward = set(zip(fs[keep_f].tolist(), ft[keep_f].tolist(), strict=True))
    keep_r = (rp >= threshold) & (rt != _NULL)
    reverse = set(zip(rs[keep_r].tolist(), rt[keep_r].tolist(), strict=True))
    return {
        (s, t)
        for s, t in forward & reverse
        if src_count[s] >= min_count and tgt_count[t] >= min_count
    }
