"""Write an alignment back into the PO catalogue it was imported from.

A catalogue from a software project carries what its build and `msgmerge` need: the header
(`Plural-Forms`, charset), every entry's `msgctxt`, `#:` references, `#.` and `#` comments,
`c-format` and other flags, plural forms and obsolete entries. The import keeps the file in
the project; this writer puts the current translations into a copy of it, so nothing else
changes: the n-th entry the import read (see `po.live_entries`) is the n-th paragraph of the
pivot document, and its plural forms are that paragraph's segments. An entry is `fuzzy` when
any of its beads is not confirmed (and translated), and loses `fuzzy` when all are.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import polib

from workbench.core.alignment import Alignment
from workbench.core.atomic import write_bytes_atomic
from workbench.core.errors import FormatError, InputError
from workbench.core.langs import join_segments
from workbench.formats.po import (
    live_entries,
    parse_catalog,
    plural_forms,
    portable_charset,
    read_po_text,
    set_charset,
)


def fits(alignment: Alignment, origin: str | Path) -> bool:
    """Whether the catalogue has one live entry per pivot paragraph, forms as segments."""
    catalog = parse_catalog(read_po_text(origin), origin)
    entries = live_entries(catalog)
    paragraphs = alignment.source.paragraphs
    return len(entries) == len(paragraphs) and all(
        len(plural_forms(e)) == len(p) for e, p in zip(entries, paragraphs, strict=True)
    )


def write_into_catalog(path: str | Path, alignment: Alignment, origin: str | Path) -> int:
    """Write the catalogue `origin` with the alignment's translations to `path` (atomically).

    Returns the number of entries written. Raises FormatError when the alignment's pivot
    document no longer has the catalogue's shape (see `fits`).
    """
    catalog = parse_catalog(read_po_text(origin), origin)
    entries = live_entries(catalog)
    paragraphs = alignment.source.paragraphs
    if len(entries) != len(paragraphs):
        raise FormatError(
            f"the imported catalogue has {len(entries)} entries and the pivot document "
            f"{len(paragraphs)} paragraphs; export without the catalogue",
            origin,
        )
    translations, unconfirmed = _by_source_segment(alignment)
    target_lang = alignment.target.lang
    position = 0
    for entry, paragraph in zip(entries, paragraphs, strict=True):
        forms = plural_forms(entry)
        if len(forms) != len(paragraph):
            raise FormatError(
                f"entry {entry.msgid[:40]!r} has {len(forms)} forms and its paragraph "
                f"{len(paragraph)} segments; export without the catalogue",
                origin,
                entry.linenum,
            )
        texts = [
            join_segments(target_lang, translations.get(position + n, ()))
            for n in range(len(forms))
        ]
        fuzzy = any(position + n in unconfirmed for n in range(len(forms))) and any(texts)
        position += len(forms)
        if entry.msgid_plural:
            entry.msgstr_plural = dict(enumerate(texts))
        elif texts[0] or entry.msgstr.strip():
            # A white-space msgstr (read as untranslated) stays as the catalogue had it.
            entry.msgstr = texts[0]
        _set_fuzzy(entry, fuzzy)
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
    return len(entries)


def _by_source_segment(alignment: Alignment) -> tuple[dict[int, Sequence[str]], set[int]]:
    """Target texts by the first pivot segment of their bead, and pivot segments in auto beads."""
    texts = alignment.target.texts
    found: dict[int, Sequence[str]] = {}
    unconfirmed: set[int] = set()
    for bead in alignment.beads:
        if not bead.source:
            continue
        if bead.target:
            found[bead.source[0]] = [texts[j] for j in bead.target]
        if not bead.is_confirmed:
            unconfirmed.update(bead.source)
    return found, unconfirmed


def _set_fuzzy(entry: polib.POEntry, fuzzy: bool) -> None:
    if fuzzy and "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    elif not fuzzy and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
