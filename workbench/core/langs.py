"""Per-language rules shared by every layer: language subtags, segment joining, default codes."""

from __future__ import annotations

from collections.abc import Sequence

# Languages whose sentences follow one another with no space between them: a TMX side, a
# merged segment or a joined bead puts nothing between their segments.
NO_SPACE_LANGS = frozenset({"zh", "ja"})
# Languages written without spaces between words (scriptio continua): term matching across
# segments joins their text with nothing, so a term split at a boundary is still found.
NO_WORD_SPACE_LANGS = frozenset({"zh", "ja", "th", "lo", "km", "my"})
# The region-qualified codes written into exchange files (TMX xml:lang, PO Language) when a
# project names none of its own.
DEFAULT_LANG_CODES: dict[str, str] = {"en": "en-US", "es": "es-ES", "ru": "ru-RU", "zh": "zh-CN"}


def base_lang(code: str) -> str:
    """The primary language subtag, lower-cased: "zh-Hans-CN" -> "zh", " EN_us" -> "en"."""
    return code.strip().replace("_", "-").split("-")[0].lower()


def language_key(tag: str) -> str:
    """The workbench language of a case-normalised tag read from a file.

    The bare language or its default code names the language (`es`, `es-ES` -> "es"); any
    other variant is a language of its own under its whole tag (`es-419`, `zh-TW`, `fr-CA`,
    `en-GB`), so variants are never merged. The rule looks at the tag alone, not at what else
    a file holds, so every reader (and every worker process) decides alike.
    """
    base = base_lang(tag)
    if tag.lower() in (base, DEFAULT_LANG_CODES.get(base, base).lower()):
        return base
    return tag


def segment_joiner(lang: str) -> str:
    """The string put between two segments of `lang` when they become one text."""
    return "" if base_lang(lang) in NO_SPACE_LANGS else " "


def join_segments(lang: str, segments: Sequence[str]) -> str:
    """Segments as one text: joined with a space, or with nothing for Chinese and Japanese."""
    return segment_joiner(lang).join(segments)


def word_joiner(lang: str) -> str:
    """What term matching puts between segments: nothing for scriptio continua, else a space."""
    return "" if base_lang(lang) in NO_WORD_SPACE_LANGS else " "
