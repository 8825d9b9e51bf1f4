"""Glossary edits are steps of the project's one undo history: the Edit menu undoes them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMenu

from tests.gui.driving import show_and_focus, when_modal
from tests.gui.test_glossary_project import (
    CTRL,
    _add_concept_and_term,
    _button,
    _edit_glossary,
    project_root,  # noqa: F401 (a fixture)
)
from tests.gui.test_project import open_window
from workbench.gui.dialogs.glossary_editor import GlossaryEditor
from workbench.gui.models.alignment_table import Role
from workbench.project.glossary import load_glossary


def _saved_window(qtbot, tmp_path, root):
    window = open_window(qtbot, tmp_path, root)
    show_and_focus(qtbot, window)
    window.table.setFocus()
    assert window.save(), window.statusBar().currentMessage()
    assert not window.is_dirty
    return window


def _edit_menu_undo(window):
    """The Undo entry of the main window's Edit menu."""
    menus = [a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu)]
    edit = next(m for m in menus if m.title().replace("&", "") == "Edit")
    return next(a for a in edit.actions() if a is window.actions_by_name["undo"])


def _paragraph_highlights(window) -> list:
    """Term highlights of the English cell that holds "paragraph"."""
    model = window.model
    column = model.column_of_lang("en")
    for row in range(model.rowCount()):
        index = model.index(row, column)
        if "paragraph" in str(index.data(Qt.ItemDataRole.DisplayRole)):
            return list(index.data(Role.HIGHLIGHTS) or [])
    raise AssertionError("no English cell holds 'paragraph'")


def test_the_edit_menu_undoes_and_redoes_a_glossary_edit(qtbot, tmp_path, project_root) -> None:  # noqa: F811
    window = _saved_window(qtbot, tmp_path, project_root)
    _edit_glossary(qtbot, window, "paragraph", "paragraph", save=False)
    glossary = window.session.glossary
    assert glossary is window.terminology.glossary
    assert [t.text for t in glossary.concept("paragraph").terms] == ["paragraph"]
    assert window.is_dirty and window.isWindowModified()
    assert _paragraph_highlights(window)  # the new term is marked in the table at once
    undo = _edit_menu_undo(window)
    assert "Add term 'paragraph' to paragraph" in undo.text()
    undo.trigger()
    assert glossary.concept("paragraph").terms == ()
    assert _paragraph_highlights(window) == []
    assert "Add concept paragraph" in undo.text()
    undo.trigger()
    assert "paragraph" not in glossary
    assert not window.is_dirty and not window.isWindowModified()  # back to the saved state
    show_and_focus(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_Y, CTRL)
    qtbot.keyClick(window.table, Qt.Key.Key_Y, CTRL)
    assert [t.text for t in glossary.concept("paragraph").terms] == ["paragraph"]
    assert window.is_dirty and _paragraph_highlights(window)


def test_save_then_undo_of_a_glossary_edit_is_unsaved_again(qtbot, tmp_path, project_root) -> None:  # noqa: F811
    window = _saved_window(qtbot, tmp_path, project_root)
    _edit_glossary(qtbot, window, "paragraph", "paragraph", save=False)
    show_and_focus(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_S, CTRL)
    assert not window.is_dirty
    path = project_root / "glossary.tbx"
    assert [t.text for t in load_glossary(path).concept("paragraph").terms] == ["paragraph"]
    shown: list[str] = []
    window.show_error = lambda title, message: shown.append(message)
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)  # the term
    assert window.is_dirty and window.glossary_dirty
    qtbot.keyClick(window.table, Qt.Key.Key_Z, CTRL)  # the concept
    assert window.is_dirty and window.glossary_dirty
    qtbot.keyClick(window.table, Qt.Key.Key_S, CTRL)
    assert shown == []
    assert "paragraph" not in load_glossary(path)
    assert not window.is_dirty


def test_the_editors_undo_takes_back_only_glossary_edits(qtbot, tmp_path, project_root) -> None:  # noqa: F811
    window = _saved_window(qtbot, tmp_path, project_root)
    window.move_to_row(0, "es")
    window.actions_by_name["merge"].trigger()  # an alignment edit before the editor opens
    merged = window.controller.stack.index()
    seen: dict[str, object] = {}

    def work(editor: GlossaryEditor) -> None:
        undo = _button(editor, "Undo")
        seen["undo before"] = undo.isEnabled()
        qtbot.keyClick(editor.list, Qt.Key.Key_Z, CTRL)  # must not undo the merge
        seen["index after Ctrl+Z"] = window.controller.stack.index()
        _add_concept_and_term(qtbot, editor, "paragraph", "paragraph")
        seen["undo after"] = undo.isEnabled()
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(undo, Qt.MouseButton.LeftButton)
        seen["in glossary"] = "paragraph" in editor.glossary
        seen["undo at the merge"] = undo.isEnabled()
        seen["redo at the merge"] = _button(editor, "Redo").isEnabled()
        qtbot.mouseClick(_button(editor, "Close"), Qt.MouseButton.LeftButton)

    when_modal(GlossaryEditor, work)
    qtbot.keyClick(window.table, Qt.Key.Key_G, CTRL)
    assert seen == {
        "undo before": False,
        "index after Ctrl+Z": merged,
        "undo after": True,
        "in glossary": False,
        "undo at the merge": False,
        "redo at the merge": True,
    }
    assert window.controller.history.undo_description.startswith("Merge")
    assert window.controller.stack.index() == merged


def test_the_editors_save_saves_the_project(qtbot, tmp_path, project_root) -> None:  # noqa: F811
    window = _saved_window(qtbot, tmp_path, project_root)
    window.move_to_row(0, "es")
    window.actions_by_name["merge"].trigger()
    _edit_glossary(qtbot, window, "sentence", "sentence", save=True)
    assert not window.is_dirty
    assert [c.id for c in load_glossary(project_root / "glossary.tbx").concepts] == ["sentence"]
    from workbench.project.project import Project

    reopened = Project.open(project_root)
    assert [len(a.beads) for a in reopened.text.alignments.values()] == [
        len(a.beads) for a in window.text.alignments.values()
    ]
