"""Aligning a project's missing pairs, its glossary serving as a bilingual dictionary."""

from __future__ import annotations

from workbench.align.lexicon import Lexicon
from workbench.align.text import Cancel, Progress, align_text, glossary_lexicons
from workbench.core.alignment import Alignment
from workbench.project.glossary import load_glossary
from workbench.project.project import Project


def align_project(
    project: Project,
    langs: list[str] | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    embeddings: bool | None = None,
) -> dict[str, Alignment]:
    """Align the pivot with `langs` (default: the pairs not aligned yet) of a project.

    The project's glossary, when it has one, serves as a bilingual dictionary. Sentence
    embeddings follow `embeddings` when given, else the manifest's `[align] embeddings`.
    """
    wanted = project.missing_alignments if langs is None else langs
    lexicons: dict[str, Lexicon] | None = None
    glossary_path = project.glossary_file()
    if glossary_path is not None and glossary_path.is_file():
        glossary = load_glossary(glossary_path)
        lexicons = glossary_lexicons(glossary, project.text.pivot, wanted)
    if not wanted:
        return {}
    setting = embeddings if embeddings is not None else project.manifest.embeddings
    return align_text(
        project.text,
        wanted,
        lexicons=lexicons,
        progress=progress,
        cancel=cancel,
        embeddings=setting,
    )


def align_missing(
    project: Project,
    langs: list[str] | None = None,
    *,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> list[str]:
    """Align the pairs of `langs` (default: every target language) not aligned yet, and add
    them to the project's text; returns the languages aligned. Nothing is added if aligning
    fails or is cancelled. The project is not saved."""
    wanted = project.text.target_langs if langs is None else langs
    missing = [lang for lang in wanted if lang not in project.text.alignments]
    if missing:
        aligned = align_project(project, missing, progress=progress, cancel=cancel)
        project.text.alignments.update(aligned)
    return missing
