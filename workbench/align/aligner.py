"""The two-pass sentence aligner (Moore 2002 style) and its library API.

Pass 1 aligns with lengths, anchors and the given lexicons inside a band around a path through
the rarest shared anchors. IBM Model 1 is then trained on the pass-1 1-1 beads with 1-1
neighbours; its word pairs join the lexicon; the length variance, bead priors, paragraph
penalties and the lexical score table are re-estimated from the pass-1 beads, and pass 2 aligns
in a narrow band around the pass-1 path. Confidence is each bead's posterior probability among
all paths in the band (forward-backward).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from workbench.align import calibration, model1
from workbench.align.dictionaries import builtin_lexicon
from workbench.align.embeddings import (
    Embedder,
    EmbeddingCache,
    EmbeddingTerm,
    SpanVectors,
    backgrounds,
    learn_table,
    process_cache,
    resolve_embedder,
)
from workbench.align.features import (
    KeySets,
    Side,
    anchor_center,
    build_keys,
    translation_pairs,
)
from workbench.align.lexicon import Lexicon, merge_lexicons
from workbench.align.scoring import (
    DEFAULT_PRIORS,
    DEFAULT_VARIANCE,
    BeadCosts,
    Model,
    similarity,
)
from workbench.align.search import (
    MOVES,
    WIDE_MOVES,
    Band,
    backward,
    forward,
    make_band,
    posteriors,
    viterbi,
)
from workbench.core.alignment import Bead, BeadStatus
from workbench.core.errors import CancelledError
from workbench.core.inline import visible
from workbench.core.langs import base_lang

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]
IntArray = npt.NDArray[np.int64]

#: Languages written in Latin script, where Chinese names appear in pinyin.
_LATIN = frozenset(
    "en fr de es it pt nl sv da no nb fi hu pl cs ro tr id vi ca".split()  # noqa: SIM905
)
_PASS1_WIDTH = 25
_PASS2_WIDTH = 8
_MAX_WIDEN = 3
#: Beads the lexical passes are less sure of than this are re-scored with embeddings,
#: with `_CONTEXT` beads either side.
UNCERTAIN = 0.99
_CONTEXT = 2
#: At most about this many segments are embedded per alignment (the 4-bit model embeds some
#: 25-60 segments a second on two cores): 1984 hu-en in under a minute.
EMBED_BUDGET = 600
#: Share of 1-3/3-1 beads in the first pass above which the wide shapes are searched.
WIDE_SHARE = 0.02
# Before a table is learned: no key overlap costs 1 nat, a full overlap earns 5 (pass 1).
_DEFAULT_LEXICAL = ((0.0, 1.0), (-1.0, 5.0))


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
    embeddings: bool | None = False,
    embedding_cache: EmbeddingCache | None = None,
    embedder: Embedder | None = None,
) -> list[Bead]:
    """Align two lists of segments; return AUTO beads with posterior confidences.

    `source_paragraphs` / `target_paragraphs` are the flat indices of paragraph starts.
    `lexicon` (any direction of the pair) adds word pairs; for zh-en the bundled CC-CEDICT is
    used too unless `builtin_dictionaries` is False. Raises CancelledError when `cancel()`
    returns True; calls `progress(done, total)` as work advances.

    `embeddings`: True re-scores the uncertain stretches with the bundled sentence-embedding
    model (AlignmentError when the `[embeddings]` extra is missing), None does so when it is
    installed, False never. Embeddings are kept in `embedding_cache` (default: one cache for
    the process), so re-aligning a document embeds only segments not seen before. An
    `embedder` given replaces the bundled model (whatever `embeddings` says).
    """
    aligner = _Aligner(
        source,
        target,
        src_lang,
        tgt_lang,
        source_paragraphs,
        target_paragraphs,
        lexicon,
        progress,
        cancel,
        builtin_dictionaries,
        embedder if embedder is not None else resolve_embedder(embeddings),
        embedding_cache,
    )
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
        embedder: Embedder | None = None,
        embedding_cache: EmbeddingCache | None = None,
    ) -> None:
        # Lengths and words are those of the visible text: inline codes are not words.
        self.source = [visible(text) for text in source]
        self.target = [visible(text) for text in target]
        self.src_lang = base_lang(src_lang)
        self.tgt_lang = base_lang(tgt_lang)
        self.source_paragraphs = source_paragraphs
        self.target_paragraphs = target_paragraphs
        self.lexicon = lexicon
        self.progress = progress
        self.cancel = cancel
        self.builtin = builtin_dictionaries
        self.embedder = embedder
        self.cache = embedding_cache if embedding_cache is not None else process_cache()
        self.n = len(self.source)
        self.m = len(self.target)
        # Progress is counted in DP rows: pass 1 once, pass 2 three times (viterbi, fwd, bwd).
        self._total = 5 * (self.n + 1)
        self._done = 0

    def _check(self) -> None:
        if self.cancel is not None and self.cancel():
            raise CancelledError("alignment cancelled")

    def _report(self, done: int) -> None:
        # Never report going backwards (a widened band re-runs a pass).
        self._done = max(self._done, min(done, self._total))
        if self.progress is not None:
            self.progress(self._done, self._total)

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
        anchor_vocab: dict[str, int] = {}
        # English is lemmatised where a dictionary will be looked up (its headwords are
        # lemmas); Chinese names meet their pinyin spelling in a Latin-script text.
        pair = {self.src_lang, self.tgt_lang}
        zh_latin = "zh" in pair and any(lang in _LATIN for lang in pair)
        lemmatise = self.lexicon is not None or (self.builtin and pair == {"zh", "en"})
        src = Side(
            self.source,
            self.src_lang,
            self.source_paragraphs,
            anchor_vocab,
            lemmatise=lemmatise,
            pinyin=zh_latin,
        )
        self._check()
        tgt = Side(
            self.target,
            self.tgt_lang,
            self.target_paragraphs,
            anchor_vocab,
            lemmatise=lemmatise,
            pinyin=zh_latin,
        )
        self._check()
        self._report(self.n + 1)
        lexicons: list[Lexicon | None] = [self.lexicon]
        if self.builtin:
            chinese = src if self.src_lang == "zh" else tgt
            lexicons.append(builtin_lexicon(self.src_lang, self.tgt_lang, chinese.vocab))
        base_lex = merge_lexicons(lexicons, self.src_lang, self.tgt_lang)
        ratio = float(tgt.lengths.sum() / max(src.lengths.sum(), 1.0))
        both = src.starts is not None and tgt.starts is not None
        log_lengths = np.log(np.maximum(tgt.lengths / ratio, 1.0))
        model = Model(
            ratio,
            DEFAULT_VARIANCE,
            dict(DEFAULT_PRIORS),
            *_DEFAULT_LEXICAL,
            1.0 if both else 0.0,
            1.5 if both else 0.0,
            float(log_lengths.mean()),
            float(max(0.1, log_lengths.std())),
        )

        base_pairs = translation_pairs(base_lex.entries, src, tgt)
        keys = build_keys(src, tgt, len(anchor_vocab), base_pairs)
        center = anchor_center(src, tgt, keys)
        start = np.asarray(np.rint(center), dtype=np.int64) - _PASS1_WIDTH
        path, _costs, _band = self._search(
            model, src, tgt, keys, start, 2 * _PASS1_WIDTH + 1, base=self.n + 1
        )
        del _costs, _band, keys
        self._check()

        # Pass 2: learn from pass 1.
        learned_s, learned_t = _learn_pairs(src, tgt, path)
        pairs2 = (
            np.concatenate((base_pairs[0], learned_s)),
            np.concatenate((base_pairs[1], learned_t)),
        )
        keys2 = build_keys(src, tgt, len(anchor_vocab), pairs2)
        lo_min, lo_max = _path_band(path, self.n)
        spread = int(min(256, int(np.max(lo_max - lo_min))))
        near = make_band(lo_min - _PASS2_WIDTH, 2 * _PASS2_WIDTH + 1 + spread, self.n, self.m)
        model2 = _estimate(model, src, tgt, path, near, keys2)
        moves = _moves_for(path)
        self._check()
        path, costs, band = self._search(
            model2,
            src,
            tgt,
            keys2,
            lo_min - _PASS2_WIDTH,
            2 * _PASS2_WIDTH + 1 + spread,
            base=2 * (self.n + 1),
            keep_costs=True,
            moves=moves,
        )
        alpha = forward(costs, band, self.cancel)
        self._report(4 * (self.n + 1))
        beta = backward(costs, band, self.cancel)
        conf = posteriors(path, costs, band, alpha, beta)
        embedded = False
        if self.embedder is not None:
            self._check()
            term = self._embedding_term(path, conf)
            if term is not None:
                path, costs, band = self._search(
                    model2,
                    src,
                    tgt,
                    keys2,
                    lo_min - _PASS2_WIDTH,
                    2 * _PASS2_WIDTH + 1 + spread,
                    base=2 * (self.n + 1),
                    keep_costs=True,
                    embedding=term,
                    moves=moves,
                )
                alpha = forward(costs, band, self.cancel)
                beta = backward(costs, band, self.cancel)
                conf = posteriors(path, costs, band, alpha, beta)
                embedded = True
        self._report(self._total)
        calibrate = calibration.EMBEDDED if embedded else calibration.LEXICAL
        beads: list[Bead] = []
        for (i, j, t), c in zip(path, conf, strict=True):
            di, dj = WIDE_MOVES[t]
            beads.append(
                Bead(
                    tuple(range(i - di, i)),
                    tuple(range(j - dj, j)),
                    BeadStatus.AUTO,
                    round(calibrate(c, di, dj), 4),
                )
            )
        return beads

    def _search(
        self,
        model: Model,
        src: Side,
        tgt: Side,
        keys: KeySets,
        start: IntArray,
        width: int,
        base: int,
        keep_costs: bool = False,
        embedding: EmbeddingTerm | None = None,
        moves: tuple[tuple[int, int], ...] = MOVES,
    ) -> tuple[list[tuple[int, int, int]], BeadCosts, Band]:
        """Viterbi in the band whose rows start near `start`; widened while the path touches
        its edge."""
        n, m = self.n, self.m
        for attempt in range(_MAX_WIDEN + 1):
            band = make_band(start, width, n, m, moves)
            sim = similarity(keys, n, m, band)
            costs = BeadCosts(
                model, band, src.lengths, tgt.lengths, sim, src.starts, tgt.starts, embedding
            )
            if keep_costs:
                costs.cache_all()
            self._check()
            path = viterbi(costs, band, self._row_progress(base), self.cancel)
            if attempt == _MAX_WIDEN or band.width >= m + 1 or not _touches_edge(path, band):
                break
            # Re-centre on the path found: where it hugs an edge it was pulled toward the truth.
            # (Drop this attempt's arrays first: the next band is wider.)
            sim = costs = None  # type: ignore[assignment]
            width = min(m + 1, width * 2)
            lo_min, lo_max = _path_band(path, n)
            start = (lo_min + lo_max) // 2 - (width - 1) // 2
        return path, costs, band

    def _embedding_term(
        self, path: Sequence[tuple[int, int, int]], conf: Sequence[float]
    ) -> EmbeddingTerm | None:
        """Embed the segments of the uncertain stretches; None when there are none."""
        assert self.embedder is not None
        weak = sorted((c, k) for k, c in enumerate(conf) if c < UNCERTAIN)
        if not weak:
            return None
        # The least certain stretches first, until the budget of segments is spent.
        sizes = [sum(WIDE_MOVES[t]) for _i, _j, t in path]
        chosen = np.zeros(len(path), dtype=bool)
        spent = 0
        for _c, k in weak:
            lo, hi = max(0, k - _CONTEXT), min(len(path), k + _CONTEXT + 1)
            spent += sum(size for q, size in enumerate(sizes[lo:hi], lo) if not chosen[q])
            chosen[lo:hi] = True
            if spent >= EMBED_BUDGET:
                break
        s_rows: list[int] = []
        t_rows: list[int] = []
        for k in np.flatnonzero(chosen).tolist():
            i, j, t = path[k]
            di, dj = WIDE_MOVES[t]
            s_rows.extend(range(i - di, i))
            t_rows.extend(range(j - dj, j))
        s_idx = np.array(sorted(set(s_rows)), dtype=np.int64)
        t_idx = np.array(sorted(set(t_rows)), dtype=np.int64)
        if not len(s_idx) or not len(t_idx):
            return None
        s_vec = self.cache.lookup(self.embedder, [self.source[i] for i in s_idx])
        self._check()
        t_vec = self.cache.lookup(self.embedder, [self.target[j] for j in t_idx])
        self._check()
        dim = s_vec.shape[1]
        source = SpanVectors(self.n, dim, s_idx, s_vec)
        target = SpanVectors(self.m, dim, t_idx, t_vec)
        expected = np.zeros(self.n, dtype=np.int64)
        for i, j, t in path:
            di, dj = WIDE_MOVES[t]
            expected[i - di : i] = j - dj
        bg_s, bg_t = backgrounds(source, target, expected)
        term = EmbeddingTerm(source, target, bg_s, bg_t)
        ones = [
            (i - 1, j - 1)
            for (i, j, t), c in zip(path, conf, strict=True)
            if WIDE_MOVES[t] == (1, 1) and c >= 0.5
        ]
        return EmbeddingTerm(source, target, bg_s, bg_t, learn_table(term, ones))


def _moves_for(path: Sequence[tuple[int, int, int]]) -> tuple[tuple[int, int], ...]:
    """The wide shapes (1-4, 2-3...) when the first pass used 1-3/3-1 often: a text that
    splits sentences in three also splits them in four, and one that never does would only
    pay for the wider search with false merges (measured on Text+Berg de-fr)."""
    wide = sum(1 for _i, _j, t in path if sorted(WIDE_MOVES[t]) == [1, 3])
    return WIDE_MOVES if wide >= WIDE_SHARE * len(path) else MOVES


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
        di, dj = WIDE_MOVES[t]
        for row in range(i - di, i + 1):
            lo_min[row] = min(lo_min[row], j - dj if row < i else j)
            lo_max[row] = max(lo_max[row], j)
        if di == 0:
            lo_min[i] = min(lo_min[i], j - 1)
    return lo_min, lo_max


def _learn_pairs(
    src: Side, tgt: Side, path: Sequence[tuple[int, int, int]]
) -> tuple[IntArray, IntArray]:
    """Word pairs from Model 1 trained on 1-1 beads whose neighbours are 1-1 too."""
    one = MOVES.index((1, 1))
    chosen = [
        k
        for k in range(1, len(path) - 1)
        if path[k][2] == one and path[k - 1][2] == one and path[k + 1][2] == one
    ]
    empty = np.zeros(0, dtype=np.int64)
    if len(chosen) < 10:
        return empty, empty
    # Word ids shift by one: id 0 is Model 1's empty word.
    pairs = [(src.words_of(path[k][0] - 1) + 1, tgt.words_of(path[k][1] - 1) + 1) for k in chosen]
    found = model1.translation_pairs(pairs, len(src.vocab), len(tgt.vocab))
    if not found:
        return empty, empty
    s_ids, t_ids = zip(*sorted(found), strict=True)
    return np.array(s_ids, dtype=np.int64) - 1, np.array(t_ids, dtype=np.int64) - 1


def _estimate(
    model: Model,
    src: Side,
    tgt: Side,
    path: Sequence[tuple[int, int, int]],
    band: Band,
    keys: KeySets,
) -> Model:
    """Pass-2 parameters estimated from the pass-1 path."""
    kinds = [WIDE_MOVES[t] for _i, _j, t in path]
    alpha = 50.0
    priors = {
        kind: (sum(1 for k in kinds if k == kind) + alpha * p) / (len(kinds) + alpha)
        for kind, p in DEFAULT_PRIORS.items()
    }
    _extrapolate_wide(priors)
    ones = [(i - 1, j - 1) for i, j, t in path if WIDE_MOVES[t] == (1, 1)]
    variance = model.variance
    if len(ones) >= 20:
        ls = np.array([src.lengths[i] for i, _ in ones])
        lt = np.array([tgt.lengths[j] for _, j in ones]) / model.ratio
        spread = (lt - ls) ** 2 / np.maximum((ls + lt) / 2, 1e-9)
        # The median of a chi-square with one degree of freedom is 0.455.
        variance = float(np.clip(_median(spread) / 0.455, 1.0, 100.0))
    lex_x, lex_y = _lexical_table(ones, keys, src.n, tgt.n, band)
    mismatch, crossing = model.mismatch_penalty, model.crossing_penalty
    if src.starts is not None and tgt.starts is not None:
        full = [(i, j, WIDE_MOVES[t]) for i, j, t in path if all(WIDE_MOVES[t])]
        mis = sum(1 for i, j, (di, dj) in full if src.starts[i - di] != tgt.starts[j - dj])
        mismatch = _log_odds_penalty(mis, len(full))
        multi = [(i, j, WIDE_MOVES[t]) for i, j, t in path if max(WIDE_MOVES[t]) >= 2]
        cross = sum(
            1
            for i, j, (di, dj) in multi
            if src.starts[i - di + 1 : i].any() or tgt.starts[j - dj + 1 : j].any()
        )
        crossing = _log_odds_penalty(cross, len(multi))
    return Model(
        model.ratio,
        variance,
        priors,
        lex_x,
        lex_y,
        mismatch,
        crossing,
        model.length_log_mean,
        model.length_log_sd,
    )


def _extrapolate_wide(priors: dict[tuple[int, int], float]) -> None:
    """Priors of the wide shapes, which the first pass cannot count: one step further along
    the geometric decay from 1-2 to 1-3 (and from 2-2 for 2-3), halved."""
    for near, wide in (((1, 3), (1, 4)), ((3, 1), (4, 1))):
        base = (1, 2) if near == (1, 3) else (2, 1)
        decay = priors[near] / max(priors[base], 1e-9)
        priors[wide] = max(priors[wide], 0.5 * priors[near] * min(decay, 0.7))
    for wide, near, base in (((2, 3), (1, 3), (1, 2)), ((3, 2), (3, 1), (2, 1))):
        decay = priors[near] / max(priors[base], 1e-9)
        priors[wide] = max(priors[wide], 0.5 * priors[(2, 2)] * min(decay, 0.7))


def _median(values: npt.NDArray[np.float64]) -> float:
    """The median, as np.median computes it (without np.median's import of numpy.ma)."""
    ordered = np.sort(values)
    half = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[half])
    return float((ordered[half - 1] + ordered[half]) / 2)


def _log_odds_penalty(hits: int, total: int) -> float:
    """log((1 - r) / r) of a smoothed rate r, clipped to [0, 4]."""
    rate = (hits + 1.0) / (total + 2.0)
    return float(np.clip(math.log((1.0 - rate) / rate), 0.0, 4.0))


def _lexical_table(
    ones: Sequence[tuple[int, int]],
    keys: KeySets,
    n: int,
    m: int,
    band: Band,
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """Log-likelihood ratio of a Dice overlap: pass-1 1-1 beads against shifted pairs."""
    if len(ones) < 20:
        return _DEFAULT_LEXICAL
    sim = similarity(keys, n, m, band)
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
