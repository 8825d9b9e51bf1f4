"""Importing a TMX file into a new project folder, streamed: bounded memory, all files or none."""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO, NamedTuple

from workbench.core.atomic import AtomicBatch
from workbench.core.errors import FormatError, ProjectError
from workbench.core.inline import plain
from workbench.core.langs import DEFAULT_LANG_CODES, segment_joiner
from workbench.formats.export import (
    CONFIRMED_LINK,
    UNALIGNED_LINK,
    PivotChoice,
    blank_variant,
    code_of,
    dropped_languages,
    link_status_of,
    wanted_variant,
)
from workbench.formats.tmx_inline import escape_attr, escape_text
from workbench.formats.tmx_reader import TmxReader
from workbench.formats.tmx_units import Progress
from workbench.formats.tmx_writer import FLUSH_UNITS
from workbench.project.layout import ALIGNMENTS, alignment_file, document_file, text_file
from workbench.project.manifest import MANIFEST, Manifest
from workbench.project.paths import check_name
from workbench.project.tmx_metadata import METADATA_FILE, MetadataWriter


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

    def __init__(self, batch: AtomicBatch, root: Path, folder: Path, lang: str, name: str):
        self.lang = lang
        self.count = 0
        self.paragraphs = 0
        self.joiner = segment_joiner(lang)
        self.stack = ExitStack()
        self.text = self.stack.enter_context(open(batch.staged(root / text_file(lang)), "wb"))  # noqa: SIM115
        self.doc = self.stack.enter_context(open(batch.staged(document_file(folder, lang)), "wb"))  # noqa: SIM115
        self.links: IO[bytes] | None = None
        self._doc_parts: list[str] = [
            f'{_XML_DECLARATION}\n<document lang="{escape_attr(lang)}" '
            f'name="{escape_attr(name)}">\n'
        ]
        self._text_parts: list[str] = []
        self._link_parts: list[str] = []

    def open_links(self, batch: AtomicBatch, folder: Path, pivot: str) -> None:
        """Start the pivot-`lang` XCES file (the target side of an alignment)."""
        path = batch.staged(alignment_file(folder, pivot, self.lang))
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
            self._text_parts.append(plain(segments[0]))
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
        self._text_parts.append(self.joiner.join(plain(segment) for segment in segments))
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
    if folder_root.exists() and not folder_root.is_dir():
        raise ProjectError(f"{folder_root} is a file; name a new folder for the project")
    name = check_name(name or folder_root.resolve().name, "the project name (--name)")
    folder = folder_root / ALIGNMENTS / name
    codes = dict(DEFAULT_LANG_CODES)
    codes.update(lang_codes or {})
    reader = TmxReader(path, codes, workers=workers)
    choice = PivotChoice(reader, pivot)
    label = Path(path).name
    counts = array("L")  # pivot segments per TU kept, to backfill a language seen late
    skipped = 0
    seen_codes: dict[str, str] = {}
    unseen: set[str] = set()  # languages of skipped TUs
    with AtomicBatch() as batch, ExitStack() as streams:
        sides: dict[str, _Stream] = {}
        main: _Stream | None = None
        kept: MetadataWriter | None = None
        for number, unit in enumerate(reader, start=1):
            source = choice.source(unit)
            if source is None or blank_variant(source):
                skipped += 1
                unseen.update(v.lang for v in unit.variants if not blank_variant(v))
                continue
            if main is None:
                pivot = source.lang
                seen_codes[pivot] = code_of(source)
                main = _Stream(batch, folder_root, folder, pivot, label)
                streams.callback(main.close)
            if kept is None:

                def open_file() -> IO[str]:
                    target = folder_root / METADATA_FILE
                    target.parent.mkdir(parents=True, exist_ok=True)
                    return batch.staged(target).open("w", encoding="utf-8")

                kept = MetadataWriter(open_file, reader.header)
                streams.callback(kept.close)
            kept.add(len(counts), unit, [source.lang, *(v.lang for v in unit.variants)])
            source_ids = main.add(source.segments)
            present: set[str] = set()
            for variant in unit.variants:
                lang = variant.lang
                if lang == pivot or not wanted_variant(langs, variant) or blank_variant(variant):
                    continue
                side = sides.get(lang)
                if side is None:
                    seen_codes[lang] = code_of(variant)
                    side = sides[lang] = _Stream(batch, folder_root, folder, lang, label)
                    streams.callback(side.close)
                    side.open_links(batch, folder, source.lang)
                    for tu, size in enumerate(counts, start=1):
                        ids = [f"{tu}:{s}" for s in range(1, size + 1)]
                        side.link(ids, (), UNALIGNED_LINK)
                present.add(lang)
                # as `_status` decides, as text
                status = (
                    link_status_of(unit.props, variant.props)
                    if variant.props or unit.props
                    else CONFIRMED_LINK
                )
                side.link(source_ids, side.add(variant.segments), status)
            if len(present) < len(sides):
                for lang, side in sides.items():
                    if lang not in present:
                        side.link(source_ids, (), UNALIGNED_LINK)
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
            documents={lang: text_file(lang) for lang in [pivot, *order]},
            alignments_dir=ALIGNMENTS / name,
            lang_codes={**DEFAULT_LANG_CODES, **seen_codes},
        )
        batch.staged(folder_root / MANIFEST).write_text(manifest.to_toml(), encoding="utf-8")
        streams.close()
    if warnings is not None:
        if skipped:
            warnings.append(f"{path}: {skipped} TU(s) without a {pivot} text were skipped")
        warnings.extend(dropped_languages(path, unseen, [pivot, *order], langs))
        warnings.extend(reader.warnings)
        if reader.worker_problem:
            warnings.append(f"{path}: read on in one process: {reader.worker_problem}")
    segments = {pivot: main.count, **{lang: sides[lang].count for lang in order}}
    return ImportSummary(folder_root, name, segments, skipped)
