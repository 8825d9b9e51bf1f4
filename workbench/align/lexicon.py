"""Words and anchors of a segment, and bilingual lexicons (glossary terms, user dictionaries).

Every segment becomes a set of *keys*. Language-neutral anchors are keys both sides produce by
themselves: numbers, `?` and `!`, acronyms, and 4-letter prefixes of longer words (cognates and
names; Cyrillic is transliterated first so "Шанхай" meets "Shanghai"). Words are stemmed
(Snowball) or, for Chinese and Japanese, cut with jieba; a lexicon maps source words to target
words, so a translated source word produces the target word's key.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core.errors import InputError
from workbench.core.langs import base_lang

_STEMMER_NAMES = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "nl": "dutch",
    "no": "norwegian",
    "nb": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "tr": "turkish",
}
_WORD = re.compile(r"[^\W\d_]+|\d+(?:[.,]\d+)*|[?!]")
_HAN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў",
        [
            "a",
            "b",
            "v",
            "g",
            "d",
            "e",
            "e",
            "zh",
            "z",
            "i",
            "i",
            "k",
            "l",
            "m",
            "n",
            "o",
            "p",
            "r",
            "s",
            "t",
            "u",
            "f",
            "kh",
            "ts",
            "ch",
            "sh",
            "shch",
            "",
            "y",
            "",
            "e",
            "yu",
            "ya",
            "i",
            "i",
            "e",
            "g",
            "u",
        ],
        strict=True,
    )
)


@functools.lru_cache(maxsize=32)
def _stemmer(lang: str) -> object | None:
    name = _STEMMER_NAMES.get(lang)
    if name is None:
        return None
    try:  # PyStemmer: the same Snowball algorithms, compiled
        import Stemmer  # type: ignore[import-not-found, unused-ignore]

        fast: object = Stemmer.Stemmer(name)
        return fast
    except (ImportError, KeyError):
        pass
    import snowballstemmer

    stemmer: object = snowballstemmer.stemmer(name)
    return stemmer


@functools.lru_cache(maxsize=1)
def _jieba() -> object:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    module: object = jieba
    return module


class _FoldTable(dict[int, str]):
    """str.translate table, filled on demand: combining marks go, Cyrillic is transliterated."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        value = "" if unicodedata.combining(char) else _CYRILLIC.get(char, char)
        self[code] = value
        return value


_FOLD = _FoldTable()


def fold(word: str) -> str:
    """Lowercase, strip accents, transliterate Cyrillic: the form cognates are compared in."""
    if word.isascii():
        return word.lower()
    return unicodedata.normalize("NFKD", word.lower()).translate(_FOLD)


@functools.lru_cache(maxsize=1)
def _simplemma() -> object:
    import simplemma

    module: object = simplemma
    return module


@functools.lru_cache(maxsize=1)
def _pinyin() -> object:
    from pypinyin import lazy_pinyin

    function: object = lazy_pinyin
    return function


# English clitics, so "didn't" gives "did not" and "he's" gives "he" (not the words "didn",
# "t", "s", which CC-CEDICT glosses do not hold).
_CLITIC = re.compile(r"(?i)\b(can|won|shan)['’]t\b|n['’]t\b|['’](ll|re|ve|m|d|s)\b")
_CLITIC_WORDS = {"ll": " will", "re": " are", "ve": " have", "m": " am", "d": " would", "s": ""}
_SPECIAL_NOT = {"can": "can not", "won": "will not", "shan": "shall not"}


def _expand_clitic(match: re.Match[str]) -> str:
    if match.group(1):
        return _SPECIAL_NOT[match.group(1).lower()]
    if match.group(2):
        return _CLITIC_WORDS[match.group(2).lower()]
    return " not"


class Tokenizer:
    """Words (stemmed) and anchors of segments in one language; caches per word.

    With `lemmatise`, English words are lemmatised (simplemma) before stemming, so "went" and
    "told" meet the dictionary's "go" and "tell", and clitics are expanded; with `pinyin`,
    Chinese words give pinyin anchors and capitalised Latin words give the keys they would
    match ("陈清扬" and "Chen Qingyang").
    """

    def __init__(self, lang: str, *, lemmatise: bool = False, pinyin: bool = False) -> None:
        self.lang = base_lang(lang)
        self._stem_cache: dict[str, str] = {}
        self._token_cache: dict[str, tuple[str | None, tuple[str, ...]]] = {}
        self._stemmer = _stemmer(self.lang)
        self.lemmatise = lemmatise and self.lang == "en"
        self.pinyin = pinyin

    def stem(self, word: str) -> str:
        """The stem of a lowercase word (the word itself where no stemmer exists)."""
        cached = self._stem_cache.get(word)
        if cached is None:
            cached = word
            if self.lemmatise and word.isalpha():
                cached = _simplemma().lemmatize(word, lang="en").lower()  # type: ignore[attr-defined]
            if self._stemmer is not None and len(cached) > 3:
                cached = self._stemmer.stemWord(cached)  # type: ignore[attr-defined]
            self._stem_cache[word] = cached
        return cached

    def raw_tokens(self, text: str) -> list[str]:
        """Surface tokens, NFKC-normalised; Han runs are cut into words with jieba."""
        if self.lemmatise and ("'" in text or "’" in text):
            text = _CLITIC.sub(_expand_clitic, text)
        if text.isascii():
            return _WORD.findall(text)
        text = unicodedata.normalize("NFKC", text)
        if not _HAN.search(text):
            return _WORD.findall(text)
        tokens: list[str] = []
        for token in _WORD.findall(text):
            if _HAN.search(token):
                tokens.extend(self._cut(token))
            else:
                tokens.append(token)
        return tokens

    def _cut(self, run: str) -> list[str]:
        # Han runs are cut in any language: a Chinese name inside a Japanese text, for one.
        jieba = _jieba()
        return [w for w in jieba.lcut(run, HMM=False) if w.strip()]  # type: ignore[attr-defined]

    def words(self, text: str) -> list[str]:
        """Stemmed lowercase words (no numbers or punctuation)."""
        out: list[str] = []
        for token in self.raw_tokens(text):
            if token[0].isdigit() or token in "?!":
                continue
            out.append(self.stem(token.lower()))
        return out

    def analyse(self, text: str) -> tuple[list[str], list[str]]:
        """(stemmed words, anchor keys) of one segment."""
        words: list[str] = []
        anchors: list[str] = []
        cache = self._token_cache
        for token in self.raw_tokens(text):
            found = cache.get(token)
            if found is None:
                found = cache[token] = self.analyse_token(token)
            word, keys = found
            if word is not None:
                words.append(word)
            anchors.extend(keys)
        return words, anchors

    def analyse_token(self, token: str) -> tuple[str | None, tuple[str, ...]]:
        """(stemmed word or None for numbers and punctuation, anchor keys) of one token."""
        first = token[0]
        if first.isdigit():
            digits = re.sub(r"\D", "", token).lstrip("0") or "0"
            return None, ("#" + digits,)
        if token in ("?", "!"):
            return None, (token,)
        lower = token.lower()
        word = self.stem(lower)
        if _HAN.match(first):
            return word, self._pinyin_keys(token) if self.pinyin else ()
        keys: list[str] = []
        if self.pinyin and first.isupper() and len(token) >= 2 and token.isascii():
            keys.append("py:" + lower)
        if 2 <= len(token) <= 5 and token.isupper():
            keys.append("=" + lower)
        folded = fold(token[:8])
        if len(folded) >= 4 and len(token) >= 4:
            keys.append("~" + folded[:4])
        return word, tuple(keys)

    @staticmethod
    def _pinyin_keys(token: str) -> tuple[str, ...]:
        """Pinyin keys of a 2-4 character Han word: the whole word, and for 3 or 4 characters
        surname + given name (English writes "Chen Qingyang" as two words)."""
        if not 2 <= len(token) <= 4:
            return ()
        syllables = _pinyin()(token)  # type: ignore[operator]
        if len(syllables) != len(token) or not all(s.isascii() and s.isalpha() for s in syllables):
            return ()
        keys = ["py:" + "".join(syllables)]
        if len(token) >= 3:
            keys.append("py:" + syllables[0])
            keys.append("py:" + "".join(syllables[1:]))
        return tuple(keys)


@dataclass(slots=True)
class Lexicon:
    """Bilingual word pairs, stored as stemmed source word -> stemmed target words."""

    src_lang: str
    tgt_lang: str
    entries: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[str, str]], src_lang: str, tgt_lang: str) -> Lexicon:
        """A lexicon from (source term, target term) pairs; multi-word terms pair every word."""
        lexicon = cls(base_lang(src_lang), base_lang(tgt_lang))
        src_tok = Tokenizer(src_lang)
        tgt_tok = Tokenizer(tgt_lang)
        for source, target in pairs:
            src_words = [w for w in src_tok.words(source) if len(w) > 1 or _HAN.match(w)]
            tgt_words = [w for w in tgt_tok.words(target) if len(w) > 1 or _HAN.match(w)]
            if len(src_words) > 4 or len(tgt_words) > 4:
                continue
            for s in src_words:
                lexicon.entries.setdefault(s, set()).update(tgt_words)
        return lexicon

    @classmethod
    def from_file(cls, path: str | Path, src_lang: str, tgt_lang: str) -> Lexicon:
        """A user dictionary: one `source<TAB>target` pair per line; '#' starts a comment."""
        file = Path(path)
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise InputError("no such dictionary file", file) from None
        except UnicodeDecodeError:
            raise InputError("the dictionary is not UTF-8 text", file) from None
        except OSError as exc:
            raise InputError(f"cannot read the dictionary: {exc.strerror}", file) from None
        pairs: list[tuple[str, str]] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
                raise InputError("expected 'source<TAB>target'", file, number)
            pairs.append((parts[0].strip(), parts[1].strip()))
        return cls.from_pairs(pairs, src_lang, tgt_lang)

    def __len__(self) -> int:
        return sum(len(v) for v in self.entries.values())

    def reversed(self) -> Lexicon:
        """The same pairs read from target to source."""
        out = Lexicon(self.tgt_lang, self.src_lang)
        for s, targets in self.entries.items():
            for t in targets:
                out.entries.setdefault(t, set()).add(s)
        return out

    def oriented(self, src_lang: str, tgt_lang: str) -> Lexicon | None:
        """This lexicon read from `src_lang` to `tgt_lang`, or None if it is for another pair."""
        pair = (base_lang(src_lang), base_lang(tgt_lang))
        if pair == (self.src_lang, self.tgt_lang):
            return self
        if pair == (self.tgt_lang, self.src_lang):
            return self.reversed()
        return None

    def update(self, other: Lexicon) -> None:
        """Add the pairs of another lexicon of the same direction."""
        for s, targets in other.entries.items():
            self.entries.setdefault(s, set()).update(targets)


def merge_lexicons(lexicons: Iterable[Lexicon | None], src_lang: str, tgt_lang: str) -> Lexicon:
    """One lexicon from several, each turned to read from `src_lang` to `tgt_lang`."""
    merged = Lexicon(base_lang(src_lang), base_lang(tgt_lang))
    for lexicon in lexicons:
        if lexicon is None:
            continue
        oriented = lexicon.oriented(src_lang, tgt_lang)
        if oriented is not None:
            merged.update(oriented)
    return merged
