"""Where a project's files live, and the one writer of its documents, alignments and texts.

A project folder holds `workbench.toml`, the plain texts (`texts/<lang>.txt` for imported
projects, without inline codes), and in its alignments folder the segmented documents
(`<lang>.xml`, codes and all), the XCES alignments (`<pivot>-<lang>.xml`) and the dismissed
findings (`dismissals.json`). A recovery copy and a batch set's folder use the same names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from workbench.core.alignment import ParallelText
from workbench.core.atomic import AtomicBatch
from workbench.core.document import Document
from workbench.core.inline import plain
from workbench.core.langs import join_segments
from workbench.formats import xces

ALIGNMENTS = Path("alignments")
TEXTS = Path("texts")
TMX = Path("tmx")
DISMISSALS = "dismissals.json"

Progress = Callable[[int, int], None]


def document_file(folder: Path, lang: str) -> Path:
    """The segmented document of `lang` in an alignments folder."""
    return folder / f"{lang}.xml"


def alignment_file(folder: Path, pivot: str, lang: str) -> Path:
    """The XCES file of the `pivot`-`lang` pair in an alignments folder."""
    return folder / f"{pivot}-{lang}.xml"


def text_file(lang: str) -> Path:
    """The plain text of `lang`, relative to the project root (imported projects)."""
    return TEXTS / f"{lang}.txt"


def plain_text(lang: str, document: Document) -> str:
    """A document as plain text: one paragraph a line, its segments joined.

    Inline codes (a TMX or XLIFF import's) are not in it: a placeholder is its plain text
    (`%s`, `{0}`), formatting is left out (`inline.plain`), so the file reads as the text a
    person sees and a plain-text reader takes it as that. The codes live in the segmented
    documents, the project's record.
    """
    lines = [
        join_segments(lang, [plain(s) for s in paragraph]) for paragraph in document.paragraphs
    ]
    return "\n".join(lines) + "\n"


def write_text_files(
    text: ParallelText, folder: Path, batch: AtomicBatch, progress: Progress | None = None
) -> None:
    """Stage every document and alignment of `text` into `folder` (renamed when `batch` ends)."""
    total = len(text.documents) + len(text.alignments)
    done = 0
    for lang, document in text.documents.items():
        xces.write_document(batch.staged(document_file(folder, lang)), document)
        done += 1
        if progress:
            progress(done, total)
    for lang, alignment in text.alignments.items():
        xces.write_alignment(
            batch.staged(alignment_file(folder, text.pivot, lang)),
            alignment,
            document_file(Path(), text.pivot).name,
            document_file(Path(), lang).name,
        )
        done += 1
        if progress:
            progress(done, total)
