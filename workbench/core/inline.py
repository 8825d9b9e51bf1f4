"""Inline codes inside segment text: formatting, placeholders and variables a CAT tool keeps.

A segment stays one string. An inline code is written inside it as a *code span*:
`OPEN` (U+E000), a compact ASCII JSON array, `CLOSE` (U+E001). Both marks are private-use
characters no real text carries, and the JSON is written with `ensure_ascii`, so a span never
holds either mark and a text splits back into text runs and codes without ambiguity (Okapi's
"coded text" works the same way). Keeping codes in the string means every edit (merge, split,
shift) carries them along without a parallel table to keep in step.

What the aligner, the term matcher and the findings see is the *visible* text: spans
removed, and a standalone code (a placeholder, a line break) that sits between two word
characters read as a space so that words are not glued ("detector<ph/>2" -> "detector 2").
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

OPEN = "\ue000"
CLOSE = "\ue001"
_SPAN = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")


class CodeKind(StrEnum):
    """Where a code sits: the start or end of a paired code, or a standalone one."""

    OPENING = "open"
    CLOSING = "close"
    STANDALONE = "alone"


@dataclass(frozen=True, slots=True)
class Code:
    """One inline code: its role, its id (pairs share one), the original markup, its element.

    `native` is the original format's markup the code stands for (`<b>`, `%s`, `{0}`), as
    TMX `<bpt>` or XLIFF 2.0 `<data>` hold it, possibly empty (XLIFF 1.2 `<g>`/`<x/>`).
    `element` names the element it was read from (`bpt`, `ph`, `g`, `pc`...), `equiv` is a
    plain-text equivalent (XLIFF 2.0 `equiv`, or a space a placeholder stood for) and
    `isolated` marks a paired code whose partner is in another segment (TMX `<it>`).
    """

    kind: CodeKind
    id: str
    native: str = ""
    element: str = ""
    equiv: str = ""
    isolated: bool = False

    @property
    def label(self) -> str:
        """A short label for a tag chip: `<1>`, `</1>`, `<1/>`."""
        if self.kind is CodeKind.OPENING:
            return f"<{self.id}>"
        if self.kind is CodeKind.CLOSING:
            return f"</{self.id}>"
        return f"<{self.id}/>"


Run = str | Code


def encode(code: Code) -> str:
    """The code span that stands for `code` inside a segment's text."""
    fields: list[object] = [code.kind.value, code.id, code.native, code.element]
    if code.equiv or code.isolated:
        fields += [code.equiv, int(code.isolated)]
    return OPEN + json.dumps(fields, ensure_ascii=True, separators=(",", ":")) + CLOSE


def _decode(span: str) -> Code:
    fields = json.loads(span[1:-1])
    kind, ident, native, element = fields[:4]
    equiv = fields[4] if len(fields) > 4 else ""
    isolated = bool(fields[5]) if len(fields) > 5 else False
    return Code(CodeKind(kind), str(ident), str(native), str(element), str(equiv), isolated)


def join(runs: Iterable[Run]) -> str:
    """Text runs and codes as one segment text."""
    return "".join(run if isinstance(run, str) else encode(run) for run in runs)


def has_codes(text: str) -> bool:
    """Whether `text` holds any code span."""
    return OPEN in text


def runs(text: str) -> list[Run]:
    """`text` as text runs and codes, in order; a text without codes is one run."""
    if OPEN not in text:
        return [text] if text else []
    out: list[Run] = []
    position = 0
    for match in _SPAN.finditer(text):
        if match.start() > position:
            out.append(text[position : match.start()])
        try:
            out.append(_decode(match.group()))
        except (ValueError, TypeError, IndexError):
            out.append(match.group())  # not a span this module wrote: leave it as text
        position = match.end()
    if position < len(text):
        out.append(text[position:])
    return out


def codes(text: str) -> list[Code]:
    """The codes of `text`, in order."""
    return [run for run in runs(text) if isinstance(run, Code)]


def _word(char: str) -> bool:
    return char.isalnum()


def visible_map(text: str) -> tuple[str, list[int]]:
    """The visible text and, for each of its characters, its offset in `text`.

    A standalone code between two word characters reads as one space (mapped to the code's
    offset); any other code reads as nothing.
    """
    if OPEN not in text:
        return text, list(range(len(text)))
    chars: list[str] = []
    offsets: list[int] = []
    position = 0
    drop_space = False  # a code removed between two spaces leaves one space, not two
    for match in _SPAN.finditer(text):
        for index in range(position, match.start()):
            if drop_space and text[index] == " ":
                drop_space = False
                continue
            drop_space = False
            chars.append(text[index])
            offsets.append(index)
        position = match.end()
        try:
            code = _decode(match.group())
        except (ValueError, TypeError, IndexError):
            continue
        before = chars[-1] if chars else ""
        after = text[position] if position < len(text) else ""
        if code.kind is CodeKind.STANDALONE and (
            code.equiv.isspace() or (before and after and _word(before) and _word(after))
        ):
            chars.append(" ")
            offsets.append(match.start())
        elif before == " ":
            drop_space = True
    for index in range(position, len(text)):
        if drop_space and text[index] == " ":
            drop_space = False
            continue
        drop_space = False
        chars.append(text[index])
        offsets.append(index)
    return "".join(chars), offsets


def visible(text: str) -> str:
    """What a reader sees of `text`: code spans out (see `visible_map`)."""
    if OPEN not in text:
        return text
    return visible_map(text)[0]


def plain(text: str) -> str:
    """`text` with every code replaced by its plain-text equivalent (PO, plain text output).

    A placeholder's `equiv`, else its native markup for a standalone code (`%s`, `{0}`
    are what a gettext user expects to see); paired formatting codes are dropped.
    """
    if OPEN not in text:
        return text
    out: list[str] = []
    for run in runs(text):
        if isinstance(run, str):
            out.append(run)
        elif run.equiv:
            out.append(run.equiv)
        elif run.kind is CodeKind.STANDALONE:
            out.append(run.native)
    return "".join(out)


def code_count(texts: Sequence[str]) -> int:
    """How many codes the texts hold together."""
    return sum(text.count(OPEN) for text in texts)


def iter_codes(texts: Iterable[str]) -> Iterator[Code]:
    """Every code of every text, in order."""
    for text in texts:
        yield from codes(text)


# -- codes as a person edits them --------------------------------------------------------------

LABEL_START = "\u27e8"  # ⟨
LABEL_END = "\u27e9"  # ⟩
LABEL_RE = re.compile(f"{LABEL_START}/?[0-9]+/?{LABEL_END}")


@dataclass(frozen=True, slots=True)
class Display:
    """A text as the GUI shows and edits it: each code a numbered label (`⟨1⟩`, `⟨/1⟩`, `⟨2/⟩`).

    `offsets[i]` is the display position of raw position `i` (one more entry for the end);
    `chips` are the labels' display spans; `labels` maps each label back to its code span.
    Numbers count the codes of this text from 1; the two halves of a pair share one.
    """

    text: str
    offsets: tuple[int, ...]
    chips: tuple[tuple[int, int], ...]
    labels: dict[str, str]


def display(text: str) -> Display:
    """`text` with its codes as labels (see `Display`)."""
    if OPEN not in text:
        return Display(text, tuple(range(len(text) + 1)), (), {})
    out: list[str] = []
    offsets: list[int] = []
    chips: list[tuple[int, int]] = []
    labels: dict[str, str] = {}
    numbers: dict[str, int] = {}
    counter = 0
    length = 0
    position = 0
    for match in _SPAN.finditer(text):
        for _ in range(position, match.start()):
            offsets.append(length)
            length += 1
        out.append(text[position : match.start()])
        try:
            code = _decode(match.group())
        except (ValueError, TypeError, IndexError):
            code = None
        if code is None:
            label = match.group()  # not a span of ours: shown as it is
        else:
            if code.kind is CodeKind.CLOSING and code.id in numbers:
                number = numbers.pop(code.id)
            else:
                counter += 1
                number = counter
                if code.kind is CodeKind.OPENING:
                    numbers[code.id] = number
            if code.kind is CodeKind.OPENING:
                label = f"{LABEL_START}{number}{LABEL_END}"
            elif code.kind is CodeKind.CLOSING:
                label = f"{LABEL_START}/{number}{LABEL_END}"
            else:
                label = f"{LABEL_START}{number}/{LABEL_END}"
            labels[label] = match.group()
            chips.append((length, length + len(label)))
        offsets.extend([length] * (match.end() - match.start()))
        out.append(label)
        length += len(label)
        position = match.end()
    for _ in range(position, len(text)):
        offsets.append(length)
        length += 1
    out.append(text[position:])
    offsets.append(length)
    return Display("".join(out), tuple(offsets), tuple(chips), labels)


def from_display(
    edited: str, labels: dict[str, str], optional: dict[str, str] | None = None
) -> str:
    """The raw text of an edited display text: labels back to their codes.

    Raises ValueError naming the label when one of `labels` is missing or doubled, or an
    unknown label was typed: codes are moved, never lost or invented by an edit. `optional`
    labels (codes taken over from the other side, `missing_codes`) may be there once or not.
    """
    found = LABEL_RE.findall(edited)
    for label in labels:
        count = found.count(label)
        if count == 0:
            raise ValueError(f"the tag {label} is missing: put it back (tags can be moved)")
        if count > 1:
            raise ValueError(f"the tag {label} is there {count} times; keep one")
    extra = optional or {}
    for label in extra:
        if found.count(label) > 1:
            raise ValueError(f"the tag {label} is there {found.count(label)} times; keep one")
    unknown = [label for label in found if label not in labels and label not in extra]
    if unknown:
        raise ValueError(f"{unknown[0]} is not a tag of this segment")
    every = {**labels, **extra}
    if not every:
        return edited
    return LABEL_RE.sub(lambda m: every[m.group()], edited)


def missing_codes(source: str, target: str) -> list[str]:
    """The code spans of `source` whose code `target` lacks, in the source's order.

    Codes are the same when they have the same role and id (an XLIFF target's `<g id="1">`
    is its source's, whatever native markup either side carries); a code the source has
    twice is missing as often as the target has it fewer times.
    """
    have: dict[tuple[CodeKind, str], int] = {}
    for code in codes(target):
        have[(code.kind, code.id)] = have.get((code.kind, code.id), 0) + 1
    missing: list[str] = []
    for match in _SPAN.finditer(source):
        try:
            code = _decode(match.group())
        except (ValueError, TypeError, IndexError):
            continue
        key = (code.kind, code.id)
        if have.get(key, 0) > 0:
            have[key] -= 1
        else:
            missing.append(match.group())
    return missing
