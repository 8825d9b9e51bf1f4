"""Line-end hyphens: join a word broken across lines, or keep the hyphen of a real compound.

The evidence, strongest first: the document itself (the joined word, or the hyphenated
compound, written elsewhere inside a line), then the language's word frequencies (wordfreq;
pymorphy3's dictionary for Russian), then the typographic default (a break before a capital
letter or a digit keeps its hyphen; any other is a soft break and is joined).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import regex  # type: ignore[import-untyped]

# Hyphens a typesetter breaks a line on; U+00AD (soft hyphen) is always joined.
LINE_END_HYPHENS = "-\u2010\u2011"
_WORD = regex.compile(r"[\p{L}\p{M}]+(?:[-\u2010\u2011][\p{L}\p{M}]+)*")
# A word is "known" at this Zipf frequency (once per 100 million words) or above.
_KNOWN_ZIPF = 1.0


@lru_cache(maxsize=1)
def _morph() -> Any:
    try:
        import pymorphy3
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    return pymorphy3.MorphAnalyzer()


def _zipf(word: str, lang: str) -> float:
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a declared dependency
        return 0.0
    try:
        return float(zipf_frequency(word, lang))
    except (LookupError, ValueError):
        return 0.0


def _language_knows(word: str, lang: str) -> bool:
    base = lang.split("-")[0].lower()
    if base == "ru":
        morph = _morph()
        if morph is not None and morph.word_is_known(word.lower()):
            return True
    return _zipf(word.lower(), base) >= _KNOWN_ZIPF


class HyphenJudge:
    """Decides, for one document in one language, whether a line-end hyphen is a soft break."""

    def __init__(self, lang: str, lines: Iterable[str]) -> None:
        self.lang = lang
        self._words: set[str] = set()
        self._compounds: set[str] = set()
        for line in lines:
            # The last word of a line is left out: its hyphen is the one being judged.
            body = line.rstrip()
            if body and body[-1] in LINE_END_HYPHENS:
                body = body[: body.rfind(" ") + 1] if " " in body else ""
            for match in _WORD.finditer(body):
                word = match.group().lower()
                if any(h in word for h in LINE_END_HYPHENS):
                    self._compounds.add(_plain_hyphen(word))
                else:
                    self._words.add(word)

    def joins(self, left: str, right: str) -> bool:
        """Whether `left-` at a line end and `right` at the next line's start are one word."""
        joined = (left + right).lower()
        compound = f"{left}-{right}".lower()
        if joined in self._words and compound not in self._compounds:
            return True
        if compound in self._compounds:
            return False
        if not right[:1].islower() or not left[-1:].isalpha():
            return False
        if _language_knows(joined, self.lang):
            return True
        # A compound of two known words (Spanish "franco-alemán", Russian "военно-морской").
        return not (_language_knows(left, self.lang) and _language_knows(right, self.lang))


def _plain_hyphen(word: str) -> str:
    for hyphen in LINE_END_HYPHENS[1:]:
        word = word.replace(hyphen, "-")
    return word


def last_word(text: str) -> str:
    """The letters at the end of `text` (before a final hyphen), '' when it ends otherwise."""
    body = text.rstrip()
    if body and body[-1] in LINE_END_HYPHENS:
        body = body[:-1]
    match = regex.search(r"[\p{L}\p{M}]+$", body)
    return match.group() if match else ""


def first_word(text: str) -> str:
    """The letters at the start of `text`, '' when it starts otherwise."""
    match = regex.match(r"[\p{L}\p{M}]+", text.lstrip())
    return match.group() if match else ""
