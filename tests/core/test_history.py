"""History: undo/redo bookkeeping and the saved (clean) mark."""

from __future__ import annotations

import pytest

from tests.core.factories import one_to_one
from workbench.core import edits
from workbench.core.errors import EditError
from workbench.core.history import History


def test_new_history_is_clean_and_has_nothing_to_undo() -> None:
    history = History(one_to_one())
    assert history.is_clean and not history.can_undo and not history.can_redo
    with pytest.raises(EditError):
        history.undo()


def test_edit_makes_it_dirty_and_undo_makes_it_clean_again() -> None:
    text = one_to_one()
    history = History(text)
    history.do(edits.merge_next(text, "es", 0))
    assert not history.is_clean
    assert history.undo_description == "Merge beads 1-2 (es)"
    history.undo()
    assert history.is_clean
    assert history.redo_description == "Merge beads 1-2 (es)"


def test_new_edit_after_undo_drops_the_redo_branch() -> None:
    text = one_to_one()
    history = History(text)
    history.do(edits.merge_next(text, "es", 0))
    history.undo()
    history.do(edits.merge_next(text, "es", 1))
    assert not history.can_redo
    assert history.descriptions == ["Merge beads 2-3 (es)"]


def test_saved_state_in_dropped_branch_is_never_clean_again() -> None:
    text = one_to_one()
    history = History(text)
    history.do(edits.merge_next(text, "es", 0))
    history.mark_clean()
    history.undo()
    history.do(edits.merge_next(text, "es", 1))
    history.undo()
    assert not history.is_clean


def test_limit_forgets_the_oldest_edits() -> None:
    text = one_to_one()
    history = History(text, limit=2)
    for _ in range(3):
        history.do(edits.merge_next(text, "es", 0))
    history.undo()
    history.undo()
    assert not history.can_undo


class _Flag:
    """A step that flips a flag (a stand-in for a dismissal or a glossary edit)."""

    description = "Flip"

    def __init__(self) -> None:
        self.on = False

    def redo(self) -> None:
        self.on = not self.on

    def undo(self) -> None:
        self.on = not self.on


def test_steps_alone_do_not_count_as_text_changes() -> None:
    text = one_to_one()
    history = History(text)
    history.do_step(_Flag())
    assert not history.is_clean and not history.is_text_changed
    history.do(edits.merge_next(text, "es", 0))
    assert history.is_text_changed
    history.undo()
    assert not history.is_text_changed


def test_text_change_is_seen_when_the_saved_state_is_ahead() -> None:
    text = one_to_one()
    history = History(text)
    history.do(edits.merge_next(text, "es", 0))
    history.do_step(_Flag())
    history.mark_clean()
    history.undo()
    assert not history.is_text_changed  # only the step lies between here and the save
    history.undo()
    assert history.is_text_changed


def test_an_unreachable_saved_state_counts_as_a_text_change() -> None:
    history = History(one_to_one())
    history.mark_dirty()
    assert history.is_text_changed


def test_a_history_without_text_takes_steps_and_refuses_edits() -> None:
    text = one_to_one()
    history = History(None)
    flag = _Flag()
    history.do_step(flag)
    history.undo()
    assert not flag.on and history.is_clean
    with pytest.raises(EditError, match="no text"):
        history.do(edits.merge_next(text, "es", 0))


def test_a_group_counts_once_towards_the_limit() -> None:
    history = History(None, limit=2)
    flags = [_Flag() for _ in range(5)]
    with history.group():
        history.do_step(flags[0])
        history.do_step(flags[1])
    history.do_step(flags[2])
    assert history.entries == 2 and len(history.descriptions) == 3
    with history.group():
        history.do_step(flags[3])
        history.do_step(flags[4])
    assert history.entries == 2 and len(history.descriptions) == 3  # the first group went whole
    for _ in range(3):
        history.undo()
    assert not history.can_undo and history.entries == 0
    assert [f.on for f in flags] == [True, True, False, False, False]
