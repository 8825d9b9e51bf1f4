"""The glossary editor driven by keys and clicks: adding terms, picking a status."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from tests.gui.driving import show_and_focus, when_modal
from tests.gui.test_terminology import glossary
from workbench.gui.dialogs.glossary_editor import (
    MATCH_COLUMN,
    STATUS_COLUMN,
    GlossaryEditor,
    MatchEditor,
    TermDialog,
)
from workbench.terms.glossary import MatchMode, TermStatus


def _editor(qtbot, tmp_path: Path) -> GlossaryEditor:
    editor = GlossaryEditor(None, glossary(), tmp_path / "g.tbx")
    qtbot.addWidget(editor)
    show_and_focus(qtbot, editor)
    return editor


def _button(editor: GlossaryEditor, text: str) -> QPushButton:
    return next(b for b in editor.findChildren(QPushButton) if b.text() == text)


def _type_term(qtbot, lang: str, text: str, status: str = "") -> None:
    # QTest types ASCII only (it maps characters to keys); other scripts are in other tests.
    def fill(dialog) -> None:
        dialog.lang_box.lineEdit().selectAll()
        qtbot.keyClicks(dialog.lang_box.lineEdit(), lang)
        qtbot.keyClicks(dialog.text_edit, text)
        if status:
            dialog.status_box.setCurrentText(status)
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)

    when_modal(TermDialog, fill)


def test_add_term_button_asks_for_the_term_and_adds_it(qtbot, tmp_path) -> None:
    editor = _editor(qtbot, tmp_path)
    _type_term(qtbot, "fr", "securite de l information", "admitted")
    qtbot.mouseClick(_button(editor, "Add term"), Qt.MouseButton.LeftButton)
    terms = editor.glossary.concept("infosec").terms
    assert (terms[-1].text, terms[-1].lang, terms[-1].status) == (
        "securite de l information",
        "fr",
        TermStatus.ADMITTED,
    )
    assert editor.terms.rowCount() == len(terms)
    editor.stack.undo()
    assert len(editor.glossary.concept("infosec").terms) == len(terms) - 1
    editor.stack.setClean()


def test_ctrl_t_adds_a_term_too(qtbot, tmp_path) -> None:
    editor = _editor(qtbot, tmp_path)
    _type_term(qtbot, "en", "infosec")
    qtbot.keyClick(editor.list, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    # A button's shortcut clicks it after a short animation.
    qtbot.waitUntil(lambda: editor.glossary.concept("infosec").terms[-1].text == "infosec")
    editor.stack.setClean()


def test_term_status_is_picked_from_a_list_without_qt_warnings(qtbot, qtlog, tmp_path) -> None:
    editor = _editor(qtbot, tmp_path)
    view = editor.term_view
    index = editor.terms.index(2, STATUS_COLUMN)  # "seguridad informática", deprecated
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    box = view.findChild(QComboBox)
    assert box is not None and box.isVisible()
    assert [box.itemText(i) for i in range(box.count())] == [s.value for s in TermStatus]
    box.setCurrentText("superseded")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: editor.glossary.concept("infosec").terms[2].status is TermStatus.SUPERSEDED
    )
    assert editor.terms.data(editor.terms.index(2, STATUS_COLUMN)) == "superseded"
    assert not [r for r in qtlog.records if "commitData" in r.message]
    editor.stack.setClean()


def test_match_mode_is_picked_from_the_modes_the_matcher_knows(qtbot, tmp_path) -> None:
    editor = _editor(qtbot, tmp_path)
    view = editor.term_view
    index = editor.terms.index(0, MATCH_COLUMN)
    view.setCurrentIndex(index)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F2)
    match_editor = view.findChild(MatchEditor)
    assert match_editor is not None and match_editor.isVisible()
    box = match_editor.mode_box
    assert [box.itemText(i) for i in range(box.count())] == [m.value for m in MatchMode]
    assert not match_editor.pattern_edit.isEnabled()  # only a pattern term has an expression
    box.setCurrentText("pattern")
    assert match_editor.pattern_edit.isEnabled()
    match_editor.pattern_edit.setText(r"info\w* security")
    qtbot.keyClick(match_editor.pattern_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: editor.glossary.concept("infosec").terms[0].match is MatchMode.PATTERN)
    assert editor.glossary.concept("infosec").terms[0].pattern == r"info\w* security"
    assert editor.terms.data(index) == r"pattern: info\w* security"
    editor.stack.undo()
    assert editor.glossary.concept("infosec").terms[0].match is MatchMode.INFLECTED
    editor.stack.redo()
    assert editor.glossary.concept("infosec").terms[0].match is MatchMode.PATTERN
    editor.stack.setClean()
