"""Saving the open project and asking about unsaved changes before they are dropped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from workbench.core.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow


def trust_glossary_outside(window: MainWindow) -> bool:
    """Whether the project's glossary may be written where its manifest names it.

    A glossary outside the project folder (a stranger's `workbench.toml` may name any file)
    is written only when the user says Yes, as `--allow-outside` does on the command line;
    the answer holds for this project while it is open.
    """
    from workbench.project.paths import is_inside

    project = window.project
    path = project.glossary_path if project is not None else None
    if project is None or path is None or project.allow_outside or is_inside(project.root, path):
        return True
    answer = QMessageBox.question(
        window,
        "Glossary outside the project",
        f"This project's workbench.toml names its glossary outside the project folder:\n\n"
        f"{path.resolve()}\n\nWrite the glossary there? Choose Yes only if you trust this project "
        "(the same as --allow-outside on the command line); No keeps the edits here, unsaved.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer != QMessageBox.StandardButton.Yes:
        window.report(f"not saved: the glossary {path.resolve()} is outside the project folder")
        return False
    project.allow_outside = True
    return True


def save(window: MainWindow) -> bool:
    """Save the project (atomic files); on failure nothing is marked saved."""
    if window.project is None or window.controller is None:
        window.report("nothing to save: this text has no project folder")
        return False
    if window.glossary_dirty and not trust_glossary_outside(window):
        return False
    glossary_path = None
    try:
        glossary_changed = window.glossary_dirty
        if window.session is not None:
            window.session.save()
        if glossary_changed:
            glossary_path = window.project.glossary_path
    except (OSError, WorkbenchError) as exc:
        window.show_error(
            "Could not save",
            f"The project was not saved: {exc}\n\nYour edits are still here and in the "
            "recovery copy. Free some space or check permissions, then save again.",
        )
        window.autosave(force=True)
        return False
    window.controller.mark_saved()
    if window.recovery is not None:
        window.recovery.discard()
    also = f" and the glossary {glossary_path.name}" if glossary_path is not None else ""
    window.report(f"saved {window.project.root}{also}")
    window.update_state()
    return True


def maybe_discard(window: MainWindow) -> bool:
    """Ask about unsaved edits; True when it is fine to drop the current text."""
    if not window.is_dirty:
        return True
    answer = QMessageBox.question(
        window,
        "Unsaved changes",
        _unsaved_text(window),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return window.save()
    if answer == QMessageBox.StandardButton.Discard:
        if window.recovery is not None:
            window.recovery.discard()
        return True
    return False


def _unsaved_text(window: MainWindow) -> str:
    # Glossary edits and dismissals are in the same history: only its text edits are the
    # alignment's ("the project" covers dismissals and edits that cancel out).
    edited = window.controller is not None and window.controller.history.is_text_changed
    glossary = window.glossary_dirty
    what = (
        "The alignment and the glossary have"
        if edited and glossary
        else "The glossary has"
        if glossary
        else "The alignment has"
        if edited
        else "The project has"
    )
    return f"{what} unsaved changes. Save them before closing?"
