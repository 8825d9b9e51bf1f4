"""What the aligner knows of each segment, as flat numpy arrays: words, anchors, keys, lengths.

Each side is tokenised once; words and anchors become integer ids stored CSR-style (one flat
array plus per-segment offsets). A *key set* pairs every segment with its keys: anchors (shared
by both sides) and target words, which the source side reaches through translations.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from workbench.align.lexicon import Tokenizer
from workbench.align.scoring import segment_length

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
_MAX_TRANSLATIONS = 10
_TEXT_BLOCK = 1024


class Side:
    """The analysed segments of one side of a pair."""

    def __init__(
        self,
        texts: Sequence[str],
        lang: str,
        starts: Sequence[int] | None,
        anchor_vocab: dict[str, int],
    ) -> None:
        tokenizer = Tokenizer(lang)
        raw_tokens = tokenizer.raw_tokens
        # Each distinct token gets an id in order of first occurrence and is analysed once,
        # so word and anchor ids are numbered as the text introduces them. Texts are read a
        # block at a time so only the distinct tokens stay alive, not every token.
        index: dict[str, int] = {}
        counts: list[int] = []
        id_blocks: list[IntArray] = []
        for b0 in range(0, len(texts), _TEXT_BLOCK):
            per_text = [raw_tokens(text) for text in texts[b0 : b0 + _TEXT_BLOCK]]
            counts.extend(map(len, per_text))
            flat = list(itertools.chain.from_iterable(per_text))
            del per_text
            for token in dict.fromkeys(flat):
                index.setdefault(token, len(index))
            id_blocks.append(
                np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
            )
            del flat
        token_ids = np.concatenate(id_blocks) if id_blocks else np.zeros(0, dtype=np.int64)
        del id_blocks
        token_offsets = np.zeros(len(texts) + 1, dtype=np.int64)
        np.cumsum(counts, out=token_offsets[1:])
        vocab: dict[str, int] = {}
        token_word = np.empty(len(index), dtype=np.int64)
        token_anchors: list[int] = []
        anchor_counts = np.empty(len(index), dtype=np.int64)
        add_anchor = anchor_vocab.setdefault
        for k, token in enumerate(index):
            word, keys = tokenizer.analyse_token(token)
            token_word[k] = -1 if word is None else vocab.setdefault(word, len(vocab))
            anchor_counts[k] = len(keys)
            token_anchors.extend([add_anchor(key, len(anchor_vocab)) for key in keys])
        del index
        word_at = token_word[token_ids]
        is_word = word_at >= 0
        cum_words = np.zeros(len(token_ids) + 1, dtype=np.int64)
        np.cumsum(is_word, out=cum_words[1:])
        per_token = anchor_counts[token_ids]
        cum_anchors = np.zeros(len(token_ids) + 1, dtype=np.int64)
        np.cumsum(per_token, out=cum_anchors[1:])
        first_anchor = np.zeros(len(anchor_counts), dtype=np.int64)
        np.cumsum(anchor_counts[:-1], out=first_anchor[1:])
        within = np.arange(int(cum_anchors[-1]), dtype=np.int64) - np.repeat(
            cum_anchors[:-1], per_token
        )
        anchor_table = np.array(token_anchors, dtype=np.int64)
        self.n = len(texts)
        self.vocab = vocab
        self.words = word_at[is_word]
        self.word_offsets = cum_words[token_offsets]
        self.anchors = anchor_table[np.repeat(first_anchor[token_ids], per_token) + within]
        self.anchor_offsets = cum_anchors[token_offsets]
        self.lengths = np.array([segment_length(t) for t in texts], dtype=np.float64)
        self.starts = paragraph_flags(starts, len(texts))

    def words_of(self, index: int) -> IntArray:
        """The word ids of segment `index`."""
        return self.words[self.word_offsets[index] : self.word_offsets[index + 1]]

    def word_segments(self) -> IntArray:
        """The segment index of every entry of `words`."""
        return np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.word_offsets))

    def anchor_segments(self) -> IntArray:
        """The segment index of every entry of `anchors`."""
        return np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.anchor_offsets))


def paragraph_flags(starts: Sequence[int] | None, n: int) -> BoolArray | None:
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


@dataclass(frozen=True, slots=True)
class KeySets:
    """Unique (segment, key) pairs of both sides, sorted by segment."""

    src_sent: IntArray
    src_key: IntArray
    tgt_sent: IntArray
    tgt_key: IntArray
    n_keys: int


def translation_pairs(
    entries: Mapping[str, set[str]], src: Side, tgt: Side
) -> tuple[IntArray, IntArray]:
    """(source word id, target word id) of lexicon pairs whose words occur in the texts."""
    s_ids: list[int] = []
    t_ids: list[int] = []
    for word, targets in entries.items():
        s = src.vocab.get(word)
        if s is None:
            continue
        for target in targets:
            t = tgt.vocab.get(target)
            if t is not None:
                s_ids.append(s)
                t_ids.append(t)
    return np.array(s_ids, dtype=np.int64), np.array(t_ids, dtype=np.int64)


def build_keys(src: Side, tgt: Side, n_anchors: int, pairs: tuple[IntArray, IntArray]) -> KeySets:
    """Keys per segment: anchors, target words, and the translations of source words."""
    n_keys = n_anchors + len(tgt.vocab)
    t_sent = np.concatenate((tgt.anchor_segments(), tgt.word_segments()))
    t_key = np.concatenate((tgt.anchors, tgt.words + n_anchors))
    # Translations as CSR over source word ids, at most a few per word.
    s_word, t_word = pairs
    if len(s_word):
        order = np.lexsort((t_word, s_word))
        s_word, t_word = s_word[order], t_word[order]
        keep = np.ones(len(s_word), dtype=np.bool_)
        keep[1:] = (s_word[1:] != s_word[:-1]) | (t_word[1:] != t_word[:-1])
        s_word, t_word = s_word[keep], t_word[keep]
        first = np.searchsorted(s_word, s_word)
        rank = np.arange(len(s_word)) - first
        s_word, t_word = s_word[rank < _MAX_TRANSLATIONS], t_word[rank < _MAX_TRANSLATIONS]
    counts = np.bincount(s_word, minlength=len(src.vocab))
    offsets = np.concatenate(([0], np.cumsum(counts)))
    per_token = counts[src.words]
    w_sent = np.repeat(src.word_segments(), per_token)
    starts = np.repeat(offsets[src.words], per_token)
    within = np.arange(int(per_token.sum())) - np.repeat(
        np.cumsum(per_token) - per_token, per_token
    )
    w_key = t_word[starts + within] + n_anchors if len(t_word) else np.zeros(0, np.int64)
    s_sent = np.concatenate((src.anchor_segments(), w_sent))
    s_key = np.concatenate((src.anchors, w_key))
    s_sent, s_key = _unique_pairs(s_sent, s_key, n_keys)
    t_sent, t_key = _unique_pairs(t_sent, t_key, n_keys)
    return KeySets(s_sent, s_key, t_sent, t_key, n_keys)


def _unique_pairs(sent: IntArray, key: IntArray, n_keys: int) -> tuple[IntArray, IntArray]:
    code = np.sort(sent * max(n_keys, 1) + key)
    if len(code):
        keep = np.ones(len(code), dtype=np.bool_)
        keep[1:] = code[1:] != code[:-1]
        code = code[keep]
    return code // max(n_keys, 1), code % max(n_keys, 1)


def anchor_center(src: Side, tgt: Side, keys: KeySets) -> FloatArray:
    """The expected target position of every source row, through a chain of rare keys.

    A key found in exactly one segment on each side is a candidate point; candidates far from
    the length diagonal are dropped, then the longest chain that keeps order on both sides, then
    points whose offset disagrees with their neighbours', so a number repeated pages apart
    cannot pull the band away.
    """
    n, m = src.n, tgt.n
    cum_s = np.concatenate(([0.0], np.cumsum(src.lengths)))
    cum_t = np.concatenate(([0.0], np.cumsum(tgt.lengths)))
    xs = cum_s / cum_s[-1]
    ys = cum_t / cum_t[-1]
    df_s = np.bincount(keys.src_key, minlength=keys.n_keys)
    df_t = np.bincount(keys.tgt_key, minlength=keys.n_keys)
    pos_s = np.full(keys.n_keys, -1, dtype=np.int64)
    pos_t = np.full(keys.n_keys, -1, dtype=np.int64)
    pos_s[keys.src_key] = keys.src_sent
    pos_t[keys.tgt_key] = keys.tgt_sent
    unique = np.flatnonzero((df_s == 1) & (df_t == 1))
    ii, jj = pos_s[unique], pos_t[unique]
    px = (xs[ii] + xs[ii + 1]) / 2
    py = (ys[jj] + ys[jj + 1]) / 2
    near = np.abs(px - py) <= 0.1 + 20.0 / max(n, m)
    ii, jj, px, py = ii[near], jj[near], px[near], py[near]
    # A segment holding several candidates is ambiguous.
    single = (np.bincount(ii, minlength=n)[ii] == 1) & (np.bincount(jj, minlength=m)[jj] == 1)
    ii, jj, px, py = ii[single], jj[single], px[single], py[single]
    order = np.argsort(ii, kind="stable")
    chain = longest_chain(jj[order].tolist())
    cx, cy = px[order][chain], py[order][chain]
    cx, cy = consistent(cx, cy, max(n, m))
    mapped = np.interp(xs, np.concatenate(([0.0], cx, [1.0])), np.concatenate(([0.0], cy, [1.0])))
    return np.asarray(np.interp(mapped, ys, np.arange(m + 1, dtype=np.float64)), np.float64)


def longest_chain(values: Sequence[int]) -> list[int]:
    """Indices of the longest strictly increasing subsequence of `values`."""
    tails: list[int] = []
    tail_index: list[int] = []
    parent = [-1] * len(values)
    for index, v in enumerate(values):
        pos = bisect.bisect_left(tails, v)
        if pos == len(tails):
            tails.append(v)
            tail_index.append(index)
        else:
            tails[pos] = v
            tail_index[pos] = index
        parent[index] = tail_index[pos - 1] if pos > 0 else -1
    chain: list[int] = []
    at = tail_index[-1] if tail_index else -1
    while at >= 0:
        chain.append(at)
        at = parent[at]
    chain.reverse()
    return chain


def consistent(cx: FloatArray, cy: FloatArray, size: int) -> tuple[FloatArray, FloatArray]:
    """Keep chain points whose offset from the diagonal at least two neighbours share.

    Chance coincidences (a 4-letter prefix shared by unrelated words) scatter; true anchors
    line up with the anchors next to them.
    """
    if len(cx) < 3:
        return cx[:0], cy[:0]
    offsets = cy - cx
    half = 3
    tolerance = max(0.002, 5.0 / size)
    padded = np.pad(offsets, half, constant_values=np.inf)
    windows = np.lib.stride_tricks.sliding_window_view(padded, 2 * half + 1)
    agree = (np.abs(windows - offsets[:, None]) <= tolerance).sum(axis=1) - 1
    keep = agree >= 2
    return cx[keep], cy[keep]
