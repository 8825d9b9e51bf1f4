"""Write an alignment back into the PO catalogue it was imported from.

A catalogue from a software project carries what its build and `msgmerge` need: the header
(`Plural-Forms`, charset), every entry's `msgctxt`, `#:` references, `#.` and `#` comments,
`c-format` and other flags, plural forms and obsolete entries. The import keeps the file in
the project; this writer puts the current translations into a copy of it, so nothing else
changes.

Each live entry (see `po.live_entries`) is found in the pivot document: the n-th entry is the
n-th paragraph while their counts agree, else the paragraph whose text is the entry's msgid
(the k-th entry with a msgid, whatever its msgctxt, takes the k-th paragraph with that text).
The segments may have been split, merged or re-segmented since the import: a plain entry's
translation is the target text of every bead that holds one of its paragraph's segments, in
order; a plural entry's forms are its paragraph's segments while there are as many of them,
and keep the catalogue's forms (marked fuzzy, with a warning) when there are not. A bead that
joins two entries' segments gives its translation to the first of them; the second keeps the
msgstr the catalogue had, both become fuzzy, and a warning names the second. An entry is
`fuzzy` when any of its beads is not confirmed (and it has a translation), and loses `fuzzy`
when all are. An entry not found keeps its msgstr and is named in a warning.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from workbench.core.alignment import Alignment, Bead
from workbench.core.atomic import write_bytes_atomic
from workbench.core.document import Document
from workbench.core.errors import FormatError, InputError
from workbench.core.langs import join_segments, segment_joiner
from workbench.formats.po import (
    live_entries,
    parse_catalog,
    plural_forms,
    portable_charset,
    read_po_text,
    set_charset,
)


def entry_paragraphs(entries: Sequence[polib.POEntry], document: Document) -> list[int | None]:
    """The pivot paragraph of each entry (None where none holds it), as the module says."""
    paragraphs = document.paragraphs
    if len(entries) == len(paragraphs):
        return list(range(len(paragraphs)))
    joiner = segment_joiner(document.lang)
    by_text: dict[str, list[int]] = {}
    for number, paragraph in enumerate(paragraphs):
        by_text.setdefault(joiner.join(paragraph), []).append(number)
        if len(paragraph) > 1:  # a plural entry's paragraph: its forms
            by_text.setdefault("\0".join(paragraph), []).append(number)
    found: list[int | None] = []
    taken: set[int] = set()
    for entry in entries:
        keys = ["\0".join(s for s, _ in plural_forms(entry))] if entry.msgid_plural else []
        keys.append(entry.msgid)
        match = next(
            (n for key in keys for n in by_text.get(key, ()) if n not in taken),
            None,
        )
        if match is not None:
            taken.add(match)
        found.append(match)
    return found


def fits(alignment: Alignment, origin: str | Path) -> bool:
    """Whether every live entry of the catalogue is found in the pivot document."""
    catalog = parse_catalog(read_po_text(origin), origin)
    places = entry_paragraphs(live_entries(catalog), alignment.source)
    return all(p is not None for p in places)


@dataclass(frozen=True, slots=True)
class _Beads:
    """The beads of an alignment by pivot segment, and which paragraph each bead starts in."""

    of_segment: dict[int, int]
    first_paragraph: list[int]
    lang: str
    target_texts: list[str]

    def text(self, bead: Bead | None) -> str:
        """The target text of a bead, its segments joined."""
        if bead is None:
            return ""
        return join_segments(self.lang, [self.target_texts[j] for j in bead.target])

    @classmethod
    def of(cls, alignment: Alignment, starts: Sequence[int]) -> _Beads:
        of_segment: dict[int, int] = {}
        first: list[int] = []
        for number, bead in enumerate(alignment.beads):
            for index in bead.source:
                of_segment[index] = number
            first.append(_paragraph_of(starts, bead.source[0]) if bead.source else -1)
        return cls(of_segment, first, alignment.target.lang, list(alignment.target.texts))


def _paragraph_of(starts: Sequence[int], index: int) -> int:
    """The paragraph holding global segment `index` (`starts` = first index of each)."""
    low, high = 0, len(starts) - 1
    while low < high:
        middle = (low + high + 1) // 2
        if starts[middle] <= index:
            low = middle
        else:
            high = middle - 1
    return low


def write_into_catalog(
    path: str | Path,
    alignment: Alignment,
    origin: str | Path,
    warnings: list[str] | None = None,
) -> int:
    """Write the catalogue `origin` with the alignment's translations to `path` (atomically).

    Returns the number of entries written; `warnings` gets what could not be put back as the
    alignment has it (see the module).
    """
    said = warnings if warnings is not None else []
    catalog = parse_catalog(read_po_text(origin), origin)
    entries = live_entries(catalog)
    document = alignment.source
    starts: list[int] = []
    position = 0
    for paragraph in document.paragraphs:
        starts.append(position)
        position += len(paragraph)
    beads = _Beads.of(alignment, starts)
    lang = alignment.target.lang
    places = entry_paragraphs(entries, document)
    written = 0
    for entry, place in zip(entries, places, strict=True):
        if place is None:
            said.append(
                f"{origin}:{entry.linenum}: entry {entry.msgid[:40]!r} is not in the pivot "
                "document any more; its msgstr is kept as the catalogue had it"
            )
            continue
        segments = range(starts[place], starts[place] + len(document.paragraphs[place]))
        numbers = sorted({beads.of_segment[i] for i in segments if i in beads.of_segment})
        shared = [n for n in numbers if beads.first_paragraph[n] != place]
        joined = any(
            _spans_beyond(alignment.beads[n], segments)
            for n in numbers
            if beads.first_paragraph[n] == place
        )
        if shared:
            said.append(
                f"{origin}:{entry.linenum}: entry {entry.msgid[:40]!r} shares a bead with the "
                "entry before it; that entry has the bead's translation, this one keeps its "
                "msgstr, fuzzy"
            )
        unconfirmed = any(not alignment.beads[n].is_confirmed for n in numbers)
        fuzzy = unconfirmed or bool(shared) or joined
        if entry.msgid_plural:
            fuzzy = _put_plural(entry, alignment, segments, beads, said, origin) or fuzzy
        else:
            own = [alignment.beads[n] for n in numbers if beads.first_paragraph[n] == place]
            text = join_segments(lang, [t for b in own if (t := beads.text(b))])
            # A bead shared with the entry before holds this one's translation, and a
            # white-space msgstr was read as untranslated: both keep what the catalogue had.
            if text or (entry.msgstr.strip() and not shared):
                entry.msgstr = text
        _set_fuzzy(entry, fuzzy and _has_translation(entry))
        written += 1
    encoding = portable_charset(catalog.encoding or "utf-8")
    set_charset(catalog, encoding)
    data = str(catalog).rstrip("\n") + "\n"
    try:
        write_bytes_atomic(path, data.encode(encoding))
    except UnicodeEncodeError as exc:
        raise FormatError(
            f"a translation has {exc.object[exc.start : exc.end]!r}, which the catalogue's "
            f"charset {encoding} cannot hold",
            origin,
        ) from None
    except OSError as exc:
        raise InputError(f"cannot write the file: {exc.strerror or exc}", path) from None
    return written


def _put_plural(
    entry: polib.POEntry,
    alignment: Alignment,
    segments: range,
    beads: _Beads,
    said: list[str],
    origin: str | Path,
) -> bool:
    """Put each form's translation on a plural entry; True when it must be fuzzy."""
    forms = plural_forms(entry)
    if len(forms) != len(segments):
        said.append(
            f"{origin}:{entry.linenum}: plural entry {entry.msgid[:40]!r} has {len(forms)} "
            f"forms and its paragraph {len(segments)} segments; its forms are kept, fuzzy"
        )
        return True
    texts = []
    for index in segments:
        number = beads.of_segment.get(index)
        bead = alignment.beads[number] if number is not None else None
        first = bead is not None and bead.source[0] == index
        texts.append(beads.text(bead) if first else "")
    entry.msgstr_plural = dict(enumerate(texts))
    return False


def _spans_beyond(bead: Bead, segments: range) -> bool:
    """Whether a bead also holds pivot segments after the paragraph's."""
    return any(i not in segments for i in bead.source)


def _has_translation(entry: polib.POEntry) -> bool:
    # A white-space msgstr was read as untranslated: no translation to be fuzzy about.
    if entry.msgid_plural:
        return any(v.strip() for v in entry.msgstr_plural.values())
    return bool(entry.msgstr.strip())


def _set_fuzzy(entry: polib.POEntry, fuzzy: bool) -> None:
    if fuzzy and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    elif not fuzzy and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
