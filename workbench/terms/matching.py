"""Per-language term matching: inflection-aware, with character offsets for highlighting.

A text is cut into word tokens (one token per Han character); every token gets a set of
*keys*: Russian lemmas (pymorphy3, е/ё folded), Spanish and English Snowball stems, simplified
Han characters (opencc). A term matches a run of tokens when each of its words shares a key
with the token at that place, so every word of a multi-word term may inflect. An all-capitals
abbreviation (ICT, ИКТ) matches only itself, case-sensitively, as a whole token. Case, hyphen,
quote and space variants fall out of the tokenisation. Overlapping matches keep the longest
(`international information security` hides `information security` inside it); among terms
matching the same span, the one matching the surface most exactly wins, so a preferred term
and a deprecated one that differ by inflection only are told apart.

Speed: keys and "may a term start with this word" are cached per distinct word form, and
every word form gets a number. A text's tokens become an array of those numbers, and numpy
picks the possible starts in one vectorised step: a word that is a one-word term, or whose
64-bit digest of "second-word keys of its terms" shares a bit with the next word's digest of
its own keys. Only those positions (a superset of the real starts) are checked exactly, by
looking terms up by the keys of their first two words. The cost per running token is one
regex step, one dict lookup and a few array operations.
"""

from __future__ import annotations

import dataclasses
import re
import threading
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Protocol

import numpy as np
import numpy.typing as npt

from workbench.terms.glossary import Glossary, MatchMode, Term, TermStatus, is_abbreviation

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{_HAN}]")
# A soft hyphen (U+00AD, left by PDF copy and hyphenation) stays inside its word.
_WORD = f"[^\\W_{_HAN}]+(?:\u00ad[^\\W_{_HAN}]+)*"
_TOKEN_RE = re.compile(f"[{_HAN}]|{_WORD}")
# English: a possessive 's / ’s stays on its word ("SCO's" is one token, keyed as SCO).
_TOKEN_EN_RE = re.compile(f"[{_HAN}]|{_WORD}(?:['’][sS](?![^\\W_]))?")
# Joins texts matched in one pass; never part of a word, so it is a token of its own.
_SEPARATOR = "\x00"
_PLURAL_ABBR = re.compile(r"^([A-Z]{2,})s$")
_SNOWBALL = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "de": "german",
    "pt": "portuguese",
    "it": "italian",
    "nl": "dutch",
    "sv": "swedish",
    "hu": "hungarian",
    "cs": "czech",
}


@dataclass(frozen=True, slots=True)
class Match:
    """A term found in a text: which concept and term, where (character offsets), how exactly."""

    concept_id: str
    term: Term
    start: int
    end: int
    text: str
    exact: bool
    variant: str = ""

    @property
    def status(self) -> TermStatus:
        """The matched term's status."""
        return self.term.status


class Analyzer(Protocol):
    """Cuts a text into words and gives each word form its matching keys."""

    lang: str
    token_re: re.Pattern[str]

    def keys(self, word: str) -> frozenset[str]:
        """The keys of one word form (cached by the implementation)."""
        ...

    def fold(self, word: str) -> str:
        """The word as compared for exactness (case and е/ё folded)."""
        ...

    def lemmas(self, word: str) -> frozenset[str]:
        """The word's lemmas (or its keys where keys are lemmas): when stems make two terms
        match one span (`vaccine`, `vaccination` -> `vaccin`), the one sharing a lemma wins."""
        ...


def _fold_base(word: str) -> str:
    return word.replace("\u00ad", "").casefold().replace("ё", "е")


def _abbreviation_keys(word: str) -> set[str]:
    keys: set[str] = set()
    if is_abbreviation(word):
        keys.add("=" + word)
    plural = _PLURAL_ABBR.match(word)
    if plural:
        keys.add("=" + plural.group(1))
    return keys


class _BaseAnalyzer:
    """Shared caching; subclasses define `_stem_keys`."""

    token_re: re.Pattern[str] = _TOKEN_RE

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._cache: dict[str, frozenset[str]] = {}

    def fold(self, word: str) -> str:
        return _fold_base(_strip_possessive(word))

    def keys(self, word: str) -> frozenset[str]:
        cached = self._cache.get(word)
        if cached is None:
            base = _strip_possessive(word).replace("\u00ad", "")
            if HAN_RE.fullmatch(base):
                found = {_han_simplified(base)}
            else:
                found = self._stem_keys(_fold_base(base)) | _abbreviation_keys(base)
            cached = self._cache[word] = frozenset(found)
        return cached

    def _stem_keys(self, folded: str) -> set[str]:
        return {folded}

    def lemmas(self, word: str) -> frozenset[str]:
        return self.keys(word)


def _strip_possessive(word: str) -> str:
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        return word[:-2]
    return word


class SnowballAnalyzer(_BaseAnalyzer):
    """Snowball stems of the word and of its lemmas; a trailing plural -s is also tried.

    Stems alone miss plurals Snowball cuts differently (`gases` -> `gase`, `armas` left
    whole) and irregular forms (`men`); the lemmas of a lexicon (lemminflect for English,
    simplemma for Spanish) are stemmed too, so `gases` also has the key of `gas`.
    """

    def __init__(self, lang: str) -> None:
        super().__init__(lang)
        import snowballstemmer

        self._stemmer = snowballstemmer.stemmer(_SNOWBALL[lang])
        self._lemmas = _LEMMATIZERS.get(lang)
        # A Snowball stemmer keeps the word being stemmed in itself, and the analyzer is
        # shared: two threads (the GUI's check and a screenshot's) would corrupt each other.
        self._lock = threading.Lock()
        if lang == "en":
            self.token_re = _TOKEN_EN_RE

        self._lemma_cache: dict[str, frozenset[str]] = {}

    def _stem_keys(self, folded: str) -> set[str]:
        stem = self._stemmer.stemWord
        with self._lock:
            keys = {stem(folded)}
            if len(folded) > 3 and folded.endswith("s"):
                keys.add(stem(folded[:-1]))
            if self._lemmas is not None and folded.isalpha():
                keys.update(stem(lemma) for lemma in self._lemmas(folded))
        return keys

    def lemmas(self, word: str) -> frozenset[str]:
        cached = self._lemma_cache.get(word)
        if cached is None:
            folded = self.fold(word)
            found = {folded}
            if self._lemmas is not None and folded.isalpha():
                found |= self._lemmas(folded)
            cached = self._lemma_cache[word] = frozenset(found)
        return cached


def _english_lemmas(word: str) -> set[str]:
    """Every lemma lemminflect's lexicon gives the word (a rule guess for unknown nouns)."""
    import lemminflect

    found = lemminflect.getAllLemmas(word)
    if not found:
        found = lemminflect.getAllLemmasOOV(word, "NOUN")
    return {lemma.casefold() for lemmas in found.values() for lemma in lemmas}


def _spanish_lemmas(word: str) -> set[str]:
    """The lemma simplemma's Spanish lexicon gives the word."""
    import simplemma

    return {simplemma.lemmatize(word, lang="es").casefold()}


_LEMMATIZERS: dict[str, Callable[[str], set[str]]] = {
    "en": _english_lemmas,
    "es": _spanish_lemmas,
}


class RussianAnalyzer(_BaseAnalyzer):
    """Every normal form pymorphy3 proposes (ambiguous forms keep all their lemmas)."""

    def __init__(self, lang: str = "ru") -> None:
        super().__init__(lang)
        import pymorphy3

        # Its own per analyzer (so per thread, like the analyzers): it loads in ~40 ms.
        self._morph = pymorphy3.MorphAnalyzer()

    def _stem_keys(self, folded: str) -> set[str]:
        if not folded.isalpha():
            return {folded}
        return {p.normal_form.replace("ё", "е") for p in self._morph.parse(folded)} | {folded}


class PlainAnalyzer(_BaseAnalyzer):
    """Case-folded words, one token per Han character (Chinese, Japanese, other languages)."""


@lru_cache(maxsize=1)
def _t2s() -> Callable[[str], str]:
    import opencc

    converter = opencc.OpenCC("t2s")
    return converter.convert  # type: ignore[no-any-return]


@lru_cache(maxsize=65536)
def _han_simplified(char: str) -> str:
    return _t2s()(char)


def _is_traditional(word: str) -> bool:
    return len(word) == 1 and HAN_RE.match(word) is not None and _han_simplified(word) != word


_PER_THREAD = threading.local()


def analyzer_for(lang: str) -> Analyzer:
    """The analyzer for a language code (`ru`, `es-ES`, `zh-Hant`...), one per code and thread.

    Sharing within a thread keeps the per-word-form cache (lemmas, stems) across checks; it
    only grows. Threads never share one: a Snowball stemmer keeps the word it works on in the
    object, so two threads stemming at once corrupt each other (IndexError, wrong stems).
    """
    cache: dict[str, Analyzer] | None = getattr(_PER_THREAD, "analyzers", None)
    if cache is None:
        cache = _PER_THREAD.analyzers = {}
    analyzer = cache.get(lang)
    if analyzer is None:
        analyzer = cache[lang] = _new_analyzer(lang)
    return analyzer


def _new_analyzer(lang: str) -> Analyzer:
    base = lang.split("-")[0].split("_")[0].lower()
    if base == "ru":
        return RussianAnalyzer(lang)
    if base in _SNOWBALL:
        return SnowballAnalyzer(base)
    return PlainAnalyzer(lang)


# Per word form: one-word terms it is, longer terms by next-word key, its keys, its fold,
# whether it is a traditional Han character.
_Start = tuple[tuple[int, ...], dict[str, tuple[int, ...]], frozenset[str], str, bool]


@dataclass(frozen=True, slots=True)
class _Pattern:
    concept_id: str
    term: Term
    words: tuple[frozenset[str], ...]
    folds: list[str]
    rank: int
    han: bool
    surface: tuple[str, ...]
    lemmas: tuple[frozenset[str], ...]


def script_of(text: str) -> str:
    """The dominant script of a text's letters: Latin, Cyrillic, Han, ... ("" when no letter)."""
    counts: dict[str, int] = {}
    for char in text[:5000]:
        if char.isalpha():
            name = unicodedata.name(char, "")
            script = "Han" if HAN_RE.match(char) else name.split(" ")[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=lambda s: counts[s]) if counts else ""


class TermMatcher:
    """Finds a glossary's terms of one language in texts."""

    def __init__(
        self,
        glossary: Glossary,
        lang: str,
        *,
        statuses: Iterable[TermStatus] | None = None,
        analyzer: Analyzer | None = None,
    ) -> None:
        self.lang = lang
        self.analyzer = analyzer if analyzer is not None else analyzer_for(lang)
        wanted = set(statuses) if statuses is not None else set(TermStatus)
        self._patterns: list[_Pattern] = []
        # Prefix and pattern terms: regular expressions run over each text (few terms).
        self._regex: list[tuple[str, Term, re.Pattern[str], int]] = []
        # One-word terms by key; longer terms by the pair of keys of their first two words,
        # so a common first word ("de", 信) does not make every position a candidate.
        self._single: dict[str, list[int]] = {}
        self._pairs_by_first: dict[str, dict[str, list[int]]] = {}
        self._first_keys: set[str] = set()
        for concept in glossary.concepts:
            for term in concept.terms_in(lang):
                if term.status in wanted:
                    self._add(concept.id, term)
        self._starts: dict[str, _Start] = {}
        # Per word form number: is it a one-word term; digest of the keys a second word of its
        # terms has; digest of its own keys (a bit per key, keys numbered in order of sight).
        self._numbers: dict[str, int] = {}
        self._key_bits: dict[str, int] = {}
        self._is_single = np.zeros(1024, dtype=np.bool_)
        self._second_digest = np.zeros(1024, dtype=np.uint64)
        self._key_digest = np.zeros(1024, dtype=np.uint64)
        self._token_splitter = re.compile(f"({self.analyzer.token_re.pattern})")
        self._splitter = re.compile(f"({self.analyzer.token_re.pattern}|{_SEPARATOR})")
        # Only for the token patterns known to take a run of letters and digits whole.
        self._split_at_spaces = self.analyzer.token_re in (_TOKEN_RE, _TOKEN_EN_RE)
        # The separator: a token with no key, which therefore starts and continues no term.
        self._starts[_SEPARATOR] = ((), {}, frozenset(), _SEPARATOR, False)
        self._number(_SEPARATOR, self._starts[_SEPARATOR])

    def __len__(self) -> int:
        return len(self._patterns) + len(self._regex)

    def _add(self, concept_id: str, term: Term) -> None:
        if term.match in (MatchMode.PREFIX, MatchMode.PATTERN):
            self._regex.append((concept_id, term, _term_regex(term), _STATUS_RANK[term.status]))
            return
        words = self.analyzer.token_re.findall(term.text)
        if not words:
            return
        keys: list[frozenset[str]] = []
        for word in words:
            exact = "=" + word
            all_keys = self.analyzer.keys(word)
            # An abbreviation in a term matches only the same capitals, never a lowercase word.
            keys.append(frozenset({exact}) if exact in all_keys else all_keys)
        number = len(self._patterns)
        self._patterns.append(
            _Pattern(
                concept_id,
                term,
                tuple(keys),
                [self.analyzer.fold(w) for w in words],
                _STATUS_RANK[term.status],
                HAN_RE.search(term.text) is not None,
                tuple(words),
                tuple(self.analyzer.lemmas(w) for w in words),
            )
        )
        self._first_keys.update(keys[0])
        if len(keys) == 1:
            for key in keys[0]:
                self._single.setdefault(key, []).append(number)
        else:
            for first in keys[0]:
                for second in keys[1]:
                    by_second = self._pairs_by_first.setdefault(first, {})
                    by_second.setdefault(second, []).append(number)

    def _start(self, word: str) -> _Start:
        """For a word form: the one-word terms it starts, the longer ones by next-word key,
        and its own keys (cached per word form)."""
        found = self._starts.get(word)
        if found is None:
            keys = self.analyzer.keys(word)
            singles: set[int] = set()
            pairs: dict[str, set[int]] = {}
            for key in keys & self._first_keys:
                singles.update(self._single.get(key, ()))
                for second, numbers in self._pairs_by_first.get(key, {}).items():
                    pairs.setdefault(second, set()).update(numbers)
            found = (
                tuple(sorted(singles)),
                {k: tuple(sorted(v)) for k, v in pairs.items()},
                keys,
                self.analyzer.fold(word),
                _is_traditional(word),
            )
            self._starts[word] = found
            self._number(word, found)
        return found

    def _digest(self, keys: Iterable[str]) -> int:
        """A 64-bit digest of keys: two key sets that share a key share a bit."""
        bits = self._key_bits
        digest = 0
        for key in keys:
            bit = bits.get(key)
            if bit is None:
                bit = bits[key] = 1 << (len(bits) % 64)
            digest |= bit
        return digest

    def _number(self, word: str, start: _Start) -> None:
        """Give a word form its number and its row in the start-filter arrays."""
        number = self._numbers[word] = len(self._numbers)
        if number >= len(self._is_single):
            size = 2 * len(self._is_single)
            self._is_single = np.resize(self._is_single, size)
            self._second_digest = np.resize(self._second_digest, size)
            self._key_digest = np.resize(self._key_digest, size)
        self._is_single[number] = bool(start[0])
        self._second_digest[number] = self._digest(start[1])
        self._key_digest[number] = self._digest(start[2])

    def _candidates(self, words: Sequence[str]) -> tuple[list[int], list[int]]:
        """Positions that may start a term (a superset of the real starts) and positions of
        the text separator, found vectorised."""
        numbers = np.fromiter(
            map(self._numbers.__getitem__, words), dtype=np.int64, count=len(words)
        )
        possible: npt.NDArray[np.bool_] = self._is_single[numbers]
        second = self._second_digest[numbers]
        if len(numbers) > 1:
            possible[:-1] |= (second[:-1] & self._key_digest[numbers[1:]]) != 0
        positions: list[int] = np.flatnonzero(possible).tolist()
        separators: list[int] = np.flatnonzero(numbers == 0).tolist()  # number 0: _SEPARATOR
        return positions, separators

    def split(self, text: str) -> list[str]:
        """The text between words and the words, alternately (what a regex split with the
        token pattern in a group gives), with NUL a token of its own.

        For text without Han characters it is cut at spaces first: a piece made only of
        letters and digits (`str.isalnum`, which is the `[^\\W_]` of the token pattern) is a
        word as it stands, and only the others go through the regex (1.6x faster measured on
        Latin and Cyrillic text, where most pieces are plain words).
        """
        if not self._split_at_spaces or HAN_RE.search(text):
            return self._splitter.split(text)
        split = self._splitter.split
        parts = [""]
        append, extend = parts.append, parts.extend
        # Each gap item ends with the space that followed the piece before it.
        for piece in text.split(" "):
            if piece.isalnum():
                append(piece)
                append(" ")
            else:
                sub = split(piece)
                parts[-1] += sub[0]
                if len(sub) > 1:
                    extend(sub[1:])
                parts[-1] += " "
        parts[-1] = parts[-1][:-1]
        return parts

    def tokens(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, word) of every token of `text`."""
        parts = self._token_splitter.split(text)
        ends = list(accumulate(map(len, parts)))
        return [(ends[k - 1], ends[k], parts[k]) for k in range(1, len(parts), 2)]

    def find(self, text: str) -> list[Match]:
        """The terms in `text`, longest first where they overlap, in text order."""
        return self.find_all([text])[0]

    def find_all(self, texts: Sequence[str]) -> list[list[Match]]:
        """The matches of every text, as `find` gives them, in one pass over all the texts.

        The texts are joined by a NUL (a token of its own with no key, so no term runs on
        into the next text) and cut into words once; only the words that may start a term
        cost more than a few array operations. Prefix and pattern terms are searched with
        their regular expressions, text by text, and the longest match wins as before.
        """
        result = self._find_words(texts)
        if self._regex:
            for number, text in enumerate(texts):
                extra = self._regex_matches(text)
                if extra:
                    result[number] = self._merge(result[number], extra)
        return result

    def _regex_matches(self, text: str) -> list[Match]:
        found: list[Match] = []
        for concept_id, term, regex, _ in self._regex:
            for m in regex.finditer(text):
                if m.end() > m.start():
                    exact = m.group() == term.text
                    found.append(Match(concept_id, term, m.start(), m.end(), m.group(), exact))
        return found

    def _merge(self, matches: list[Match], extra: list[Match]) -> list[Match]:
        """Word matches and regex matches, overlaps resolved as `_resolve` does."""
        items: list[tuple[int, int, int, int, Match]] = []
        for m in (*matches, *extra):
            n = len(self.analyzer.token_re.findall(m.text))
            items.append((n, _FULL * n if m.exact else 0, -_STATUS_RANK[m.status], m.start, m))
        return _resolve(items)

    def _find_words(self, texts: Sequence[str]) -> list[list[Match]]:
        """`find_all` for the inflected and exact terms (looked up by word keys)."""
        result: list[list[Match]] = [[] for _ in texts]
        if not texts:
            return result
        big = _SEPARATOR.join(texts)
        if big.count(_SEPARATOR) != len(texts) - 1:
            return self._find_all_nul(texts)
        # One split gives the words (odd items) and the text between them (even items).
        parts = self.split(big)
        words = parts[1::2]
        starts = self._starts
        try:
            positions, separators = self._candidates(words)
        except KeyError:
            # New word forms, analysed in a fixed order so that their numbers (and digest
            # bits) do not depend on string hashing.
            for word in sorted(set(words).difference(starts)):
                self._start(word)
            positions, separators = self._candidates(words)
        if not positions:
            return result
        bounds = [0, *accumulate(len(t) + 1 for t in texts[:-1])]
        by_text: dict[int, list[tuple[int, _Pattern]]] = {}
        spans: dict[int, int] = {}  # part index -> offset in `big` (only where needed)
        last = len(words) - 1
        for i in positions:
            singles, pairs = starts[words[i]][:2]
            # Most starting words are not followed by a second word of their terms.
            if not singles and (i == last or pairs.keys().isdisjoint(starts[words[i + 1]][2])):
                continue
            hits = self._hits_at(words, i)
            if not hits:
                continue
            number = bisect_right(separators, i)
            first_part = 2 * separators[number - 1] + 2 if number else 0
            start = spans[2 * i] = bounds[number] + sum(map(len, parts[first_part : 2 * i + 1]))
            for hit in hits:
                k = 2 * (i + len(hit[1].words) - 1) + 1
                if k not in spans:
                    spans[k] = start + sum(map(len, parts[2 * i + 1 : k + 1]))
                by_text.setdefault(number, []).append(hit)
        for number, hits in by_text.items():
            result[number] = self._build(big, words, spans, hits, bounds[number])
        return result

    def _find_all_nul(self, texts: Sequence[str]) -> list[list[Match]]:
        """`find_all` of texts some of which hold a NUL: a NUL is never part of a word, so a
        space in its place leaves the words and offsets as they are; matched text is then
        taken from the original."""
        cleaned = [text.replace(_SEPARATOR, " ") for text in texts]
        result = self._find_words(cleaned)
        for number, text in enumerate(texts):
            if _SEPARATOR in text:
                result[number] = [
                    dataclasses.replace(m, text=text[m.start : m.end]) for m in result[number]
                ]
        return result

    def _hits_at(self, words: Sequence[str], i: int) -> list[tuple[int, _Pattern]]:
        """The terms whose every word matches the words from position `i` on."""
        starts = self._starts
        patterns = self._patterns
        singles, pairs = starts[words[i]][:2]
        hits = [(i, patterns[number]) for number in singles] if singles else []
        if pairs and i + 1 < len(words):
            for key in starts[words[i + 1]][2]:
                numbers = pairs.get(key)
                if numbers:
                    for number in numbers:
                        pattern = patterns[number]
                        n = len(pattern.words)
                        if n == 2:
                            hits.append((i, pattern))
                        elif i + n <= len(words):
                            for k in range(2, n):
                                if pattern.words[k].isdisjoint(starts[words[i + k]][2]):
                                    break
                            else:
                                hits.append((i, pattern))
        return hits

    def _closeness(self, words: Sequence[str], folds: Sequence[str], pattern: _Pattern) -> int:
        lemmas = self.analyzer.lemmas
        score = 0
        for word, fold, term_fold, term_lemmas in zip(
            words, folds, pattern.folds, pattern.lemmas, strict=True
        ):
            if fold == term_fold:
                score += _FULL
            else:
                shared = not lemmas(word).isdisjoint(term_lemmas)
                score += (_LEMMA if shared else _STEM) - min(999, abs(len(fold) - len(term_fold)))
        return score

    def _build(
        self,
        text: str,
        words: Sequence[str],
        ends: Mapping[int, int],
        hits: Sequence[tuple[int, _Pattern]],
        offset: int,
    ) -> list[Match]:
        """Matches for `hits`, with offsets relative to `offset` in `text`."""
        starts = self._starts
        found: list[tuple[int, int, int, int, Match]] = []
        for i, pattern in hits:
            n = len(pattern.words)
            infos = [starts[w] for w in words[i : i + n]]
            folds = [info[3] for info in infos]
            exact = folds == pattern.folds
            score = _FULL * n if exact else self._closeness(words[i : i + n], folds, pattern)
            term = pattern.term
            if term.match is MatchMode.EXACT and not exact:
                continue  # an exact term: the words as written, no inflected form
            if term.case_sensitive and not _same_case(words[i : i + n], pattern.surface):
                continue
            start, end = ends[2 * i], ends[2 * (i + n - 1) + 1]
            variant = ""
            if pattern.han and any(info[4] for info in infos):
                variant = "traditional"
            match = Match(
                pattern.concept_id,
                pattern.term,
                start - offset,
                end - offset,
                text[start:end],
                exact,
                variant,
            )
            found.append((n, score, -pattern.rank, i, match))
        return _resolve(found)


# Closeness of a text word to a term word: the same form, a shared lemma, a stem only; the
# length difference breaks ties (an inflected form is nearer its own lemma in length than a
# derivation sharing its stem: `vacunas` is nearer `vacuna` than `vacunación`).
_FULL, _LEMMA, _STEM = 2000, 1000, 0

_STATUS_RANK = {
    TermStatus.PREFERRED: 0,
    TermStatus.ADMITTED: 1,
    TermStatus.DEPRECATED: 2,
    TermStatus.SUPERSEDED: 3,
}


def _same_case(words: Sequence[str], surface: Sequence[str]) -> bool:
    """Case-sensitive terms: each word has its term word's case pattern (initial capital,
    all capitals or lower case); for an exact term, the very same letters."""
    for word, term_word in zip(words, surface, strict=True):
        if word[:1].isupper() != term_word[:1].isupper():
            return False
        if len(term_word) > 1 and word.isupper() != term_word.isupper():
            return False
    return True


def _term_regex(term: Term) -> re.Pattern[str]:
    """A prefix term's words each begin a text word; a pattern term is its own regex."""
    flags = 0 if term.case_sensitive else re.IGNORECASE
    if term.match is MatchMode.PATTERN:
        return re.compile(term.pattern or term.text, flags)
    words = _TOKEN_RE.findall(term.text)
    body = r"[\W_]+".join(re.escape(w) + r"[^\W_]*" for w in words)
    return re.compile(rf"(?<![^\W_]){body}", flags)


def _resolve(found: list[tuple[int, int, int, int, Match]]) -> list[Match]:
    if len(found) == 1:
        return [found[0][4]]
    # Longest first, then the most exact surface, then the better status.
    found.sort(key=lambda item: (-item[0], -item[1], -item[2], item[3]))
    kept: list[tuple[int, Match]] = []
    for _, score, _, _, match in found:
        clash = False
        for kept_score, other in kept:
            if match.start < other.end and other.start < match.end:
                same_span = (match.start, match.end) == (other.start, other.end)
                # A span names one concept once; two concepts sharing a term both stay, but
                # not one whose term only shares a stem where the other's shares the lemma.
                if not same_span or other.concept_id == match.concept_id or score < kept_score:
                    clash = True
                    break
        if not clash:
            kept.append((score, match))
    kept.sort(key=lambda item: (item[1].start, item[1].end))
    return [match for _, match in kept]
