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
        *,
        lemmatise: bool = False,
        pinyin: bool = False,
    ) -> None:
        tokenizer = Tokenizer(lang, lemmatise=lemmatise, pinyin=pinyin)
        raw_tokens = tokenizer.raw_tokens
        analyse = tokenizer.analyse_token
        add_anchor = anchor_vocab.setdefault
        # Each distinct token gets an id in order of first occurrence and is analysed once,
        # so word and anchor ids are numbered as the text introduces them. Texts are read a
        # block at a time so only the distinct tokens and the output stay alive.
        index: dict[str, int] = {}
        vocab: dict[str, int] = {}
        token_word = np.zeros(0, dtype=np.int64)  # per token id: word id or -1
        token_count = np.zeros(0, dtype=np.int64)  # per token id: how many anchors
        token_first = np.zeros(0, dtype=np.int64)  # per token id: its first anchor
        anchor_table: list[int] = []
        table = np.zeros(0, dtype=np.int64)  # anchor_table as an array
        word_parts: list[IntArray] = []
        anchor_parts: list[IntArray] = []
        word_counts: list[IntArray] = []
        anchor_counts: list[IntArray] = []
        for b0 in range(0, len(texts), _TEXT_BLOCK):
            per_text = [raw_tokens(text) for text in texts[b0 : b0 + _TEXT_BLOCK]]
            lens = np.fromiter(map(len, per_text), dtype=np.int64, count=len(per_text))
            flat = list(itertools.chain.from_iterable(per_text))
            del per_text
            new_words: list[int] = []
            new_counts: list[int] = []
            known = len(anchor_table)
            for token in dict.fromkeys(flat):
                if token in index:
                    continue
                index[token] = len(index)
                word, keys = analyse(token)
                new_words.append(-1 if word is None else vocab.setdefault(word, len(vocab)))
                new_counts.append(len(keys))
                anchor_table.extend([add_anchor(key, len(anchor_vocab)) for key in keys])
            if new_words:
                counts = np.array(new_counts, dtype=np.int64)
                firsts = np.cumsum(counts) - counts + known
                token_word = np.concatenate((token_word, np.array(new_words, dtype=np.int64)))
                token_count = np.concatenate((token_count, counts))
                token_first = np.concatenate((token_first, firsts))
                table = np.array(anchor_table, dtype=np.int64)
            ids = np.fromiter(map(index.__getitem__, flat), dtype=np.int64, count=len(flat))
            del flat
            ends = np.cumsum(lens)  # token offset of the end of every text in the block
            word_at = token_word[ids]
            is_word = word_at >= 0
            word_parts.append(word_at[is_word])
            word_counts.append(np.diff(np.concatenate(([0], np.cumsum(is_word)))[ends], prepend=0))
            per_token = token_count[ids]
            cum = np.concatenate(([0], np.cumsum(per_token)))
            within = np.arange(int(cum[-1]), dtype=np.int64) - np.repeat(cum[:-1], per_token)
            anchor_parts.append(table[np.repeat(token_first[ids], per_token) + within])
            anchor_counts.append(np.diff(cum[ends], prepend=0))
        del index
        self.n = len(texts)
        self.vocab = vocab
        self.words = _joined(word_parts)
        self.word_offsets = np.concatenate(([0], np.cumsum(_joined(word_counts))))
        self.anchors = _joined(anchor_parts)
        self.anchor_offsets = np.concatenate(([0], np.cumsum(_joined(anchor_counts))))
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


def _joined(parts: list[IntArray]) -> IntArray:
    """The int64 concatenation of `parts` (empty when there are none)."""
    if not parts:
        return np.zeros(0, dtype=np.int64)
    return np.asarray(np.concatenate(parts), dtype=np.int64)


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
