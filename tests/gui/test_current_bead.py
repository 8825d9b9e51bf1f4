"""After every edit, undo and redo the edited bead stays current and selected (keys and clicks)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.gui.driving import show_and_focus

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def click_cell(qtbot, window, row: int, lang: str) -> None:
    """Click the cell of source-model `row` in `lang`'s column with the mouse."""
    model = window.model
    index = window.proxy.mapFromSource(model.index(row, model.column_of_lang(lang)))
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_row() == row


def current_beads(window, lang: str) -> list:
    """The `lang` beads of the current row (empty when nothing is current)."""
    row = window.current_row()
    return window.model.beads(row, lang) if row >= 0 else []


def is_selected(window) -> bool:
    """True when the current cell is selected (drawn highlighted)."""
    table = window.table
    return table.currentIndex().isValid() and table.selectionModel().isSelected(
        table.currentIndex()
    )


def test_merge_keeps_the_merged_bead_current_through_undo_and_redo(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    click_cell(qtbot, window, 1, "es")  # es bead 1 (Tres.), en segment 2
    first = text.alignments["es"].beads[0]
    qtbot.keyClick(window.table, Qt.Key.Key_M, CTRL)
    merged = text.alignments["es"].beads[1]
    assert merged.target == (1, 2)
    # The row also holds es bead (en 4), as ru pairs en 3-4 in one bead.
    assert current_beads(window, "es")[0] == merged and is_selected(window)
    assert f"row {window.current_row() + 1} " in window.pair_label.text()
    qtbot.keyClick(window.table, Qt.Key.Key_M, CTRL)  # again: the same bead grows
    assert text.alignments["es"].beads[0] == first
    again = text.alignments["es"].beads[1]
    assert again.target == (1, 2, 3)
    assert current_beads(window, "es")[0] == again and is_selected(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert current_beads(window, "es")[0] == merged and is_selected(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert current_beads(window, "es")[0].target == (1,) and is_selected(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL | SHIFT)
    assert current_beads(window, "es")[0] == merged and is_selected(window)


def test_split_keeps_the_first_half_current(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    click_cell(qtbot, window, 0, "es")  # es bead 0 is 2:1
    qtbot.keyClick(window.table, Qt.Key.Key_S, CTRL | SHIFT)
    beads = text.alignments["es"].beads
    assert beads[0].source == (0,) and beads[1].source == (1,)
    assert current_beads(window, "es") == [beads[0]] and is_selected(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert current_beads(window, "es")[0].source == (0, 1) and is_selected(window)


def test_shift_and_insert_empty_keep_their_bead_current(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    click_cell(qtbot, window, 2, "ru")  # ru bead 3 is 2:1 (en 3-4)
    window.actions_by_name["shift_source_down"].trigger()
    ru = text.alignments["ru"].beads
    assert current_beads(window, "ru")[0] in ru and is_selected(window)
    assert 3 in current_beads(window, "ru")[0].source
    click_cell(qtbot, window, 1, "zh")
    (before,) = current_beads(window, "zh")
    qtbot.keyClick(window.table, Qt.Key.Key_I, CTRL)
    unlinked = current_beads(window, "zh")[0]
    assert (unlinked.source, unlinked.target) == (before.source, ()) and is_selected(window)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert current_beads(window, "zh") == [before] and is_selected(window)


def test_undoing_a_confirm_goes_back_to_the_confirmed_row(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    click_cell(qtbot, window, 1, "ru")
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # confirms and moves on
    assert window.current_row() == 2
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)
    assert window.current_row() == 1 and is_selected(window)
    assert not text.alignments["ru"].beads[1].is_confirmed
