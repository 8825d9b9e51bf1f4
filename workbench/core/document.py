"""One language version of a text: paragraphs of segments whose ids derive from position."""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from workbench.core.errors import EditError


@dataclass(frozen=True, slots=True)
class Segment:
    """A sentence or title line; `id` is `paragraph:sentence`, both counted from 1."""

    id: str
    text: str
    index: int
    paragraph: int


class Document:
    """A language version: a list of paragraphs, each a non-empty list of segment texts.

    Segments are addressed by their flat 0-based index (what alignments store) or by their id.
    Ids are renumbered when segments are split or merged; alignments are updated by the
    edits in `workbench.core.edits`, never by the document itself.
    """

    __slots__ = ("_count", "_flat", "_paragraphs", "_place", "_texts", "lang", "name")

    def __init__(self, lang: str, paragraphs: Iterable[Sequence[str]], name: str = "") -> None:
        self.lang = lang
        self.name = name
        self._flat: list[Segment] | None = None
        self._texts: list[str] | None = None
        self._place: list[tuple[int, int]] | None = None
        self._paragraphs: list[tuple[str, ...]] = [tuple(p) for p in paragraphs]
        self._count = sum(len(p) for p in self._paragraphs)
        for number, paragraph in enumerate(self._paragraphs, start=1):
            if not paragraph:
                raise EditError(f"{lang} document: paragraph {number} has no segment")

    @classmethod
    def from_segments(cls, lang: str, segments: Iterable[str], name: str = "") -> Document:
        """A document whose every segment is its own paragraph (one segment per line files)."""
        return cls(lang, ([s] for s in segments), name)

    def __len__(self) -> int:
        return self._count

    def __repr__(self) -> str:
        return f"Document({self.lang!r}, {len(self._paragraphs)} paragraphs, {len(self)} segments)"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Document):
            return NotImplemented
        return self.lang == other.lang and self._paragraphs == other._paragraphs

    __hash__ = None  # type: ignore[assignment]

    @property
    def paragraphs(self) -> tuple[tuple[str, ...], ...]:
        """The paragraphs, each a tuple of segment texts."""
        return tuple(self._paragraphs)

    @property
    def segments(self) -> list[Segment]:
        """All segments in document order (cached until the next change)."""
        if self._flat is None:
            # Rebuilt after every document edit, so written as one flat comprehension
            # (10k segments: ~9 ms as a loop of calls, ~4 ms like this).
            numbered = [
                (f"{p}:{s}", text, p)
                for p, paragraph in enumerate(self._paragraphs, start=1)
                for s, text in enumerate(paragraph, start=1)
            ]
            self._flat = [
                Segment(sid, text, index, p) for index, (sid, text, p) in enumerate(numbered)
            ]
        return self._flat

    @property
    def texts(self) -> list[str]:
        """The segment texts in document order."""
        return list(self._flat_texts()[0])

    def _flat_texts(self) -> tuple[list[str], list[tuple[int, int]]]:
        # Flat texts and (paragraph, sentence) numbers: cheap to rebuild after an edit, unlike
        # the full list of Segment objects, so single lookups (what a view does) use these.
        if self._texts is None or self._place is None:
            self._texts = list(itertools.chain.from_iterable(self._paragraphs))
            self._place = [
                (p, s)
                for p, paragraph in enumerate(self._paragraphs, start=1)
                for s in range(1, len(paragraph) + 1)
            ]
        return self._texts, self._place

    @property
    def paragraph_starts(self) -> list[int]:
        """Flat index of the first segment of each paragraph."""
        starts: list[int] = []
        count = 0
        for paragraph in self._paragraphs:
            starts.append(count)
            count += len(paragraph)
        return starts

    def segment(self, index: int) -> Segment:
        """The segment at flat index `index`."""
        if self._flat is not None and 0 <= index < self._count:
            return self._flat[index]
        if not 0 <= index < self._count:
            raise EditError(f"{self.lang} document has no segment number {index}")
        texts, place = self._flat_texts()
        p, s = place[index]
        return Segment(f"{p}:{s}", texts[index], index, p)

    def index_of(self, segment_id_: str) -> int:
        """The flat index of the segment with id `segment_id_` ("3:2")."""
        try:
            p_text, s_text = segment_id_.split(":")
            p, s = int(p_text), int(s_text)
            if p < 1 or s < 1:
                raise ValueError
            return self.paragraph_starts[p - 1] + _checked(s, len(self._paragraphs[p - 1]))
        except (ValueError, IndexError):
            raise EditError(f"{self.lang} document has no segment {segment_id_!r}") from None

    def locate(self, index: int) -> tuple[int, int]:
        """(paragraph, position in paragraph), both 0-based, of the segment at `index`."""
        if not 0 <= index < self._count:
            raise EditError(f"{self.lang} document has no segment number {index}")
        p, s = self._flat_texts()[1][index]
        return p - 1, s - 1

    def replace_paragraphs(self, paragraphs: Sequence[tuple[str, ...]]) -> None:
        """Swap in new paragraphs wholesale; used by edits and their undo."""
        self._paragraphs = list(paragraphs)
        self._count = sum(len(p) for p in self._paragraphs)
        self._flat = None
        self._texts = None
        self._place = None

    def copy(self) -> Document:
        """An independent copy."""
        return Document(self.lang, self._paragraphs, self.name)


def _checked(sentence: int, count: int) -> int:
    if sentence > count:
        raise IndexError(sentence)
    return sentence - 1
