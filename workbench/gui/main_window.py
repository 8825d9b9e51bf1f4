"""The main window: the parallel table, its edit actions, docks, and file handling."""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Concatenate, ParamSpec

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QSettings, QStandardPaths, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QUndoView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.alignment import BeadStatus, ParallelText
from workbench.core.edits import Change
from workbench.core.errors import WorkbenchError
from workbench.gui import following, saving, terminology_menu
from workbench.gui.commands import EditController
from workbench.gui.editing import EditActions
from workbench.gui.models.alignment_table import AlignmentTableModel
from workbench.gui.models.filter_proxy import RowFilterProxy
from workbench.gui.views.alignment_map import AlignmentMap
from workbench.gui.views.findbar import FindBar
from workbench.gui.views.table import AlignmentTableView
from workbench.project.session import Session

if TYPE_CHECKING:
    from workbench.gui.terminology import Terminology
    from workbench.project.project import Project
    from workbench.project.recovery import Recovery
    from workbench.terms.glossary import Glossary

APP_NAME = "Workbench"


P = ParamSpec("P")


def guarded(
    method: Callable[Concatenate[MainWindow, P], None],
) -> Callable[Concatenate[MainWindow, P], None]:
    """Run an action slot; show core errors in the status bar instead of raising."""

    @functools.wraps(method)
    def wrapper(self: MainWindow, *args: P.args, **kwargs: P.kwargs) -> None:
        try:
            method(self, *args, **kwargs)
        except WorkbenchError as exc:
            self.report(str(exc))

    return wrapper  # type: ignore[return-value]


class MainWindow(QMainWindow):
    """The alignment editor over one parallel text (usually a project's)."""

    def __init__(self, settings: QSettings | None = None, recovery_base: Path | None = None):
        super().__init__()
        self.settings = settings or QSettings("workbench", "workbench")
        base = (
            recovery_base
            or Path(
                QStandardPaths.writableLocation(
                    QStandardPaths.StandardLocation.AppLocalDataLocation
                )
            )
            / "recovery"
        )
        self.recovery_base = base
        self.project: Project | None = None
        self.recovery: Recovery | None = None
        self.view_menu: QMenu | None = None
        self.ask_on_close = True
        self.terminology: Terminology | None = None
        self.text: ParallelText | None = None
        self.controller: EditController | None = None
        self.session: Session | None = None
        self.model: AlignmentTableModel | None = None
        self._pair_lang: str | None = None
        self.edits = EditActions(self)
        self.proxy = RowFilterProxy(self)
        self.table = AlignmentTableView(self)
        self.table.setModel(self.proxy)
        self.table.selectionModel().currentChanged.connect(self._current_changed)
        self.find_bar = FindBar(self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.find_bar)
        layout.addWidget(self.table)
        self.setCentralWidget(central)
        self.find_bar.hide()
        self.alignment_map = AlignmentMap(self)
        self.alignment_map.pivot_clicked.connect(self.go_to_pivot)
        self.map_dock = self._dock(
            "Alignment map", self.alignment_map, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.undo_view = QUndoView(self)
        self.undo_view.setEmptyLabel("<opened>")
        self.undo_dock = self._dock(
            "History", self.undo_view, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.tabifyDockWidget(self.map_dock, self.undo_dock)
        self.map_dock.raise_()
        self.problems_label = QLabel(self)
        self.problems_label.setToolTip(
            "Unconfirmed omissions (1:0, 0:1) and low-confidence beads; F8 goes to the next"
        )
        self.statusBar().addPermanentWidget(self.problems_label)
        self.problem_count = following.ProblemCount(self.problems_label)
        self.pair_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.pair_label)
        self.table.cell_delegate.text_committed.connect(self._text_committed)
        self.table.cell_delegate.tags_refused.connect(
            lambda why: self.statusBar().showMessage(f"Not saved: {why}", 10000)
        )
        self.table.cell_delegate.split_requested.connect(self._split_requested)
        from workbench.gui.autosave import Autosaver

        self.autosaver = Autosaver(self)
        from workbench.gui.actions import build_actions

        self.actions_by_name: dict[str, QAction] = build_actions(self)
        from workbench.gui.dialogs.shortcuts import apply_saved_shortcuts

        apply_saved_shortcuts(self.actions_by_name, self.settings)
        self.setWindowTitle(APP_NAME)
        self.resize(1400, 860)
        geometry = self.settings.value("window/geometry")
        if geometry is not None:  # size, place and maximised state of the last session
            self.restoreGeometry(geometry)
        self._update_state()

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title.replace(" ", "_"))
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    # -- loading -------------------------------------------------------------------------------
    def load_text(self, text: ParallelText, project=None) -> None:
        """Show `text` (with its project, if any); resets the undo history."""
        old_controller, old_model = self.controller, self.model
        if old_controller is not None:
            old_controller.changed.disconnect(self._changed)
            old_controller.stack.cleanChanged.disconnect(self._update_state)
            old_controller.stack.indexChanged.disconnect(self._update_state)
        self.project = project
        self.text = text
        self.session = Session(project) if project is not None and project.text is text else None
        history = self.session.history if self.session is not None else None
        self.controller = EditController(text, self, history)
        self.controller.changed.connect(self._changed)
        self.controller.stack.cleanChanged.connect(self._update_state)
        self.controller.stack.indexChanged.connect(self._update_state)
        self.undo_view.setStack(self.controller.stack)
        self.model = AlignmentTableModel(text, self)
        self.proxy.setSourceModel(self.model)
        targets = self.model.langs[1:]
        self._pair_lang = targets[0] if targets else None
        self.alignment_map.set_text(text)
        for old in (old_controller, old_model):
            if old is not None:
                old.deleteLater()
        if self.model.rowCount():
            self.move_to_row(0, self._pair_lang)
        self.autosaver.saved_index = 0
        self.recovery = None
        # A loaded project is tens of thousands of long-lived objects; every full collection
        # of the cyclic GC would walk them all again during edits (tens of ms at 10k beads).
        # Freezing moves what exists now out of the collector's view.
        gc.freeze()
        if project is not None:
            from workbench.project.recovery import Recovery, recovery_folder

            self.recovery = Recovery(recovery_folder(self.recovery_base, project.root))
            self._remember_recent(project.root)
        state = self.settings.value(self._columns_key())
        header = self.table.horizontalHeader()
        if state is not None:  # order and hidden columns of a project with these languages
            header.restoreState(state)
        # Widths always fit this window: a saved state carries the widths of another size.
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self._name_pairs()
        self.problem_count.update(self.text)
        self._install_terminology()
        self._update_state()
        self.show_embeddings_setting()

    def show_embeddings_setting(self) -> None:
        """Check Project > Use sentence embeddings as the project's manifest says."""
        from workbench.gui.loading import show_embeddings_setting

        show_embeddings_setting(self)

    def set_embeddings(self, enabled: bool) -> None:
        """Use sentence embeddings (or not) in this project's alignments, from now on."""
        from workbench.gui.loading import set_embeddings

        set_embeddings(self, enabled)

    def _name_pairs(self) -> None:
        """The Go menu's pair entries name their languages (hidden when there is no pair)."""
        targets = self.model.langs[1:] if self.model is not None else []
        text = self.text
        for number in range(1, 4):
            action = self.actions_by_name[f"pair_{number}"]
            if text is not None and number <= len(targets):
                action.setText(f"Pair {text.pair_label(targets[number - 1])}")
                action.setVisible(True)
            else:
                action.setVisible(False)

    def _columns_key(self) -> str:
        langs = self.model.langs if self.model is not None else []
        return "columns/" + "-".join(langs)

    def add_terminology_actions(self, terms: Terminology) -> None:
        """Menu entries and shortcuts of the terminology panel (added once)."""
        terminology_menu.add_terminology_actions(self, terms)

    def show_findings(self) -> None:
        """Raise the findings panel and focus its list."""
        terminology_menu.show_findings(self)

    def glossary_dialog(self) -> None:
        """Open the glossary editor; its edits are steps of the project's undo history."""
        terminology_menu.glossary_dialog(self)

    def save_glossary(self, glossary: Glossary) -> Path | None:
        """Save `glossary` as the project's glossary now (the editor's Save); the file."""
        return terminology_menu.save_glossary(self, glossary)

    def qa_rules_dialog(self) -> None:
        """Edit the project's QA rules (qa-rules.json beside its manifest); re-check after."""
        terminology_menu.qa_rules_dialog(self)

    def _install_terminology(self) -> None:
        from workbench.gui.terminology import install_terminology

        install_terminology(self)

    def shortcuts_dialog(self) -> None:
        """Rebind keys (saved in the settings, applied at once and at every start)."""
        from workbench.gui.dialogs.shortcuts import ShortcutsDialog

        ShortcutsDialog(self).exec()

    def align_missing_pairs(self, synchronous: bool = False) -> None:
        """Align the pairs the project lacks (after a cancelled or failed open, say)."""
        from workbench.gui.loading import align_missing_pairs

        align_missing_pairs(self, synchronous=synchronous)

    def open_project(self, root, *, ask_recover: bool = True, synchronous: bool = False) -> None:
        """Open the project at `root`; missing alignments are computed in a worker first."""
        from workbench.gui.loading import open_project

        open_project(self, root, ask_recover=ask_recover, synchronous=synchronous)

    # -- what is selected ----------------------------------------------------------------------
    def current_row(self) -> int:
        """The source-model row of the current cell, or -1."""
        index = self.table.currentIndex()
        if not index.isValid():
            return -1
        return self.proxy.mapToSource(index).row()

    def current_lang(self) -> str:
        """The language of the current column (the pivot when nothing is current)."""
        index = self.table.currentIndex()
        if self.model is None:
            return ""
        if not index.isValid():
            return self.model.langs[0]
        return self.model.lang_of_column(index.column())

    def pair_lang(self) -> str | None:
        """The target language of the pair edits act on: the current column's, else the last."""
        if self.model is None:
            return None
        lang = self.current_lang()
        if lang and lang != self.model.langs[0]:
            return lang
        return self._pair_lang

    def selected_rows(self) -> list[int]:
        """Source-model rows with a selected cell, sorted."""
        rows = {
            self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedIndexes()
        }
        return sorted(r for r in rows if r >= 0)

    def move_to_row(self, row: int, lang: str | None = None) -> None:
        """Make `row` (source model) current, in `lang`'s column or the current column."""
        if self.model is None or self.model.rowCount() == 0:
            return
        row = max(0, min(row, self.model.rowCount() - 1))
        column = (
            self.model.column_of_lang(lang) if lang else max(self.table.currentIndex().column(), 0)
        )
        index = self.proxy.mapFromSource(self.model.index(row, column))
        if not index.isValid():
            return
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        self.table.show_index(index)

    def set_pair(self, number: int) -> None:
        """Make the `number`-th target language (1-based) the current pair."""
        if self.model is None:
            return
        targets = self.model.langs[1:]
        if 1 <= number <= len(targets):
            self._pair_lang = targets[number - 1]
            self.move_to_row(max(self.current_row(), 0), targets[number - 1])

    def go_to_pivot(self, pivot_index: int) -> None:
        """Jump to the row holding pivot segment `pivot_index`."""
        if self.model is not None and 0 <= pivot_index < len(self.model.layout.row_of_pivot):
            self.move_to_row(int(self.model.layout.row_of_pivot[pivot_index]), self.pair_lang())

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self.model is None or not current.isValid():
            return
        lang = self.model.lang_of_column(self.proxy.mapToSource(current).column())
        if lang != self.model.langs[0]:
            self._pair_lang = lang
        row = self.current_row()
        if row >= 0:
            self.alignment_map.set_current(self.model.layout.pivot_range(row)[0])
        self._update_pair_label()

    # -- edits ---------------------------------------------------------------------------------
    def _changed(self, change: Change) -> None:
        if self.model is not None:
            self.model.apply_change(change)
        if self.proxy.active:
            self.proxy.invalidate()
        following.follow(self, change)
        self.problem_count.update(self.text, {item.lang for item in change.beads})
        self.alignment_map.refresh()
        self._update_state()

    def _text_committed(self, proxy_index: QModelIndex, lines: list[str]) -> None:
        if self.model is None:
            return
        index = self.proxy.mapToSource(proxy_index)
        self.edits.set_texts(index.row(), self.model.lang_of_column(index.column()), list(lines))

    def _split_requested(self, proxy_index: QModelIndex, line: int, offset: int) -> None:
        if self.model is None:
            return
        index = self.proxy.mapToSource(proxy_index)
        self.edits.split_segment(
            index.row(), self.model.lang_of_column(index.column()), line, offset
        )

    @guarded
    def merge(self) -> None:
        """Merge the pair's bead with the next."""
        self.edits.merge()

    @guarded
    def split(self) -> None:
        """Split the pair's bead."""
        self.edits.split()

    @guarded
    def shift(self, side: str, direction: str) -> None:
        """Shift a segment across a bead boundary."""
        self.edits.shift(side, direction)

    @guarded
    def insert_empty(self, side: str = "target") -> None:
        """Give the pair's bead an empty counterpart."""
        self.edits.insert_empty(side)

    @guarded
    def confirm(self) -> None:
        """Confirm the selected rows' beads and go to the next row."""
        self.edits.set_status(BeadStatus.CONFIRMED)

    @guarded
    def unconfirm(self) -> None:
        """Mark the selected rows' beads as automatic again."""
        self.edits.set_status(BeadStatus.AUTO, advance=False)

    @guarded
    def confirm_above(self) -> None:
        """Confirm every bead up to this row."""
        self.edits.confirm_above()

    @guarded
    def merge_segments(self) -> None:
        """Merge a segment with the next one of its paragraph."""
        self.edits.merge_segments()

    def edit_cell(self) -> None:
        """Start editing the current cell's text."""
        index = self.table.currentIndex()
        if index.isValid():
            self.table.setFocus()
            self.table.edit(index)

    @guarded
    def realign(self) -> None:
        """Re-align from this row to the next confirmed bead, in a worker."""
        from workbench.gui.loading import realign_from_here

        realign_from_here(self, self.edits.target())

    def undo(self) -> None:
        """Undo the last edit."""
        if self.controller is not None:
            self.controller.stack.undo()

    def redo(self) -> None:
        """Redo the last undone edit."""
        if self.controller is not None:
            self.controller.stack.redo()

    # -- navigation ----------------------------------------------------------------------------
    def next_problem(self, backwards: bool = False) -> None:
        """Go to the next row with a finding or an unconfirmed low-confidence bead (F8)."""
        following.next_problem(self, backwards)

    def next_unconfirmed(self, backwards: bool = False) -> None:
        """Go to the next row with an unconfirmed bead (F7)."""
        following.next_unconfirmed(self, backwards)

    def toggle_ids(self, show: bool) -> None:
        """Show or hide segment ids."""
        if self.model is not None:
            self.model.set_show_ids(show)

    # -- saving --------------------------------------------------------------------------------
    @property
    def is_dirty(self) -> bool:
        """True when there are unsaved edits (of the alignment or of the glossary)."""
        edited = self.controller is not None and not self.controller.stack.isClean()
        return edited or self.glossary_dirty

    @property
    def glossary_dirty(self) -> bool:
        """True when the glossary was edited and not saved."""
        return self.terminology is not None and self.terminology.glossary_dirty

    def save(self) -> bool:
        """Save the project (atomic files); on failure nothing is marked saved."""
        return saving.save(self)

    def autosave(self, force: bool = False) -> None:
        """Write the recovery copy now when there are edits since the last one."""
        self.autosaver.save_now(force)

    def closeEvent(self, event) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        if self.model is not None:  # column order and hidden columns survive a restart
            self.settings.setValue(self._columns_key(), self.table.horizontalHeader().saveState())
        if not self.ask_on_close or self.maybe_discard():
            if self.terminology is not None:
                self.terminology.stop()
            if self.recovery is not None and not self.is_dirty:
                self.recovery.discard()
            event.accept()
        else:
            event.ignore()

    def maybe_discard(self) -> bool:
        """Ask about unsaved edits; True when it is fine to drop the current text."""
        return saving.maybe_discard(self)

    # -- file menu -----------------------------------------------------------------------------
    def open_dialog(self) -> None:
        """Ask for a project folder and open it."""
        folder = QFileDialog.getExistingDirectory(self, "Open project folder")
        if folder and self.maybe_discard():
            self.open_project(Path(folder))

    def new_project_dialog(self) -> None:
        """Make a project from texts."""
        from workbench.gui.dialogs.new_project import NewProjectDialog

        if not self.maybe_discard():
            return
        dialog = NewProjectDialog(self)
        if dialog.exec() and dialog.project_root is not None:
            self.open_project(dialog.project_root, ask_recover=False)

    def export_dialog(self, kind: str = "tmx") -> None:
        """Export TMX, PO or XLIFF with the CLI's options."""
        from workbench.gui.dialogs.export import ExportDialog

        if self.text is None:
            return
        ExportDialog(self, kind).exec()

    def recent_projects(self) -> list[str]:
        """Recently opened project folders, newest first."""
        value = self.settings.value("recent", [])
        if isinstance(value, str):
            return [value]
        if isinstance(value, list):
            return [str(v) for v in value]
        return []

    def _remember_recent(self, root: Path) -> None:
        recent = [str(root)] + [r for r in self.recent_projects() if r != str(root)]
        self.settings.setValue("recent", recent[:8])

    # -- feedback ------------------------------------------------------------------------------
    def report(self, message: str) -> None:
        """A short message in the status bar."""
        self.statusBar().showMessage(message, 8000)

    def show_error(self, title: str, message: str) -> None:
        """An error dialog that says what happened and what to do."""
        if QApplication.platformName() == "offscreen" and not self.isVisible():
            self.report(f"{title}: {message}")
            return
        QMessageBox.warning(self, title, message)

    def _update_pair_label(self) -> None:
        lang = self.pair_lang()
        if self.text is None or lang is None:
            self.pair_label.setText("")
            return
        row = self.current_row()
        if self.model is None:
            self.pair_label.setText("")
            return
        self.pair_label.setText(
            f"Pair {self.text.pair_label(lang)} · {self._bead_words(row, lang)}"
            f" · row {row + 1} of {self.model.rowCount()}"
        )

    def _bead_words(self, row: int, lang: str) -> str:
        """`bead 5 of 14` (`beads 5–6 of 14`, `no bead`): numbered as check-terms numbers them."""
        assert self.model is not None and self.text is not None
        total = len(self.text.alignments[lang].beads)
        if row < 0 or lang not in self.model.layout.langs:
            return f"{total} beads"
        start, stop = self.model.layout.bead_range(row, lang)
        if stop <= start:
            return f"no bead of {total}"
        if stop - start == 1:
            return f"bead {start + 1} of {total}"
        return f"beads {start + 1}–{stop} of {total}"

    def go_to_bead(self, number: int | None = None) -> bool:
        """Show bead `number` (from 1, as check-terms reports it) of the current pair.

        Without a number, ask for one. Returns True when the bead was shown.
        """
        lang = self.pair_lang()
        if self.model is None or self.text is None or lang is None:
            return False
        total = len(self.text.alignments[lang].beads)
        if not total:
            self.report(f"the {self.text.pair_label(lang)} pair has no bead")
            return False
        if number is None:
            number, ok = QInputDialog.getInt(
                self,
                "Go to bead",
                f"Bead number in {self.text.pair_label(lang)} (as check-terms reports it):",
                min(max(self._current_bead(lang), 1), total),
                1,
                total,
            )
            if not ok:
                return False
        if not 1 <= number <= total:
            self.report(f"no bead {number}: the {self.text.pair_label(lang)} pair has {total}")
            return False
        rows = self.model.layout.rows_of_beads(lang, number - 1, number)
        if not len(rows):
            return False
        self.move_to_row(rows[0], lang)
        return True

    def _current_bead(self, lang: str) -> int:
        assert self.model is not None
        row = self.current_row()
        if row < 0 or lang not in self.model.layout.langs:
            return 1
        return self.model.layout.bead_range(row, lang)[0] + 1

    def update_state(self) -> None:
        """Redraw the title (unsaved mark) and the actions' enabled state."""
        self._update_state()

    def _update_state(self, *args) -> None:
        name = self.project.name if self.project is not None else "untitled"
        self.setWindowTitle(f"{name}[*] — {APP_NAME}")
        self.setWindowModified(self.is_dirty)
        save = self.actions_by_name.get("save") if hasattr(self, "actions_by_name") else None
        if save is not None:
            save.setEnabled(self.project is not None)
            stack = self.controller.stack if self.controller is not None else None
            undo, redo = self.actions_by_name["undo"], self.actions_by_name["redo"]
            undo.setEnabled(bool(stack and stack.canUndo()))
            redo.setEnabled(bool(stack and stack.canRedo()))
            undo.setText(f"&Undo {stack.undoText()}" if stack and stack.canUndo() else "&Undo")
            redo.setText(f"&Redo {stack.redoText()}" if stack and stack.canRedo() else "&Redo")
        self._update_pair_label()
