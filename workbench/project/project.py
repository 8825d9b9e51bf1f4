"""An open project: manifest and parallel text; loading and saving its folder, staged and atomic."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from workbench.core.alignment import Alignment, ParallelText
from workbench.core.atomic import AtomicBatch
from workbench.core.document import Document
from workbench.core.errors import FormatError, ProjectError
from workbench.core.langs import DEFAULT_LANG_CODES
from workbench.core.segmentation import segment_paragraphs
from workbench.formats import xces
from workbench.formats.plaintext import read_paragraphs
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
    def open(cls, root: str | Path | None = None) -> Project:
        """Open a project; documents never segmented yet are read and segmented now."""
        folder = find_project(root)
        manifest = Manifest.read(folder / MANIFEST)
        stored = folder / manifest.alignments_dir
        documents: dict[str, Document] = {}
        ids: dict[str, list[str]] = {}
        for lang, source in manifest.documents.items():
            segmented = document_file(stored, lang)
            if segmented.is_file():
                documents[lang], ids[lang] = xces.read_document(segmented, lang)
            else:
                documents[lang] = segment_file(folder / source, lang, _rules_dir(folder, manifest))
                ids[lang] = [s.id for s in documents[lang].segments]
        pivot = documents[manifest.pivot]
        alignments: dict[str, Alignment] = {}
        for lang, document in documents.items():
            path = alignment_file(stored, manifest.pivot, lang)
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
        save: bool = True,
    ) -> Project:
        """Make a new project folder from texts, segmented now, not yet aligned; saved unless
        `save` is false (to align first and write each file once)."""
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
            alignments_dir=ALIGNMENTS / name,
            glossary=_relative(Path(glossary), folder) if glossary else None,
        )
        project = cls(folder, manifest, ParallelText(pivot, segmented))
        if save:
            project.save()
        return project

    @classmethod
    def create_from_text(
        cls, text: ParallelText, root: str | Path, name: str | None = None
    ) -> Project:
        """Save an imported text as a new project in `root` (which must not hold one yet).

        The documents are also written as plain texts (`texts/<lang>.txt`, a paragraph a
        line) so the manifest names real files; all files are written or none.
        """
        folder = Path(root)
        if (folder / MANIFEST).exists():
            raise ProjectError(f"{folder} already holds a project; import into a new folder")
        name = name or folder.resolve().name
        manifest = Manifest(
            name=name,
            pivot=text.pivot,
            documents={lang: text_file(lang) for lang in text.documents},
            alignments_dir=ALIGNMENTS / name,
            # The tags the documents were read with (an import), written back on export.
            lang_codes={**DEFAULT_LANG_CODES, **text.lang_codes},
        )
        project = cls(folder, manifest, text)
        with AtomicBatch() as batch:
            for lang, document in text.documents.items():
                staged = batch.staged(folder / text_file(lang))
                staged.write_bytes(plain_text(lang, document).encode("utf-8"))
            batch.staged(folder / MANIFEST).write_text(manifest.to_toml(), encoding="utf-8")
            write_text_files(text, project.alignments_dir, batch)
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
        with AtomicBatch() as batch:
            if manifest:
                batch.staged(self.root / MANIFEST).write_text(
                    self.manifest.to_toml(), encoding="utf-8"
                )
            write_text_files(self.text, folder, batch, progress)


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
