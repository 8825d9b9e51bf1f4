"""A project made from an XLIFF file, written back into that file for the CAT tool to take back.

`import xliff` keeps the client's file in the project (`origin/xliff-<lang>/<its name>`).
`export xliff` then writes the reviewed pair into a copy of it (`formats.xliff_into`): the
n-th segment the import took (`xliff_exchange.importable`) is the n-th segment of the
document in the file's source language, so each gets the target of its bead. A bead that
joins several of the file's segments puts its whole translation in the first and empties the
others, as a CAT tool's merge does; a segment whose bead has no target loses its
translation. A segment whose text and state are as the file has them is left untouched.
When the source document no longer has the file's segments (an edited or re-segmented
source), there is no safe place for the targets: `fit` says why and the caller writes a new
file instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core import langtags
from workbench.core.alignment import Alignment, Bead, ParallelText
from workbench.core.atomic import write_bytes_atomic
from workbench.core.langs import segment_joiner
from workbench.formats.xliff_into import TargetUpdate, write_into_xliff
from workbench.formats.xliff_reader import XliffReader
from workbench.project.tmx_metadata import ORIGIN_DIR
from workbench.project.xliff_exchange import (
    export_xliff,
    has_translation,
    importable,
    selected_langs,
)


@dataclass(frozen=True, slots=True)
class WriteBack:
    """The updates for one file, or why the alignment does not fit it (`problem`)."""

    updates: dict[int, list[TargetUpdate | None]]
    changed_segments: int = 0
    merged_segments: int = 0
    problem: str = ""


def origin_folder(root: Path, lang: str) -> Path:
    """Where the project at `root` keeps the XLIFF file its `lang` side was imported from."""
    return root / ORIGIN_DIR / f"xliff-{lang}"


def keep_origin(root: Path, lang: str, file: Path) -> Path:
    """Copy the imported XLIFF file into the project, byte for byte; returns the copy."""
    copy = origin_folder(root, lang) / file.name
    write_bytes_atomic(copy, file.read_bytes())
    return copy


def origin_files(root: Path, langs: list[str]) -> dict[str, Path]:
    """The imported XLIFF file of each of `langs` that has one in the project at `root`."""
    found: dict[str, Path] = {}
    for lang in langs:
        folder = origin_folder(root, lang)
        files = sorted(p for p in folder.iterdir() if p.is_file()) if folder.is_dir() else []
        if len(files) == 1:
            found[lang] = files[0]
    return found


def plan(alignment: Alignment, origin: Path, *, only_confirmed: bool = False) -> WriteBack:
    """The target updates that put `alignment` into the XLIFF file `origin` (see the module)."""
    reader = XliffReader(origin)
    units = list(reader)
    header = reader.header
    if header is None:
        return WriteBack({}, problem="the file has no <file> element")
    source_lang = langtags.normalize(header.source_lang, source=f"{origin}: source language")
    if langtags.matches(source_lang, alignment.source.lang):
        source_doc, target_doc, swapped = alignment.source, alignment.target, False
    elif langtags.matches(source_lang, alignment.target.lang):
        source_doc, target_doc, swapped = alignment.target, alignment.source, True
    else:
        return WriteBack(
            {},
            problem=f"the file's source language is {source_lang}, the pair "
            f"{alignment.source.lang}-{alignment.target.lang}",
        )
    kept = [(number, importable(unit)) for number, unit in enumerate(units)]
    kept = [(number, segments) for number, segments in kept if segments]
    paragraphs = source_doc.paragraphs
    if len(kept) != len(paragraphs):
        return WriteBack(
            {},
            problem=f"the file has {len(kept)} units to translate and the {source_doc.lang} "
            f"document {len(paragraphs)} paragraphs",
        )
    beads: dict[int, Bead] = {}
    for each in alignment.beads:
        for index in each.target if swapped else each.source:
            beads[index] = each
    target_texts = target_doc.texts
    glue = segment_joiner(target_doc.lang)
    updates: dict[int, list[TargetUpdate | None]] = {}
    changed = merged = 0
    position = 0
    for (number, segments), paragraph in zip(kept, paragraphs, strict=True):
        if len(segments) != len(paragraph) or any(
            segment.source != text for (_, segment), text in zip(segments, paragraph, strict=False)
        ):
            return WriteBack(
                {},
                problem=f"unit {units[number].id!r} no longer has the same source segments "
                f"in the {source_doc.lang} document",
            )
        unit_updates: list[TargetUpdate | None] = [None] * len(units[number].segments)
        for seg_number, segment in segments:
            bead = beads.get(position)
            position += 1
            if only_confirmed and (bead is None or not bead.is_confirmed):
                continue
            sources = (bead.target if swapped else bead.source) if bead else ()
            targets = (bead.source if swapped else bead.target) if bead else ()
            text: str | None = None
            if targets:
                text = (
                    glue.join(target_texts[i] for i in targets)
                    if sources[0] == position - 1
                    else ""
                )
                if text and segment.glued and text.endswith(segment.glued):
                    text = text[: -len(segment.glued)]
                merged += text == ""
            confirmed = bool(bead and bead.is_confirmed and text)
            original = segment.target if has_translation(segment) else None
            if original is not None and segment.glued and original.endswith(segment.glued):
                original = original[: -len(segment.glued)]
            same_text = (text or None) == original
            was_confirmed = segment.is_confirmed and original is not None
            if same_text and confirmed == was_confirmed:
                continue
            unit_updates[seg_number] = TargetUpdate(text, confirmed, rewrite=not same_text)
            changed += 1
        if any(u is not None for u in unit_updates):
            updates[number] = unit_updates
    return WriteBack(updates, changed, merged)


def write_back(
    path: Path, alignment: Alignment, origin: Path, *, only_confirmed: bool = False
) -> WriteBack:
    """Write `alignment` into a copy of `origin` at `path`, unless it does not fit."""
    result = plan(alignment, origin, only_confirmed=only_confirmed)
    if not result.problem:
        write_into_xliff(path, origin, result.updates)
    return result


def export_with_origins(
    text: ParallelText,
    out: Path,
    langs: Sequence[str] | None,
    origins: Mapping[str, Path],
    *,
    version: str | None = None,
    only_confirmed: bool = False,
    name: str = "",
    warnings: list[str] | None = None,
) -> list[tuple[Path, int, bool]]:
    """`export_xliff`, but a pair with an imported file is written into a copy of it.

    Returns (path, units written or segments changed, written back). The copy keeps the file's
    name and XLIFF version; asking for a `version` writes a new file instead, as does an
    alignment that no longer fits the file (said in `warnings`).
    """
    written: list[tuple[Path, int, bool]] = []
    plain: list[str] = []
    chosen = selected_langs(text, langs)
    for lang in chosen:
        origin = origins.get(lang)
        if origin is None:
            plain.append(lang)
            continue
        if version is not None:
            plain.append(lang)
            continue
        path = out / origin.name
        result = write_back(path, text.alignments[lang], origin, only_confirmed=only_confirmed)
        if result.problem:
            if warnings is not None:
                warnings.append(
                    f"{origin.name}: {result.problem}; a new XLIFF file is written instead"
                )
            plain.append(lang)
            continue
        if result.merged_segments and warnings is not None:
            warnings.append(
                f"{path}: {result.merged_segments} segment(s) are joined to the one before "
                "them (their bead holds both); their targets are empty"
            )
        written.append((path, result.changed_segments, True))
    if plain:
        for path, count in export_xliff(
            text,
            out,
            plain,
            version=version or "1.2",
            only_confirmed=only_confirmed,
            name=name,
        ):
            written.append((path, count, False))
    return written
