"""Keeping the edited bead current, counting the problems left, and going to the next one."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QLabel

from workbench.core.alignment import ParallelText
from workbench.core.edits import Change
from workbench.gui.models.alignment_table import AlignmentTableModel, count_problems
from workbench.gui.models.filter_proxy import row_matches

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow


def follow(window: MainWindow, change: Change) -> None:
    """Keep the edited bead current and selected (after an edit, its undo and its redo).

    Rows an edit removes take Qt's current index with them (it falls to the row above),
    so the next shortcut would act on another bead: the window picks the row itself.
    A same-shape edit (a status change) keeps a current row it touched; otherwise the
    first row of the new beads becomes current (the last one for same-shape edits, so
    undoing "confirm above" shows the row it was made from).
    """
    model = window.model
    if model is None:
        return
    items = [c for c in change.beads if c.lang in model.layout.langs]
    if not items:
        return
    pair = window.pair_lang()
    item = next((c for c in items if c.lang == pair), items[0])
    rows = model.layout.rows_of_beads(item.lang, item.start, item.start + max(item.inserted, 1))
    if not rows:
        return
    same_shape = all(c.removed == c.inserted for c in items)
    current = window.current_row()
    if same_shape and current in rows and window.current_lang() == item.lang:
        return
    window.move_to_row(rows[-1] if same_shape else rows[0], item.lang)


class ProblemCount:
    """The status bar's count of omissions and low-confidence beads, kept per pair."""

    def __init__(self, label: QLabel) -> None:
        self.label = label
        self._counts: dict[str, tuple[int, int]] = {}

    def update(self, text: ParallelText | None, langs: Iterable[str] | None = None) -> None:
        """Recount omissions and weak beads of `langs` (all pairs when None) for the label."""
        if text is None:
            self.label.setText("")
            return
        alignments = text.alignments
        if langs is None:
            self._counts = {}
            langs = list(alignments)
        for lang in langs:  # one pair's 10k beads take ~3 ms: only the edited pairs are recounted
            if lang in alignments:
                self._counts[lang] = count_problems(alignments[lang].beads)
        omissions = sum(o for o, _ in self._counts.values())
        low = sum(w for _, w in self._counts.values())
        self.label.setText(
            f"{omissions} omission{'s' if omissions != 1 else ''} · {low} low confidence"
        )


def next_problem(window: MainWindow, backwards: bool = False) -> None:
    """Go to the next row with a finding or an unconfirmed low-confidence bead (F8)."""
    go_to_next(
        window,
        lambda model, row: (
            row_matches(model, row, with_findings=True)
            or row_matches(model, row, low_confidence=True)
        ),
        backwards,
        "no problem found: every bead is confident or confirmed, no omissions, no findings",
    )


def next_unconfirmed(window: MainWindow, backwards: bool = False) -> None:
    """Go to the next row with an unconfirmed bead (F7)."""
    go_to_next(
        window,
        lambda model, row: row_matches(model, row, unconfirmed=True),
        backwards,
        "every bead is confirmed",
    )


def go_to_next(
    window: MainWindow,
    wanted: Callable[[AlignmentTableModel, int], bool],
    backwards: bool,
    none_left: str,
) -> None:
    """Move to the next row (wrapping around) where `wanted(model, row)`, else say so."""
    model = window.model
    if model is None or not model.rowCount():
        return
    count = model.rowCount()
    start = window.current_row()
    step = -1 if backwards else 1
    for offset in range(1, count + 1):
        row = (start + step * offset) % count
        if wanted(model, row):
            window.move_to_row(row)
            return
    window.report(none_left)
