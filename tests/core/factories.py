"""Small factories for documents, alignments and parallel texts used across core tests."""

from __future__ import annotations

from workbench.core.alignment import Alignment, Bead, ParallelText, bead
from workbench.core.document import Document


def document(lang: str, sizes: list[int]) -> Document:
    """A document with paragraphs of the given sizes; texts say where they are."""
    return Document(
        lang, [[f"{lang} {p + 1}.{s + 1}." for s in range(n)] for p, n in enumerate(sizes)]
    )


def one_to_one(lang: str = "es", sizes: tuple[int, ...] = (2, 1, 3)) -> ParallelText:
    """An English text and one translation with the same shape, aligned 1-1."""
    en = document("en", list(sizes))
    other = document(lang, list(sizes))
    beads = [bead([i], [i]) for i in range(len(en))]
    return ParallelText("en", {"en": en, lang: other}, {lang: Alignment(en, other, beads)})


def snapshot(text: ParallelText) -> tuple[object, ...]:
    """Everything an edit may change, as comparable values."""
    return (
        tuple((lang, d.paragraphs) for lang, d in text.documents.items()),
        tuple((lang, tuple(a.beads)) for lang, a in text.alignments.items()),
    )


def beads_of(text: ParallelText, lang: str = "es") -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """The (source, target) index tuples of an alignment."""
    return [(b.source, b.target) for b in text.alignments[lang].beads]


__all__ = ["Bead", "beads_of", "document", "one_to_one", "snapshot"]
