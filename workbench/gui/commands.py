"""Undo commands over the core's edits, and the controller that pushes them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.alignment import ParallelText
from workbench.core.edits import Change, Edit, apply_edit


class EditCommand(QUndoCommand):
    """One core `Edit`: redo applies it, undo reverts it; the controller redraws from the Change.

    The command is pushed after the edit was applied once (so a failing edit never reaches the
    stack); the first `redo()` that `QUndoStack.push` calls is therefore skipped.
    """

    def __init__(self, controller: EditController, edit: Edit, *, applied: bool = True) -> None:
        super().__init__(edit.description)
        self.controller = controller
        self.edit = edit
        self._skip_redo = applied

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.controller.notify(apply_edit(self.controller.text, self.edit))

    def undo(self) -> None:
        self.controller.notify(apply_edit(self.controller.text, self.edit, undo=True))


class EditController(QObject):
    """Owns the undo stack of one parallel text; every view redraws from `changed`."""

    changed = Signal(object)  # Change

    def __init__(self, text: ParallelText, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.text = text
        self.stack = QUndoStack(self)

    def perform(self, edit: Edit) -> Change | None:
        """Apply `edit` and push it on the undo stack; None when it changes nothing.

        Raises the core's EditError/AlignmentError before anything changes when the edit
        is impossible.
        """
        if not edit.patches:
            return None
        change = apply_edit(self.text, edit)
        self.stack.push(EditCommand(self, edit))
        self.notify(change)
        return change

    def perform_all(self, makers: Sequence[Callable[[], Edit]], description: str) -> int:
        """Build and apply edits one after the other as one undo step (a macro).

        Each maker is called only after the previous edit was applied, so it sees its result.
        Returns how many edits changed something.
        """
        done = 0
        self.stack.beginMacro(description)
        try:
            for make in makers:
                if self.perform(make()) is not None:
                    done += 1
        finally:
            self.stack.endMacro()
        return done

    def notify(self, change: Change) -> None:
        """Tell the views what changed."""
        self.changed.emit(change)
