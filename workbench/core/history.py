"""Undo and redo over a parallel text's edits; the GUI's undo stack drives this."""

from __future__ import annotations

from workbench.core.alignment import ParallelText
from workbench.core.edits import Change, Edit, apply_edit
from workbench.core.errors import EditError


class History:
    """A linear history of applied edits with an undo pointer and a clean (saved) mark."""

    def __init__(self, text: ParallelText, limit: int = 10_000) -> None:
        self.text = text
        self.limit = limit
        self._done: list[Edit] = []
        self._undone: list[Edit] = []
        self._clean_depth: int | None = 0
        self._dropped = 0

    def do(self, edit: Edit) -> Change:
        """Apply `edit`, record it, and forget anything that was undone before it."""
        change = apply_edit(self.text, edit)
        self._done.append(edit)
        if self._clean_depth is not None and self._clean_depth > len(self._done) - 1:
            self._clean_depth = None  # the saved state was in the discarded redo branch
        self._undone.clear()
        if len(self._done) > self.limit:
            self._done.pop(0)
            self._dropped += 1
            if self._clean_depth is not None:
                self._clean_depth -= 1
                if self._clean_depth < 0:
                    self._clean_depth = None
        return change

    def undo(self) -> Change:
        """Revert the last applied edit."""
        if not self._done:
            raise EditError("there is nothing to undo")
        edit = self._done.pop()
        change = apply_edit(self.text, edit, undo=True)
        self._undone.append(edit)
        return change

    def redo(self) -> Change:
        """Re-apply the last undone edit."""
        if not self._undone:
            raise EditError("there is nothing to redo")
        edit = self._undone.pop()
        change = apply_edit(self.text, edit)
        self._done.append(edit)
        return change

    @property
    def can_undo(self) -> bool:
        """True when there is an edit to undo."""
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone edit to redo."""
        return bool(self._undone)

    @property
    def undo_description(self) -> str:
        """What undo would revert ("" when nothing)."""
        return self._done[-1].description if self._done else ""

    @property
    def redo_description(self) -> str:
        """What redo would re-apply ("" when nothing)."""
        return self._undone[-1].description if self._undone else ""

    @property
    def descriptions(self) -> list[str]:
        """The applied edits' descriptions, oldest first."""
        return [edit.description for edit in self._done]

    @property
    def is_clean(self) -> bool:
        """True when the text is as it was at the last `mark_clean()` (the last save)."""
        return self._clean_depth == len(self._done)

    def mark_clean(self) -> None:
        """Remember the current state as saved."""
        self._clean_depth = len(self._done)
