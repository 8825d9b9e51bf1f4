"""The one undo history of an open project: text edits and other reversible steps, in order.

The project session owns it (`workbench.project.session`); the GUI's undo stack is a thin Qt
face whose commands call it. Text edits are `Edit` values applied to the parallel text; any
other reversible change (a dismissed finding, a glossary edit) is a `Step`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
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

    `text` is None for a history of steps only (a glossary editor on its own). `limit` counts
    undo entries: an edit, a step, or a `group` of them (what the GUI shows as one macro), so
    the history drops its oldest entries exactly as a `QUndoStack` with the same limit does.
    """

    def __init__(self, text: ParallelText | None, limit: int = 10_000) -> None:
        self.text = text
        self.limit = limit
        self._done: list[Edit | Step] = []
        self._undone: list[Edit | Step] = []
        # The entry (group) number of each item, parallel to _done and _undone; numbers grow
        # along _done, so an entry's items are neighbours.
        self._done_entries: list[int] = []
        self._undone_entries: list[int] = []
        self._entry_count = 0  # distinct entries in _done
        self._next_entry = 0
        self._group_depth = 0
        self._group_entry = 0
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

    @contextmanager
    def group(self) -> Iterator[None]:
        """Record what is done inside as one entry towards the limit (nested groups join)."""
        if self._group_depth == 0:
            self._group_entry = self._new_entry()
        self._group_depth += 1
        try:
            yield
        finally:
            self._group_depth -= 1

    def _new_entry(self) -> int:
        self._next_entry += 1
        return self._next_entry

    def _record(self, item: Edit | Step) -> None:
        entry = self._group_entry if self._group_depth else self._new_entry()
        self._push_done(item, entry)
        if self._clean_depth is not None and self._clean_depth > len(self._done) - 1:
            self._clean_depth = None  # the saved state was in the discarded redo branch
        self._undone.clear()
        self._undone_entries.clear()
        while self._entry_count > self.limit > 0:
            self._drop_oldest_entry()

    def _push_done(self, item: Edit | Step, entry: int) -> None:
        if not self._done_entries or self._done_entries[-1] != entry:
            self._entry_count += 1
        self._done.append(item)
        self._done_entries.append(entry)

    def _pop_done(self) -> tuple[Edit | Step, int]:
        item, entry = self._done.pop(), self._done_entries.pop()
        if not self._done_entries or self._done_entries[-1] != entry:
            self._entry_count -= 1
        return item, entry

    def _drop_oldest_entry(self) -> None:
        oldest = self._done_entries[0]
        size = 1
        while size < len(self._done_entries) and self._done_entries[size] == oldest:
            size += 1
        del self._done[:size]
        del self._done_entries[:size]
        self._entry_count -= 1
        if self._clean_depth is not None:
            self._clean_depth -= size
            if self._clean_depth < 0:
                self._clean_depth = None

    def undo(self) -> Done:
        """Revert the last applied edit or step."""
        if not self._done:
            raise EditError("there is nothing to undo")
        item = self._done[-1]
        done = self._apply(item, undo=True)
        _, entry = self._pop_done()
        self._undone.append(item)
        self._undone_entries.append(entry)
        return done

    def redo(self) -> Done:
        """Re-apply the last undone edit or step."""
        if not self._undone:
            raise EditError("there is nothing to redo")
        item = self._undone[-1]
        done = self._apply(item, undo=False)
        self._undone.pop()
        self._push_done(item, self._undone_entries.pop())
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
    def entries(self) -> int:
        """How many undo entries the history holds (a group counts once)."""
        return self._entry_count

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
