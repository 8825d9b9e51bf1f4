"""An open project: manifest and parallel text; loading and saving its folder, staged and atomic."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from workbench.core.alignment import Alignment, ParallelText
from workbench.core.atomic import AtomicBatch
from workbench.core.document import Document
from workbench.core.errors import FormatError, ProjectError
from workbench.core.segmentation import segment_paragraphs
from workbench.formats import xces
from workbench.formats.plaintext import read_paragraphs
from workbench.formats.srx import load_rules
from workbench.project.manifest import MANIFEST, Manifest, find_project


class Project:
    """An open project: its manifest and its parallel text (documents + alignments)."""

    def __init__(self, root: Path, manifest: Manifest, text: ParallelText) -> None:
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
        """The project's glossary file, if it has one."""
        return self.root / self.manifest.glossary if self.manifest.glossary else None

    @property
    def dismissals_path(self) -> Path:
        """Where dismissed terminology findings are kept."""
        return self.alignments_dir / "dismissals.json"

    @property
    def missing_alignments(self) -> list[str]:
        """Target languages with no alignment yet (to be aligned before review)."""
        return [lang for lang in self.text.target_langs if lang not in self.text.alignments]

    def document_path(self, lang: str, folder: Path | None = None) -> Path:
        """The segmented document file of `lang`."""
        return (folder or self.alignments_dir) / f"{lang}.xml"

    def alignment_path(self, lang: str, folder: Path | None = None) -> Path:
        """The XCES file of the pivot-`lang` pair."""
        return (folder or self.alignments_dir) / f"{self.text.pivot}-{lang}.xml"

    @classmethod
    def open(cls, root: str | Path | None = None) -> Project:
        """Open a project; documents never segmented yet are read and segmented now."""
        folder = find_project(root)
        manifest = Manifest.read(folder / MANIFEST)
        stored = folder / manifest.alignments_dir
        documents: dict[str, Document] = {}
        ids: dict[str, list[str]] = {}
        for lang, source in manifest.documents.items():
            segmented = stored / f"{lang}.xml"
            if segmented.is_file():
                documents[lang], ids[lang] = xces.read_document(segmented, lang)
            else:
                documents[lang] = segment_file(folder / source, lang, _rules_dir(folder, manifest))
                ids[lang] = [s.id for s in documents[lang].segments]
        pivot = documents[manifest.pivot]
        alignments: dict[str, Alignment] = {}
        for lang, document in documents.items():
            path = stored / f"{manifest.pivot}-{lang}.xml"
            if lang != manifest.pivot and path.is_file():
                alignments[lang] = xces.read_alignment(
                    path, pivot, document, ids[manifest.pivot], ids[lang]
                )
        return cls(folder, manifest, ParallelText(manifest.pivot, documents, alignments))

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
    ) -> Project:
        """Make a new project folder from texts (segmented now, not yet aligned) and save it."""
        folder = Path(root)
        if (folder / MANIFEST).exists():
            raise ProjectError(f"{folder} already holds a project")
        if pivot not in documents:
            raise ProjectError(f"the pivot language {pivot!r} has no document")
        folder.mkdir(parents=True, exist_ok=True)
        name = name or folder.resolve().name
        segmented = {
            lang: segment_file(Path(path), lang, None, encoding) for lang, path in documents.items()
        }
        manifest = Manifest(
            name=name,
            pivot=pivot,
            title=title,
            documents={lang: _relative(Path(p), folder) for lang, p in documents.items()},
            alignments_dir=Path("alignments") / name,
            glossary=_relative(Path(glossary), folder) if glossary else None,
        )
        project = cls(folder, manifest, ParallelText(pivot, segmented))
        project.save()
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
        interrupted save leaves the previous files as they were.
        """
        total = len(self.text.documents) + len(self.text.alignments)
        with AtomicBatch() as batch:
            if manifest:
                batch.staged(self.root / MANIFEST).write_text(
                    self.manifest.to_toml(), encoding="utf-8"
                )
            self._write_files(folder, batch, progress, total)

    def _write_files(
        self,
        folder: Path,
        batch: AtomicBatch,
        progress: Callable[[int, int], None] | None,
        total: int,
    ) -> None:
        done = 0
        for lang, document in self.text.documents.items():
            xces.write_document(batch.staged(self.document_path(lang, folder)), document)
            done += 1
            if progress:
                progress(done, total)
        for lang, alignment in self.text.alignments.items():
            xces.write_alignment(
                batch.staged(self.alignment_path(lang, folder)),
                alignment,
                f"{self.text.pivot}.xml",
                f"{lang}.xml",
            )
            done += 1
            if progress:
                progress(done, total)


def _rules_dir(folder: Path, manifest: Manifest) -> Path | None:
    return folder / manifest.segmentation if manifest.segmentation else None


def _relative(path: Path, folder: Path) -> Path:
    # Files inside the project folder are named relative to it (the folder can move);
    # files elsewhere keep their absolute path.
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return path.resolve()


def segment_file(
    path: Path, lang: str, rules_dir: Path | None = None, encoding: str | None = None
) -> Document:
    """Read a document (.txt, .docx, .html, .pdf, .odt, .rtf) and segment it."""
    paragraphs = read_paragraphs(path, encoding=encoding, lang=lang)
    rules = load_rules(lang, rules_dir)
    segmented = [p for p in segment_paragraphs(paragraphs, lang, rules) if p]
    if not segmented:
        raise FormatError("the document holds no text", path)
    return Document(lang, segmented, path.name)
