"""The alignment edits as the GUI offers them: which bead the selection means, and the edit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench.core import edits
from workbench.core.alignment import BeadStatus, ParallelText
from workbench.core.errors import EditError

if TYPE_CHECKING:
    from workbench.gui.commands import EditController
    from workbench.gui.main_window import MainWindow
    from workbench.gui.models.alignment_table import AlignmentTableModel


@dataclass(frozen=True, slots=True)
class Target:
    """The selection in core terms: table row, language pair, its beads in that row."""

    row: int
    lang: str
    start: int
    stop: int

    @property
    def first(self) -> int:
        """The first bead of the pair in the row."""
        return self.start

    @property
    def last(self) -> int:
        """The last bead of the pair in the row."""
        return self.stop - 1


class EditActions:
    """Turns the window's selection into core edits and performs them through the controller."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def text(self) -> ParallelText:
        """The window's parallel text (an edit needs one)."""
        if self.window.text is None:
            raise EditError("no text is open")
        return self.window.text

    @property
    def model(self) -> AlignmentTableModel:
        """The window's table model."""
        if self.window.model is None:
            raise EditError("no text is open")
        return self.window.model

    @property
    def controller(self) -> EditController:
        """The window's edit controller."""
        if self.window.controller is None:
            raise EditError("no text is open")
        return self.window.controller

    # -- where ---------------------------------------------------------------------------------
    def target(self) -> Target:
        """The current row and pair; raises EditError when the row has no bead of the pair."""
        window = self.window
        row = window.current_row()
        if row < 0:
            raise EditError("select a row first")
        lang = window.pair_lang()
        if lang is None:
            raise EditError("this project has no aligned language pair")
        start, stop = self.model.layout.bead_range(row, lang)
        if start >= stop:
            pair = self.text.pair_label(lang)
            raise EditError(f"row {row + 1} has no bead in the {pair} pair; pick another row")
        return Target(row, lang, start, stop)

    def _do(self, make) -> None:
        window = self.window
        try:
            edit = make()
            change = self.controller.perform(edit)
        except EditError as exc:
            window.report(str(exc))
            return
        if change is None:
            window.report("nothing to change")

    # -- alignment edits -----------------------------------------------------------------------
    def merge(self) -> None:
        """Merge the pair's bead with the next one (inside the row first, if it holds several)."""
        t = self.target()
        text = self.text
        self._do(
            lambda: edits.merge_next(text, t.lang, t.first if t.stop - t.start > 1 else t.last)
        )

    def split(self) -> None:
        """Split the pair's first splittable bead of the row after its first segment per side."""
        t = self.target()
        text = self.text
        beads = text.alignments[t.lang].beads
        for b in range(t.start, t.stop):
            item = beads[b]
            if len(item.source) + len(item.target) >= 2 and item.kind != "1-1":
                source_at, target_at = min(1, len(item.source)), min(1, len(item.target))
                self._do(
                    lambda b=b, s=source_at, g=target_at: edits.split_bead(text, t.lang, b, s, g)
                )
                return
        self.window.report(
            f"no bead of this row has more than one segment on a side ({self.text.tag(t.lang)})"
        )

    def shift(self, side: str, direction: str) -> None:
        """Move a segment of `side` across the bead boundary above or below."""
        t = self.target()
        text = self.text
        bead = t.first if direction == "up" else t.last
        self._do(lambda: edits.shift(text, t.lang, bead, side, direction))  # type: ignore[arg-type]

    def insert_empty(self, side: str = "target") -> None:
        """Detach the pair's bead into source-only and target-only beads."""
        t = self.target()
        text = self.text
        self._do(lambda: edits.insert_empty(text, t.lang, t.first, side))  # type: ignore[arg-type]

    def set_status(self, status: BeadStatus, advance: bool = True) -> None:
        """Confirm (or unconfirm) the pair's beads in every selected row."""
        t = self.target()
        window = self.window
        beads: list[int] = []
        for row in window.selected_rows() or [t.row]:
            start, stop = self.model.layout.bead_range(row, t.lang)
            beads.extend(range(start, stop))
        if not beads:
            raise EditError(f"the selected rows have no {self.text.tag(t.lang)} bead")
        self._do(lambda: edits.set_status(self.text, t.lang, beads, status))
        if advance and status is BeadStatus.CONFIRMED:
            window.move_to_row(max(window.selected_rows() or [t.row]) + 1)

    def confirm_above(self) -> None:
        """Confirm every bead of the pair up to and including this row."""
        t = self.target()
        self._do(lambda: edits.confirm_above(self.text, t.lang, t.last))

    # -- text edits ----------------------------------------------------------------------------
    def set_texts(self, row: int, lang: str, lines: list[str]) -> None:
        """Store edited texts of the segments shown in one cell."""
        window = self.window
        segments = self.model.segments(row, lang)
        if len(lines) != len(segments):
            window.report(
                f"the cell holds {len(segments)} segment(s) but the edit has {len(lines)} lines; "
                "use Ctrl+Shift+Enter to split a segment"
            )
            return
        text = self.text
        makers: list[Callable[[], edits.Edit]] = [
            functools.partial(edits.set_text, text, lang, index, new)
            for (index, _, old), new in zip(segments, lines, strict=True)
            if old != new
        ]
        if not makers:
            return
        try:
            if len(makers) == 1:
                self.controller.perform(makers[0]())
            else:
                self.controller.perform_all(
                    makers, f"Edit {len(makers)} {self.text.tag(lang)} segments"
                )
        except EditError as exc:
            window.report(str(exc))

    def split_segment(self, row: int, lang: str, line: int, offset: int) -> None:
        """Split the `line`-th segment of a cell at character `offset`."""
        segments = self.model.segments(row, lang)
        if not 0 <= line < len(segments):
            return
        index = segments[line][0]
        self._do(lambda: edits.split_segment(self.text, lang, index, offset))

    def merge_segments(self) -> None:
        """Merge the current cell's first segment with the next one of its paragraph."""
        window = self.window
        row = window.current_row()
        lang = window.current_lang()
        segments = self.model.segments(row, lang) if row >= 0 else []
        if not segments:
            window.report("select a cell with text first")
            return
        index = segments[0][0] if len(segments) > 1 else segments[-1][0]
        self._do(lambda: edits.merge_segments(self.text, lang, index))
