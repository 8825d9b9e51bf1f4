"""The Qt face of the project's one undo history: commands that call it, and the controller.

The history itself (`workbench.core.history.History`, held by the project session) applies and
reverts; each `QUndoCommand` here only calls its `redo()`/`undo()` and tells the views what
changed, so `QUndoStack` and `QUndoView` show the same history the session keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from workbench.core.alignment import ParallelText
from workbench.core.edits import Change, Edit
from workbench.core.history import History, Step


class EditCommand(QUndoCommand):
    """One text edit of the history; the controller redraws from the Change.

    Pushed after the history applied the edit (so a failing edit never reaches the stack);
    the first `redo()` that `QUndoStack.push` calls is therefore skipped.
    """

    def __init__(self, controller: EditController, description: str) -> None:
        super().__init__(description)
        self.controller = controller
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self.controller.notify(self.controller.history.redo())

    def undo(self) -> None:
        self.controller.notify(self.controller.history.undo())


class StepCommand(QUndoCommand):
    """Any other step of the history (a dismissal, a glossary edit): `done` redraws after it.

    Its first `redo()` (from `QUndoStack.push`) records the step in the history, unless the
    step was `recorded` there already (by the session).
    """

    def __init__(
        self,
        controller: EditController,
        step: Step,
        done: Callable[[], None],
        *,
        recorded: bool = False,
    ) -> None:
        super().__init__(step.description)
        self.controller = controller
        self.step = step
        self.done = done
        self._recorded = recorded
        self._skip_redo = recorded

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
        elif self._recorded:
            self.controller.history.redo()
        else:
            self.controller.history.do_step(self.step)
            self._recorded = True
        self.done()

    def undo(self) -> None:
        self.controller.history.undo()
        self.done()


class EditController(QObject):
    """The undo stack of one history; every view redraws from `changed`."""

    changed = Signal(object)  # Change

    def __init__(
        self,
        text: ParallelText | None,
        parent: QObject | None = None,
        history: History | None = None,
    ) -> None:
        super().__init__(parent)
        self.text = text
        self.history = history if history is not None else History(text)
        self.stack = QUndoStack(self)
        # A macro is one command here and one entry (a group) of the history, so with the same
        # limit the two drop the same oldest entries.
        self.stack.setUndoLimit(self.history.limit)
        self._macro: str | None = None
        self._macro_open = False

    def perform(self, edit: Edit) -> Change | None:
        """Apply `edit` through the history and push it; None when it changes nothing.

        Raises the core's EditError/AlignmentError before anything changes when the edit
        is impossible.
        """
        if not edit.patches:
            return None
        change = self.history.do(edit)
        self._push(EditCommand(self, edit.description))
        self.notify(change)
        return change

    def perform_step(self, step: Step, done: Callable[[], None]) -> None:
        """Apply a non-text step through the history and push it; `done` redraws."""
        self._push(StepCommand(self, step, done))

    def push_recorded(self, step: Step, done: Callable[[], None]) -> None:
        """Push a step the session has just applied and recorded in the history; `done` redraws.

        `step` must be the history's newest item, so that undo and redo of the two stay in
        step.
        """
        self._push(StepCommand(self, step, done, recorded=True))

    def perform_all(self, makers: Sequence[Callable[[], Edit]], description: str) -> int:
        """Build and apply edits one after the other as one undo step (a macro).

        Each maker is called only after the previous edit was applied, so it sees its result.
        Returns how many edits changed something.
        """
        done = 0
        with self.macro(description):
            for make in makers:
                if self.perform(make()) is not None:
                    done += 1
        return done

    @contextmanager
    def macro(self, description: str) -> Iterator[None]:
        """What is done inside is one undo step: one Qt macro and one entry of the history.

        The Qt macro is opened at the first command pushed, so a macro in which nothing
        changed leaves no empty entry on the stack that the history would not have.
        """
        outer = self._macro
        if outer is None:
            self._macro = description
        try:
            with self.history.group():
                yield
        finally:
            if outer is None:
                if self._macro_open:
                    self.stack.endMacro()
                self._macro, self._macro_open = None, False

    def _push(self, command: QUndoCommand) -> None:
        if self._macro is not None and not self._macro_open:
            self.stack.beginMacro(self._macro)
            self._macro_open = True
        self.stack.push(command)

    def mark_saved(self) -> None:
        """The history's current state is on disk."""
        self.history.mark_clean()
        self.stack.setClean()

    def mark_unsaved(self) -> None:
        """The current state was never saved (e.g. pairs aligned on opening)."""
        self.history.mark_dirty()
        self.stack.resetClean()

    def notify(self, change: object) -> None:
        """Tell the views what changed (a text Change; other steps redraw themselves)."""
        if isinstance(change, Change):
            self.changed.emit(change)
