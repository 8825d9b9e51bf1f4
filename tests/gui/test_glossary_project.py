"""The glossary belongs to the project: made with it, edited in it, saved and warned about."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox, QPushButton

from tests.gui.driving import show_and_focus, when_modal
from tests.gui.test_project import EN, ES, open_window
from workbench.gui.dialogs.glossary_editor import GlossaryEditor, TermDialog
from workbench.gui.dialogs.new_project import NewProjectDialog
from workbench.project.glossary import load_glossary
from workbench.project.manifest import MANIFEST, Manifest
from workbench.project.project import Project

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def project_root(tmp_path: Path) -> Path:
    """A two-language project without a glossary."""
    docs = {}
    for lang, body in {"en": EN, "es": ES}.items():
        docs[lang] = tmp_path / f"{lang}.txt"
        docs[lang].write_text(body, encoding="utf-8")
    return Project.create(tmp_path / "proj", "en", docs, "demo").root


def _button(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text().replace("&", "") == text)


def _add_concept_and_term(qtbot, editor: GlossaryEditor, concept: str, term: str) -> None:
    """Add concept `concept` with English term `term` by clicks and typing."""

    def name_it(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(type(editor.search)), concept)
        qtbot.mouseClick(_button(dialog, "OK"), Qt.MouseButton.LeftButton)

    when_modal(QInputDialog, name_it)
    qtbot.mouseClick(_button(editor, "Add concept"), Qt.MouseButton.LeftButton)

    def type_term(dialog) -> None:
        dialog.lang_box.setCurrentText("en")
        qtbot.keyClicks(dialog.text_edit, term)
        qtbot.keyClick(dialog.text_edit, Qt.Key.Key_Return)

    when_modal(TermDialog, type_term)
    qtbot.mouseClick(_button(editor, "Add term"), Qt.MouseButton.LeftButton)


def _edit_glossary(qtbot, window, concept: str, term: str, *, save: bool) -> None:
    """Ctrl+G, add a concept and a term, optionally click Save, then Close."""

    def work(editor) -> None:
        _add_concept_and_term(qtbot, editor, concept, term)
        if save:
            qtbot.mouseClick(_button(editor, "Save"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(_button(editor, "Close"), Qt.MouseButton.LeftButton)

    when_modal(GlossaryEditor, work)
    qtbot.keyClick(window.table, Qt.Key.Key_G, CTRL)


def test_new_project_dialog_takes_a_glossary(qtbot, tmp_path: Path) -> None:
    texts = tmp_path / "t"
    texts.mkdir()
    (texts / "en.txt").write_text("One sentence. Two sentences.\n", encoding="utf-8")
    (texts / "es.txt").write_text("Una frase. Dos frases.\n", encoding="utf-8")
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept,en,es\nsentence,sentence,frase\n", encoding="utf-8")
    dialog = NewProjectDialog()
    qtbot.addWidget(dialog)
    show_and_focus(qtbot, dialog)
    qtbot.keyClicks(dialog.folder, str(tmp_path / "new"))
    for row, lang in enumerate(("en", "es")):
        dialog.docs.item(row, 1).setText(str(texts / f"{lang}.txt"))
    qtbot.keyClicks(dialog.glossary, str(glossary))
    qtbot.mouseClick(_button(dialog, "OK"), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    manifest = Manifest.read(tmp_path / "new" / MANIFEST)
    assert manifest.glossary is not None
    # A glossary from outside is copied in (relative path): the folder can move.
    assert manifest.glossary.as_posix() == "glossary/g.csv"
    assert (tmp_path / "new" / manifest.glossary).read_bytes() == glossary.read_bytes()
    assert dialog.minimumWidth() >= 700


def test_glossary_edits_make_the_project_unsaved_and_save_writes_them(
    qtbot, tmp_path, project_root
) -> None:
    window = open_window(qtbot, tmp_path, project_root)
    show_and_focus(qtbot, window)
    window.table.setFocus()
    assert window.project.glossary_path is None
    assert window.save(), window.statusBar().currentMessage()
    assert not window.is_dirty
    _edit_glossary(qtbot, window, "paragraph", "paragraph", save=False)
    assert window.is_dirty and window.isWindowModified()
    assert "glossary" in window.statusBar().currentMessage()
    show_and_focus(qtbot, window)  # back from the editor: shortcuts reach the window again
    qtbot.keyClick(window.table, Qt.Key.Key_S, CTRL)
    assert not window.is_dirty
    assert "glossary" in window.statusBar().currentMessage()
    path = project_root / "glossary.tbx"
    assert [c.id for c in load_glossary(path).concepts] == ["paragraph"]
    assert Manifest.read(project_root / MANIFEST).glossary == Path("glossary.tbx")


def test_the_editors_save_button_writes_the_glossary_and_says_where(
    qtbot, tmp_path, project_root
) -> None:
    window = open_window(qtbot, tmp_path, project_root)
    show_and_focus(qtbot, window)
    window.table.setFocus()
    _edit_glossary(qtbot, window, "sentence", "sentence", save=True)
    assert "glossary.tbx" in window.statusBar().currentMessage()
    assert [c.id for c in load_glossary(project_root / "glossary.tbx").concepts] == ["sentence"]
    assert not window.glossary_dirty


def test_closing_with_unsaved_glossary_edits_asks(qtbot, tmp_path, project_root) -> None:
    window = open_window(qtbot, tmp_path, project_root)
    show_and_focus(qtbot, window)
    window.table.setFocus()
    window.save()
    _edit_glossary(qtbot, window, "paragraph", "paragraph", save=False)
    asked: list[str] = []

    def cancel(box) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    when_modal(QMessageBox, cancel)
    show_and_focus(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_Q, CTRL)
    # Only the glossary was edited (its steps share the alignment's history).
    assert asked and asked[0].startswith("The glossary has unsaved changes")
    assert window.isVisible()
    QApplication.processEvents()


def _glossary_outside(project_root: Path) -> Path:
    """Point the project's manifest at a glossary beside the project folder (a stranger's)."""
    manifest = Manifest.read(project_root / MANIFEST)
    (project_root / MANIFEST).write_text(
        manifest.to_toml().replace("[paths]\n", '[paths]\nglossary = "../outside.tbx"\n', 1),
        encoding="utf-8",
    )
    return project_root.parent / "outside.tbx"


@pytest.mark.parametrize("via", ["window", "editor"])
def test_a_glossary_outside_the_project_is_written_only_when_the_user_says_yes(
    qtbot, tmp_path, project_root, via: str
) -> None:
    other = Project.create(tmp_path / "other", "en", {"en": tmp_path / "en.txt"}, "other").root
    window = open_window(qtbot, tmp_path, other)  # a trusted project first, then a stranger's
    outside = _glossary_outside(project_root)
    window.open_project(project_root, ask_recover=False, synchronous=True)
    assert window.project.glossary_path == project_root / "../outside.tbx"
    show_and_focus(qtbot, window)
    window.table.setFocus()
    asked: list[str] = []

    def answer_no(box) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    def work(editor) -> None:
        _add_concept_and_term(qtbot, editor, "sentence", "sentence")
        if via == "editor":
            when_modal(QMessageBox, answer_no)
            qtbot.mouseClick(_button(editor, "Save"), Qt.MouseButton.LeftButton)
        qtbot.mouseClick(_button(editor, "Close"), Qt.MouseButton.LeftButton)

    when_modal(GlossaryEditor, work)
    qtbot.keyClick(window.table, Qt.Key.Key_G, CTRL)
    if via == "window":
        when_modal(QMessageBox, answer_no)
        assert not window.save()
    assert asked and str(outside) in asked[0] and "--allow-outside" in asked[0]
    assert not outside.exists()
    assert window.glossary_dirty

    when_modal(QMessageBox, lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    assert window.save()
    assert [c.id for c in load_glossary(outside).concepts] == ["sentence"]
    assert not window.glossary_dirty


def test_the_session_refuses_a_glossary_outside_before_writing_anything(project_root) -> None:
    from workbench.core.errors import ProjectError
    from workbench.project.session import Session
    from workbench.terms.glossary import Concept, Glossary, Term

    outside = _glossary_outside(project_root)
    session = Session(Project.open(project_root))
    session.glossary = Glossary([Concept("c1", terms=(Term("sentence", "en"),))], "en")
    session.is_glossary_changed = True
    before = {p: p.stat().st_mtime_ns for p in project_root.rglob("*") if p.is_file()}
    with pytest.raises(ProjectError, match="outside the project folder"):
        session.save()
    assert not outside.exists()
    assert {p: p.stat().st_mtime_ns for p in project_root.rglob("*") if p.is_file()} == before
