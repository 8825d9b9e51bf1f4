"""Sentence segmentation by SRX rules: paragraphs in, lists of segments out.

The rules (per language, SRX 2.0 with `\\L<name>` word lists) are bundled in
`resources/segmentation/` (a wheel's package data: `workbench.resources` finds it); a user's
folder of the same shape overrides them (`workbench.formats.srx.load_rules` reads them). Line
breaks inside a paragraph carry information: a block of short lines without final
punctuation (a title block, an address, a list) gives one segment per line, while
hard-wrapped prose is joined back into sentences. Contract: the segments of a paragraph,
joined, equal the paragraph text except for whitespace.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import regex  # type: ignore[import-untyped]

from workbench.core.errors import InputError
from workbench.core.srx import SrxDocument, SrxRule

# "Chapter 1. The Beginning", "Article 5. Definitions": a line this short that does not end
# like a sentence is a heading and stays whole.
TITLE_MAX_WORDS = 12
# Nobody hard-wraps text wider than this: longer lines are whole paragraphs.
WRAP_MAX_COLUMNS = 100
# ... or narrower than this: a block of shorter lines (address, verse, title block) is broken
# on purpose, line by line.
MIN_WRAP_COLUMNS = 40
# A CJK line shorter than this share of the longest line was broken on purpose, not wrapped.
CJK_FULL_LINE = 0.75

# A paragraph is cut on lines holding only whitespace (form feeds count as blank lines).
_BLANK_LINE = regex.compile(r"\n[ \t\r\f\v\u00a0]*\n\s*|\f")
_SPACE_RUN = regex.compile(r"[ \t\r\n\f\v]+")
_FINAL_PUNCT = regex.compile(r"[.!?…。！？‼⁇⁈⁉:;；：｡︒﹒﹖﹗।॥؟۔։።;][\"'’”»)\]}」』）】》〉〕]*$")
_LIST_MARKER = regex.compile(
    r"^(?:[-–—•·*▪◦‣>]\s|\(?(?:\d{1,3}|[a-zA-Zа-яА-Я]|[ivxlcIVXLC]{1,5})[.)]\s|\(\w{1,4}\)\s"
    r"|（\w{1,4}）|[一二三四五六七八九十百]{1,3}、|\d{1,3}[、．])"
)
_CJK = regex.compile(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}\u3000-\u303f\uff00-\uffef]")


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """One SRX rule compiled to a zero-width pattern that matches at each break position."""

    is_break: bool
    pattern: regex.Pattern[str]
    source: str


@dataclass(frozen=True, slots=True)
class SegmentationRules:
    """The ordered, compiled rules for one language (first rule matching a position decides)."""

    lang: str
    rules: tuple[CompiledRule, ...]
    origin: str

    def break_positions(self, text: str) -> list[int]:
        """Offsets in `text` where a segment ends, by the SRX first-match rule."""
        first_break: dict[int, int] = {}
        for index, rule in enumerate(self.rules):
            if not rule.is_break:
                continue
            for match in rule.pattern.finditer(text):
                position = match.start()
                if 0 < position < len(text) and position not in first_break:
                    first_break[position] = index
        breaks = []
        for position in sorted(first_break):
            limit = first_break[position]
            if not any(
                rule.pattern.match(text, position) is not None
                for rule in self.rules[:limit]
                if not rule.is_break
            ):
                breaks.append(position)
        return breaks


def compile_rules(
    lang: str, srx_rules: Sequence[SrxRule], document: SrxDocument
) -> SegmentationRules:
    """Compile SRX rules (with the document's word lists) into a SegmentationRules."""
    lists = {name: list(words) for name, words in document.word_lists}
    compiled = []
    for rule in srx_rules:
        source = f"(?<={rule.before})(?={rule.after})" if rule.before else f"(?={rule.after})"
        used: dict[str, list[str]] = {}
        for name in regex.findall(r"\\L<(\w+)>", source):
            if lists[name]:
                used[name] = lists[name]
            else:  # the regex module lets an empty list match the empty string
                source = source.replace(f"\\L<{name}>", "(?!)")
        try:
            pattern = regex.compile(source, **used)
        except regex.error as exc:
            raise InputError(
                f"bad regular expression in segmentation rule: {exc}", rule.source or document.path
            ) from None
        compiled.append(CompiledRule(rule.is_break, pattern, rule.source))
    return SegmentationRules(lang, tuple(compiled), document.path)


def _join_lines(left: str, right: str) -> str:
    """Join two pieces of a wrapped line: no space between CJK characters."""
    if left and right and _CJK.match(left[-1]) and _CJK.match(right[0]):
        return left + right
    return f"{left} {right}"


def _first_word(line: str) -> str:
    return line.split(maxsplit=1)[0] if line.split() else ""


def _hard_line_breaks(lines: list[str]) -> list[bool]:
    """For each line break, whether it ends a segment (True) or is soft wrapping (False)."""
    has_final = any(_FINAL_PUNCT.search(line) for line in lines)
    # Greedy wrapping never makes a line longer than the wrap width, the last line included.
    width = max(display_width(line) for line in lines)
    hard = []
    for line, following in itertools.pairwise(lines):
        first = _first_word(following)
        if _LIST_MARKER.match(following):
            hard.append(True)
        elif first[:1].islower():
            hard.append(False)  # a line that continues in lower case was wrapped
        elif not has_final or width < MIN_WRAP_COLUMNS:
            hard.append(True)  # a block of title/header/address lines
        elif _FINAL_PUNCT.search(line):
            hard.append(False)  # the sentence rules decide at the line end
        elif _CJK.match(line[-1:]) and _CJK.match(following[:1]):
            # Wrapped CJK text has no spaces to measure words by: compare the line to the
            # width of the paragraph (a short line before CJK text is a heading).
            hard.append(display_width(line) < CJK_FULL_LINE * width)
        else:
            # Wrapped prose: the next word would not have fitted on this line.
            hard.append(display_width(line) + 1 + display_width(first) <= width)
    return hard


def _normalise(segment: str) -> str:
    """Collapse runs of spaces, tabs and line breaks into one space (no-break spaces stay)."""
    return str(_SPACE_RUN.sub(" ", segment.strip()))


def _blocks(paragraph: str) -> list[str]:
    """The paragraph cut at its hard line breaks, soft breaks joined."""
    lines = [line.strip() for line in paragraph.split("\n")]
    lines = [line for line in lines if line]
    if not lines:
        return []
    blocks = [lines[0]]
    for line, is_hard in zip(lines[1:], _hard_line_breaks(lines), strict=True):
        if is_hard:
            blocks.append(line)
        else:
            blocks[-1] = _join_lines(blocks[-1], line)
    return blocks


def _is_title(block: str) -> bool:
    """A short line without final punctuation is a title, header or dateline: one segment."""
    return len(block.split()) <= TITLE_MAX_WORDS and not _FINAL_PUNCT.search(block)


def segment_paragraph(text: str, lang: str, rules: SegmentationRules) -> list[str]:
    """Split one paragraph into segments (sentences, or title/header lines) by `rules`.

    `workbench.formats.srx.load_rules(lang)` gives the rules of a language.
    """
    active = rules
    segments: list[str] = []
    for block in _blocks(text.replace("\r\n", "\n").replace("\r", "\n")):
        if _is_title(block):
            segments.append(_normalise(block))
            continue
        start = 0
        for position in [*active.break_positions(block), len(block)]:
            piece = _normalise(block[start:position])
            if piece:
                segments.append(piece)
            start = position
    return segments


def segment_paragraphs(
    paragraphs: Sequence[str], lang: str, rules: SegmentationRules
) -> list[list[str]]:
    """Segment each paragraph; paragraphs that hold only whitespace are dropped."""
    active = rules
    result = [segment_paragraph(paragraph, lang, active) for paragraph in paragraphs]
    return [segments for segments in result if segments]


def display_width(line: str) -> int:
    """Terminal columns of `line`: wide and full-width characters (CJK) count two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in line)


def split_paragraphs(text: str) -> list[str]:
    """Cut text into paragraphs on blank lines; line breaks inside a paragraph are kept.

    A block holding a line wider than anyone hard-wraps (WRAP_MAX_COLUMNS) was written one
    paragraph per line, as word processors export text: each of its lines is a paragraph.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for part in _BLANK_LINE.split(text):
        if not part.strip():
            continue
        lines = part.strip("\n").split("\n")
        if len(lines) > 1 and max(display_width(line) for line in lines) > WRAP_MAX_COLUMNS:
            paragraphs.extend(line for line in lines if line.strip())
        else:
            paragraphs.append("\n".join(lines))
    return paragraphs


def segment_text(text: str, lang: str, rules: SegmentationRules) -> list[list[str]]:
    """Split text into paragraphs on blank lines, then each paragraph into segments."""
    return segment_paragraphs(split_paragraphs(text), lang, rules)
