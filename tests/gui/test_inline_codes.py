"""Inline codes in the table: tag chips, protected from deletion while typing, movable (keys)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.gui.driving import show_and_focus
from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.core.inline import Code, CodeKind, codes, join, visible
from workbench.gui.models.alignment_table import Role
from workbench.gui.views.delegates import SegmentEditor

ON = Code(CodeKind.OPENING, "1", "<b>", "bpt")
OFF = Code(CodeKind.CLOSING, "1", "</b>", "ept")
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def text() -> ParallelText:
    en = Document.from_segments("en", [join(["Press ", ON, "Save", OFF, " now."]), "Plain."])
    es = Document.from_segments("es", [join(["Pulse ", ON, "Guardar", OFF, " ya."]), "Llano."])
    return ParallelText(
        "en", {"en": en, "es": es}, {"es": Alignment(en, es, [bead([0], [0]), bead([1], [1])])}
    )


def _index(window, row: int, lang: str):
    model = window.model
    return window.proxy.mapFromSource(model.index(row, model.column_of_lang(lang)))


def _open_editor(qtbot, window, row: int, lang: str) -> SegmentEditor:
    """Click the cell, press F2 (the edit key), return the cell editor."""
    index = _index(window, row, lang)
    window.table.scrollTo(index)
    rect = window.table.visualRect(index)
    qtbot.mouseClick(window.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(window.table, Qt.Key.Key_F2)
    editor = window.table.findChild(SegmentEditor)
    assert editor is not None
    qtbot.waitUntil(editor.isVisible)
    return editor


def _es_text(window) -> str:
    return window.model.segments(0, "es")[0][2]


def test_codes_show_as_numbered_chips(window) -> None:
    index = window.model.index(0, window.model.column_of_lang("es"))
    assert index.data(Qt.ItemDataRole.DisplayRole) == "Pulse ⟨1⟩Guardar⟨/1⟩ ya."
    chips = [(a, b) for a, b, status in index.data(Role.HIGHLIGHTS) if status == "code"]
    shown = index.data(Qt.ItemDataRole.DisplayRole)
    assert [shown[a:b] for a, b in chips] == ["⟨1⟩", "⟨/1⟩"]


def test_backspace_steps_over_a_tag_and_typing_keeps_the_codes(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    assert editor.toPlainText() == "Pulse ⟨1⟩Guardar⟨/1⟩ ya."
    cursor = editor.textCursor()
    cursor.setPosition(len("Pulse ⟨1⟩"))  # just after the opening tag
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # steps over the tag, deletes nothing
    assert editor.toPlainText() == "Pulse ⟨1⟩Guardar⟨/1⟩ ya."
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)  # now the space before it
    qtbot.keyClicks(editor, "!")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: visible(_es_text(window)) == "Pulse!Guardar ya.")
    assert [c.native for c in codes(_es_text(window))] == ["<b>", "</b>"]
    window.controller.stack.undo()
    assert _es_text(window) == join(["Pulse ", ON, "Guardar", OFF, " ya."])


def test_an_edit_that_drops_a_tag_is_not_saved_and_the_editor_stays_open(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    before = _es_text(window)
    editor = _open_editor(qtbot, window, 0, "es")
    cursor = editor.textCursor()
    start = editor.toPlainText().index("⟨/1⟩")
    cursor.setPosition(start)
    cursor.setPosition(start + len("⟨/1⟩"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_Delete)  # a selected tag can go, on purpose...
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # ...but the segment then lacks its code
    assert editor.isVisible()
    assert "⟨/1⟩ is missing" in window.statusBar().currentMessage()
    assert _es_text(window) == before


def test_a_tag_cut_and_pasted_elsewhere_moves_its_code(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    text = editor.toPlainText()
    cursor = editor.textCursor()
    start = text.index("⟨/1⟩")
    cursor.setPosition(start)
    cursor.setPosition(start + len("⟨/1⟩"), cursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_X, CTRL)
    cursor = editor.textCursor()
    cursor.setPosition(len(editor.toPlainText()) - 1)  # before the final full stop
    editor.setTextCursor(cursor)
    qtbot.keyClick(editor, Qt.Key.Key_V, CTRL)
    assert editor.toPlainText() == "Pulse ⟨1⟩Guardar ya⟨/1⟩."
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _es_text(window) == join(["Pulse ", ON, "Guardar ya", OFF, "."]))


def test_split_inside_a_tagged_segment_cuts_at_the_visible_place(
    qtbot, window, tmp_path: Path
) -> None:
    show_and_focus(qtbot, window)
    editor = _open_editor(qtbot, window, 0, "es")
    cursor = editor.textCursor()
    cursor.setPosition(editor.toPlainText().index(" ya."))  # after the closing tag
    editor.setTextCursor(cursor)
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(editor, Qt.Key.Key_Return, CTRL | shift)
    document = window.model._text.documents["es"]
    qtbot.waitUntil(lambda: len(document) == 3)
    first, second = document.texts[0], document.texts[1]
    assert first == join(["Pulse ", ON, "Guardar", OFF])
    assert visible(second).strip() == "ya."
