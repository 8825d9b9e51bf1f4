"""align_text over a parallel text and realign_stretch around confirmed beads."""

from __future__ import annotations

import pytest

from workbench.align import align_text, realign_stretch
from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText, check_beads
from workbench.core.document import Document
from workbench.core.errors import CancelledError

from .helpers import build


def _text() -> tuple[ParallelText, list[tuple[tuple[int, ...], tuple[int, ...]]]]:
    source, target, gold = build([(1, 1), (1, 1), (2, 1), (1, 1), (1, 2), (1, 1), (1, 1)])
    pivot = Document.from_segments("en", source)
    other = Document.from_segments("fr", target)
    return ParallelText("en", {"en": pivot, "fr": other}), gold


def test_align_text_aligns_the_pivot_with_each_document() -> None:
    text, gold = _text()
    calls: list[tuple[int, int]] = []
    result = align_text(text, progress=lambda d, t: calls.append((d, t)))
    assert set(result) == {"fr"}
    alignment = result["fr"]
    assert alignment.source is text.pivot_document
    assert [(b.source, b.target) for b in alignment.beads] == gold
    assert calls[-1][0] == calls[-1][1]


def test_align_text_can_be_cancelled() -> None:
    text, _gold = _text()
    with pytest.raises(CancelledError):
        align_text(text, cancel=lambda: True)


def test_realign_stretch_keeps_confirmed_beads() -> None:
    text, gold = _text()
    pivot, other = text.documents["en"], text.documents["fr"]
    # A wrong alignment: everything shifted; bead 3 is confirmed (and correct).
    confirmed = Bead(gold[3][0], gold[3][1], BeadStatus.CONFIRMED, 1.0)
    wrong = [
        Bead((0, 1), (0,)),
        Bead((2,), (1, 2)),
        Bead((3,), ()),
        confirmed,
        Bead((5,), (4,)),
        Bead((6,), (5, 6)),
        Bead((7,), (7,)),
    ]
    check_beads(wrong, len(pivot), len(other))
    alignment = Alignment(pivot, other, wrong)
    new = realign_stretch(alignment, 0, len(wrong))
    check_beads(new, len(pivot), len(other))
    assert confirmed in new
    assert [(b.source, b.target) for b in new] == gold


def test_realign_stretch_replaces_only_the_given_rows() -> None:
    text, gold = _text()
    pivot, other = text.documents["en"], text.documents["fr"]
    beads = [Bead(s, t, BeadStatus.CONFIRMED, 1.0) for s, t in gold]
    # Break rows 2..4 into a wrong shape, then re-align just those rows.
    start, stop = 2, 5
    segs_s = [i for s, _ in gold[start:stop] for i in s]
    segs_t = [j for _, t in gold[start:stop] for j in t]
    broken = [Bead(tuple(segs_s), ()), Bead((), tuple(segs_t))]
    alignment = Alignment(pivot, other, beads[:start] + broken + beads[stop:])
    new = realign_stretch(alignment, start, start + len(broken))
    assert [(b.source, b.target) for b in new] == gold[start:stop]
    assert all(b.status is BeadStatus.AUTO for b in new)
