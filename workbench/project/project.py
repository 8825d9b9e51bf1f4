"""An open project: manifest and parallel text; loading and saving its folder, staged and atomic."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from workbench.core import langtags
from workbench.core.alignment import Alignment, ParallelText
from workbench.core.atomic import AtomicBatch
from workbench.core.document import Document
from workbench.core.errors import FormatError, LanguageTagError, ProjectError
from workbench.core.langs import DEFAULT_LANG_CODES
from workbench.core.segmentation import segment_paragraphs
from workbench.formats import xces
from workbench.formats.furniture import ReadingOptions, Removed
from workbench.formats.plaintext import read_document
from workbench.formats.srx import load_rules
from workbench.project.layout import (
    ALIGNMENTS,
    DISMISSALS,
    alignment_file,
    document_file,
    plain_text,
    text_file,
    write_text_files,
)
from workbench.project.manifest import MANIFEST, Manifest, find_project
from workbench.project.paths import check_name, is_inside, outside_refused
from workbench.project.tmx_metadata import METADATA_FILE, TmxMetadata, metadata_lines


@dataclass(frozen=True, slots=True)
class ReadingReport:
    """What reading one document took out (page furniture) and what it warned of."""

    removed: list[Removed] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Project:
    """An open project: its manifest and its parallel text (documents + alignments)."""

    def __init__(self, root: Path, manifest: Manifest, text: ParallelText) -> None:
        self.allow_outside = False
        # Files from outside the folder that the next save copies in (relative path -> source).
        self.adopted: dict[Path, Path] = {}
        # Per language, what reading its document removed and warned of (when it was read
        # from its source file now, not from the project's segmented copy).
        self.reports: dict[str, ReadingReport] = {}
        self.root = root
        self.manifest = manifest
        self.text = text

    @property
    def name(self) -> str:
        """The project's short name."""
        return self.manifest.name

    @property
    def alignments_dir(self) -> Path:
        """Where the segmented documents and XCES files live."""
        return self.root / self.manifest.alignments_dir

    @property
    def tmx_dir(self) -> Path:
        """Where TMX exports go."""
        return self.root / self.manifest.tmx_dir

    @property
    def glossary_path(self) -> Path | None:
        """The project's glossary file, if it has one (see `glossary_file` to read it)."""
        return self.root / self.manifest.glossary if self.manifest.glossary else None

    def glossary_file(self) -> Path | None:
        """The glossary file to read; one outside the project only if `allow_outside`."""
        path = self.glossary_path
        if path is not None and not self.allow_outside and not is_inside(self.root, path):
            raise outside_refused(self.root, path, f"{MANIFEST} [paths] glossary =")
        return path

    @property
    def dismissals_path(self) -> Path:
        """Where dismissed terminology findings are kept."""
        return self.alignments_dir / DISMISSALS

    @property
    def missing_alignments(self) -> list[str]:
        """Target languages with no alignment yet (to be aligned before review)."""
        return [lang for lang in self.text.target_langs if lang not in self.text.alignments]

    def document_path(self, lang: str, folder: Path | None = None) -> Path:
        """The segmented document file of `lang`."""
        return document_file(folder or self.alignments_dir, lang)

    def alignment_path(self, lang: str, folder: Path | None = None) -> Path:
        """The XCES file of the pivot-`lang` pair."""
        return alignment_file(folder or self.alignments_dir, self.text.pivot, lang)

    @classmethod
    def open(cls, root: str | Path | None = None, *, allow_outside: bool = False) -> Project:
        """Open a project; documents never segmented yet are read and segmented now.

        A document, rules folder or glossary the manifest names outside the project folder
        is read only with `allow_outside` (a manifest from a stranger may name `/etc/passwd`).
        """
        folder = find_project(root)
        manifest = Manifest.read(folder / MANIFEST)
        stored = folder / manifest.alignments_dir
        documents: dict[str, Document] = {}
        ids: dict[str, list[str]] = {}
        reports: dict[str, ReadingReport] = {}
        for lang, source in manifest.documents.items():
            segmented = document_file(stored, lang)
            if segmented.is_file():
                documents[lang], ids[lang] = xces.read_document(segmented, lang)
            else:
                path = folder / source
                if not allow_outside and not is_inside(folder, path):
                    raise outside_refused(folder, source, f"{MANIFEST} [documents] {lang} =")
                rules = _rules_dir(folder, manifest)
                if rules is not None and not allow_outside and not is_inside(folder, rules):
                    raise outside_refused(folder, rules, f"{MANIFEST} [paths] segmentation =")
                documents[lang], reports[lang] = read_segmented(
                    path, lang, rules, reading=manifest.reading
                )
                ids[lang] = [s.id for s in documents[lang].segments]
        pivot = documents[manifest.pivot]
        alignments: dict[str, Alignment] = {}
        for lang, document in documents.items():
            path = alignment_file(stored, manifest.pivot, lang)
            if lang != manifest.pivot and path.is_file():
                alignments[lang] = xces.read_alignment(
                    path, pivot, document, ids[manifest.pivot], ids[lang]
                )
        text = ParallelText(manifest.pivot, documents, alignments)
        text.lang_codes = {lang: manifest.lang_codes.get(lang, lang) for lang in documents}
        project = cls(folder, manifest, text)
        project.allow_outside = allow_outside
        project.reports = reports
        return project

    @classmethod
    def create(
        cls,
        root: str | Path,
        pivot: str,
        documents: Mapping[str, str | Path],
        name: str | None = None,
        *,
        title: str = "",
        glossary: str | Path | None = None,
        encoding: str | None = None,
        reading: ReadingOptions | None = None,
        save: bool = True,
    ) -> Project:
        """Make a new project folder from texts, segmented now, not yet aligned; saved unless
        `save` is false (to align first and write each file once).

        `reading` says how PDF, ODT and RTF documents are read (kept in the manifest, so the
        project reads them the same way again); what was removed is in `reports`.
        """
        folder = Path(root)
        if folder.exists() and not folder.is_dir():
            raise ProjectError(f"{folder} is a file; name a new folder for the project")
        if (folder / MANIFEST).exists():
            raise ProjectError(f"{folder} already holds a project")
        if pivot not in documents:
            raise ProjectError(f"the pivot language {pivot!r} has no document")
        name = check_name(name or folder.resolve().name, "the project name")
        for lang in documents:
            try:
                langtags.parse(lang, source="document language", registered=False)
            except LanguageTagError as exc:
                raise ProjectError(exc.problem) from None
        # Everything is read and segmented before the folder is made: a bad document leaves
        # nothing behind.
        reading = reading or ReadingOptions()
        read = {
            lang: read_segmented(Path(path), lang, None, encoding, reading)
            for lang, path in documents.items()
        }
        segmented = {lang: document for lang, (document, _) in read.items()}
        adopted: dict[Path, Path] = {}
        manifest = Manifest(
            name=name,
            pivot=pivot,
            title=title,
            documents={
                lang: _adopt(Path(p), folder, Path("texts") / lang, adopted)
                for lang, p in documents.items()
            },
            alignments_dir=ALIGNMENTS / name,
            glossary=_adopt(Path(glossary), folder, Path("glossary"), adopted)
            if glossary
            else None,
            reading=reading,
        )
        project = cls(folder, manifest, ParallelText(pivot, segmented))
        project.adopted = adopted
        project.reports = {lang: report for lang, (_, report) in read.items()}
        if save:
            project.save()
        return project

    @classmethod
    def create_from_text(
        cls,
        text: ParallelText,
        root: str | Path,
        name: str | None = None,
        *,
        tmx_metadata: TmxMetadata | None = None,
    ) -> Project:
        """Save an imported text as a new project in `root` (which must not hold one yet).

        The documents are also written as plain texts (`texts/<lang>.txt`, a paragraph a
        line) so the manifest names real files; `tmx_metadata` (what an imported memory said
        beside its text, `read_tmx`) goes to `origin/tmx.jsonl` for the exports to write back.
        All files are written or none.
        """
        folder = Path(root)
        if folder.exists() and not folder.is_dir():
            raise ProjectError(f"{folder} is a file; name a new folder for the project")
        if (folder / MANIFEST).exists():
            raise ProjectError(f"{folder} already holds a project; import into a new folder")
        name = check_name(name or folder.resolve().name, "the project name (--name)")
        manifest = Manifest(
            name=name,
            pivot=text.pivot,
            documents={lang: text_file(lang) for lang in text.documents},
            alignments_dir=ALIGNMENTS / name,
            # The tags the documents were read with (an import), written back on export.
            lang_codes={**DEFAULT_LANG_CODES, **text.lang_codes},
        )
        project = cls(folder, manifest, text)
        lines = metadata_lines(tmx_metadata) if tmx_metadata is not None else []
        created = missing_folders(
            project.alignments_dir,
            folder / text_file(text.pivot).parent,
            *([(folder / METADATA_FILE).parent] if lines else []),
        )
        try:
            with AtomicBatch() as batch:
                for lang, document in text.documents.items():
                    staged = batch.staged(folder / text_file(lang))
                    staged.write_bytes(plain_text(lang, document).encode("utf-8"))
                batch.staged(folder / MANIFEST).write_text(manifest.to_toml(), encoding="utf-8")
                write_text_files(text, project.alignments_dir, batch)
                if lines:
                    (folder / METADATA_FILE).parent.mkdir(parents=True, exist_ok=True)
                    batch.staged(folder / METADATA_FILE).write_text("".join(lines), "utf-8")
        except BaseException:
            remove_empty_folders(created)
            raise
        return project

    def save(self, progress: Callable[[int, int], None] | None = None) -> None:
        """Write the manifest, every document and every alignment; all of them or none."""
        self.write_snapshot(self.alignments_dir, progress, manifest=True)

    def write_snapshot(
        self,
        folder: Path,
        progress: Callable[[int, int], None] | None = None,
        *,
        manifest: bool = False,
    ) -> None:
        """Write documents and alignments into `folder` (the project's own, or a recovery copy).

        Every file is staged first and renamed into place only when all are written, so an
        interrupted save leaves the previous files as they were, and the folders it had to
        make are removed again.
        """
        copies = self.adopted if manifest else {}
        created = missing_folders(folder, *((self.root / r).parent for r in copies))
        try:
            with AtomicBatch() as batch:
                if manifest:
                    batch.staged(self.root / MANIFEST).write_text(
                        self.manifest.to_toml(), encoding="utf-8"
                    )
                write_text_files(self.text, folder, batch, progress)
                for relative, source in copies.items():
                    batch.staged(self.root / relative).write_bytes(source.read_bytes())
        except BaseException:
            remove_empty_folders(created)
            raise
        if manifest:
            self.adopted = {}


def missing_folders(*folders: Path) -> list[Path]:
    """The folders among `folders` and their parents that do not exist yet, innermost first."""
    missing = {p for f in folders for p in (f, *f.parents) if not p.exists()}
    return sorted(missing, key=lambda p: -len(p.parts))


def remove_empty_folders(created: list[Path]) -> None:
    """Remove the folders in `created` (innermost first) that a failed write left empty."""
    for path in created:
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()


def _rules_dir(folder: Path, manifest: Manifest) -> Path | None:
    return folder / manifest.segmentation if manifest.segmentation else None


def _adopt(path: Path, folder: Path, place: Path, adopted: dict[Path, Path]) -> Path:
    """`path` relative to the project folder; a file from elsewhere is copied in under `place`.

    Every file the manifest names is then inside the folder, with a relative path, so the
    folder can be moved, zipped and shared.
    """
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        pass
    copy = place / path.name
    adopted[copy] = path  # copied by the first save, with the project's other files
    return copy


def segment_file(
    path: Path,
    lang: str,
    rules_dir: Path | None = None,
    encoding: str | None = None,
    reading: ReadingOptions | None = None,
) -> Document:
    """Read a document (.txt, .docx, .html, .pdf, .odt, .rtf) and segment it."""
    return read_segmented(path, lang, rules_dir, encoding, reading)[0]


def read_segmented(
    path: Path,
    lang: str,
    rules_dir: Path | None = None,
    encoding: str | None = None,
    reading: ReadingOptions | None = None,
) -> tuple[Document, ReadingReport]:
    """Read a document and segment it; with what reading it removed and warned of."""
    reading = reading or ReadingOptions()
    cleaned = read_document(path, encoding, lang=lang, keep_furniture=reading.keep_furniture)
    rules = load_rules(lang, rules_dir)
    paragraphs = cleaned.all_paragraphs(reading.footnotes)
    segmented = [p for p in segment_paragraphs(paragraphs, lang, rules) if p]
    if not segmented:
        raise FormatError("the document holds no text", path)
    report = ReadingReport(list(cleaned.removed), list(cleaned.warnings))
    return Document(lang, segmented, path.name), report
