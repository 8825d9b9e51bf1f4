"""The insert-tag command of the cell editor: the source's missing tags put in with real keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from tests.gui.driving import show_and_focus
from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.core.inline import Code, CodeKind, codes, join, visible
from workbench.gui.views.delegates import SegmentEditor

ON = Code(CodeKind.OPENING, "1", "<b>", "bpt")
OFF = Code(CodeKind.CLOSING, "1", "</b>", "ept")
BREAK = Code(CodeKind.STANDALONE, "2", "<br/>", "ph")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def text() -> ParallelText:
    """The source has a bold pair and a line break; its translation has no tag yet."""
    en = Document.from_segments("en", [join(["Press ", ON, "Save", OFF, " now.", BREAK]), "Hi."])
    es = Document.from_segments("es", ["Pulse Guardar ya.", "Hola."])
    return ParallelText(
        "en", {"en": en, "es": es}, {"es": Alignment(en, es, [bead([0], [0]), bead([1], [1])])}
    )


def _open_editor(qtbot, window, row: int, lang: str) -> SegmentEditor:
    model = window.model
    index = window.proxy.mapFromSource(model.index(row, model.column_of_lang(lang)))
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = window.table.findChild(SegmentEditor)
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    return editor


def _es(window) -> str:
    return window.model.segments(0, "es")[0][2]


def _select(editor: SegmentEditor, word: str) -> None:
    cursor = editor.textCursor()
    start = editor.toPlainText().index(word)
    cursor.setPosition(start)
    cursor.setPosition(start + len(word), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def _put_cursor(editor: SegmentEditor, position: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(position)
    editor.setTextCursor(cursor)


def test_ctrl_comma_wraps_the_selection_in_the_missing_pair(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    _select(editor, "Guardar")
    qtbot.keyClick(editor, Qt.Key.Key_Comma, CTRL)
    assert editor.toPlainText() == "Pulse ⟨1⟩Guardar⟨/1⟩ ya."
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: codes(_es(window)) == [ON, OFF])
    assert _es(window) == join(["Pulse ", ON, "Guardar", OFF, " ya."])
    window.controller.stack.undo()
    assert _es(window) == "Pulse Guardar ya."
    window.controller.stack.redo()
    assert _es(window) == join(["Pulse ", ON, "Guardar", OFF, " ya."])


def test_each_press_puts_the_next_missing_tag_at_the_cursor(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    _put_cursor(editor, len("Pulse "))
    qtbot.keyClick(editor, Qt.Key.Key_Comma, CTRL)
    _put_cursor(editor, len("Pulse ⟨1⟩Guardar"))
    qtbot.keyClick(editor, Qt.Key.Key_F9)  # memoQ's key does the same
    _put_cursor(editor, len(editor.toPlainText()))
    qtbot.keyClick(editor, Qt.Key.Key_Comma, CTRL)
    assert editor.toPlainText() == "Pulse ⟨1⟩Guardar⟨/1⟩ ya.⟨2/⟩"
    qtbot.keyClick(editor, Qt.Key.Key_Comma, CTRL)  # nothing is missing any more
    assert editor.toPlainText() == "Pulse ⟨1⟩Guardar⟨/1⟩ ya.⟨2/⟩"
    assert "every tag of the source" in window.statusBar().currentMessage()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: len(codes(_es(window))) == 3)
    assert visible(_es(window)) == "Pulse Guardar ya."
    assert codes(_es(window)) == [ON, OFF, BREAK]


def test_an_inserted_tag_may_be_deleted_again_before_saving(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    _put_cursor(editor, len(editor.toPlainText()))
    qtbot.keyClick(editor, Qt.Key.Key_Comma, CTRL)
    assert editor.toPlainText().endswith("⟨1⟩")
    _select(editor, "⟨1⟩")
    qtbot.keyClick(editor, Qt.Key.Key_Delete)
    qtbot.keyClicks(editor, "!")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _es(window) == "Pulse Guardar ya.!")


def test_the_tag_goes_after_a_tag_the_cursor_is_inside(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    _put_cursor(editor, 0)
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    _put_cursor(editor, 1)  # inside the ⟨1⟩ just inserted
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    assert editor.toPlainText() == "⟨1⟩⟨/1⟩Pulse Guardar ya."


def test_a_source_without_tags_says_so_and_changes_nothing(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 1, "es")
    qtbot.keyClick(editor, Qt.Key.Key_Comma, CTRL)
    assert editor.toPlainText() == "Hola."
    assert "has no tags" in window.statusBar().currentMessage()


def test_f9_in_the_editor_inserts_a_tag_even_when_recheck_terminology_is_enabled(
    qtbot, window
) -> None:
    # The window's Re-check terminology is F9 too (an action with a window-wide shortcut).
    recheck = QAction("Re-check terminology", window)
    recheck.setShortcut("F9")
    window.addAction(recheck)
    fired: list[bool] = []
    recheck.triggered.connect(lambda: fired.append(True))
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    _put_cursor(editor, 0)
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    assert editor.toPlainText() == "⟨1⟩Pulse Guardar ya."
    assert fired == []
