"""BCP 47 language tags: the one parser for every reader and option, and RFC 4647 matching.

A tag read from a file (a TUV's `xml:lang`, a PO `Language:` header, a manifest key) or given
on the command line often becomes part of a file name, so a tag here is never a path: it is
made of letters, digits and hyphens only, at most `MAX_LENGTH` characters, and its subtags are
checked against the IANA registry by `langcodes` (not by a regex of our own).

Normalising keeps a tag's meaning and spelling, only its case changes (RFC 5646 §2.1.1):
`EN-gb` becomes `en-GB`, `zh-hant-tw` becomes `zh-Hant-TW`; `zh-TW`, `zh-Hant` and `es-419`
stay distinct, and deprecated codes (`iw`) are not replaced, so a file written with a tag
reads back with the same tag.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import langcodes

from workbench.core.errors import LanguageTagError

__all__ = [
    "MAX_LENGTH",
    "LanguageTag",
    "LanguageTagError",
    "filter_tags",
    "is_valid",
    "lookup",
    "matches",
    "normalize",
    "parse",
]

# RFC 5646 §4.4.1 asks implementations to take tags of at least 35 characters; anything
# longer than this is not a language code a translator would write.
MAX_LENGTH = 64
_PATH_HINTS = ("/", "\\", "..", "\0", ":")


@dataclass(frozen=True, slots=True)
class LanguageTag:
    """A parsed tag: `tag` is its case-normalised form, the parts are its main subtags."""

    tag: str
    language: str
    script: str | None = None
    region: str | None = None

    def __str__(self) -> str:
        return self.tag

    @property
    def subtags(self) -> tuple[str, ...]:
        """The subtags of the normalised tag, in order."""
        return tuple(self.tag.split("-"))


def _where(source: str | None) -> str:
    return f" ({source})" if source else ""


def parse(
    text: str,
    *,
    source: str | None = None,
    path: str | Path | None = None,
    line: int | None = None,
    registered: bool = True,
) -> LanguageTag:
    """Parse a BCP 47 tag (an underscore is taken for a hyphen, as in POSIX locales).

    `source` says where the value came from (`"--lang"`, `"xml:lang"`, `"manifest [documents]"`);
    `path` and `line` locate it in a file.  With `registered` (the default) every subtag must be
    in the IANA registry; without, a well-formed tag is enough.  Raises `LanguageTagError`.
    """
    if not isinstance(text, str):
        raise LanguageTagError(f"language code {text!r}{_where(source)} is not text", path, line)
    shown = text if len(text) <= MAX_LENGTH else text[:MAX_LENGTH] + "..."
    if not text.strip():
        raise LanguageTagError(f"empty language code{_where(source)}", path, line)
    if len(text) > MAX_LENGTH:
        raise LanguageTagError(
            f"language code {shown!r}{_where(source)} is longer than {MAX_LENGTH} characters",
            path,
            line,
        )
    if is_hostile(text):
        raise LanguageTagError(
            f"language code {shown!r}{_where(source)} looks like a path; "
            "a language code is a BCP 47 tag such as en, zh-TW or es-419",
            path,
            line,
        )
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in text):
        raise LanguageTagError(
            f"language code {shown!r}{_where(source)} may hold only letters, digits and "
            "hyphens (BCP 47, such as en, zh-TW or es-419)",
            path,
            line,
        )
    try:
        language = langcodes.Language.get(text, normalize=False)
    except ValueError as error:  # langcodes.tag_parser.LanguageTagError is one
        raise LanguageTagError(
            f"language code {shown!r}{_where(source)} is not a BCP 47 tag: {error}", path, line
        ) from None
    tag = language.to_tag()
    if registered and not language.is_valid():
        raise LanguageTagError(
            f"language code {shown!r}{_where(source)} is not a registered BCP 47 tag "
            "(such as en, zh-TW or es-419)",
            path,
            line,
        )
    return LanguageTag(tag, language.language or tag, language.script, language.territory)


def normalize(text: str, *, source: str | None = None, registered: bool = True) -> str:
    """The case-normalised form of a tag (`EN-gb` -> `en-GB`); raises `LanguageTagError`."""
    return parse(text, source=source, registered=registered).tag


def is_hostile(text: str) -> bool:
    """True for a value no reader may pass on as a language: a path, or longer than a tag."""
    return (
        len(text) > MAX_LENGTH
        or any(hint in text for hint in _PATH_HINTS)
        or (len(text) > 1 and text[1] == ":")
    )


def is_valid(text: str, *, registered: bool = True) -> bool:
    """True when `text` parses as a tag (see `parse`)."""
    try:
        parse(text, registered=registered)
    except LanguageTagError:
        return False
    return True


def _range_subtags(language_range: str, *, extended: bool) -> list[str]:
    """The lower-cased subtags of an RFC 4647 language range, checked for syntax."""
    if language_range == "*":
        return ["*"]
    parts = language_range.replace("_", "-").lower().split("-")
    for part in parts:
        wildcard = part == "*" and extended
        if not wildcard and not (1 <= len(part) <= 8 and part.isascii() and part.isalnum()):
            raise LanguageTagError(f"{language_range!r} is not a language range (RFC 4647)")
    return parts


def matches(language_range: str, tag: str, *, extended: bool = True) -> bool:
    """Whether `tag` matches `language_range` under RFC 4647 filtering.

    Extended filtering (§3.3.2, the default) lets a range skip subtags the tag adds in the
    middle (`de-DE` matches `de-Latn-DE`) and takes `*` anywhere (`*-CH`); basic filtering
    (§3.3.1) is a prefix match on whole subtags (`zh` matches `zh-TW`, not `zhx`).
    Comparison ignores case.
    """
    ranges = _range_subtags(language_range, extended=extended)
    subtags = tag.replace("_", "-").lower().split("-")
    if ranges == ["*"]:
        return True
    if not extended:
        return subtags[: len(ranges)] == ranges
    # RFC 4647 §3.3.2, steps 1-4.
    if ranges[0] != "*" and ranges[0] != subtags[0]:
        return False
    r, t = 1, 1
    while r < len(ranges):
        if ranges[r] == "*":
            r += 1
        elif t >= len(subtags):
            return False
        elif ranges[r] == subtags[t]:
            r += 1
            t += 1
        elif len(subtags[t]) == 1:
            return False
        else:
            t += 1
    return True


def filter_tags(
    ranges: str | Sequence[str], tags: Iterable[str], *, extended: bool = True
) -> list[str]:
    """The `tags` that match any of `ranges` (RFC 4647 §3.3), in the order of `tags`."""
    wanted = [ranges] if isinstance(ranges, str) else list(ranges)
    return [tag for tag in tags if any(matches(r, tag, extended=extended) for r in wanted)]


def lookup(
    requested: str | Sequence[str], available: Iterable[str], default: str | None = None
) -> str | None:
    """The best of `available` for `requested` by RFC 4647 §3.4 lookup, else `default`.

    Each requested range, in priority order, is cut back one subtag at a time (`zh-Hant-TW`,
    `zh-Hant`, `zh`; a single-letter subtag left at the end goes with the next cut) until it
    equals, ignoring case, one of `available`, which is returned as it is spelled there.
    A `*` range is skipped, as the RFC says.
    """
    choices = {tag.replace("_", "-").lower(): tag for tag in available}
    for language_range in [requested] if isinstance(requested, str) else requested:
        # Lookup ignores "*", alone or as a subtag of an extended range (RFC 4647 §3.4).
        parts = [p for p in _range_subtags(language_range, extended=True) if p != "*"]
        while parts:
            found = choices.get("-".join(parts))
            if found is not None:
                return found
            parts.pop()
            if parts and len(parts[-1]) == 1:
                parts.pop()
    return default
