"""Matches of one matcher over one document, cached per segment, and check progress."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from workbench.core.document import Document
from workbench.core.errors import CancelledError
from workbench.core.inline import visible
from workbench.terms.matching import Match, TermMatcher

Progress = Callable[[int, int], None]


class SegmentIds:
    """The ids of a document's segments by flat index, made when asked (a finding needs a
    few; building every Segment of a 100k-segment document costs a tenth of a second)."""

    def __init__(self, document: Document) -> None:
        self._document = document

    def __getitem__(self, index: int) -> str:
        return self._document.segment(index).id


class SegmentMatches:
    """Matches of one matcher over one document, computed once per segment.

    Given a ticker, every segment is matched up front in a tight loop (the pivot and the
    targets, where every segment is needed); otherwise on first use (the untranslated check).
    """

    def __init__(
        self,
        matcher: TermMatcher,
        document: Document,
        ticker: Ticker | None = None,
        texts: list[str] | None = None,
    ) -> None:
        self.matcher = matcher
        # Terms are matched in the visible text (inline codes out, a term split by a
        # formatting code reads whole) and findings' offsets point into it.
        self.texts = [visible(t) for t in (texts if texts is not None else document.texts)]
        self.ids = SegmentIds(document)
        self._all: list[list[Match]] | None = None
        self._cache: dict[int, list[Match]] = {}
        if ticker is not None:
            found: list[list[Match]] = []
            for start in range(0, len(self.texts), 512):
                chunk = self.texts[start : start + 512]
                found.extend(matcher.find_all(chunk))
                ticker.tick(len(chunk))
            self._all = found

    @property
    def all(self) -> list[list[Match]]:
        """Matches of every segment (matching the rest now if they were not matched yet)."""
        if self._all is None:
            self._all = [self.of(i) for i in range(len(self.texts))]
        return self._all

    def of(self, index: int) -> list[Match]:
        if self._all is not None:
            return self._all[index]
        found = self._cache.get(index)
        if found is None:
            found = self._cache[index] = self.matcher.find(self.texts[index])
        return found

    def bead(self, indices: Sequence[int], glue: str) -> tuple[str, list[Match]]:
        """The joined text of `indices` and their matches with offsets in that text."""
        if len(indices) == 1:
            index = indices[0]
            return self.texts[index], (
                self._all[index] if self._all is not None else self.of(index)
            )
        parts: list[str] = []
        matches: list[Match] = []
        offset = 0
        for index in indices:
            if parts:
                offset += len(glue)
            for m in self.of(index):
                matches.append(
                    Match(
                        m.concept_id,
                        m.term,
                        m.start + offset,
                        m.end + offset,
                        m.text,
                        m.exact,
                        m.variant,
                    )
                )
            parts.append(self.texts[index])
            offset += len(self.texts[index])
        return glue.join(parts), matches


class Ticker:
    """Counts work units, reports progress and honours cancellation every 512 units."""

    def __init__(
        self, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None
    ) -> None:
        self.total, self.done = total, 0
        self.progress, self.cancelled = progress, cancelled

    def tick(self, units: int = 1) -> None:
        before = self.done // 512
        self.done += units
        if self.done // 512 != before:
            if self.progress is not None:
                self.progress(min(self.done, self.total), self.total)
            if self.cancelled is not None and self.cancelled():
                raise CancelledError("terminology check cancelled")
