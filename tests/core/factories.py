"""Small factories for documents, alignments and parallel texts used across core tests."""

from __future__ import annotations

from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText, bead
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


def make_text() -> ParallelText:
    """A small three-language text whose pairs split the pivot differently.

    en has 6 segments; es pairs 0-1 as one bead (2:1) and has a target-only bead at the end;
    ru pairs 3-4 as one bead; zh is all 1:1 with one confirmed bead.
    """
    en = Document("en", [["One.", "Two."], ["Three.", "Four.", "Five.", "Six."]])
    es = Document("es", [["Uno y dos."], ["Tres.", "Cuatro.", "Cinco.", "Seis.", "Extra."]])
    ru = Document("ru", [["Один.", "Два."], ["Три.", "Четыре и пять.", "Шесть."]])
    zh = Document("zh", [["一。", "二。"], ["三。", "四。", "五。", "六。"]])
    alignments = {
        "es": Alignment(
            en,
            es,
            [
                bead([0, 1], [0], confidence=0.9),
                bead([2], [1], confidence=0.3),
                bead([3], [2], confidence=0.8),
                bead([4], [3], confidence=0.7),
                bead([5], [4], confidence=0.95),
                bead([], [5], confidence=0.2),
            ],
        ),
        "ru": Alignment(
            en,
            ru,
            [
                bead([0], [0], confidence=0.9),
                bead([1], [1], confidence=0.9),
                bead([2], [2], confidence=0.9),
                bead([3, 4], [3], confidence=0.6),
                bead([5], [4], confidence=0.9),
            ],
        ),
        "zh": Alignment(
            en,
            zh,
            [
                bead([i], [i], BeadStatus.CONFIRMED if i == 0 else BeadStatus.AUTO, 0.8)
                for i in range(6)
            ],
        ),
    }
    return ParallelText("en", {"en": en, "es": es, "ru": ru, "zh": zh}, alignments)


def alignment_from_kinds(en: Document, lang: str, kinds: list[tuple[int, int]]) -> Alignment:
    """An alignment of `en` built from bead shapes (n, m), cut to fit; the target is made."""
    n = len(en)
    beads, i, j = [], 0, 0
    for a, b in kinds:
        a = min(a, n - i)
        if a == 0 and b == 0:
            continue
        beads.append(bead(range(i, i + a), range(j, j + b)))
        i, j = i + a, j + b
    if i < n:
        beads.append(bead(range(i, n), [j]))
        j += 1
    if j == 0:  # a document needs a segment: give the translation a target-only one
        beads.append(bead([], [0]))
        j = 1
    return Alignment(en, document(lang, [j]), beads)


__all__ = [
    "Bead",
    "alignment_from_kinds",
    "beads_of",
    "document",
    "make_text",
    "one_to_one",
    "snapshot",
]
