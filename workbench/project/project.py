"""An open project: manifest and parallel text; loading and saving its folder, staged and atomic."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from workbench.core import langtags
from workbench.core.alignment import Alignment, ParallelText
from workbench.core.atomic import AtomicBatch
from workbench.core.document import Document
from workbench.core.errors import FormatError, LanguageTagError, ProjectError
from workbench.core.segmentation import segment_paragraphs
from workbench.formats import xces
from workbench.formats.plaintext import read_paragraphs
from workbench.formats.srx import load_rules
from workbench.project.manifest import MANIFEST, Manifest, find_project
from workbench.project.paths import check_name, inside, is_inside, outside_refused


class Project:
    """An open project: its manifest and its parallel text (documents + alignments)."""

    def __init__(self, root: Path, manifest: Manifest, text: ParallelText) -> None:
        self.allow_outside = False
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
            raise outside_refused(self.root, path, "[paths] glossary =")
        return path

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
        for lang, source in manifest.documents.items():
            segmented = stored / f"{lang}.xml"
            if segmented.is_file():
                documents[lang], ids[lang] = xces.read_document(segmented, lang)
            else:
                path = folder / source
                if not allow_outside and not is_inside(folder, path):
                    raise outside_refused(folder, source, f"[documents] {lang} =")
                rules = _rules_dir(folder, manifest)
                if rules is not None and not allow_outside and not is_inside(folder, rules):
                    raise outside_refused(folder, rules, "[paths] segmentation =")
                documents[lang] = segment_file(path, lang, rules)
                ids[lang] = [s.id for s in documents[lang].segments]
        pivot = documents[manifest.pivot]
        alignments: dict[str, Alignment] = {}
        for lang, document in documents.items():
            path = stored / f"{manifest.pivot}-{lang}.xml"
            if lang != manifest.pivot and path.is_file():
                alignments[lang] = xces.read_alignment(
                    path, pivot, document, ids[manifest.pivot], ids[lang]
                )
        project = cls(folder, manifest, ParallelText(manifest.pivot, documents, alignments))
        project.allow_outside = allow_outside
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
    ) -> Project:
        """Make a new project folder from texts (segmented now, not yet aligned) and save it."""
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
        segmented = {
            lang: segment_file(Path(path), lang, None, encoding) for lang, path in documents.items()
        }
        made = folder / "alignments" / name
        created = [p for p in (made, *made.parents) if not p.exists()]
        folder.mkdir(parents=True, exist_ok=True)
        manifest = Manifest(
            name=name,
            pivot=pivot,
            title=title,
            documents={lang: _relative(Path(p), folder) for lang, p in documents.items()},
            alignments_dir=Path("alignments") / name,
            glossary=_relative(Path(glossary), folder) if glossary else None,
        )
        project = cls(folder, manifest, ParallelText(pivot, segmented))
        try:
            project.save()
        except BaseException:
            remove_empty_folders(created)
            raise
        return project

    def save(
        self,
        progress: Callable[[int, int], None] | None = None,
        *,
        texts: Mapping[Path, str] | None = None,
    ) -> None:
        """Write the manifest, every document and every alignment; all of them or none.

        `texts` are more files to write in the same batch (paths relative to the root, which
        must stay inside it), such as the plain texts of an imported project.
        """
        self.write_snapshot(self.alignments_dir, progress, manifest=True, texts=texts)

    def write_snapshot(
        self,
        folder: Path,
        progress: Callable[[int, int], None] | None = None,
        *,
        manifest: bool = False,
        texts: Mapping[Path, str] | None = None,
    ) -> None:
        """Write documents and alignments into `folder` (the project's own, or a recovery copy).

        Every file is staged first and renamed into place only when all are written, so an
        interrupted save leaves the previous files as they were.
        """
        total = len(self.text.documents) + len(self.text.alignments)
        with AtomicBatch() as batch:
            for relative, content in (texts or {}).items():
                target = inside(self.root, relative, "a project file")
                batch.staged(target).write_text(content, encoding="utf-8")
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


def remove_empty_folders(created: list[Path]) -> None:
    """Remove the folders in `created` (innermost first) that a failed write left empty."""
    for path in created:
        if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
            path.rmdir()


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
