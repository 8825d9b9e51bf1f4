"""Alignments: the coverage invariant and row lookups."""

from __future__ import annotations

import pytest

from tests.core.factories import document
from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.errors import AlignmentError


def test_valid_alignment_with_every_bead_kind() -> None:
    en, es = document("en", [4]), document("es", [4])
    beads = [bead([0], [0, 1]), bead([1], []), bead([], [2]), bead([2, 3], [3])]
    alignment = Alignment(en, es, beads)
    assert [b.kind for b in alignment.beads] == ["1-2", "1-0", "0-1", "2-1"]


@pytest.mark.parametrize(
    "beads, message",
    [
        ([bead([0], [0]), bead([2], [1])], "expected 1"),
        ([bead([0], [0])], "cover 1 of 2 source"),
        ([bead([0, 1], [0]), bead([], [])], "empty on both sides"),
        ([bead([1], [0]), bead([0], [1])], "expected 0"),
        ([bead([0, 1], [0, 1, 2])], "cover 3 of 2 target"),
    ],
)
def test_broken_alignments_are_refused(beads: list, message: str) -> None:
    with pytest.raises(AlignmentError, match=message):
        Alignment(document("en", [2]), document("es", [2]), beads)


def test_confidence_outside_unit_interval_is_refused() -> None:
    with pytest.raises(AlignmentError, match="confidence"):
        Alignment(document("en", [1]), document("es", [1]), [bead([0], [0], confidence=1.5)])


def test_row_lookup_skips_empty_sides() -> None:
    en, es = document("en", [3]), document("es", [3])
    alignment = Alignment(en, es, [bead([0], [0]), bead([], [1]), bead([1, 2], [2])])
    assert [alignment.row_of_source(i) for i in range(3)] == [0, 2, 2]
    assert [alignment.row_of_target(j) for j in range(3)] == [0, 1, 2]


def test_parallel_text_requires_alignments_from_the_pivot() -> None:
    en, es = document("en", [1]), document("es", [1])
    wrong = Alignment(es, en, [bead([0], [0])])
    with pytest.raises(AlignmentError, match="pivot"):
        ParallelText("en", {"en": en, "es": es}, {"es": wrong})


@pytest.mark.parametrize(
    "replacement, message",
    [
        ([bead([1], [1]), bead([3], [2])], "expected 2"),
        ([bead([1, 2], [1, 2]), bead([3], [])], "next bead starts at 3"),
        ([bead([1], [1]), bead([], [])], "empty on both sides"),
    ],
)
def test_check_region_finds_a_broken_splice(replacement: list, message: str) -> None:
    from workbench.core.alignment import check_region

    beads = [bead([0], [0]), bead([1], [1]), bead([2], [2]), bead([3], [3])]
    beads[1:3] = replacement
    with pytest.raises(AlignmentError, match=message):
        check_region(beads, 1, 1 + len(replacement), 4, 4)


def test_check_region_accepts_a_valid_splice_and_a_valid_end() -> None:
    from workbench.core.alignment import check_region

    beads = [bead([0], [0]), bead([1, 2], [1]), bead([], [2]), bead([3], [3])]
    check_region(beads, 1, 3, 4, 4)
    check_region(beads, 3, 4, 4, 4)
    with pytest.raises(AlignmentError, match="next bead starts at 5"):
        check_region(beads, 3, 4, 5, 4)
