"""A rough language guess for a document read without a language (hyphen judging needs one).

The script decides Chinese, Japanese, Korean, Russian, Arabic and Greek; among languages in
Latin script the one whose word-frequency list knows most of the document's common words wins.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import regex  # type: ignore[import-untyped]

_LATIN_CANDIDATES = ("en", "es", "fr", "de", "pt", "it", "nl")
_SCRIPTS = (
    (regex.compile(r"[\p{Hiragana}\p{Katakana}]"), "ja"),
    (regex.compile(r"\p{Hangul}"), "ko"),
    (regex.compile(r"\p{Han}"), "zh"),
    (regex.compile(r"\p{Cyrillic}"), "ru"),
    (regex.compile(r"\p{Arabic}"), "ar"),
    (regex.compile(r"\p{Greek}"), "el"),
)
_WORD = regex.compile(r"\p{L}{2,}")


def guess_language(lines: Iterable[str]) -> str:
    """A language code for the text of `lines` ('en' when nothing tells)."""
    text = "\n".join(lines)[:200_000]
    letters = max(1, len(regex.findall(r"\p{L}", text)))
    for pattern, lang in _SCRIPTS:
        if len(pattern.findall(text)) > letters * 0.2:
            return lang
    words = Counter(w.lower() for w in _WORD.findall(text))
    common = [w for w, _ in words.most_common(60)]
    if not common:
        return "en"
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - a declared dependency
        return "en"
    scores = {
        lang: sum(zipf_frequency(word, lang) for word in common) for lang in _LATIN_CANDIDATES
    }
    return max(scores, key=lambda lang: scores[lang])
