"""The two-pass sentence aligner (Moore 2002 style) and its library API.

Pass 1 aligns with lengths, anchors and the given lexicons inside a band around a path through
the rarest shared anchors. IBM Model 1 is then trained on the pass-1 1-1 beads with 1-1
neighbours; its word pairs join the lexicon, the length ratio, variance, bead priors, paragraph
penalties and the lexical score table are re-estimated from the pass-1 beads, and pass 2 aligns
in a narrow band around the pass-1 path. Confidence is each bead's posterior probability among
all paths in the band (forward-backward).
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from workbench.align import model1
from workbench.align.dictionaries import builtin_lexicon
from workbench.align.lexicon import Lexicon, Tokenizer, base_lang, merge_lexicons
from workbench.align.scoring import (
    DEFAULT_PRIORS,
    DEFAULT_VARIANCE,
    Model,
    bead_costs,
    segment_length,
    similarity,
)
from workbench.align.search import MOVES, Band, backward, forward, make_band, posteriors, viterbi
from workbench.core.alignment import Bead, BeadStatus
from workbench.core.errors import CancelledError

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
IntArray = npt.NDArray[np.int64]

_PASS1_WIDTH = 40
_PASS2_WIDTH = 8
_MAX_WIDEN = 3
# Without a learned table, a full key overlap is worth this much log-likelihood.
_DEFAULT_LEXICAL = ((0.0, 1.0), (0.0, 3.0))


class _Keys:
    """String keys to integer ids, shared by both sides."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def get(self, key: str) -> int:
        found = self.ids.get(key)
        if found is None:
            found = self.ids[key] = len(self.ids)
        return found


class _Side:
    """The analysed segments of one side."""

    def __init__(self, texts: Sequence[str], lang: str, starts: Sequence[int] | None) -> None:
        tokenizer = Tokenizer(lang)
        self.words: list[list[str]] = []
        self.anchors: list[list[str]] = []
        for text in texts:
            words, anchors = tokenizer.analyse(text)
            self.words.append(words)
            self.anchors.append(anchors)
        self.lengths = np.array([segment_length(t) for t in texts], dtype=np.float64)
        self.starts = _paragraph_flags(starts, len(texts))


def _paragraph_flags(starts: Sequence[int] | None, n: int) -> npt.NDArray[np.bool_] | None:
    """Paragraph-start flags, or None when they carry no information."""
    if starts is None or n == 0:
        return None
    flags = np.zeros(n, dtype=np.bool_)
    for s in starts:
        if 0 <= s < n:
            flags[s] = True
    flags[0] = True
    count = int(flags.sum())
    if count <= 1 or count >= n:
        return None
    return flags


def align_segments(
    source: list[str],
    target: list[str],
    src_lang: str,
    tgt_lang: str,
    *,
    source_paragraphs: list[int] | None = None,
    target_paragraphs: list[int] | None = None,
    lexicon: Lexicon | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    builtin_dictionaries: bool = True,
) -> list[Bead]:
    """Align two lists of segments; return AUTO beads with posterior confidences.

    `source_paragraphs` / `target_paragraphs` are the flat indices of paragraph starts.
    `lexicon` (any direction of the pair) adds word pairs; for zh-en the bundled CC-CEDICT is
    used too unless `builtin_dictionaries` is False. Raises CancelledError when `cancel()`
    returns True; calls `progress(done, total)` as work advances.
    """
    aligner = _Aligner(source, target, src_lang, tgt_lang, source_paragraphs,
                       target_paragraphs, lexicon, progress, cancel, builtin_dictionaries)
    return aligner.run()


class _Aligner:
    """One alignment job: analysed sides, the passes, progress and cancellation."""

    def __init__(
        self,
        source: Sequence[str],
        target: Sequence[str],
        src_lang: str,
        tgt_lang: str,
        source_paragraphs: Sequence[int] | None,
        target_paragraphs: Sequence[int] | None,
        lexicon: Lexicon | None,
        progress: Progress | None,
        cancel: Cancel | None,
        builtin_dictionaries: bool,
    ) -> None:
        self.source = list(source)
        self.target = list(target)
        self.src_lang = base_lang(src_lang)
        self.tgt_lang = base_lang(tgt_lang)
        self.source_paragraphs = source_paragraphs
        self.target_paragraphs = target_paragraphs
        self.lexicon = lexicon
        self.progress = progress
        self.cancel = cancel
        self.builtin = builtin_dictionaries
        self.n = len(self.source)
        self.m = len(self.target)
        # Progress is counted in DP rows: pass 1 once, pass 2 three times (viterbi, fwd, bwd).
        self._total = 5 * (self.n + 1)
        self._done = 0

    def _check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise CancelledError("alignment cancelled")

    def _report(self, done: int) -> None:
        self._done = done
        if self.progress is not None:
            self.progress(min(done, self._total), self._total)

    def _row_progress(self, base: int) -> Progress:
        def report(done: int, _total: int) -> None:
            self._report(base + done)

        return report

    def run(self) -> list[Bead]:
        """Align and return the beads."""
        self._check()
        if self.n == 0 or self.m == 0:
            empty = [Bead((i,), (), BeadStatus.AUTO, 1.0) for i in range(self.n)]
            empty += [Bead((), (j,), BeadStatus.AUTO, 1.0) for j in range(self.m)]
            self._report(self._total)
            return empty
        src = _Side(self.source, self.src_lang, self.source_paragraphs)
        self._check()
        tgt = _Side(self.target, self.tgt_lang, self.target_paragraphs)
        self._check()
        self._report(self.n + 1)
        lexicons: list[Lexicon | None] = [self.lexicon]
        if self.builtin:
            lexicons.append(builtin_lexicon(self.src_lang, self.tgt_lang))
        base_lex = merge_lexicons(lexicons, self.src_lang, self.tgt_lang)
        ratio = float(tgt.lengths.sum() / max(src.lengths.sum(), 1.0))
        both = src.starts is not None and tgt.starts is not None
        model = Model(ratio, DEFAULT_VARIANCE, dict(DEFAULT_PRIORS), *_DEFAULT_LEXICAL,
                      1.0 if both else 0.0, 1.5 if both else 0.0)

        keys = _Keys()
        src_keys, tgt_keys = _keys(src, tgt, base_lex.entries, keys)
        center = _anchor_center(src, tgt, src_keys, tgt_keys)
        start = np.asarray(np.rint(center), dtype=np.int64) - _PASS1_WIDTH
        path, costs, band = self._search(model, src, tgt, src_keys, tgt_keys, len(keys.ids),
                                         start, 2 * _PASS1_WIDTH + 1, base=self.n + 1)
        self._check()

        # Pass 2: learn from pass 1.
        learned = _learn_lexicon(src, tgt, path)
        lex2 = merge_lexicons([base_lex], self.src_lang, self.tgt_lang)
        for word, translation in learned:
            lex2.entries.setdefault(word, set()).add(translation)
        keys2 = _Keys()
        src_keys2, tgt_keys2 = _keys(src, tgt, lex2.entries, keys2)
        model2 = _estimate(model, src, tgt, path, band, src_keys2, tgt_keys2, len(keys2.ids))
        self._check()
        lo_min, lo_max = _path_band(path, self.n)
        spread = int(min(256, int((lo_max - lo_min).max())))
        path, costs, band = self._search(model2, src, tgt, src_keys2, tgt_keys2, len(keys2.ids),
                                         lo_min - _PASS2_WIDTH, 2 * _PASS2_WIDTH + 1 + spread,
                                         base=2 * (self.n + 1))
        alpha = forward(costs, band, self.cancel)
        self._report(4 * (self.n + 1))
        beta = backward(costs, band, self.cancel)
        conf = posteriors(path, costs, band, alpha, beta)
        self._report(self._total)
        beads: list[Bead] = []
        for (i, j, t), c in zip(path, conf, strict=True):
            di, dj = MOVES[t]
            beads.append(Bead(tuple(range(i - di, i)), tuple(range(j - dj, j)),
                              BeadStatus.AUTO, round(c, 4)))
        return beads

    def _search(
        self,
        model: Model,
        src: _Side,
        tgt: _Side,
        src_keys: list[list[int]],
        tgt_keys: list[list[int]],
        n_keys: int,
        start: IntArray,
        width: int,
        base: int,
    ) -> tuple[list[tuple[int, int, int]], npt.NDArray[np.float32], Band]:
        """Viterbi in the band whose rows start near `start`; widened while the path touches
        its edge."""
        n, m = self.n, self.m
        for attempt in range(_MAX_WIDEN + 1):
            band = make_band(start, width, n, m)
            sim = similarity(src_keys, tgt_keys, n_keys, band)
            costs = bead_costs(model, band, src.lengths, tgt.lengths, sim, src.starts, tgt.starts)
            self._check()
            path = viterbi(costs, band, self._row_progress(base), self.cancel)
            if attempt == _MAX_WIDEN or band.width >= m + 1 or not _touches_edge(path, band):
                break
            # Re-centre on the path found: where it hugs an edge it was pulled toward the truth.
            width = min(m + 1, width * 2)
            lo_min, lo_max = _path_band(path, n)
            start = (lo_min + lo_max) // 2 - (width - 1) // 2
        return path, costs, band


def _keys(
    src: _Side, tgt: _Side, entries: dict[str, set[str]], keys: _Keys
) -> tuple[list[list[int]], list[list[int]]]:
    """Key ids per sentence: anchors plus words (target) or translated words (source)."""
    tgt_keys: list[list[int]] = []
    target_words: set[str] = set()
    for words, anchors in zip(tgt.words, tgt.anchors, strict=True):
        ids = {keys.get("a" + a) for a in anchors}
        ids.update(keys.get("w" + w) for w in words)
        target_words.update(words)
        tgt_keys.append(sorted(ids))
    translations: dict[str, list[int]] = {}
    for s, targets in entries.items():
        present = [keys.get("w" + t) for t in targets if t in target_words]
        if present:
            translations[s] = present[:10]
    src_keys: list[list[int]] = []
    for words, anchors in zip(src.words, src.anchors, strict=True):
        ids = {keys.get("a" + a) for a in anchors}
        for w in words:
            found = translations.get(w)
            if found:
                ids.update(found)
        src_keys.append(sorted(ids))
    return src_keys, tgt_keys


def _anchor_center(
    src: _Side, tgt: _Side, src_keys: list[list[int]], tgt_keys: list[list[int]]
) -> npt.NDArray[np.float64]:
    """The expected target position of every source row, through a chain of rare anchors.

    A key that occurs in exactly one sentence on each side is a candidate point; candidates far
    from the length diagonal are dropped, and the longest chain that keeps order on both sides
    is kept, so a number repeated pages apart cannot pull the band away.
    """
    n, m = len(src_keys), len(tgt_keys)
    cum_s = np.concatenate(([0.0], np.cumsum(src.lengths)))
    cum_t = np.concatenate(([0.0], np.cumsum(tgt.lengths)))
    xs = cum_s / cum_s[-1]
    ys = cum_t / cum_t[-1]
    where_s: dict[int, int] = {}
    where_t: dict[int, int] = {}
    for table, side in ((where_s, src_keys), (where_t, tgt_keys)):
        seen_twice: set[int] = set()
        for index, ids in enumerate(side):
            for k in ids:
                if k in table:
                    seen_twice.add(k)
                table[k] = index
        for k in seen_twice:
            del table[k]
    points = []
    for k, i in where_s.items():
        j = where_t.get(k)
        if j is None:
            continue
        x, y = (xs[i] + xs[i + 1]) / 2, (ys[j] + ys[j + 1]) / 2
        if abs(x - y) <= 0.1 + 20.0 / max(n, m):
            points.append((i, j, x, y))
    points.sort()
    chain = _consistent(_longest_chain(points), max(n, m))
    px = [0.0] + [p[2] for p in chain] + [1.0]
    py = [0.0] + [p[3] for p in chain] + [1.0]
    mapped = np.interp(xs, px, py)
    return np.asarray(np.interp(mapped, ys, np.arange(m + 1, dtype=np.float64)), np.float64)


def _longest_chain(
    points: list[tuple[int, int, float, float]],
) -> list[tuple[int, int, float, float]]:
    """The longest chain strictly increasing in both i and j (points sorted by i).

    Sentences holding several candidate points are ambiguous and dropped first.
    """
    count_i: dict[int, int] = {}
    count_j: dict[int, int] = {}
    for i, j, _x, _y in points:
        count_i[i] = count_i.get(i, 0) + 1
        count_j[j] = count_j.get(j, 0) + 1
    points = [p for p in points if count_i[p[0]] == 1 and count_j[p[1]] == 1]
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(points)
    for index, (_i, j, _x, _y) in enumerate(points):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[pos] = j
            tail_index[pos] = index
        parent[index] = tail_index[pos - 1] if pos > 0 else -1
    chain: list[tuple[int, int, float, float]] = []
    at = tail_index[-1] if tail_index else -1
    while at >= 0:
        chain.append(points[at])
        at = parent[at]
    chain.reverse()
    return chain


def _consistent(
    chain: list[tuple[int, int, float, float]], size: int
) -> list[tuple[int, int, float, float]]:
    """Drop chain points whose offset from the diagonal disagrees with their neighbours'."""
    if len(chain) < 3:
        return chain
    offsets = np.array([y - x for _i, _j, x, y in chain])
    half = 3
    tolerance = max(0.002, 5.0 / size)
    keep = []
    for k, point in enumerate(chain):
        window = offsets[max(0, k - half): k + half + 1]
        if abs(offsets[k] - float(np.median(window))) <= tolerance:
            keep.append(point)
    return keep


def _touches_edge(path: Sequence[tuple[int, int, int]], band: Band) -> bool:
    """True when the path runs along a band edge that is not the matrix edge."""
    lo = band.lo
    for i, j, _t in path:
        k = j - int(lo[i])
        if (k <= 1 and lo[i] > 0) or (k >= band.width - 2 and lo[i] + band.width - 1 < band.m):
            return True
    return False


def _path_band(path: Sequence[tuple[int, int, int]], n: int) -> tuple[IntArray, IntArray]:
    """Per row, the lowest and highest j the path visits."""
    lo_min = np.full(n + 1, np.iinfo(np.int64).max, dtype=np.int64)
    lo_max = np.zeros(n + 1, dtype=np.int64)
    lo_min[0] = lo_max[0] = 0
    for i, j, t in path:
        di, dj = MOVES[t]
        for row in range(i - di, i + 1):
            lo_min[row] = min(lo_min[row], j - dj if row < i else j)
            lo_max[row] = max(lo_max[row], j)
        if di == 0:
            lo_min[i] = min(lo_min[i], j - 1)
    return lo_min, lo_max


def _learn_lexicon(src: _Side, tgt: _Side, path: Sequence[tuple[int, int, int]]) -> set[
        tuple[str, str]]:
    """Word pairs from Model 1 trained on 1-1 beads whose neighbours are 1-1 too."""
    one = MOVES.index((1, 1))
    chosen: list[int] = []
    for k in range(1, len(path) - 1):
        if path[k][2] == one and path[k - 1][2] == one and path[k + 1][2] == one:
            chosen.append(k)
    if len(chosen) < 10:
        return set()
    vocab_s: dict[str, int] = {}
    vocab_t: dict[str, int] = {}
    pairs: list[tuple[IntArray, IntArray]] = []
    for k in chosen:
        i, j, _t = path[k]
        s_ids = [vocab_s.setdefault(w, len(vocab_s) + 1) for w in src.words[i - 1]]
        t_ids = [vocab_t.setdefault(w, len(vocab_t) + 1) for w in tgt.words[j - 1]]
        pairs.append((np.array(s_ids, dtype=np.int64), np.array(t_ids, dtype=np.int64)))
    found = model1.translation_pairs(pairs, len(vocab_s), len(vocab_t))
    words_s = {v: w for w, v in vocab_s.items()}
    words_t = {v: w for w, v in vocab_t.items()}
    return {(words_s[s], words_t[t]) for s, t in found}


def _estimate(
    model: Model,
    src: _Side,
    tgt: _Side,
    path: Sequence[tuple[int, int, int]],
    band: Band,
    src_keys: list[list[int]],
    tgt_keys: list[list[int]],
    n_keys: int,
) -> Model:
    """Pass-2 parameters estimated from the pass-1 path."""
    kinds = [MOVES[t] for _i, _j, t in path]
    alpha = 50.0
    priors = {
        kind: (sum(1 for k in kinds if k == kind) + alpha * p) / (len(kinds) + alpha)
        for kind, p in DEFAULT_PRIORS.items()
    }
    ones = [(i - 1, j - 1) for i, j, t in path if MOVES[t] == (1, 1)]
    variance = model.variance
    if len(ones) >= 20:
        ls = np.array([src.lengths[i] for i, _ in ones])
        lt = np.array([tgt.lengths[j] for _, j in ones]) / model.ratio
        spread = (lt - ls) ** 2 / np.maximum((ls + lt) / 2, 1e-9)
        # The median of a chi-square with one degree of freedom is 0.455.
        variance = float(np.clip(np.median(spread) / 0.455, 1.0, 100.0))
    lex_x, lex_y = _lexical_table(ones, src_keys, tgt_keys, n_keys, band)
    mismatch, crossing = model.mismatch_penalty, model.crossing_penalty
    if src.starts is not None and tgt.starts is not None:
        full = [(i, j, MOVES[t]) for i, j, t in path if all(MOVES[t])]
        mis = sum(1 for i, j, (di, dj) in full if src.starts[i - di] != tgt.starts[j - dj])
        mismatch = _log_odds_penalty(mis, len(full))
        multi = [(i, j, MOVES[t]) for i, j, t in path if max(MOVES[t]) >= 2]
        cross = sum(
            1 for i, j, (di, dj) in multi
            if src.starts[i - di + 1:i].any() or tgt.starts[j - dj + 1:j].any()
        )
        crossing = _log_odds_penalty(cross, len(multi))
    return Model(model.ratio, variance, priors, lex_x, lex_y, mismatch, crossing)


def _log_odds_penalty(hits: int, total: int) -> float:
    """log((1 - r) / r) of a smoothed rate r, clipped to [0, 4]."""
    rate = (hits + 1.0) / (total + 2.0)
    return float(np.clip(math.log((1.0 - rate) / rate), 0.0, 4.0))


def _lexical_table(
    ones: Sequence[tuple[int, int]],
    src_keys: list[list[int]],
    tgt_keys: list[list[int]],
    n_keys: int,
    band: Band,
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Log-likelihood ratio of a Dice overlap: pass-1 1-1 beads against shifted pairs."""
    if len(ones) < 20:
        return _DEFAULT_LEXICAL
    sim = similarity(src_keys, tgt_keys, n_keys, band)
    n, m = len(src_keys), len(tgt_keys)
    ii = np.array([i for i, _ in ones], dtype=np.int64)
    jj = np.array([j for _, j in ones], dtype=np.int64)

    def dice(a: IntArray, b: IntArray) -> npt.NDArray[np.float64]:
        ok = (b >= 0) & (b < m) & (a >= 0) & (a < n)
        a, b = a[ok], b[ok]
        mass = sim.source_mass[a] + sim.target_mass[b]
        d = np.where(mass > 0, 2 * sim.at(a, b) / np.maximum(mass, 1e-12), 0.0)
        return np.asarray(np.minimum(d, 1.0), dtype=np.float64)

    positive = dice(ii, jj)
    negative = np.concatenate([dice(ii, jj + off) for off in (-3, -2, 2, 3)])
    edges = np.linspace(0.0, 1.0, 11)
    pos_hist = np.histogram(positive, bins=edges)[0] + 0.5
    neg_hist = np.histogram(negative, bins=edges)[0] + 0.5
    llr = np.log(pos_hist / pos_hist.sum()) - np.log(neg_hist / neg_hist.sum())
    llr = np.maximum.accumulate(np.clip(llr, -5.0, 8.0))
    centers = (edges[:-1] + edges[1:]) / 2
    xs = (0.0, *centers.tolist(), 1.0)
    ys = (float(llr[0]), *llr.tolist(), float(llr[-1]))
    return xs, ys
