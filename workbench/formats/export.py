"""Project-level exchange: a ParallelText to TMX/PO files and back.

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
  `import_tmx` builds a ParallelText; `import_tmx_project` streams the same result straight
  into a new project's files in bounded memory (what `workbench import tmx` uses).

PO mapping (one file per target language): one entry per bead with pivot segments, with the
target-only beads that follow it (or, at the start, precede it) folded in, so every segment of
both documents is in the file; `msgctxt` = the pivot segment ids (`3:1+3:2`), `#:` = every
segment's `lang:id`, `#.` = bead type, status and confidence, `#, fuzzy` = not confirmed.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import IO, NamedTuple

from workbench.core import langtags
from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.atomic import AtomicBatch
from workbench.core.document import Document
from workbench.core.errors import (
    AlignmentError,
    FormatError,
    InputError,
    LanguageTagError,
    ProjectError,
)
from workbench.core.project import MANIFEST, Manifest
from workbench.core.rows import compute_rows
from workbench.formats.po import export_po, import_po
from workbench.formats.tmx import (
    DEFAULT_LANG_CODES,
    FLUSH_UNITS,
    Props,
    TmxReader,
    TmxStats,
    TranslationUnit,
    Variant,
    escape_attr,
    escape_text,
    format_confidence,
    segment_joiner,
    write_tmx,
)

__all__ = [
    "Group",
    "Part",
    "export_po",
    "export_tmx",
    "group_starts",
    "groups",
    "import_po",
    "import_tmx",
    "import_tmx_project",
    "pair_path",
    "project_units",
]

Progress = Callable[[int, int], None]
PROP_BEAD = "x-bead"
PROP_STATUS = "x-status"
PROP_CONFIDENCE = "x-confidence"


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


def _alignments(text: ParallelText, langs: Sequence[str] | None) -> list[Alignment]:
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
    alignments = _alignments(text, langs)
    layout = compute_rows(text, [a.target.lang for a in alignments])
    return [row.pivot_start for row in layout.rows if row.pivot_stop > row.pivot_start]


def groups(text: ParallelText, langs: Sequence[str] | None = None) -> Iterator[Group]:
    """The groups of `text` over `langs` (default: every aligned language), in order.

    A group is a body row of the pivot layout (`workbench.core.rows`); rows holding only
    target-only beads between groups are in no TU (they have no pivot text to match).
    """
    alignments = _alignments(text, langs)
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
    chosen = [a.target.lang for a in _alignments(text, langs)]
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


def _header_notes(pivot: str, langs: Sequence[str]) -> tuple[str, ...]:
    return (
        f"Aligned text: {pivot} with {', '.join(langs)}. One TU per group of {pivot} segments "
        "that every language aligns as a unit; n:m sides joined; x-bead, x-status and "
        "x-confidence describe each alignment.",
    )


def pair_path(out: str | Path, pivot: str, lang: str, suffix: str) -> Path:
    """The file of one pair, from a `{lang}` pattern, a file name or a folder.

    A pattern gets `{lang}` (and `{pivot}`) filled in; a name ending in `suffix` gets
    `-<pivot>-<lang>` before it; anything else is a folder receiving `<pivot>-<lang><suffix>`.
    """
    text = str(out)
    if "{lang}" in text:
        return Path(text.replace("{lang}", lang).replace("{pivot}", pivot))
    path = Path(out)
    if path.suffix.lower() == suffix:
        return path.with_name(f"{path.stem}-{pivot}-{lang}{suffix}")
    return path / f"{pivot}-{lang}{suffix}"


def export_tmx(
    text: ParallelText,
    path: str | Path,
    langs: Sequence[str] | None = None,
    pairs: bool = False,
    only_confirmed: bool = False,
    lang_codes: Mapping[str, str] | None = None,
    progress: Progress | None = None,
    *,
    creationdate: str | None = None,
    replace_invalid: bool = False,
    stats: list[TmxStats] | None = None,
) -> list[Path]:
    """Write one multilingual TMX at `path`, or (`pairs`) one TMX per pair; return the paths.

    With `pairs`, `path` is a folder (files `<pivot>-<lang>.tmx`), a file name (`sco.tmx` gives
    `sco-en-es.tmx`, ...) or a pattern holding `{lang}` (and `{pivot}`), e.g.
    `tmx/sco-{pivot}-{lang}.tmx`.
    """
    chosen = [a.target.lang for a in _alignments(text, langs)]
    codes = dict(DEFAULT_LANG_CODES)
    codes.update(lang_codes or {})
    jobs = (
        [([lang], pair_path(path, text.pivot, lang, ".tmx")) for lang in chosen]
        if pairs
        else [(chosen, Path(path))]
    )
    written: list[Path] = []
    for job_langs, target in jobs:
        total = len(group_starts(text, job_langs))
        result = write_tmx(
            target,
            project_units(text, job_langs, only_confirmed, multilingual=not pairs),
            srclang=text.pivot,
            langs=[text.pivot, *job_langs],
            lang_codes=codes,
            creationdate=creationdate,
            header_notes=_header_notes(text.pivot, job_langs),
            replace_invalid=replace_invalid,
            progress=progress,
            total=total,
        )
        if stats is not None:
            stats.append(result)
        written.append(target)
    return written


@dataclass(slots=True)
class _Side:
    paragraphs: list[list[str]]
    beads: list[Bead]
    count: int = 0


class _PivotChoice:
    """Which language of the file is the pivot, decided at the first TU that has it.

    The request (`--pivot`, else the header's `srclang`, else `en` for `*all*`) is a BCP 47
    range: a language of that exact tag first, else one the range matches (RFC 4647: `en`
    takes `en-US`), preferring the header's `srclang`.
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
            key = self.reader.lang_of(wanted) if langtags.is_valid(wanted, registered=False) else ""
            found = unit.variant(key) if key else None
            if found is None:
                srclang = self.reader.header.srclang if self.reader.header else ""
                matching = [v for v in unit.variants if langtags.matches(wanted, v.code or v.lang)]
                matching.sort(key=lambda v: (v.code or v.lang).lower() != srclang.lower())
                found = matching[0] if matching else None
            if found is None:
                return None
            self.lang = found.lang
        return unit.variant(self.lang)


def _dropped(
    path: str | Path, unseen: set[str], kept: Sequence[str], langs: Sequence[str] | None
) -> list[str]:
    """Warnings for languages only skipped TUs had: a whole language is never lost unsaid."""
    lost = sorted(
        lang for lang in unseen - set(kept) if not langs or _wanted(langs, Variant(lang, ()))
    )
    return [
        f"{path}: language {lang} is only in TUs without the pivot; not imported (--pivot "
        f"{lang} reads it)"
        for lang in lost
    ]


def _wanted(langs: Sequence[str] | None, variant: Variant) -> bool:
    """Whether `--langs` takes this variant: its language, or a range matching its tag."""
    if not langs:
        return True
    return variant.lang in langs or any(
        langtags.matches(r, variant.code or variant.lang) for r in langs
    )


def _code_of(variant: Variant) -> str:
    """The case-normalised tag the file wrote for the variant."""
    try:
        return langtags.normalize(variant.code or variant.lang, registered=False)
    except LanguageTagError:
        return variant.lang


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

    Streams the file; `langs` limits the target languages read (default: all found);
    `workers` is the reader's (`TmxReader`). The pivot is `pivot`, else the header's
    `srclang` (see `_PivotChoice`); every other language is kept, each variant apart.
    """
    codes = dict(DEFAULT_LANG_CODES)
    codes.update(lang_codes or {})
    reader = TmxReader(path, codes, workers=workers)
    choice = _PivotChoice(reader, pivot)
    pivot_paragraphs: list[list[str]] = []
    pivot_count = 0
    sides: dict[str, _Side] = {}
    seen_codes: dict[str, str] = {}
    unseen: set[str] = set()  # languages of skipped TUs
    skipped = 0
    for number, unit in enumerate(reader, start=1):
        source = choice.source(unit)
        if source is None or _blank(source):
            skipped += 1
            unseen.update(v.lang for v in unit.variants if not _blank(v))
            continue
        pivot = source.lang
        seen_codes.setdefault(pivot, _code_of(source))
        src = tuple(range(pivot_count, pivot_count + len(source.segments)))
        previous = len(pivot_paragraphs)
        pivot_paragraphs.append(list(source.segments))
        pivot_count += len(source.segments)
        present: set[str] = set()
        for variant in unit.variants:
            lang = variant.lang
            if lang == pivot or not _wanted(langs, variant) or _blank(variant):
                continue
            side = sides.get(lang)
            if side is None:
                side = sides[lang] = _Side([], _gaps(pivot_paragraphs[:previous]))
                seen_codes[lang] = _code_of(variant)
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
        warnings.extend(_dropped(path, unseen, [pivot, *sides], langs))
    if warnings is not None:
        warnings.extend(reader.warnings)
        if reader.worker_problem:
            warnings.append(f"{path}: read on in one process: {reader.worker_problem}")
    name = Path(path).name
    pivot_doc = Document(pivot, pivot_paragraphs, name)
    order = list(sides)
    documents = {pivot: pivot_doc}
    alignments: dict[str, Alignment] = {}
    for lang in order:
        documents[lang] = Document(lang, sides[lang].paragraphs, name)
        alignments[lang] = Alignment(pivot_doc, documents[lang], sides[lang].beads)
    text = ParallelText(pivot, documents, alignments)
    text.lang_codes = {lang: seen_codes[lang] for lang in documents}
    return text


def _gaps(paragraphs: Sequence[Sequence[str]]) -> list[Bead]:
    """1-0 auto beads for TUs read before a language first appeared."""
    beads: list[Bead] = []
    position = 0
    for paragraph in paragraphs:
        beads.append(Bead(tuple(range(position, position + len(paragraph))), ()))
        position += len(paragraph)
    return beads


def _blank(variant: Variant) -> bool:
    # Every segment empty or white space (`str.strip` strips what `str.isspace` matches).
    segments = variant.segments
    return not (segments[0] if len(segments) == 1 else "".join(segments)).strip()


def link_status(confirmed: bool, confidence: float) -> str:
    """The end of an XCES `<link>`: its status and certainty attributes."""
    return f' status="{"man" if confirmed else "auto"}" certainty="{confidence:.4f}"/>\n'


_UNALIGNED = link_status(False, 0.0)
_CONFIRMED = link_status(True, 1.0)


@lru_cache(maxsize=4096)
def _link_status_of(unit_props: Props, variant_props: Props) -> str:
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


class ImportSummary(NamedTuple):
    """What a streamed import wrote: the project folder, segments per language, TUs skipped."""

    root: Path
    name: str
    segments: dict[str, int]
    skipped: int


class _Stream:
    """One language's files of a streamed import: its document, plain text and alignment.

    Written as text, byte for byte what lxml writes for the project's own writers (the
    document of `formats.documents`, the XCES of `formats.xces`; a test compares them), in
    blocks of `FLUSH_UNITS` paragraphs: ~3x faster than element-by-element `xmlfile` writes.
    """

    def __init__(self, batch: AtomicBatch, folder: Path, texts: Path, lang: str, name: str):
        self.lang = lang
        self.count = 0
        self.paragraphs = 0
        self.joiner = segment_joiner(lang)
        self.stack = ExitStack()
        self.text = self.stack.enter_context(open(batch.staged(texts / f"{lang}.txt"), "wb"))  # noqa: SIM115
        self.doc = self.stack.enter_context(open(batch.staged(folder / f"{lang}.xml"), "wb"))  # noqa: SIM115
        self.links: IO[bytes] | None = None
        self._doc_parts: list[str] = [
            f'{_XML_DECLARATION}\n<document lang="{escape_attr(lang)}" '
            f'name="{escape_attr(name)}">\n'
        ]
        self._text_parts: list[str] = []
        self._link_parts: list[str] = []

    def open_links(self, batch: AtomicBatch, folder: Path, pivot: str) -> None:
        """Start the pivot-`lang` XCES file (the target side of an alignment)."""
        path = batch.staged(folder / f"{pivot}-{self.lang}.xml")
        self.links = self.stack.enter_context(open(path, "wb"))  # noqa: SIM115
        self._link_parts.append(
            f'{_XML_DECLARATION}\n<cesAlign version="1.0">\n<linkGrp targType="s" '
            f'fromDoc="{escape_attr(pivot)}.xml" toDoc="{escape_attr(self.lang)}.xml">\n'
        )

    def add(self, segments: Sequence[str]) -> list[str]:
        """Write one paragraph; return its segment ids."""
        self.paragraphs += 1
        number = self.paragraphs
        parts = self._doc_parts
        if len(segments) == 1:
            ident = f"{number}:1"
            parts.append(
                f'<p id="{number}">\n  <s id="{ident}">{escape_text(segments[0])}</s>\n</p>\n'
            )
            self._text_parts.append(segments[0])
            self.count += 1
            if len(parts) > FLUSH_UNITS:
                self.flush()
            return [ident]
        parts.append(f'<p id="{number}">\n')
        ids = []
        for index, segment in enumerate(segments, start=1):
            ident = f"{number}:{index}"
            ids.append(ident)
            parts.append(f'  <s id="{ident}">{escape_text(segment)}</s>\n')
        parts.append("</p>\n")
        self._text_parts.append(segments[0] if len(segments) == 1 else self.joiner.join(segments))
        self.count += len(segments)
        if len(parts) > FLUSH_UNITS * 3:
            self.flush()
        return ids

    def link(self, source: Sequence[str], target: Sequence[str], status: str) -> None:
        """Write one XCES link (as `workbench.formats.xces.write_alignment` does); `status` is
        its end, from `link_status`."""
        if len(source) == 1 and len(target) == 1:
            self._link_parts.append(f'<link xtargets="{source[0]};{target[0]}" type="1-1"{status}')
        else:
            self._link_parts.append(
                f'<link xtargets="{" ".join(source)};{" ".join(target)}" '
                f'type="{len(source)}-{len(target)}"{status}'
            )
        if len(self._link_parts) > FLUSH_UNITS:
            self.flush()

    def flush(self) -> None:
        """Write what is buffered."""
        if self._doc_parts:
            self.doc.write("".join(self._doc_parts).encode("utf-8"))
            self._doc_parts.clear()
        if self._text_parts:
            self._text_parts.append("")
            self.text.write("\n".join(self._text_parts).encode("utf-8"))
            self._text_parts.clear()
        if self._link_parts and self.links is not None:
            self.links.write("".join(self._link_parts).encode("utf-8"))
            self._link_parts.clear()

    def close(self) -> None:
        """Finish the files (in the order the project's own writers close them)."""
        if not self.paragraphs:
            self.text.write(b"\n")
        self._doc_parts.append("</document>")
        if self.links is not None:
            self._link_parts.append("</linkGrp>\n</cesAlign>")
        self.flush()
        self.stack.close()


_XML_DECLARATION = "<?xml version='1.0' encoding='utf-8'?>"


def import_tmx_project(
    path: str | Path,
    root: str | Path,
    pivot: str | None = None,
    *,
    name: str | None = None,
    langs: Sequence[str] | None = None,
    lang_codes: Mapping[str, str] | None = None,
    warnings: list[str] | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> ImportSummary:
    """Stream a TMX into a new project folder without holding the text: bounded memory.

    Writes the same files, byte for byte, as `import_tmx` followed by saving the project
    (manifest, `texts/<lang>.txt`, segmented documents, XCES alignments), all or none.
    `workers` is the reader's (`TmxReader`): parsing processes, by default one per CPU for
    a big file.
    """
    folder_root = Path(root)
    existed = folder_root.exists()
    try:
        return _import_tmx_project(
            path, folder_root, pivot, name, langs, lang_codes, warnings, progress, workers
        )
    except BaseException:
        if not existed:  # leave no empty folders behind either
            for folder in sorted(folder_root.rglob("*"), reverse=True):
                if folder.is_dir() and not any(folder.iterdir()):
                    folder.rmdir()
            if folder_root.is_dir() and not any(folder_root.iterdir()):
                folder_root.rmdir()
        raise


def _import_tmx_project(
    path: str | Path,
    folder_root: Path,
    pivot: str | None,
    name: str | None,
    langs: Sequence[str] | None,
    lang_codes: Mapping[str, str] | None,
    warnings: list[str] | None,
    progress: Progress | None,
    workers: int | None,
) -> ImportSummary:
    if (folder_root / MANIFEST).exists():
        raise ProjectError(f"{folder_root} already holds a project; import into a new folder")
    name = name or folder_root.resolve().name
    folder = folder_root / "alignments" / name
    texts = folder_root / "texts"
    codes = dict(DEFAULT_LANG_CODES)
    codes.update(lang_codes or {})
    reader = TmxReader(path, codes, workers=workers)
    choice = _PivotChoice(reader, pivot)
    label = Path(path).name
    counts = array("L")  # pivot segments per TU kept, to backfill a language seen late
    skipped = 0
    seen_codes: dict[str, str] = {}
    unseen: set[str] = set()  # languages of skipped TUs
    with AtomicBatch() as batch, ExitStack() as streams:
        sides: dict[str, _Stream] = {}
        main: _Stream | None = None
        for number, unit in enumerate(reader, start=1):
            source = choice.source(unit)
            if source is None or _blank(source):
                skipped += 1
                unseen.update(v.lang for v in unit.variants if not _blank(v))
                continue
            if main is None:
                pivot = source.lang
                seen_codes[pivot] = _code_of(source)
                main = _Stream(batch, folder, texts, pivot, label)
                streams.callback(main.close)
            source_ids = main.add(source.segments)
            present: set[str] = set()
            for variant in unit.variants:
                lang = variant.lang
                if lang == pivot or not _wanted(langs, variant) or _blank(variant):
                    continue
                side = sides.get(lang)
                if side is None:
                    seen_codes[lang] = _code_of(variant)
                    side = sides[lang] = _Stream(batch, folder, texts, lang, label)
                    streams.callback(side.close)
                    side.open_links(batch, folder, source.lang)
                    for tu, size in enumerate(counts, start=1):
                        ids = [f"{tu}:{s}" for s in range(1, size + 1)]
                        side.link(ids, (), _UNALIGNED)
                present.add(lang)
                # as `_status` decides, as text
                status = (
                    _link_status_of(unit.props, variant.props)
                    if variant.props or unit.props
                    else _CONFIRMED
                )
                side.link(source_ids, side.add(variant.segments), status)
            if len(present) < len(sides):
                for lang, side in sides.items():
                    if lang not in present:
                        side.link(source_ids, (), _UNALIGNED)
            counts.append(len(source_ids))
            if progress is not None and number % 1000 == 0:
                progress(number, 0)
        if not counts or main is None or pivot is None:
            srclang = reader.header.srclang if reader.header else "?"
            raise FormatError(
                f"no TU has a {choice.wanted} variant (header srclang {srclang}); choose --pivot",
                path,
            )
        order = list(sides)
        manifest = Manifest(
            name=name,
            pivot=pivot,
            documents={lang: Path("texts") / f"{lang}.txt" for lang in [pivot, *order]},
            alignments_dir=Path("alignments") / name,
            lang_codes={**DEFAULT_LANG_CODES, **seen_codes},
        )
        batch.staged(folder_root / MANIFEST).write_text(manifest.to_toml(), encoding="utf-8")
        streams.close()
    if warnings is not None:
        if skipped:
            warnings.append(f"{path}: {skipped} TU(s) without a {pivot} text were skipped")
        warnings.extend(_dropped(path, unseen, [pivot, *order], langs))
        warnings.extend(reader.warnings)
        if reader.worker_problem:
            warnings.append(f"{path}: read on in one process: {reader.worker_problem}")
    segments = {pivot: main.count, **{lang: sides[lang].count for lang in order}}
    return ImportSummary(folder_root, name, segments, skipped)
