"""Edits of a parallel text, each a list of patches computed up front and applied by History.

An edit is built against the current state (so a bad request fails before anything changes)
and holds both the old and the new values, which makes undo and redo exact.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

from workbench.core.alignment import (
    Alignment,
    Bead,
    BeadStatus,
    ParallelText,
    check_beads,
    check_region,
)
from workbench.core.collector import collector_paused
from workbench.core.errors import EditError
from workbench.core.langs import segment_joiner

Side = Literal["source", "target"]
# What the history says: the source side of every pair is the pivot document.
_SIDE_WORD = {"source": "pivot", "target": "target"}
Direction = Literal["up", "down"]


@dataclass(frozen=True, slots=True)
class BeadPatch:
    """Replace `old` beads at row `start` of the `lang` alignment with `new`."""

    lang: str
    start: int
    old: tuple[Bead, ...]
    new: tuple[Bead, ...]


@dataclass(frozen=True, slots=True)
class DocumentPatch:
    """Replace the paragraphs of the `lang` document."""

    lang: str
    old: tuple[tuple[str, ...], ...]
    new: tuple[tuple[str, ...], ...]


Patch = BeadPatch | DocumentPatch


@dataclass(frozen=True, slots=True)
class Edit:
    """A described, reversible change: patches applied in order, undone in reverse."""

    description: str
    patches: tuple[Patch, ...]


@dataclass(frozen=True, slots=True)
class BeadsChanged:
    """Rows `start`..`start+removed` of the `lang` alignment became `inserted` rows."""

    lang: str
    start: int
    removed: int
    inserted: int


@dataclass(frozen=True, slots=True)
class Change:
    """What an applied (or undone) edit changed, for views to redraw."""

    description: str
    beads: tuple[BeadsChanged, ...]
    documents: frozenset[str]


def apply_edit(text: ParallelText, edit: Edit, *, undo: bool = False) -> Change:
    """Apply `edit` (or revert it) to `text` and say what changed; the invariant is re-checked.

    Only the rows a patch wrote are checked (with their neighbours), which is the whole
    invariant since everything else was valid and is unchanged.
    """
    patches = list(reversed(edit.patches)) if undo else list(edit.patches)
    # Every patch is checked against the current state before any is applied, so an edit
    # built on another state changes nothing. Beads are immutable and patches hold the very
    # objects of the list: identity is the exact test, and far cheaper than equality.
    for patch in patches:
        if isinstance(patch, BeadPatch):
            expected = patch.new if undo else patch.old
            current = text.alignments[patch.lang].beads[patch.start : patch.start + len(expected)]
            if len(current) != len(expected) or any(
                a is not b for a, b in zip(current, expected, strict=True)
            ):
                raise EditError(
                    f"{edit.description}: the {patch.lang} alignment changed under the edit"
                )
    changed_beads: list[BeadsChanged] = []
    documents: set[str] = set()
    for patch in patches:
        if isinstance(patch, DocumentPatch):
            text.documents[patch.lang].replace_paragraphs(patch.old if undo else patch.new)
            documents.add(patch.lang)
            continue
        old, new = (patch.new, patch.old) if undo else (patch.old, patch.new)
        beads = text.alignments[patch.lang].beads
        beads[patch.start : patch.start + len(old)] = new
        changed_beads.append(BeadsChanged(patch.lang, patch.start, len(old), len(new)))
    per_lang: dict[str, list[BeadsChanged]] = {}
    for changed in changed_beads:
        per_lang.setdefault(changed.lang, []).append(changed)
    for lang, alignment in text.alignments.items():
        changes = per_lang.get(lang, [])
        resized = any(c.removed != c.inserted for c in changes)
        if len(changes) > 1 and resized:
            alignment.check()  # rows moved between patches: check everything
            continue
        for c in changes:
            check_region(
                alignment.beads,
                c.start,
                c.start + c.inserted,
                len(alignment.source),
                len(alignment.target),
                alignment.pair,
            )
        if not changes and {alignment.source.lang, alignment.target.lang} & documents:
            alignment.check()  # a document changed under an alignment no patch touched
    return Change(edit.description, tuple(changed_beads), frozenset(documents))


def _alignment(text: ParallelText, lang: str) -> Alignment:
    try:
        return text.alignments[lang]
    except KeyError:
        raise EditError(f"there is no {text.pair_label(lang)} alignment") from None


def _row(alignment: Alignment, row: int) -> Bead:
    if not 0 <= row < len(alignment.beads):
        raise EditError(f"there is no bead {row + 1} in the {alignment.target.lang} alignment")
    return alignment.beads[row]


def _manual(source: Sequence[int], target: Sequence[int]) -> Bead:
    return Bead(tuple(source), tuple(target), BeadStatus.CONFIRMED, 1.0)


def _splice(
    text: ParallelText, lang: str, start: int, stop: int, new: Sequence[Bead], what: str
) -> Edit:
    alignment = _alignment(text, lang)
    old = tuple(alignment.beads[start:stop])
    new_beads = tuple(new)
    trial = alignment.beads[:start] + list(new_beads) + alignment.beads[stop:]
    check_beads(trial, len(alignment.source), len(alignment.target), alignment.pair)
    return Edit(what, (BeadPatch(lang, start, old, new_beads),))


def merge_next(text: ParallelText, lang: str, row: int) -> Edit:
    """Merge bead `row` with the one after it."""
    alignment = _alignment(text, lang)
    first = _row(alignment, row)
    if row + 1 >= len(alignment.beads):
        raise EditError("the last bead has no next bead to merge with")
    second = alignment.beads[row + 1]
    merged = _manual(first.source + second.source, first.target + second.target)
    return _splice(
        text, lang, row, row + 2, [merged], f"Merge beads {row + 1}-{row + 2} ({text.tag(lang)})"
    )


def split_bead(
    text: ParallelText, lang: str, row: int, source_at: int = 1, target_at: int = 1
) -> Edit:
    """Split bead `row` after its first `source_at` source and `target_at` target segments."""
    alignment = _alignment(text, lang)
    item = _row(alignment, row)
    if not (0 <= source_at <= len(item.source) and 0 <= target_at <= len(item.target)):
        raise EditError(f"bead {row + 1} ({item.kind}) cannot be split there")
    first = _manual(item.source[:source_at], item.target[:target_at])
    second = _manual(item.source[source_at:], item.target[target_at:])
    parts = [b for b in (first, second) if b.source or b.target]
    if len(parts) < 2:
        raise EditError(f"bead {row + 1} ({item.kind}) has nothing to split off")
    return _splice(text, lang, row, row + 1, parts, f"Split bead {row + 1} ({text.tag(lang)})")


def shift(text: ParallelText, lang: str, row: int, side: Side, direction: Direction) -> Edit:
    """Move one segment of `side` across a bead boundary.

    "up": the first segment of bead `row` moves to the end of bead `row - 1`;
    "down": the last segment of bead `row` moves to the start of bead `row + 1`.
    A bead left empty on both sides disappears.
    """
    alignment = _alignment(text, lang)
    item = _row(alignment, row)
    segments = item.source if side == "source" else item.target
    if not segments:
        raise EditError(f"bead {row + 1} has no {side} segment to shift")
    other_row = row - 1 if direction == "up" else row + 1
    if not 0 <= other_row < len(alignment.beads):
        raise EditError(
            f"there is no bead {'above' if direction == 'up' else 'below'} to shift into"
        )
    other = alignment.beads[other_row]
    moved = segments[0] if direction == "up" else segments[-1]
    rest = segments[1:] if direction == "up" else segments[:-1]
    other_side = other.source if side == "source" else other.target
    grown = (*other_side, moved) if direction == "up" else (moved, *other_side)
    if side == "source":
        new_item, new_other = _manual(rest, item.target), _manual(grown, other.target)
    else:
        new_item, new_other = _manual(item.source, rest), _manual(other.source, grown)
    pair = [new_other, new_item] if direction == "up" else [new_item, new_other]
    start = min(row, other_row)
    kept = [b for b in pair if b.source or b.target]
    label = f"Shift {_SIDE_WORD[side]} {direction} at bead {row + 1} ({text.tag(lang)})"
    return _splice(text, lang, start, start + 2, kept, label)


def insert_empty(text: ParallelText, lang: str, row: int, side: Side = "target") -> Edit:
    """Give bead `row`'s other side an empty counterpart: it splits into n-0 and 0-m beads.

    `side` names the side that gets the empty counterpart inserted *after* it keeps its text:
    with "target", the source segments keep bead `row` with an empty target and the target
    segments follow as a 0-m bead; with "source", the target-only bead comes first.
    """
    alignment = _alignment(text, lang)
    item = _row(alignment, row)
    if not item.source or not item.target:
        raise EditError(f"bead {row + 1} ({item.kind}) already has an empty side")
    source_only = _manual(item.source, ())
    target_only = _manual((), item.target)
    parts = [source_only, target_only] if side == "target" else [target_only, source_only]
    return _splice(
        text,
        lang,
        row,
        row + 1,
        parts,
        f"Insert empty {_SIDE_WORD[side]} at bead {row + 1} ({text.tag(lang)})",
    )


def set_status(text: ParallelText, lang: str, rows: Sequence[int], status: BeadStatus) -> Edit:
    """Confirm or unconfirm the beads at `rows` (confidence kept)."""
    alignment = _alignment(text, lang)
    patches: list[Patch] = []
    for row in sorted(set(rows)):
        item = _row(alignment, row)
        if item.status is not status:
            patches.append(BeadPatch(lang, row, (item,), (replace(item, status=status),)))
    verb = "Confirm" if status is BeadStatus.CONFIRMED else "Unconfirm"
    count = len(set(rows))
    what = f"{verb} bead {rows[0] + 1}" if count == 1 else f"{verb} {count} beads"
    return Edit(f"{what} ({text.tag(lang)})", tuple(patches))


def confirm_above(text: ParallelText, lang: str, row: int) -> Edit:
    """Confirm every bead from the first to `row` inclusive."""
    alignment = _alignment(text, lang)
    _row(alignment, row)
    old = tuple(alignment.beads[: row + 1])
    new = tuple(b.with_status(BeadStatus.CONFIRMED) for b in old)
    return Edit(f"Confirm beads 1-{row + 1} ({text.tag(lang)})", (BeadPatch(lang, 0, old, new),))


def replace_beads(
    text: ParallelText, lang: str, start: int, stop: int, new: Sequence[Bead], description: str
) -> Edit:
    """Replace rows `start`..`stop` with `new` beads covering the same segments (re-align)."""
    return _splice(text, lang, start, stop, new, description)


def _document_edit(
    text: ParallelText,
    lang: str,
    paragraphs: list[tuple[str, ...]],
    remap: dict[int, tuple[int, ...]] | None,
    description: str,
    delta: int = 0,
) -> Edit:
    """Patch a document and, when segment indices move, every alignment that uses it.

    `remap` maps old segment indices to the new indices they became (a split gives two, a
    merge maps the first onto itself and the second onto nothing); indices above them shift
    by `delta`.
    """
    document = text.documents[lang]
    patches: list[Patch] = [DocumentPatch(lang, document.paragraphs, tuple(paragraphs))]
    if remap:
        first_index = min(remap)
        for target_lang, alignment in text.alignments.items():
            if lang == text.pivot:
                is_source = True
                first_row = alignment.row_of_source(first_index)
            elif target_lang == lang:
                is_source = False
                first_row = alignment.row_of_target(first_index)
            else:
                continue
            # Beads before the edited segment keep their indices: patch from its bead onward.
            old = tuple(alignment.beads[first_row:])
            low, high = min(remap), max(remap)
            head = 0
            while head < len(old) and _reaches(old[head], high, is_source):
                head += 1
            remapped = [_remap_bead(b, remap, low, high, delta, is_source) for b in old[:head]]
            new = tuple([b for b in remapped if b.source or b.target]) + _shifted(
                old[head:], delta, is_source
            )
            patches.append(BeadPatch(target_lang, first_row, old, new))
    return Edit(description, tuple(patches))


def _reaches(item: Bead, highest: int, is_source: bool) -> bool:
    """True while a bead may hold a remapped index (its side is empty or starts at most there)."""
    side = item.source if is_source else item.target
    return not side or side[0] <= highest


def _shifted(beads: Sequence[Bead], delta: int, is_source: bool) -> tuple[Bead, ...]:
    # The hot path of a segment edit near the start of a long document: every later bead is
    # rebuilt with its indices shifted. Written as one flat loop with the 1-segment case
    # spelled out, and with the cyclic garbage collector paused: building tens of thousands
    # of small objects otherwise triggers full collections that cost more than the work
    # (measured at 10k beads x 3 pairs: ~55 ms -> ~20 ms).
    out: list[Bead] = []
    append = out.append
    with collector_paused():
        for b in beads:
            side = b.source if is_source else b.target
            if not side:
                append(b)
                continue
            moved = (side[0] + delta,) if len(side) == 1 else tuple([i + delta for i in side])
            if is_source:
                append(Bead(moved, b.target, b.status, b.confidence))
            else:
                append(Bead(b.source, moved, b.status, b.confidence))
    return tuple(out)


def _remap_bead(
    item: Bead,
    remap: dict[int, tuple[int, ...]],
    lowest: int,
    highest: int,
    delta: int,
    is_source: bool,
) -> Bead:
    side = item.source if is_source else item.target
    if not side or side[-1] < lowest:
        return item
    if side[0] > highest:  # the common case: a bead after the edit, shifted whole
        shifted = tuple([i + delta for i in side])
        if is_source:
            return Bead(shifted, item.target, item.status, item.confidence)
        return Bead(item.source, shifted, item.status, item.confidence)
    new_side: list[int] = []
    for index in side:
        if index in remap:
            new_side.extend(remap[index])
        elif index > highest:
            new_side.append(index + delta)
        else:
            new_side.append(index)
    moved = tuple(new_side)
    if moved == side:
        return item
    if is_source:
        return Bead(moved, item.target, item.status, item.confidence)
    return Bead(item.source, moved, item.status, item.confidence)


def set_text(text: ParallelText, lang: str, index: int, new_text: str) -> Edit:
    """Replace the text of segment `index` of the `lang` document."""
    document = text.documents[lang]
    p, s = document.locate(index)
    if not new_text.strip():
        raise EditError("a segment cannot be empty; merge it with its neighbour instead")
    paragraphs = list(document.paragraphs)
    paragraph = list(paragraphs[p])
    paragraph[s] = new_text
    paragraphs[p] = tuple(paragraph)
    label = f"Edit {text.tag(lang)} segment {document.segment(index).id}"
    return _document_edit(text, lang, paragraphs, None, label)


def split_segment(text: ParallelText, lang: str, index: int, offset: int) -> Edit:
    """Split segment `index` of the `lang` document at character `offset` into two segments."""
    document = text.documents[lang]
    segment = document.segment(index)
    head, tail = segment.text[:offset].rstrip(), segment.text[offset:].lstrip()
    if not head or not tail:
        raise EditError(f"splitting segment {segment.id} at {offset} would leave an empty segment")
    p, s = document.locate(index)
    paragraphs = list(document.paragraphs)
    paragraph = list(paragraphs[p])
    paragraph[s : s + 1] = [head, tail]
    paragraphs[p] = tuple(paragraph)
    label = f"Split {text.tag(lang)} segment {segment.id}"
    return _document_edit(text, lang, paragraphs, {index: (index, index + 1)}, label, delta=1)


def merge_segments(text: ParallelText, lang: str, index: int) -> Edit:
    """Merge segment `index` of the `lang` document with the next one of its paragraph."""
    document = text.documents[lang]
    segment = document.segment(index)
    p, s = document.locate(index)
    paragraphs = list(document.paragraphs)
    paragraph = list(paragraphs[p])
    if s + 1 >= len(paragraph):
        raise EditError(f"segment {segment.id} is the last of its paragraph")
    paragraph[s : s + 2] = [paragraph[s] + segment_joiner(lang) + paragraph[s + 1]]
    paragraphs[p] = tuple(paragraph)
    label = f"Merge {text.tag(lang)} segments {segment.id} and {document.segment(index + 1).id}"
    # The merged segment stays in the bead of the first; the second leaves its bead.
    remap = {index: (index,), index + 1: ()}
    return _document_edit(text, lang, paragraphs, remap, label, delta=-1)
