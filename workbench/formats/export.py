"""A ParallelText as TMX translation units and back: the groups, their props, the import.

TMX mapping (one pivot, several target languages, each aligned with the pivot):

- A *group* is a run of consecutive pivot segments that every exported pair aligns as a unit:
  a group ends where every alignment starts a new bead with pivot segments. With one target
  language a group is exactly one bead; n:m beads in any pair widen the group for all.
- Each group is one TU. A language's side is all its segments in the group's beads, joined
  with a space (no space for zh/ja); target-only (0-1) beads strictly inside a group belong to
  it, those between groups are in no TU (they have no pivot text to match).
- Per language the TU carries `x-bead` (`n-m` = pivot and target segments in the group),
  `x-status` (`confirmed` only if every bead of the group is) and `x-confidence` (the lowest, two
  decimals): on the target `<tuv>` in the multilingual file, on the `<tu>` in per-pair files
  (Trados reads TU-level `x-` props). A TU with an unconfirmed side gets a note naming it.
- A group where some language has no counterpart (only 1-0 beads) is left out of the
  multilingual file, because OmegaT fills a missing language from another one in the TU; it is
  kept in the other languages' per-pair files, which are the safe default for CAT tools.
- Import makes one paragraph per TU in every language, and per target language one bead per
  TU with the TU's status and confidence (confirmed, 1.0 when the file has no `x-` props); a TU
  that lacks a language gives a 1-0 auto bead in that language; a TU without the pivot is
  skipped. Export -> import -> export gives the same bytes (with a fixed `creationdate`).
  `read_tmx` builds a ParallelText and the memory's metadata (`tmx_metadata`; `import_tmx`
  the text alone); `workbench.project.tmx_import` streams the same result
  straight into a new project's files in bounded memory (what `workbench import tmx` uses),
  and `workbench.project.exchange` decides which files a project's export writes.

The PO mapping is described in `workbench.formats.po`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from workbench.core import langtags
from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.document import Document
from workbench.core.errors import AlignmentError, FormatError, InputError, LanguageTagError
from workbench.core.langs import DEFAULT_LANG_CODES
from workbench.core.rows import compute_rows
from workbench.formats.tmx_metadata import TmxMetadata, UnitMetadata, header_metadata, unit_metadata
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.tmx_units import (
    PROP_BEAD,
    PROP_CONFIDENCE,
    PROP_STATUS,
    Props,
    TranslationUnit,
    Variant,
)
from workbench.formats.tmx_writer import (
    format_confidence,
)

__all__ = [
    "Group",
    "ImportedTmx",
    "Part",
    "PivotChoice",
    "code_of",
    "dropped_languages",
    "group_starts",
    "groups",
    "import_tmx",
    "project_units",
    "read_tmx",
    "wanted_variant",
]

Progress = Callable[[int, int], None]


# Part and Group are NamedTuples, not frozen dataclasses, for the same measured reason as
# the TMX Variant: one of each per TU and language is built on the export hot path.


class Part(NamedTuple):
    """One language's share of a group: its segment indices, review status and confidence."""

    segments: tuple[int, ...]
    confirmed: bool
    confidence: float

    def props(self, pivot_count: int) -> tuple[tuple[str, str], ...]:
        """The `x-` props describing this part."""
        return _props(pivot_count, len(self.segments), self.confirmed, self.confidence)


@lru_cache(maxsize=4096)
def _props(pivot_count: int, count: int, confirmed: bool, confidence: float) -> Props:
    return (
        (PROP_BEAD, f"{pivot_count}-{count}"),
        (PROP_STATUS, "confirmed" if confirmed else "auto"),
        (PROP_CONFIDENCE, format_confidence(confidence)),
    )


class Group(NamedTuple):
    """Consecutive pivot segments [start, stop) aligned as a unit by every pair."""

    start: int
    stop: int
    parts: Mapping[str, Part]


def exported_alignments(text: ParallelText, langs: Sequence[str] | None) -> list[Alignment]:
    chosen = (
        list(langs) if langs else [lang for lang in text.target_langs if lang in text.alignments]
    )
    if not chosen:
        raise AlignmentError("nothing to export: the text has no alignment yet")
    result: list[Alignment] = []
    for lang in chosen:
        if lang == text.pivot:
            raise InputError(f"{lang} is the pivot language, not a target language")
        if lang not in text.alignments:
            known = ", ".join(text.alignments) or "none"
            raise AlignmentError(f"no {text.pivot}-{lang} alignment (aligned: {known})")
        result.append(text.alignments[lang])
    return result


def group_starts(text: ParallelText, langs: Sequence[str] | None = None) -> list[int]:
    """Pivot indices where a group starts: where every alignment of `langs` starts a bead."""
    alignments = exported_alignments(text, langs)
    layout = compute_rows(text, [a.target.lang for a in alignments])
    return [row.pivot_start for row in layout.rows if row.pivot_stop > row.pivot_start]


def groups(text: ParallelText, langs: Sequence[str] | None = None) -> Iterator[Group]:
    """The groups of `text` over `langs` (default: every aligned language), in order.

    A group is a body row of the pivot layout (`workbench.core.rows`); rows holding only
    target-only beads between groups are in no TU (they have no pivot text to match).
    """
    alignments = exported_alignments(text, langs)
    layout = compute_rows(text, [a.target.lang for a in alignments])
    for row in layout.rows:
        if row.pivot_stop <= row.pivot_start:
            continue
        parts: dict[str, Part] = {}
        for k, alignment in enumerate(alignments):
            taken = alignment.beads[row.beads[k][0] : row.beads[k][1]]
            parts[alignment.target.lang] = Part(
                tuple(j for b in taken for j in b.target),
                all(b.is_confirmed for b in taken),
                min(b.confidence for b in taken),
            )
        yield Group(row.pivot_start, row.pivot_stop, parts)


def project_units(
    text: ParallelText,
    langs: Sequence[str] | None = None,
    only_confirmed: bool = False,
    multilingual: bool = True,
) -> Iterator[TranslationUnit]:
    """TUs of `text`: one per group over all `langs`, or (not multilingual) per pair in turn.

    A language without counterpart in a group is omitted from that TU (the TMX writer then
    skips the TU and counts it). See the module docstring for the mapping.
    """
    chosen = [a.target.lang for a in exported_alignments(text, langs)]
    if multilingual:
        yield from _units(text, chosen, only_confirmed, tuv_props=True)
    else:
        for lang in chosen:
            yield from _units(text, [lang], only_confirmed, tuv_props=False)


def _units(
    text: ParallelText, langs: Sequence[str], only_confirmed: bool, *, tuv_props: bool
) -> Iterator[TranslationUnit]:
    pivot = text.pivot_document
    texts = {lang: text.documents[lang].texts for lang in [text.pivot, *langs]}
    for group in groups(text, langs):
        if only_confirmed and not all(p.confirmed for p in group.parts.values()):
            continue
        count = group.stop - group.start
        variants = [Variant(text.pivot, tuple(texts[text.pivot][group.start : group.stop]))]
        unit_props: tuple[tuple[str, str], ...] = ()
        review: list[str] = []
        for lang in langs:
            part = group.parts[lang]
            if not part.segments:
                continue
            props = part.props(count)
            if not tuv_props:
                unit_props = props
            segments = tuple(texts[lang][j] for j in part.segments)
            variants.append(Variant(lang, segments, props if tuv_props else ()))
            if not part.confirmed:
                review.append(f"{lang} (confidence {format_confidence(part.confidence)})")
        notes = ("unconfirmed alignment: " + ", ".join(review),) if review else ()
        first = pivot.segment(group.start).id
        origin = f"{text.pivot} {first}" if count == 1 else f"{text.pivot} {first}+{count - 1}"
        yield TranslationUnit(tuple(variants), unit_props, notes, origin=origin)


def header_notes(pivot: str, langs: Sequence[str]) -> tuple[str, ...]:
    return (
        f"Aligned text: {pivot} with {', '.join(langs)}. One TU per group of {pivot} segments "
        "that every language aligns as a unit; n:m sides joined; x-bead, x-status and "
        "x-confidence describe each alignment.",
    )


@dataclass(slots=True)
class _Side:
    paragraphs: list[list[str]]
    beads: list[Bead]
    count: int = 0


class PivotChoice:
    """Which language of the file is the pivot, decided at the first TU that has it.

    The request (`--pivot`, else the header's `srclang`, else `en` for `*all*`) is a BCP 47
    range: the language of that tag first, else one the range matches (RFC 4647: `en` takes
    `en-GB`), preferring the header's `srclang`.
    """

    def __init__(self, reader: TmxReader, requested: str | None) -> None:
        self.reader = reader
        self.requested = requested
        self.lang: str | None = None

    @property
    def wanted(self) -> str:
        """The range asked for, as the messages name it."""
        if self.requested:
            return self.requested
        srclang = self.reader.header.srclang if self.reader.header else ""
        return srclang if srclang and srclang != "*all*" else "en"

    def source(self, unit: TranslationUnit) -> Variant | None:
        """The unit's pivot variant, or None."""
        if self.lang is None:
            wanted = self.wanted
            valid = langtags.is_valid(wanted, registered=False)
            key = self.reader.lang_of(wanted) if valid else ""
            found = unit.variant(key) if key else None
            if found is None and valid:
                srclang = self.reader.header.srclang if self.reader.header else ""
                matching = [v for v in unit.variants if langtags.matches(wanted, v.code or v.lang)]
                matching.sort(key=lambda v: (v.code or v.lang).lower() != srclang.lower())
                found = matching[0] if matching else None
            if found is None:
                return None
            self.lang = found.lang
        return unit.variant(self.lang)


def wanted_variant(langs: Sequence[str] | None, variant: Variant) -> bool:
    """Whether `--langs` takes this variant: its language, or a range matching its tag."""
    if not langs:
        return True
    return variant.lang in langs or any(
        langtags.matches(r, variant.code or variant.lang) for r in langs
    )


def code_of(variant: Variant) -> str:
    """The case-normalised tag the file wrote for the variant."""
    try:
        return langtags.normalize(variant.code or variant.lang, registered=False)
    except LanguageTagError:
        return variant.lang


def dropped_languages(
    path: str | Path, unseen: set[str], kept: Sequence[str], langs: Sequence[str] | None
) -> list[str]:
    """Warnings for languages only skipped TUs had: a whole language is never lost unsaid."""
    lost = sorted(
        lang for lang in unseen - set(kept) if not langs or wanted_variant(langs, Variant(lang, ()))
    )
    return [
        f"{path}: language {lang} is only in TUs without the pivot; not imported (--pivot "
        f"{lang} reads it)"
        for lang in lost
    ]


class ImportedTmx(NamedTuple):
    """A TMX read whole: its text, and what it said beside the text (`tmx_metadata`)."""

    text: ParallelText
    metadata: TmxMetadata


def import_tmx(
    path: str | Path,
    pivot: str | None = None,
    *,
    langs: Sequence[str] | None = None,
    lang_codes: Mapping[str, str] | None = None,
    warnings: list[str] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ParallelText:
    """Read a TMX into documents (one paragraph per TU) and beads (one per TU and language).

    `read_tmx(...).text`; use `read_tmx` to keep the memory's props, notes and attributes.
    """
    return read_tmx(
        path,
        pivot,
        langs=langs,
        lang_codes=lang_codes,
        warnings=warnings,
        progress=progress,
        workers=workers,
    ).text


def read_tmx(
    path: str | Path,
    pivot: str | None = None,
    *,
    langs: Sequence[str] | None = None,
    lang_codes: Mapping[str, str] | None = None,
    warnings: list[str] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportedTmx:
    """Read a TMX into a ParallelText and the metadata its TUs carried.

    Streams the file; `langs` limits the target languages read (default: all found; ranges
    match variants, RFC 4647); `workers` is the reader's (`TmxReader`). The pivot is `pivot`,
    else the header's `srclang` (see `PivotChoice`); every other language is kept, each
    variant apart, and `lang_codes` of the result holds the tag each was read with. The
    metadata is keyed by pivot paragraph, as `with_metadata` puts it back on an export.
    """
    codes = dict(DEFAULT_LANG_CODES)
    codes.update(lang_codes or {})
    reader = TmxReader(path, codes, workers=workers)
    choice = PivotChoice(reader, pivot)
    pivot_paragraphs: list[list[str]] = []
    pivot_count = 0
    sides: dict[str, _Side] = {}
    seen_codes: dict[str, str] = {}
    unseen: set[str] = set()  # languages of skipped TUs
    kept_units: dict[int, UnitMetadata] = {}
    skipped = 0
    for number, unit in enumerate(reader, start=1):
        source = choice.source(unit)
        if source is None or blank_variant(source):
            skipped += 1
            unseen.update(v.lang for v in unit.variants if not blank_variant(v))
            continue
        pivot = source.lang
        if pivot not in seen_codes:  # not setdefault: code_of parses a tag, once is enough
            seen_codes[pivot] = code_of(source)
        src = tuple(range(pivot_count, pivot_count + len(source.segments)))
        previous = len(pivot_paragraphs)
        kept = unit_metadata(unit, [source.lang, *(v.lang for v in unit.variants)])
        if kept is not None:
            kept_units[previous] = kept
        pivot_paragraphs.append(list(source.segments))
        pivot_count += len(source.segments)
        present: set[str] = set()
        for variant in unit.variants:
            lang = variant.lang
            if lang == pivot or not wanted_variant(langs, variant) or blank_variant(variant):
                continue
            side = sides.get(lang)
            if side is None:
                side = sides[lang] = _Side([], _gaps(pivot_paragraphs[:previous]))
                seen_codes[lang] = code_of(variant)
            present.add(lang)
            status, confidence = _status(variant, unit)
            tgt = tuple(range(side.count, side.count + len(variant.segments)))
            side.paragraphs.append(list(variant.segments))
            side.count += len(variant.segments)
            side.beads.append(Bead(src, tgt, status, confidence))
        for lang, side in sides.items():
            if lang not in present:
                side.beads.append(Bead(src, (), BeadStatus.AUTO, 0.0))
        if progress is not None and number % 1000 == 0:
            progress(number, 0)
    if not pivot_paragraphs or pivot is None:
        srclang = reader.header.srclang if reader.header else "?"
        raise FormatError(
            f"no TU has a {choice.wanted} variant (header srclang {srclang}); choose --pivot",
            path,
        )
    if skipped and warnings is not None:
        warnings.append(f"{path}: {skipped} TU(s) without a {pivot} text were skipped")
        warnings.extend(dropped_languages(path, unseen, [pivot, *sides], langs))
    if warnings is not None:
        warnings.extend(reader.warnings)
        if reader.worker_problem:
            warnings.append(f"{path}: read on in one process: {reader.worker_problem}")
    name = Path(path).name
    pivot_doc = Document(pivot, pivot_paragraphs, name)
    documents = {pivot: pivot_doc}
    alignments: dict[str, Alignment] = {}
    for lang in sides:
        documents[lang] = Document(lang, sides[lang].paragraphs, name)
        alignments[lang] = Alignment(pivot_doc, documents[lang], sides[lang].beads)
    text = ParallelText(pivot, documents, alignments)
    text.lang_codes = {lang: seen_codes[lang] for lang in documents}
    header_props, header_notes = header_metadata(reader.header)
    return ImportedTmx(text, TmxMetadata(header_props, header_notes, kept_units))


def _gaps(paragraphs: Sequence[Sequence[str]]) -> list[Bead]:
    """1-0 auto beads for TUs read before a language first appeared."""
    beads: list[Bead] = []
    position = 0
    for paragraph in paragraphs:
        beads.append(Bead(tuple(range(position, position + len(paragraph))), ()))
        position += len(paragraph)
    return beads


def blank_variant(variant: Variant) -> bool:
    # Every segment empty or white space (`str.strip` strips what `str.isspace` matches).
    segments = variant.segments
    return not (segments[0] if len(segments) == 1 else "".join(segments)).strip()


def link_status(confirmed: bool, confidence: float) -> str:
    """The end of an XCES `<link>`: its status and certainty attributes."""
    return f' status="{"man" if confirmed else "auto"}" certainty="{confidence:.4f}"/>\n'


UNALIGNED_LINK = link_status(False, 0.0)
CONFIRMED_LINK = link_status(True, 1.0)


@lru_cache(maxsize=4096)
def link_status_of(unit_props: Props, variant_props: Props) -> str:
    status, confidence = _status_of(unit_props, variant_props)
    return link_status(status is BeadStatus.CONFIRMED, confidence)


def _status(variant: Variant, unit: TranslationUnit) -> tuple[BeadStatus, float]:
    """A variant's review status and confidence from its `x-` props, else the TU's."""
    if not variant.props and not unit.props:
        return BeadStatus.CONFIRMED, 1.0
    return _status_of(unit.props, variant.props)


@lru_cache(maxsize=4096)
def _status_of(unit_props: Props, variant_props: Props) -> tuple[BeadStatus, float]:
    props = dict(unit_props)
    props.update(variant_props)
    status = BeadStatus.AUTO if props.get(PROP_STATUS) == "auto" else BeadStatus.CONFIRMED
    default = 1.0 if status is BeadStatus.CONFIRMED else 0.0
    try:
        confidence = float(props.get(PROP_CONFIDENCE, default))
    except ValueError:
        confidence = default
    if not 0.0 <= confidence <= 1.0:  # also rejects NaN
        confidence = default
    return status, confidence
