"""XLIFF to and from a project: a CAT tool's bilingual file as a reviewable pair, and back out.

Import: each unit is one paragraph on both sides, each XLIFF segment one segment, and each
segment pair one 1-1 bead (1-0 where the segment has no translation yet). A bead is confirmed
when the CAT tool says a person approved it (`approved`, `signed-off`/`final`, 2.0
`reviewed`/`final`, Trados `ApprovedTranslation`/`ApprovedSignOff`, memoQ confirmed and
proofread states); any other translated segment is an unconfirmed bead at confidence 1.0
(the pairing is the file's, not a guess). Language tags are kept as the file writes them
(case-normalised, `core.langtags`). Export: one file per aligned pair, one unit per bead.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from workbench.core import langtags
from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.document import Document
from workbench.core.errors import FormatError, UsageError
from workbench.core.inline import visible
from workbench.core.langs import segment_joiner
from workbench.formats.xliff_reader import XliffReader, XliffSegment, XliffUnit
from workbench.formats.xliff_writer import BilingualUnit, write_xliff


@dataclass(frozen=True, slots=True)
class XliffImport:
    """What an XLIFF import read: the parallel text, and what it left out and why."""

    text: ParallelText
    source_lang: str
    target_lang: str
    units: int
    warnings: tuple[str, ...]


def _tag(value: str, what: str, path: Path) -> str:
    return langtags.parse(value, source=what, path=path).tag


def importable(unit: XliffUnit) -> list[tuple[int, XliffSegment]]:
    """The segments of `unit` an import makes project segments of, with their numbers in it.

    A unit marked `translate="no"` gives none, nor does a segment with an empty source. The
    write-back (`xliff_writeback`) walks the same selection to find each segment's bead.
    """
    if not unit.translate:
        return []
    return [(n, s) for n, s in enumerate(unit.segments) if visible(s.source).strip()]


def has_translation(segment: XliffSegment) -> bool:
    """Whether the segment's target has visible text (else its bead is 1-0)."""
    return segment.target is not None and bool(visible(segment.target).strip())


def import_xliff(
    path: str | Path, *, pivot: str | None = None, target_lang: str | None = None
) -> XliffImport:
    """Read an XLIFF file into a two-document parallel text (see the module docstring).

    `pivot` picks the side the project is organised around (default: the file's source
    language; a range such as `en` matches `en-US` by RFC 4647 lookup). `target_lang` names the
    target language when the file does not (XLIFF 1.2 allows that).
    """
    file = Path(path)
    reader = XliffReader(file)
    source_paragraphs: list[list[str]] = []
    target_paragraphs: list[list[str]] = []
    beads: list[Bead] = []
    warnings: list[str] = []
    src_count = tgt_count = 0
    skipped_blank = skipped_locked = units = 0
    for unit in reader:
        units += 1
        if not unit.translate:
            skipped_locked += 1
            continue
        sources: list[str] = []
        targets: list[str] = []
        kept = importable(unit)
        skipped_blank += sum(
            1
            for segment in unit.segments
            if not visible(segment.source).strip()
            and segment.target is not None
            and visible(segment.target).strip()
        )
        for _, segment in kept:
            sources.append(segment.source)
            if has_translation(segment):
                assert segment.target is not None
                targets.append(segment.target)
                beads.append(
                    Bead(
                        (src_count,),
                        (tgt_count,),
                        BeadStatus.CONFIRMED if segment.is_confirmed else BeadStatus.AUTO,
                        1.0,
                    )
                )
                tgt_count += 1
            else:
                beads.append(Bead((src_count,), (), BeadStatus.AUTO, 0.0))
            src_count += 1
        if sources:
            source_paragraphs.append(sources)
        if targets:
            target_paragraphs.append(targets)
    header = reader.header
    if header is None:
        raise FormatError("the file has no <file> element", file)
    warnings.extend(reader.warnings)
    if skipped_locked:
        warnings.append(f'{file}: {skipped_locked} unit(s) marked translate="no" were left out')
    if skipped_blank:
        warnings.append(f"{file}: {skipped_blank} segment(s) with an empty source were left out")
    if not source_paragraphs:
        raise FormatError("no unit has a source text to import", file)
    source_lang = _tag(header.source_lang, "source language", file)
    target_value = header.target_lang or target_lang
    if not target_value:
        raise UsageError(f"{file}: the file names no target language; give --target-lang")
    target = _tag(target_value, "target language", file)
    if source_lang == target:
        raise FormatError(f"source and target language are both {source_lang}", file)
    if not target_paragraphs:
        warnings.append(f"{file}: no segment has a translation yet: every bead is 1-0")
    name = file.name
    source_doc = Document(source_lang, source_paragraphs, name)
    target_doc = Document(target, target_paragraphs, name)
    alignment = Alignment(source_doc, target_doc, beads)
    text = ParallelText(
        source_lang, {source_lang: source_doc, target: target_doc}, {target: alignment}
    )
    if pivot is not None:
        chosen = langtags.lookup(pivot, [source_lang, target])
        if chosen is None:
            raise UsageError(
                f"--pivot {pivot}: the file holds {source_lang} and {target}; choose one of them"
            )
        if chosen == target:
            text = swap(text)
    return XliffImport(text, source_lang, target, units, tuple(warnings))


def swap(text: ParallelText) -> ParallelText:
    """A two-language parallel text with its pivot and target exchanged."""
    ((lang, alignment),) = text.alignments.items()
    beads = [Bead(b.target, b.source, b.status, b.confidence) for b in alignment.beads]
    source, target = alignment.target, alignment.source
    return ParallelText(
        lang, {lang: source, text.pivot: target}, {text.pivot: Alignment(source, target, beads)}
    )


def bilingual_units(
    alignment: Alignment, *, only_confirmed: bool = False
) -> Iterator[BilingualUnit]:
    """The beads of `alignment` as XLIFF units: 1-0 and 0-1 beads have nothing to pair."""
    source_texts = alignment.source.texts
    target_texts = alignment.target.texts
    source_glue = segment_joiner(alignment.source.lang)
    target_glue = segment_joiner(alignment.target.lang)
    for number, bead in enumerate(alignment.beads, start=1):
        if not bead.source or not bead.target:
            continue
        if only_confirmed and not bead.is_confirmed:
            continue
        yield BilingualUnit(
            str(number),
            source_glue.join(source_texts[i] for i in bead.source),
            target_glue.join(target_texts[i] for i in bead.target),
            bead.is_confirmed,
            bead.confidence,
        )


def selected_langs(text: ParallelText, langs: Sequence[str] | None) -> list[str]:
    """The aligned languages `langs` names (BCP 47 ranges), every aligned one when empty."""
    chosen = (
        list(text.alignments)
        if not langs
        else [lang for lang in text.alignments if any(langtags.matches(r, lang) for r in langs)]
    )
    if not chosen:
        raise UsageError(
            f"no aligned language matches {', '.join(langs or [])}; "
            f"the project has {', '.join(text.alignments) or 'none'}"
        )
    return chosen


def export_xliff(
    text: ParallelText,
    out: str | Path,
    langs: Sequence[str] | None = None,
    *,
    version: str = "1.2",
    only_confirmed: bool = False,
    name: str = "",
) -> list[tuple[Path, int]]:
    """Write one XLIFF file per aligned pair into `out` (a folder); returns paths and counts."""
    folder = Path(out)
    chosen = selected_langs(text, langs)
    written: list[tuple[Path, int]] = []
    for lang in chosen:
        alignment = text.alignments[lang]
        path = folder / f"{name or 'project'}.{text.pivot}-{lang}.xlf"
        count = write_xliff(
            path,
            bilingual_units(alignment, only_confirmed=only_confirmed),
            text.pivot,
            lang,
            version=version,
            original=name or path.stem,
        )
        written.append((path, count))
    return written
