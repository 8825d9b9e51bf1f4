"""Every edit through the window's actions and shortcuts: done, undone, redone."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from workbench.core.alignment import ParallelText


def state(text: ParallelText):
    """Everything an edit may change."""
    return (
        {lang: doc.paragraphs for lang, doc in text.documents.items()},
        {lang: list(a.beads) for lang, a in text.alignments.items()},
    )


# (action, row, language column to select)
CASES = [
    ("merge", 1, "es"),
    ("split", 0, "es"),
    ("shift_up", 1, "ru"),
    ("shift_down", 2, "ru"),
    ("shift_source_up", 2, "ru"),
    ("shift_source_down", 0, "zh"),
    ("insert_empty", 1, "zh"),
    ("insert_empty_source", 1, "zh"),
    ("confirm", 1, "es"),
    ("confirm_above", 2, "zh"),
    ("merge_segments", 0, "en"),
]


@pytest.mark.parametrize(("name", "row", "lang"), CASES)
def test_action_does_undoes_and_redoes(window, text, name: str, row: int, lang: str) -> None:
    before = state(text)
    window.move_to_row(row, lang)
    if name == "merge_segments":
        window._pair_lang = "es"
    window.actions_by_name[name].trigger()
    after = state(text)
    assert after != before, window.statusBar().currentMessage()
    assert window.is_dirty
    window.actions_by_name["undo"].trigger()
    assert state(text) == before
    assert not window.is_dirty
    window.actions_by_name["redo"].trigger()
    assert state(text) == after
    assert window.model.rowCount() == len(window.model.layout.rows)


def test_unconfirm_after_confirm(window, text) -> None:
    window.move_to_row(0, "zh")
    window.actions_by_name["unconfirm"].trigger()
    assert not text.alignments["zh"].beads[0].is_confirmed
    window.actions_by_name["undo"].trigger()
    assert text.alignments["zh"].beads[0].is_confirmed


def test_keyboard_shortcuts_reach_the_actions(window, text, qtbot) -> None:
    window.show()
    qtbot.waitExposed(window)
    window.windowHandle().requestActivate()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.table)
    window.move_to_row(1, "es")
    qtbot.keyClick(window.table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    assert text.alignments["es"].beads[1].source == (2, 3)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert text.alignments["es"].beads[1].source == (2,)
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert text.alignments["es"].beads[1].source == (2, 3)
    window.move_to_row(0, "ru")
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    assert (
        text.alignments["ru"].beads[0].is_confirmed and text.alignments["ru"].beads[1].is_confirmed
    )
    assert window.current_row() == 1  # Enter confirms and moves on


def test_impossible_edit_reports_and_changes_nothing(window, text) -> None:
    before = state(text)
    window.move_to_row(4, "ru")  # the gap row has no ru bead
    window.actions_by_name["merge"].trigger()
    assert state(text) == before
    assert "no bead in the en → ru pair" in window.statusBar().currentMessage()
    assert not window.is_dirty


def test_text_edit_and_split_at_cursor_through_the_delegate(window, text) -> None:
    window.move_to_row(1, "es")
    index = window.table.currentIndex()
    window.table.cell_delegate.text_committed.emit(index, ["Tres cosas."])
    assert text.documents["es"].segment(1).text == "Tres cosas."
    window.table.cell_delegate.split_requested.emit(window.table.currentIndex(), 0, 5)
    assert [s.text for s in text.documents["es"].segments[1:3]] == ["Tres", "cosas."]
    window.undo()
    window.undo()
    assert text.documents["es"].segment(1).text == "Tres."
    QApplication.processEvents()


def test_every_action_shows_its_shortcut_in_the_tooltip(window) -> None:
    for name, action in window.actions_by_name.items():
        assert not action.shortcut().isEmpty(), name
        assert action.shortcut().toString() in action.toolTip(), name


def test_realign_from_here_replaces_the_stretch_up_to_the_next_confirmed_bead(window, text):
    from workbench.gui.loading import realign_from_here

    window.move_to_row(0, "zh")
    window.actions_by_name["confirm"].trigger()  # zh bead 0 was confirmed; now 1 is too
    window.move_to_row(2, "zh")
    before = state(text)
    realign_from_here(window, window.edits.target(), synchronous=True)
    beads = text.alignments["zh"].beads
    assert beads[:2] == before[1]["zh"][:2]  # confirmed beads above are kept
    assert window.controller.stack.undoText().startswith("Re-align en → zh")
    window.undo()
    assert state(text) == before


def test_a_broken_project_is_reported_not_fatal(window, tmp_path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", lambda title, message: shown.append(message))
    (tmp_path / "broken").mkdir()
    (tmp_path / "broken" / "workbench.toml").write_text("[project\nname=", encoding="utf-8")
    window.open_project(tmp_path / "broken", ask_recover=False, synchronous=True)
    assert shown and "workbench.toml" in shown[0]
    assert window.model is not None and window.model.rowCount() == 5  # the old text stays


def test_cell_editor_commits_with_enter_and_splits_at_the_cursor(window, text, qtbot) -> None:
    from workbench.gui.views.delegates import SegmentEditor

    window.show()
    window.move_to_row(2, "es")  # two es segments: "Cuatro." and "Cinco."
    window.edit_cell()
    editor = window.table.findChild(SegmentEditor)
    assert editor is not None and editor.lines() == ["Cuatro.", "Cinco."]
    editor.setPlainText("Cuatro cosas.\nCinco.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert text.documents["es"].segment(2).text == "Cuatro cosas."
    window.edit_cell()
    editor = window.table.findChild(SegmentEditor)
    cursor = editor.textCursor()
    cursor.setPosition(7)  # after "Cuatro "
    editor.setTextCursor(cursor)
    assert editor.textCursor().position() == 7
    qtbot.keyClick(
        editor,
        Qt.Key.Key_Return,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert [s.text for s in text.documents["es"].segments[2:4]] == ["Cuatro", "cosas."]
    window.undo()
    window.undo()
    assert text.documents["es"].segment(2).text == "Cuatro."


def test_alignment_map_click_goes_to_the_row(window) -> None:
    window.resize(1200, 800)
    window.show()
    amap = window.alignment_map
    panels = amap._panels()
    _lang, plot = panels[0]
    x = plot.left() + plot.width() * (3.5 / 6)  # pivot segment 3 of 6
    assert amap.pivot_at(x, plot.center().y()) == 3
    amap.pivot_clicked.emit(3)
    assert window.current_row() == 2  # en segments 3-4 share a row (ru 2:1)


def test_columns_can_be_hidden_and_their_layout_is_remembered(window, text) -> None:
    window.table.setColumnHidden(2, True)
    window.table.horizontalHeader().moveSection(3, 1)
    window.close()
    from workbench.gui.main_window import MainWindow

    again = MainWindow(settings=window.settings, recovery_base=window.recovery_base)
    again.load_text(text)
    assert again.table.isColumnHidden(2)
    assert again.table.horizontalHeader().visualIndex(3) == 1
    again.close()


def test_loading_another_text_starts_a_fresh_history(window, text, qtbot) -> None:
    from tests.core.factories import make_text

    window.move_to_row(1, "es")
    window.actions_by_name["merge"].trigger()
    other = make_text()
    window.load_text(other)
    qtbot.wait(10)  # let the old model and controller be deleted
    assert not window.is_dirty and window.controller.stack.count() == 0
    window.move_to_row(1, "es")
    window.actions_by_name["merge"].trigger()
    assert other.alignments["es"].beads[1].source == (2, 3)
    window.undo()
    assert other.alignments["es"].beads[1].source == (2,)
    assert text.alignments["es"].beads[1].source == (2, 3)  # the first text kept its edit


def test_no_two_actions_share_a_shortcut(window) -> None:
    seen: dict[str, str] = {}
    for name, action in window.actions_by_name.items():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{name} and {seen.get(text)} both use {text}"
            seen[text] = name
