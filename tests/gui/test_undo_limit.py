"""The Qt undo stack and the core history drop the same oldest entries, macros included."""

from __future__ import annotations

from tests.core.factories import one_to_one, snapshot
from workbench.core import edits
from workbench.core.alignment import BeadStatus
from workbench.core.history import History
from workbench.gui.commands import EditController

LIMIT = 3


def _confirm(text, bead: int):
    return lambda: edits.set_status(text, "es", [bead], BeadStatus.CONFIRMED)


def _controller():
    text = one_to_one()
    return text, EditController(text, None, History(text, limit=LIMIT))


def test_macros_and_single_edits_past_the_limit_drop_alike(qtbot) -> None:
    text, controller = _controller()
    states = [snapshot(text)]
    plan = [[0, 1], [2], [3, 4], [5], [0, 1, 2]]  # beads confirmed by each undo step
    for number, beads in enumerate(plan):
        if number == 4:  # unconfirm again, so this macro changes something
            makers = [lambda b=b: edits.set_status(text, "es", [b], BeadStatus.AUTO) for b in beads]
        else:
            makers = [_confirm(text, b) for b in beads]
        controller.perform_all(makers, f"step {number}")
        states.append(snapshot(text))
    stack, history = controller.stack, controller.history
    assert stack.count() == history.entries == LIMIT
    assert [stack.text(i) for i in range(stack.count())] == ["step 2", "step 3", "step 4"]
    while stack.canUndo():
        stack.undo()
    assert not history.can_undo  # the history has nothing older than the stack
    assert snapshot(text) == states[2]  # the first two steps stay applied
    while stack.canRedo():
        stack.redo()
    assert not history.can_redo
    assert snapshot(text) == states[-1]


def test_a_saved_state_dropped_by_the_limit_is_clean_in_neither(qtbot) -> None:
    text, controller = _controller()
    controller.mark_saved()
    for bead in range(LIMIT + 1):
        controller.perform_all([_confirm(text, bead), _confirm(text, bead + 1)], "pair")
    while controller.stack.canUndo():
        controller.stack.undo()
    assert not controller.stack.isClean() and not controller.history.is_clean


def test_a_macro_that_changes_nothing_leaves_no_entry(qtbot) -> None:
    text, controller = _controller()
    with controller.macro("nothing"):
        controller.perform(edits.set_status(text, "es", [0], BeadStatus.AUTO))  # already auto
    assert controller.stack.count() == 0 and controller.history.entries == 0
    assert controller.stack.isClean() and controller.history.is_clean
