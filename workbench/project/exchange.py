"""Exporting a project's text to exchange files: TMX (one multilingual file or one per pair), PO.

The mapping of a ParallelText to TUs is `workbench.formats.export`'s; this module decides
which files a project's export writes and names them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from workbench.core.alignment import ParallelText
from workbench.core.errors import AlignmentError, InputError
from workbench.core.langs import DEFAULT_LANG_CODES
from workbench.formats.export import exported_alignments, group_starts, header_notes, project_units
from workbench.formats.po import write_po
from workbench.formats.po_catalog import fits, write_into_catalog
from workbench.formats.tmx_omegat import omegat_units
from workbench.formats.tmx_units import Progress
from workbench.formats.tmx_writer import TmxStats, write_tmx
from workbench.project.tmx_metadata import ORIGIN_DIR, TmxMetadata, with_metadata

OMEGAT_NOTE = (
    "Written by workbench for OmegaT: inline tags are OmegaT tag shortcuts, and creationtool "
    "says OmegaT so that OmegaT reads them as its own and matches tagged segments."
)


def origin_catalogs(root: Path, langs: Sequence[str]) -> dict[str, Path]:
    """The imported catalogue of each of `langs` that has one in the project at `root`."""
    found = {lang: root / ORIGIN_DIR / f"{lang}.po" for lang in langs}
    return {lang: path for lang, path in found.items() if path.is_file()}


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
    metadata: TmxMetadata | None = None,
    for_omegat: bool = False,
) -> list[Path]:
    """Write one multilingual TMX at `path`, or (`pairs`) one TMX per pair; return the paths.

    With `pairs`, `path` is a folder (files `<pivot>-<lang>.tmx`), a file name (`sco.tmx` gives
    `sco-en-es.tmx`, ...) or a pattern holding `{lang}` (and `{pivot}`), e.g.
    `tmx/sco-{pivot}-{lang}.tmx`. `metadata` (what an imported TMX said beside its text,
    `tmx_metadata`) puts its header props and notes and each TU's props, notes and attributes
    back on the TUs that start where its TUs started. `for_omegat` writes inline codes as
    OmegaT's tag shortcuts under `creationtool="OmegaT"` (`formats.tmx_omegat`), the form
    in which OmegaT matches a tagged TU against its tagged segment.
    """
    chosen = [a.target.lang for a in exported_alignments(text, langs)]
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
        units = project_units(text, job_langs, only_confirmed, multilingual=not pairs)
        if metadata is not None:
            sizes = [len(p) for p in text.pivot_document.paragraphs]
            units = with_metadata(units, metadata, sizes)
        notes = header_notes(text.pivot, job_langs)
        if for_omegat:
            units = omegat_units(units, text.pivot)
            notes = (*notes, OMEGAT_NOTE)
        result = write_tmx(
            target,
            units,
            srclang=text.pivot,
            langs=[text.pivot, *job_langs],
            lang_codes=codes,
            creationdate=creationdate,
            header_props=metadata.header_props if metadata else (),
            header_notes=(
                *(metadata.header_notes if metadata else ()),
                *notes,
            ),
            creation_tool="OmegaT" if for_omegat else "workbench",
            replace_invalid=replace_invalid,
            progress=progress,
            total=total,
        )
        if stats is not None:
            stats.append(result)
        written.append(target)
    return written


def export_po(
    text: ParallelText,
    out: str | Path,
    langs: Sequence[str] | None = None,
    *,
    only_confirmed: bool = False,
    lang_codes: Mapping[str, str] | None = None,
    project: str = "workbench",
    creationdate: str | None = None,
    replace_invalid: bool = False,
    origins: Mapping[str, Path] | None = None,
    warnings: list[str] | None = None,
) -> list[Path]:
    """Write one PO file per target language; return the paths.

    `out` is a folder (files `<pivot>-<lang>.po`), a pattern holding `{lang}`, or, for one
    language, a file name ending in `.po`. A language with a catalogue in `origins` (the PO
    file it was imported from, see `ORIGIN_DIR`) is written into that catalogue
    (`formats.po_catalog`), keeping its header, contexts, references, flags and plural forms;
    `warnings` says when one no longer fits the alignment and the plain export is written.
    """
    chosen = list(langs) if langs else [g for g in text.target_langs if g in text.alignments]
    if not chosen:
        raise AlignmentError("nothing to export: the text has no alignment yet")
    written: list[Path] = []
    for lang in chosen:
        if lang not in text.alignments:
            raise AlignmentError(f"no {text.pivot}-{lang} alignment to export")
        if "{lang}" in str(out):
            path = Path(str(out).replace("{lang}", lang).replace("{pivot}", text.pivot))
        elif str(out).endswith(".po"):
            if len(chosen) > 1:
                raise InputError(f"{out}: several languages need a folder or a {{lang}} pattern")
            path = Path(out)
        else:
            path = Path(out) / f"{text.pivot}-{lang}.po"
        origin = (origins or {}).get(lang)
        if origin is not None and not only_confirmed:
            if fits(text.alignments[lang], origin):
                write_into_catalog(path, text.alignments[lang], origin, warnings)
                written.append(path)
                continue
            if warnings is not None:
                warnings.append(
                    f"{origin}: the alignment no longer has the imported catalogue's entries; "
                    f"{path} is a plain export (contexts and references are bead ids)"
                )
        write_po(
            path,
            text.alignments[lang],
            lang_codes=lang_codes,
            project=project,
            creationdate=creationdate,
            only_confirmed=only_confirmed,
            replace_invalid=replace_invalid,
        )
        written.append(path)
    return written
