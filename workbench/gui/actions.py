"""The main window's actions and menus: every action has a shortcut, shown in menu and tooltip."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow


def _shortcut_text(shortcuts: list[QKeySequence]) -> str:
    return ", ".join(
        s.toString(QKeySequence.SequenceFormat.NativeText) for s in shortcuts if not s.isEmpty()
    )


def make_action(
    window: MainWindow,
    text: str,
    shortcuts: str | list[str] | QKeySequence.StandardKey,
    slot,
    tip: str,
    *,
    table_only: bool = False,
    checkable: bool = False,
) -> QAction:
    """An action with its shortcut(s) in the menu and in the tooltip.

    `table_only` actions react only while the table has focus, so Enter and the arrows keep
    their meaning inside the cell editor and the find box.
    """
    action = QAction(text, window)
    if isinstance(shortcuts, QKeySequence.StandardKey):
        action.setShortcuts(shortcuts)
    else:
        keys = [shortcuts] if isinstance(shortcuts, str) else shortcuts
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.setCheckable(checkable)
    keys_text = _shortcut_text(action.shortcuts())
    action.setToolTip(f"{tip} ({keys_text})" if keys_text else tip)
    action.setStatusTip(tip)
    if table_only:
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        window.table.addAction(action)
    else:
        window.addAction(action)
    if checkable:
        action.toggled.connect(slot)
    else:
        action.triggered.connect(lambda _checked=False: slot())
    return action


def build_actions(window: MainWindow) -> dict[str, QAction]:
    """Create the actions and the menu bar; returns the actions by name."""
    a: dict[str, QAction] = {}
    w = window
    a["new"] = make_action(
        w, "&New project…", "Ctrl+N", w.new_project_dialog, "Make a project from texts"
    )
    a["open"] = make_action(w, "&Open project…", "Ctrl+O", w.open_dialog, "Open a project folder")
    a["save"] = make_action(w, "&Save", "Ctrl+S", w.save, "Save the project")
    a["export_tmx"] = make_action(
        w, "Export &TMX…", "Ctrl+E", lambda: w.export_dialog("tmx"), "Export a TMX file"
    )
    a["export_po"] = make_action(
        w, "Export &PO…", "Ctrl+Shift+E", lambda: w.export_dialog("po"), "Export PO files"
    )
    a["export_xliff"] = make_action(
        w,
        "Export &XLIFF…",
        "Ctrl+Shift+X",
        lambda: w.export_dialog("xliff"),
        "Export XLIFF: into the CAT tool's file the project was imported from, or a new one",
    )
    a["quit"] = make_action(w, "&Quit", "Ctrl+Q", w.close, "Close the workbench")
    a["align_missing"] = make_action(
        w,
        "&Align missing pairs",
        "Ctrl+Shift+L",
        w.align_missing_pairs,
        "Align the pivot with every language that has no alignment yet (in the background)",
    )
    a["embeddings"] = make_action(
        w,
        "Use sentence &embeddings",
        "Ctrl+Alt+E",
        w.set_embeddings,
        "Align with the bundled sentence-embedding model as well as lengths and words "
        "(kept in the project's workbench.toml)",
        checkable=True,
    )

    a["undo"] = make_action(w, "&Undo", ["Ctrl+Z"], w.undo, "Undo the last edit")
    a["redo"] = make_action(w, "&Redo", ["Ctrl+Shift+Z", "Ctrl+Y"], w.redo, "Redo the undone edit")
    a["merge"] = make_action(
        w,
        "&Merge with next bead",
        "Ctrl+M",
        w.merge,
        "Merge the pair's bead with the next one",
        table_only=True,
    )
    a["split"] = make_action(
        w,
        "&Split bead",
        "Ctrl+Shift+S",
        w.split,
        "Split the pair's bead after its first segment on each side",
        table_only=True,
    )
    a["shift_up"] = make_action(
        w,
        "Shift target segment &up",
        "Alt+Up",
        lambda: w.shift("target", "up"),
        "Move the bead's first target segment into the bead above",
        table_only=True,
    )
    a["shift_down"] = make_action(
        w,
        "Shift target segment &down",
        "Alt+Down",
        lambda: w.shift("target", "down"),
        "Move the bead's last target segment into the bead below",
        table_only=True,
    )
    a["shift_source_up"] = make_action(
        w,
        "Shift pivot segment up",
        "Alt+PgUp",  # Alt+Shift+Up/Down are window-manager keys (Openbox, GNOME)
        lambda: w.shift("source", "up"),
        "Move the bead's first pivot segment into the bead above",
        table_only=True,
    )
    a["shift_source_down"] = make_action(
        w,
        "Shift pivot segment down",
        "Alt+PgDown",
        lambda: w.shift("source", "down"),
        "Move the bead's last pivot segment into the bead below",
        table_only=True,
    )
    a["insert_empty"] = make_action(
        w,
        "&Insert empty target",
        "Ctrl+I",
        lambda: w.insert_empty("target"),
        "Unlink the bead: pivot segments get an empty target, target segments follow alone",
        table_only=True,
    )
    a["insert_empty_source"] = make_action(
        w,
        "Insert empty pivot",
        "Ctrl+Shift+I",
        lambda: w.insert_empty("source"),
        "Unlink the bead: target segments come first with an empty pivot",
        table_only=True,
    )
    a["confirm"] = make_action(
        w,
        "&Confirm",
        ["Return", "Enter"],
        w.confirm,
        "Confirm the selected rows' beads and go to the next row",
        table_only=True,
    )
    a["unconfirm"] = make_action(
        w,
        "U&nconfirm",
        "Ctrl+U",
        w.unconfirm,
        "Mark the selected beads as automatic",
        table_only=True,
    )
    a["confirm_above"] = make_action(
        w,
        "Confirm all &above",
        ["Ctrl+Return", "Ctrl+Enter"],
        w.confirm_above,
        "Confirm every bead of the pair up to this row",
        table_only=True,
    )
    a["realign"] = make_action(
        w,
        "&Re-align from here",
        "Ctrl+R",
        w.realign,
        "Re-align from this row to the next confirmed bead (in the background)",
        table_only=True,
    )
    a["edit_text"] = make_action(
        w,
        "&Edit segment text",
        "F2",
        w.edit_cell,
        "Edit the cell's text; Ctrl+Shift+Enter in the editor splits the segment at the cursor",
        table_only=True,
    )
    a["merge_segments"] = make_action(
        w,
        "&Join segments",
        "Ctrl+J",
        w.merge_segments,
        "Join the cell's segment with the next one of its paragraph",
        table_only=True,
    )

    a["find"] = make_action(w, "&Find…", "Ctrl+F", w.find_bar.open, "Find text in every language")
    a["find_next"] = make_action(w, "Find &next", "F3", w.find_bar.find_next, "Find the next match")
    a["find_previous"] = make_action(
        w,
        "Find pre&vious",
        "Shift+F3",
        lambda: w.find_bar.find_next(backwards=True),
        "Find the previous match",
    )
    a["next_problem"] = make_action(
        w,
        "Next &problem",
        "F8",
        w.next_problem,
        "Go to the next terminology finding or low-confidence bead",
    )
    a["previous_problem"] = make_action(
        w,
        "Previous problem",
        "Shift+F8",
        lambda: w.next_problem(backwards=True),
        "Go to the previous terminology finding or low-confidence bead",
    )
    a["next_unconfirmed"] = make_action(
        w, "Next &unconfirmed", "F7", w.next_unconfirmed, "Go to the next unconfirmed bead"
    )
    a["previous_unconfirmed"] = make_action(
        w,
        "Previous unconfirmed",
        "Shift+F7",
        lambda: w.next_unconfirmed(backwards=True),
        "Go to the previous unconfirmed bead",
    )
    a["go_to_bead"] = make_action(
        w,
        "Go to &bead…",
        "Ctrl+L",
        lambda: w.go_to_bead(),
        "Go to a bead of the current pair by its number (as check-terms reports it)",
    )
    a["show_ids"] = make_action(
        w,
        "Show segment &ids",
        "Ctrl+Shift+D",
        w.toggle_ids,
        "Prefix segments with their ids",
        checkable=True,
    )
    for number in range(1, 4):
        a[f"pair_{number}"] = make_action(
            w,
            f"Pair {number}",
            f"Ctrl+{number}",
            lambda n=number: w.set_pair(n),
            f"Edit the pivot's pair with target language {number}",
        )

    a["shortcuts"] = make_action(
        w,
        "&Keyboard shortcuts…",
        "Ctrl+Shift+K",
        w.shortcuts_dialog,
        "Change the keys of any action (kept for the next start)",
    )

    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    for name in ("new", "open"):
        file_menu.addAction(a[name])
    recent = file_menu.addMenu("Open &recent")
    recent.aboutToShow.connect(lambda: _fill_recent(w, recent))
    file_menu.addAction(a["save"])
    file_menu.addSeparator()
    file_menu.addAction(a["export_tmx"])
    file_menu.addAction(a["export_po"])
    file_menu.addAction(a["export_xliff"])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(a["undo"])
    edit_menu.addAction(a["redo"])
    edit_menu.addSeparator()
    for name in ("confirm", "confirm_above", "unconfirm"):
        edit_menu.addAction(a[name])
    edit_menu.addSeparator()
    for name in (
        "merge",
        "split",
        "shift_up",
        "shift_down",
        "shift_source_up",
        "shift_source_down",
        "insert_empty",
        "insert_empty_source",
        "realign",
    ):
        edit_menu.addAction(a[name])
    edit_menu.addSeparator()
    for name in ("edit_text", "merge_segments"):
        edit_menu.addAction(a[name])
    edit_menu.addSeparator()
    edit_menu.addAction(a["shortcuts"])

    project_menu = bar.addMenu("&Project")
    project_menu.addAction(a["align_missing"])
    project_menu.addAction(a["embeddings"])

    go_menu = bar.addMenu("&Go")
    for name in (
        "find",
        "find_next",
        "find_previous",
        "next_problem",
        "previous_problem",
        "next_unconfirmed",
        "previous_unconfirmed",
        "go_to_bead",
    ):
        go_menu.addAction(a[name])
    go_menu.addSeparator()
    for number in range(1, 4):
        go_menu.addAction(a[f"pair_{number}"])

    view_menu = bar.addMenu("&View")
    view_menu.addAction(a["show_ids"])
    columns = view_menu.addMenu("&Columns")
    columns.aboutToShow.connect(lambda: _fill_columns(w, columns))
    view_menu.addSeparator()
    w.view_menu = view_menu
    for dock in (w.map_dock, w.undo_dock):
        view_menu.addAction(dock.toggleViewAction())
    return a


def _fill_recent(window: MainWindow, menu) -> None:
    menu.clear()
    for root in window.recent_projects():
        action = menu.addAction(root)
        action.triggered.connect(lambda _c=False, r=root: _open_recent(window, r))
    if not window.recent_projects():
        menu.addAction("(none)").setEnabled(False)


def _open_recent(window: MainWindow, root: str) -> None:
    if window.maybe_discard():
        window.open_project(Path(root))


def _fill_columns(window: MainWindow, menu) -> None:
    menu.clear()
    model = window.model
    if model is None:
        return
    for column, lang in enumerate(model.langs):
        action = menu.addAction(model.header_label(lang))
        action.setCheckable(True)
        action.setChecked(not window.table.isColumnHidden(column))
        action.toggled.connect(
            lambda checked, c=column: window.table.setColumnHidden(c, not checked)
        )
