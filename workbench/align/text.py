"""Aligning whole parallel texts, and re-aligning a stretch between confirmed beads.

The aligner takes word pairs (lexicons), never glossary files: `workbench.project.align`
turns a project's glossary into lexicons.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Protocol

from workbench.align.aligner import align_segments
from workbench.align.lexicon import Lexicon
from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.document import Document
from workbench.core.errors import AlignmentError

Progress = Callable[[int, int], None]
Cancel = Callable[[], bool]


class TermPairs(Protocol):
    """Anything that lists bilingual term pairs (a glossary)."""

    def term_pairs(self, src_lang: str, tgt_lang: str) -> list[tuple[str, str]]:
        """(source term, target term) pairs."""
        ...


def glossary_lexicons(glossary: TermPairs, pivot: str, langs: Iterable[str]) -> dict[str, Lexicon]:
    """One lexicon per target language from a glossary's approved term pairs."""
    return {
        lang: Lexicon.from_pairs(glossary.term_pairs(pivot, lang), pivot, lang) for lang in langs
    }


def _lexicon_for(lexicons: Mapping[str, Lexicon] | Lexicon | None, lang: str) -> Lexicon | None:
    if lexicons is None or isinstance(lexicons, Lexicon):
        return lexicons
    return lexicons.get(lang)


def align_text(
    text: ParallelText,
    langs: list[str] | None = None,
    *,
    lexicons: Mapping[str, Lexicon] | Lexicon | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    embeddings: bool | None = None,
) -> dict[str, Alignment]:
    """Align the pivot document with each other document (or those in `langs`).

    `lexicons` maps a target language to its lexicon (a single Lexicon serves every pair it
    fits). Progress is reported over all pairs together. Returns new alignments; `text` is not
    changed. `embeddings` as for align_segments (None: when the extra is installed).
    """
    pivot = text.pivot_document
    targets = [lang for lang in (langs or text.target_langs) if lang != text.pivot]
    for lang in targets:
        if lang not in text.documents:
            raise AlignmentError(f"the text has no {lang} document")
    weights = [len(pivot) + len(text.documents[lang]) + 1 for lang in targets]
    total = sum(weights)
    out: dict[str, Alignment] = {}
    done = 0
    for lang, weight in zip(targets, weights, strict=True):
        doc = text.documents[lang]

        def report(part: int, whole: int, _base: int = done, _weight: int = weight) -> None:
            if progress is not None and whole > 0:
                progress(_base + int(_weight * part / whole), total)

        beads = align_segments(
            pivot.texts,
            doc.texts,
            pivot.lang,
            doc.lang,
            source_paragraphs=list(pivot.paragraph_starts),
            target_paragraphs=list(doc.paragraph_starts),
            lexicon=_lexicon_for(lexicons, lang),
            progress=report,
            cancel=cancel,
            embeddings=embeddings,
        )
        out[lang] = Alignment(pivot, doc, beads)
        done += weight
    if progress is not None:
        progress(total, total)
    return out


def realign_stretch(
    alignment: Alignment,
    start: int,
    stop: int,
    *,
    lexicon: Lexicon | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    embeddings: bool | None = False,
) -> list[Bead]:
    """New beads for the segments of `alignment.beads[start:stop]`; confirmed beads stay.

    Confirmed beads inside the stretch are kept as they are and split it into pieces, each
    aligned on its own. The result replaces exactly `beads[start:stop]`. `embeddings` as for
    align_segments.
    """
    beads = alignment.beads
    if not 0 <= start <= stop <= len(beads):
        raise AlignmentError(f"cannot re-align rows {start}..{stop} of {len(beads)}")
    source: Document = alignment.source
    target: Document = alignment.target
    src_texts = source.texts
    tgt_texts = target.texts
    src_starts = set(source.paragraph_starts)
    tgt_starts = set(target.paragraph_starts)
    pieces: list[list[Bead] | Bead] = []
    current: list[Bead] = []
    for item in beads[start:stop]:
        if item.is_confirmed:
            if current:
                pieces.append(current)
                current = []
            pieces.append(item)
        else:
            current.append(item)
    if current:
        pieces.append(current)
    total = sum(len(p) for p in pieces if isinstance(p, list)) or 1
    done = 0
    out: list[Bead] = []
    for piece in pieces:
        if isinstance(piece, Bead):
            out.append(piece)
            continue
        src_idx = [i for b in piece for i in b.source]
        tgt_idx = [j for b in piece for j in b.target]
        s0 = src_idx[0] if src_idx else 0
        t0 = tgt_idx[0] if tgt_idx else 0

        def report(part: int, whole: int, _base: int = done, _size: int = len(piece)) -> None:
            if progress is not None and whole > 0:
                progress(_base + int(_size * part / whole), total)

        new = align_segments(
            [src_texts[i] for i in src_idx],
            [tgt_texts[j] for j in tgt_idx],
            source.lang,
            target.lang,
            source_paragraphs=_relative(src_idx, src_starts),
            target_paragraphs=_relative(tgt_idx, tgt_starts),
            lexicon=lexicon,
            progress=report,
            cancel=cancel,
            embeddings=embeddings,
        )
        for b in new:
            out.append(
                Bead(
                    tuple(s0 + i for i in b.source),
                    tuple(t0 + j for j in b.target),
                    BeadStatus.AUTO,
                    b.confidence,
                )
            )
        done += len(piece)
    if progress is not None:
        progress(total, total)
    return out


def _relative(indices: Sequence[int], starts: set[int]) -> list[int]:
    return [k for k, i in enumerate(indices) if i in starts]
