"""The one undo history of an open project: text edits and other reversible steps, in order.

The project session owns it (`workbench.project.session`); the GUI's undo stack is a thin Qt
face whose commands call it. Text edits are `Edit` values applied to the parallel text; any
other reversible change (a dismissed finding, a glossary edit) is a `Step`.
"""

from __future__ import annotations

from typing import Protocol

from workbench.core.alignment import ParallelText
from workbench.core.edits import Change, Edit, apply_edit
from workbench.core.errors import EditError


class Step(Protocol):
    """A reversible change outside the text: `redo` applies it, `undo` reverts it."""

    @property
    def description(self) -> str:
        """What the step does, for menus and the history view."""
        ...

    def redo(self) -> None:
        """Apply the step (again)."""
        ...

    def undo(self) -> None:
        """Revert the step."""
        ...


# What undo and redo report: the text's Change for an edit, the step itself otherwise.
Done = Change | Step


class History:
    """A linear history of applied edits and steps with an undo pointer and a clean mark.

    `text` is None for a history of steps only (a glossary editor on its own).
    """

    def __init__(self, text: ParallelText | None, limit: int = 10_000) -> None:
        self.text = text
        self.limit = limit
        self._done: list[Edit | Step] = []
        self._undone: list[Edit | Step] = []
        self._clean_depth: int | None = 0

    def do(self, edit: Edit) -> Change:
        """Apply `edit` to the text, record it, and forget anything undone before it."""
        change = apply_edit(self._text(), edit)
        self._record(edit)
        return change

    def do_step(self, step: Step) -> Step:
        """Apply `step`, record it, and forget anything undone before it."""
        step.redo()
        self._record(step)
        return step

    def _record(self, item: Edit | Step) -> None:
        self._done.append(item)
        if self._clean_depth is not None and self._clean_depth > len(self._done) - 1:
            self._clean_depth = None  # the saved state was in the discarded redo branch
        self._undone.clear()
        if len(self._done) > self.limit:
            self._done.pop(0)
            if self._clean_depth is not None:
                self._clean_depth -= 1
                if self._clean_depth < 0:
                    self._clean_depth = None

    def undo(self) -> Done:
        """Revert the last applied edit or step."""
        if not self._done:
            raise EditError("there is nothing to undo")
        item = self._done[-1]
        done = self._apply(item, undo=True)
        self._undone.append(self._done.pop())
        return done

    def redo(self) -> Done:
        """Re-apply the last undone edit or step."""
        if not self._undone:
            raise EditError("there is nothing to redo")
        item = self._undone[-1]
        done = self._apply(item, undo=False)
        self._done.append(self._undone.pop())
        return done

    def _apply(self, item: Edit | Step, *, undo: bool) -> Done:
        if isinstance(item, Edit):
            return apply_edit(self._text(), item, undo=undo)
        if undo:
            item.undo()
        else:
            item.redo()
        return item

    def _text(self) -> ParallelText:
        if self.text is None:
            raise EditError("this history holds no text: text edits cannot be made in it")
        return self.text

    @property
    def can_undo(self) -> bool:
        """True when there is an edit or step to undo."""
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone edit or step to redo."""
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
        """The applied edits' and steps' descriptions, oldest first."""
        return [item.description for item in self._done]

    @property
    def is_clean(self) -> bool:
        """True when everything is as it was at the last `mark_clean()` (the last save)."""
        return self._clean_depth == len(self._done)

    def mark_clean(self) -> None:
        """Remember the current state as saved."""
        self._clean_depth = len(self._done)

    def mark_dirty(self) -> None:
        """Remember that the current state was never saved (e.g. pairs aligned on opening)."""
        self._clean_depth = None

    @property
    def is_text_changed(self) -> bool:
        """True when a text edit lies between the last save and now (not only other steps).

        Also True when the saved state cannot be reached by undo or redo any more.
        """
        depth, now = self._clean_depth, len(self._done)
        if depth is None:
            return True
        if depth <= now:
            between = self._done[depth:]
        else:  # the saved state is ahead: the undone items (newest undone is last) lead to it
            between = self._undone[len(self._undone) - (depth - now) :]
        return any(isinstance(item, Edit) for item in between)
