"""The Terminology menu of the main window: findings, re-check, glossary editor, QA rules."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow
    from workbench.gui.terminology import Terminology
    from workbench.terms.glossary import Glossary


def add_terminology_actions(window: MainWindow, terms: Terminology) -> None:
    """Menu entries and shortcuts of the terminology panel (added once)."""
    from workbench.gui.actions import make_action

    recheck = make_action(
        window, "Re-check &terminology", "F9", terms.check, "Check the terminology again"
    )
    glossary = make_action(
        window,
        "&Glossary editor…",
        "Ctrl+G",
        window.glossary_dialog,
        "Edit the project's glossary: concepts, terms, statuses, import/export",
    )
    findings = make_action(
        window,
        "Terminology &findings",
        "Ctrl+Shift+F",
        window.show_findings,
        "Show the findings panel and focus it",
    )
    rules = make_action(
        window,
        "&QA rules…",
        "Ctrl+Shift+G",
        window.qa_rules_dialog,
        "Forbidden strings and regexes per language, exceptions, checks switched on or off",
    )
    window.actions_by_name.update(
        recheck=recheck, glossary=glossary, findings=findings, qa_rules=rules
    )
    menu = window.menuBar().addMenu("&Terminology")
    for action in (findings, recheck, glossary, rules):
        menu.addAction(action)
    if window.view_menu is not None:
        window.view_menu.addAction(terms.dock.toggleViewAction())


def show_findings(window: MainWindow) -> None:
    """Raise the findings panel and focus its list."""
    if window.terminology is not None:
        window.terminology.dock.show()
        window.terminology.dock.raise_()
        window.terminology.panel.view.setFocus()


def glossary_dialog(window: MainWindow) -> None:
    """Open the glossary editor; its edits are steps of the project's undo history."""
    from workbench.gui.dialogs.glossary_editor import GlossaryEditor

    if window.terminology is None or window.project is None:
        window.report("open a project first: the glossary is part of a project")
        return
    path = window.project.glossary_path or window.project.root / "glossary.tbx"
    editor = GlossaryEditor(window, window.terminology.glossary, path)
    editor.exec()
    if editor.in_project:  # its edits are steps of the project's history, made as they came
        if len(window.terminology.glossary):
            window.terminology.dock.show()
        if window.glossary_dirty:
            window.report(
                "the glossary has unsaved changes: Save (Ctrl+S) writes them, Undo (Ctrl+Z) "
                "takes them back"
            )
    elif editor.changed:
        window.terminology.set_glossary(editor.glossary, dirty=not editor.saved)
        if len(editor.glossary):
            window.terminology.dock.show()
        if not editor.saved:
            window.report("the glossary has unsaved changes: Save (Ctrl+S) writes them")
    editor.deleteLater()  # its connections to the window's undo stack go with it


def save_glossary(window: MainWindow, glossary: Glossary) -> Path | None:
    """Save `glossary` as the project's glossary now (the editor's Save); the file."""
    if window.terminology is None or window.project is None:
        return None
    try:
        window.terminology.glossary = glossary
        window.terminology.glossary_dirty = True
        path = window.terminology.save_glossary()
    except (OSError, WorkbenchError) as exc:
        window.show_error("Could not save the glossary", f"{exc}")
        return None
    if path is None:  # the user kept a glossary outside the project unsaved
        return None
    window.report(f"saved the glossary to {path}")
    window.update_state()
    return path


def qa_rules_dialog(window: MainWindow) -> None:
    """Edit the project's QA rules (qa-rules.json beside its manifest); re-check after."""
    from workbench.gui.dialogs.qa_rules_editor import QaRulesEditor
    from workbench.project.qa_rules import default_rules_path

    if window.terminology is None or window.project is None:
        window.report("this project has no glossary")
        return
    path = default_rules_path(window.project.root)
    editor = QaRulesEditor(window, window.terminology.rules, path)
    if editor.exec() and editor.saved is not None:
        window.terminology.set_rules(editor.saved)
