"""Beads and alignments: which source segments correspond to which target segments."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from workbench.core.document import Document
from workbench.core.errors import AlignmentError


class BeadStatus(StrEnum):
    """Review status of a bead: proposed by the aligner, or confirmed by a person."""

    AUTO = "auto"
    CONFIRMED = "confirmed"


@dataclass(frozen=True, slots=True)
class Bead:
    """One link: consecutive source segment indices to consecutive target segment indices."""

    source: tuple[int, ...]
    target: tuple[int, ...]
    status: BeadStatus = BeadStatus.AUTO
    confidence: float = 0.0

    @property
    def kind(self) -> str:
        """The bead type as aligners name it: "1-1", "2-1", "1-0"..."""
        return f"{len(self.source)}-{len(self.target)}"

    @property
    def is_confirmed(self) -> bool:
        """True once a person has confirmed the bead."""
        return self.status is BeadStatus.CONFIRMED

    def with_status(self, status: BeadStatus) -> Bead:
        """The same bead with another status."""
        return Bead(self.source, self.target, status, self.confidence)


def bead(
    source: Iterable[int],
    target: Iterable[int],
    status: BeadStatus = BeadStatus.AUTO,
    confidence: float = 0.0,
) -> Bead:
    """Build a bead from any iterables of indices."""
    return Bead(tuple(source), tuple(target), status, confidence)


@dataclass(slots=True)
class Alignment:
    """The ordered beads of one language pair, covering both documents exactly once, in order.

    The invariant is checked on construction and by `check()` after every edit.
    """

    source: Document
    target: Document
    beads: list[Bead] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.beads = list(self.beads)
        self.check()

    @property
    def pair(self) -> tuple[str, str]:
        """(source language, target language)."""
        return self.source.lang, self.target.lang

    def __len__(self) -> int:
        return len(self.beads)

    def check(self) -> None:
        """Raise AlignmentError unless the beads cover both documents once, in order."""
        check_beads(self.beads, len(self.source), len(self.target), self.pair)

    def row_of_source(self, index: int) -> int:
        """The row of the bead holding source segment `index`."""
        return _row_of(self.beads, index, is_source=True)

    def row_of_target(self, index: int) -> int:
        """The row of the bead holding target segment `index`."""
        return _row_of(self.beads, index, is_source=False)

    def source_texts(self, row: int) -> list[str]:
        """The texts of the source segments of bead `row`."""
        return [self.source.segment(i).text for i in self.beads[row].source]

    def target_texts(self, row: int) -> list[str]:
        """The texts of the target segments of bead `row`."""
        return [self.target.segment(j).text for j in self.beads[row].target]


def check_beads(
    beads: Sequence[Bead], n_source: int, n_target: int, pair: tuple[str, str] = ("?", "?")
) -> None:
    """Raise AlignmentError unless `beads` cover 0..n_source-1 and 0..n_target-1 in order."""
    next_source = next_target = 0
    label = f"{pair[0]}-{pair[1]} alignment"
    for row, item in enumerate(beads):
        if not item.source and not item.target:
            raise AlignmentError(f"{label}: bead {row + 1} is empty on both sides")
        if not 0.0 <= item.confidence <= 1.0:
            raise AlignmentError(f"{label}: bead {row + 1} has confidence {item.confidence}")
        for i in item.source:
            if i != next_source:
                raise AlignmentError(
                    f"{label}: bead {row + 1} has source segment {i}, expected {next_source}"
                )
            next_source += 1
        for j in item.target:
            if j != next_target:
                raise AlignmentError(
                    f"{label}: bead {row + 1} has target segment {j}, expected {next_target}"
                )
            next_target += 1
    if next_source != n_source:
        raise AlignmentError(f"{label}: beads cover {next_source} of {n_source} source segments")
    if next_target != n_target:
        raise AlignmentError(f"{label}: beads cover {next_target} of {n_target} target segments")


def check_region(
    beads: Sequence[Bead],
    start: int,
    stop: int,
    n_source: int,
    n_target: int,
    pair: tuple[str, str] = ("?", "?"),
) -> None:
    """Check rows `start`..`stop` of beads whose other rows were valid before they changed.

    The rows must continue exactly where the rows before them end and stop exactly where
    the rows after them begin (or at the end of each document): with the rest unchanged,
    that is the whole invariant, at the cost of the changed rows only.
    """
    label = f"{pair[0]}-{pair[1]} alignment"
    for is_source, total in ((True, n_source), (False, n_target)):
        expected = _covered_through(beads, start - 1, is_source)
        for row in range(start, stop):
            item = beads[row]
            if is_source and not item.source and not item.target:
                raise AlignmentError(f"{label}: bead {row + 1} is empty on both sides")
            if is_source and not 0.0 <= item.confidence <= 1.0:
                raise AlignmentError(f"{label}: bead {row + 1} has confidence {item.confidence}")
            for index in item.source if is_source else item.target:
                if index != expected:
                    side = "source" if is_source else "target"
                    raise AlignmentError(
                        f"{label}: bead {row + 1} has {side} segment {index}, expected {expected}"
                    )
                expected += 1
        following = _first_from(beads, stop, is_source, total)
        if expected != following:
            side = "source" if is_source else "target"
            raise AlignmentError(
                f"{label}: beads {start + 1}-{stop} end at {side} segment {expected}, "
                f"the next bead starts at {following}"
            )


def _covered_through(beads: Sequence[Bead], row: int, is_source: bool) -> int:
    """One past the last index held by rows 0..`row` on one side (0 when none)."""
    while row >= 0:
        side = beads[row].source if is_source else beads[row].target
        if side:
            return side[-1] + 1
        row -= 1
    return 0


def _first_from(beads: Sequence[Bead], row: int, is_source: bool, total: int) -> int:
    """The first index held by rows `row`.. on one side (`total` when none)."""
    while row < len(beads):
        side = beads[row].source if is_source else beads[row].target
        if side:
            return side[0]
        row += 1
    return total


def _row_of(beads: Sequence[Bead], index: int, *, is_source: bool) -> int:
    # Beads are in order, so "one past the last index held by rows 0..r" never decreases
    # with r: binary search for the first row where it passes `index` (finding that value
    # only walks back over beads empty on this side, which are rare).
    lo, hi = 0, len(beads)
    while lo < hi:
        mid = (lo + hi) // 2
        if _covered_through(beads, mid, is_source) > index:
            hi = mid
        else:
            lo = mid + 1
    if lo >= len(beads):
        raise AlignmentError(f"no bead holds {'source' if is_source else 'target'} {index}")
    return lo


class ParallelText:
    """The documents of one text in several languages and the pivot's alignment with each.

    Alignments are keyed by target language; every alignment's source is the pivot document.
    """

    def __init__(
        self,
        pivot: str,
        documents: dict[str, Document],
        alignments: dict[str, Alignment] | None = None,
    ) -> None:
        if pivot not in documents:
            raise AlignmentError(f"the pivot language {pivot!r} has no document")
        self.pivot = pivot
        self.documents = dict(documents)
        # The language tags the documents were read with, where a file said (import).
        self.lang_codes: dict[str, str] = {}
        self.alignments: dict[str, Alignment] = dict(alignments or {})
        for lang, alignment in self.alignments.items():
            if alignment.source is not self.documents[pivot]:
                raise AlignmentError(f"the {lang} alignment does not start from the pivot")
            if alignment.target is not self.documents.get(lang):
                raise AlignmentError(f"the {lang} alignment does not end in the {lang} document")

    def tag(self, lang: str) -> str:
        """The exact language tag of the `lang` document (`es-419`, `zh-TW`, `es-ES`): the one
        it was read with or the project's code for it, else `lang` itself. What a person sees."""
        return self.lang_codes.get(lang) or lang

    def pair_label(self, lang: str) -> str:
        """The pivot-`lang` pair as a person reads it: `en-US → zh-TW`."""
        return f"{self.tag(self.pivot)} → {self.tag(lang)}"

    @property
    def pivot_document(self) -> Document:
        """The pivot (source) document."""
        return self.documents[self.pivot]

    @property
    def target_langs(self) -> list[str]:
        """Every language but the pivot, in document order."""
        return [lang for lang in self.documents if lang != self.pivot]
