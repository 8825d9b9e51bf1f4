"""The glossary editor: concepts, terms with status, undo, TBX/CSV in and out, suggestions."""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QKeySequence, QUndoCommand
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.gui.commands import EditController, StepCommand
from workbench.gui.models.glossary import (
    CONCEPT_ROLE,
    TERM_COLUMNS,
    ConceptFilter,
    ConceptListModel,
    TermsModel,
)
from workbench.terms.glossary import (
    Concept,
    Glossary,
    GlossaryChange,
    GlossaryStep,
    Term,
    TermStatus,
)

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow


STATUS_COLUMN = TERM_COLUMNS.index("Status")


class StatusDelegate(QStyledItemDelegate):
    """Term status is picked from the list of statuses, never typed."""

    def createEditor(self, parent, option, index):
        box = QComboBox(parent)
        box.addItems([status.value for status in TermStatus])
        return box

    def setEditorData(self, editor, index) -> None:
        editor.setCurrentText(str(index.data(Qt.ItemDataRole.EditRole) or ""))

    def setModelData(self, editor, model, index) -> None:
        model.setData(index, editor.currentText(), Qt.ItemDataRole.EditRole)


class TermDialog(QDialog):
    """Add term: language (the project's, or another code), the term, its status."""

    def __init__(self, parent: QWidget, langs: list[str], lang: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("Add term")
        self.setMinimumWidth(420)
        form = QFormLayout(self)
        self.lang_box = QComboBox(self)
        self.lang_box.setEditable(True)
        self.lang_box.addItems(langs)
        self.lang_box.setCurrentText(lang or (langs[0] if langs else ""))
        self.lang_box.setToolTip("A language code such as es; pick one or type another")
        self.text_edit = QLineEdit(self)
        self.text_edit.setPlaceholderText("the term as it is written")
        self.status_box = QComboBox(self)
        self.status_box.addItems([status.value for status in TermStatus])
        form.addRow("&Language:", self.lang_box)
        form.addRow("&Term:", self.text_edit)
        form.addRow("&Status:", self.status_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.text_edit.setFocus()

    @property
    def lang(self) -> str:
        """The chosen language code."""
        return self.lang_box.currentText().strip()

    @property
    def term_text(self) -> str:
        """The typed term."""
        return self.text_edit.text().strip()

    @property
    def status(self) -> TermStatus:
        """The chosen status."""
        return TermStatus(self.status_box.currentText())

    def _accept(self) -> None:
        if not self.term_text or not self.lang:
            QMessageBox.warning(self, "Add term", "Give the term and its language.")
            return
        self.accept()


class GlossaryEditor(QDialog):
    """Edits the project's glossary in the project's one undo history.

    In the window (a project session whose glossary is `glossary`), every edit is a step of
    the session's history (`Session.edit_glossary`): the main window's Edit menu undoes it, it
    is part of the project's unsaved state, and Save saves the project. On its own (no window,
    or a text without its project) the editor edits a copy in a history of its own; `changed`
    then tells the caller to take `glossary`, and Save writes `path`.
    """

    def __init__(self, window: MainWindow | None, glossary: Glossary, path: Path | None) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Glossary")
        self.resize(1000, 620)
        terms = window.terminology if window is not None else None
        session = window.session if window is not None else None
        self.in_project = (
            terms is not None
            and session is not None
            and window is not None
            and window.controller is not None
            and terms.glossary is glossary
            and session.glossary is glossary
        )
        self.path = path
        self.changed = False
        self.saved = False  # True when the glossary as it stands was written by Save
        if self.in_project:
            assert window is not None and window.controller is not None and terms is not None
            self.glossary = glossary
            self.controller = window.controller
            terms.glossary_edited.connect(self._stepped)
        else:
            self.glossary = Glossary(
                list(glossary.concepts), glossary.source_lang, glossary.description
            )
            self.controller = EditController(None, self)
            self.controller.stack.indexChanged.connect(self._mark_changed)
        self.stack = self.controller.stack
        self.stack.indexChanged.connect(self._update_undo_buttons)
        self.concepts = ConceptListModel(self.glossary, self)
        self.filter = ConceptFilter(self)
        self.filter.setSourceModel(self.concepts)
        self.terms = TermsModel(self)
        self.terms.term_edited.connect(self._term_edited)
        self._current: str | None = None
        self._build()
        self.refresh(self.glossary.concepts[0].id if len(self.glossary) else None)

    # -- layout ----------------------------------------------------------------------------------
    def _button(self, text: str, keys: str, slot, tip: str) -> QPushButton:
        button = QPushButton(text, self)
        if keys:
            button.setShortcut(QKeySequence(keys))
        button.setToolTip(f"{tip} ({keys})" if keys else tip)
        # clicked(bool) would arrive as the slot's first argument (a term text, a path...).
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _build(self) -> None:
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit(left)
        self.search.setPlaceholderText("Search concepts and terms (Ctrl+F)")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.filter.set_query)
        left_layout.addWidget(self.search)
        self.list = QListView(left)
        self.list.setModel(self.filter)
        self.list.selectionModel().currentChanged.connect(self._concept_selected)
        left_layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addWidget(self._button("Add concept", "Ctrl+N", self.add_concept, "Add a concept"))
        row.addWidget(
            self._button("Delete concept", "Ctrl+Del", self.delete_concept, "Delete the concept")
        )
        left_layout.addLayout(row)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.concept_id = QLineEdit(right)
        self.subject = QLineEdit(right)
        self.definition = QPlainTextEdit(right)
        self.definition.setMaximumHeight(80)
        self.note = QPlainTextEdit(right)
        self.note.setMaximumHeight(60)
        form.addRow("Concept id:", self.concept_id)
        form.addRow("Subject field:", self.subject)
        form.addRow("Definition:", self.definition)
        form.addRow("Note:", self.note)
        right_layout.addLayout(form)
        right_layout.addWidget(
            self._button(
                "Apply concept fields",
                "Ctrl+Return",
                self.apply_fields,
                "Store the id, subject field, definition and note",
            )
        )
        self.term_view = QTableView(right)
        self.term_view.setModel(self.terms)
        self.term_view.setItemDelegateForColumn(STATUS_COLUMN, StatusDelegate(self.term_view))
        self.term_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.term_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.term_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.term_view.setToolTip(
            "Double-click or F2 to edit; status is preferred, admitted, deprecated or superseded"
        )
        right_layout.addWidget(self.term_view, 1)
        terms_row = QHBoxLayout()
        terms_row.addWidget(self._button("Add term", "Ctrl+T", self.add_term, "Add a term"))
        terms_row.addWidget(
            self._button("Delete term", "Ctrl+Shift+T", self.delete_term, "Delete the term")
        )
        terms_row.addWidget(
            self._button(
                "Suggest equivalents…",
                "Ctrl+E",
                self.suggest,
                "Renderings found in the aligned texts",
            )
        )
        right_layout.addLayout(terms_row)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        bottom = QHBoxLayout()
        self.undo_button = self._button(
            "Undo", "Ctrl+Z", self.undo, "Undo the last glossary edit (also Edit > Undo)"
        )
        self.redo_button = self._button("Redo", "Ctrl+Shift+Z", self.redo, "Redo")
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        self.status = QLabel(self)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(
            self._button(
                "Import…", "Ctrl+I", self.import_file, "Add the concepts of a TBX or CSV glossary"
            )
        )
        bottom.addWidget(
            self._button(
                "Export…",
                "Ctrl+Shift+E",
                self.export_file,
                "Write the glossary as TBX (v3 or v2) or CSV",
            )
        )
        save_tip = (
            "Save the project: its glossary, alignments and dismissals"
            if self.in_project
            else "Save the glossary"
        )
        bottom.addWidget(self._button("Save", "Ctrl+S", self.save, save_tip))
        bottom.addWidget(self._button("Close", "", self.reject, "Close the editor (Esc)"))
        layout.addLayout(bottom)
        self._update_undo_buttons()

    # -- state -----------------------------------------------------------------------------------
    def _mark_changed(self, *_args) -> None:
        self.changed = True
        self.saved = self.stack.isClean() and self.saved

    def _glossary_command(self, index: int) -> QUndoCommand | None:
        """The stack's command at `index` when it is a glossary edit (or a macro of them)."""
        if not 0 <= index < self.stack.count():
            return None
        command = self.stack.command(index)
        parts = [command.child(i) for i in range(command.childCount())] or [command]
        if all(isinstance(p, StepCommand) and isinstance(p.step, GlossaryStep) for p in parts):
            return command
        return None

    def _update_undo_buttons(self, *_args) -> None:
        # The project's history also holds alignment edits: the editor's buttons only undo
        # and redo glossary edits (the window's Edit menu undoes everything).
        index = self.stack.index()
        for button, command, verb in (
            (self.undo_button, self._glossary_command(index - 1), "Undo"),
            (self.redo_button, self._glossary_command(index), "Redo"),
        ):
            button.setEnabled(command is not None)
            button.setToolTip(f"{verb} {command.text()}" if command is not None else verb)

    def undo(self) -> None:
        """Undo the last edit when it is a glossary edit."""
        if self._glossary_command(self.stack.index() - 1) is not None:
            self.stack.undo()

    def redo(self) -> None:
        """Redo the next undone edit when it is a glossary edit."""
        if self._glossary_command(self.stack.index()) is not None:
            self.stack.redo()

    def _stepped(self, step: GlossaryStep) -> None:
        self.refresh(step.shown_concept)

    def refresh(self, concept_id: str | None) -> None:
        """Redraw after an edit and select `concept_id`."""
        self.concepts.reload()
        self._current = concept_id if concept_id in self.glossary else None
        if self._current is not None:
            source = self.concepts.index(self.glossary.position(self._current))
            self.list.setCurrentIndex(self.filter.mapFromSource(source))
        self._show(self._current)

    def _show(self, concept_id: str | None) -> None:
        concept = self.glossary.concept(concept_id) if concept_id else None
        self.terms.set_concept(concept)
        self.concept_id.setText(concept.id if concept else "")
        self.subject.setText(concept.subject_field if concept else "")
        self.definition.setPlainText(concept.definition if concept else "")
        self.note.setPlainText(concept.note if concept else "")

    def _concept_selected(self, current: QModelIndex, _previous: QModelIndex) -> None:
        concept_id = self.filter.data(current, CONCEPT_ROLE) if current.isValid() else None
        self._current = concept_id
        self._show(concept_id)

    def _do(self, make: Callable[[Glossary], GlossaryChange]) -> bool:
        """Make one glossary edit as a step of the history (the project's, in the window)."""
        try:
            if self.in_project:
                assert self.window_ is not None and self.window_.terminology is not None
                return self.window_.terminology.edit_glossary(make) is not None
            step = GlossaryStep.of(self.glossary, make)
        except (WorkbenchError, ValueError) as exc:
            QMessageBox.warning(self, "Glossary", str(exc))
            return False
        self.controller.perform_step(step, lambda: self._stepped(step))
        return True

    # -- edits -----------------------------------------------------------------------------------
    def add_concept(self, concept_id: str | None = None) -> None:
        """Add a concept (asks for its id)."""
        if not concept_id:
            concept_id, ok = QInputDialog.getText(self, "Add concept", "Concept id:")
            if not ok or not concept_id.strip():
                return
        self._do(lambda g: g.add_concept(Concept(concept_id.strip())))

    def delete_concept(self) -> None:
        """Delete the current concept (undoable)."""
        if self._current is not None:
            current = self._current
            self._do(lambda g: g.delete_concept(current))

    def apply_fields(self) -> None:
        """Store the edited concept fields."""
        if self._current is None:
            return
        current = self._current
        self._do(
            lambda g: g.edit_concept(
                current,
                new_id=self.concept_id.text().strip(),
                subject_field=self.subject.text().strip(),
                definition=self.definition.toPlainText().strip(),
                note=self.note.toPlainText().strip(),
            )
        )

    def add_term(
        self,
        text: str | None = None,
        lang: str | None = None,
        status: TermStatus = TermStatus.PREFERRED,
    ) -> None:
        """Add a term to the current concept (asks for language and text)."""
        if self._current is None:
            QMessageBox.information(self, "Add term", "Pick or add a concept first.")
            return
        if text is None or lang is None:
            dialog = TermDialog(self, self._languages(), lang or "")
            if not dialog.exec():
                return
            text, lang, status = dialog.term_text, dialog.lang, dialog.status
            if not text or not lang:
                return
        current = self._current
        term_lang, term_text = lang.strip(), text.strip()
        self._do(lambda g: g.add_term(current, Term(term_text, term_lang, status)))

    def _languages(self) -> list[str]:
        """The languages a term may be in: the open text's, then the glossary's."""
        langs: list[str] = []
        window = self.window_
        if window is not None and window.text is not None:
            langs.extend(window.text.documents)
        for concept in self.glossary.concepts:
            langs.extend(t.lang for t in concept.terms)
        return list(dict.fromkeys(langs))

    def delete_term(self) -> None:
        """Delete the selected term."""
        index = self.term_view.currentIndex()
        if self._current is not None and index.isValid():
            current, row = self._current, index.row()
            self._do(lambda g: g.delete_term(current, row))

    def _term_edited(self, row: int, term: Term) -> None:
        if self._current is None:
            return
        current = self._current
        # Applied after the view has finished committing: the edit resets the terms model,
        # which inside setData leaves the view with an editor it no longer knows.
        QTimer.singleShot(0, lambda: self._do(lambda g: g.edit_term(current, row, term)))

    # -- files and suggestions -------------------------------------------------------------------
    def import_file(self, path: str | None = None) -> None:
        """Add the concepts of another glossary (ids already here are skipped), as one step."""
        from workbench.project.glossary import load_glossary

        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self, "Import glossary", "", "Glossaries (*.tbx *.xml *.csv);;All files (*)"
            )
            if not path:
                return
        try:
            other = load_glossary(path)
        except (WorkbenchError, OSError) as exc:
            QMessageBox.warning(self, "Import failed", f"{exc}\n\nCheck the file and try again.")
            return
        new = [c for c in other.concepts if c.id not in self.glossary]
        if not new:
            self.status.setText(f"{Path(path).name}: every concept is here already")
            return
        with self.controller.macro(f"Import {len(new)} concepts"):
            for concept in new:
                self._do(functools.partial(Glossary.add_concept, concept=concept))

    def export_file(self, path: str | None = None) -> None:
        """Write the glossary as TBX v3 (.tbx), TBX v2 (.tbx2 name) or CSV (.csv)."""
        from workbench.project.glossary import save_glossary

        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, "Export glossary", "", "TBX v3 (*.tbx);;TBX v2 (*.tbx2);;CSV (*.csv)"
            )
            if not path:
                return
        suffix = Path(path).suffix.lower()
        fmt = "csv" if suffix == ".csv" else "tbx2" if suffix == ".tbx2" else "tbx"
        try:
            save_glossary(path, self.glossary, fmt)
        except (WorkbenchError, OSError) as exc:
            QMessageBox.warning(self, "Export failed", str(exc))

    def save(self) -> bool:
        """Save: the project (in the window), else the glossary file; a message says where."""
        window = self.window_
        if window is not None and self.in_project:
            if not window.save():
                return False
            path = window.project.glossary_path if window.project is not None else None
            self.status.setText(f"Saved the project{f' and {path}' if path else ''}")
            return True
        if window is not None:
            path = window.save_glossary(self.glossary)
            if path is None:
                return False
        elif self.path is not None:
            from workbench.project.glossary import save_glossary

            suffix = self.path.suffix.lower()
            try:
                save_glossary(self.path, self.glossary, "csv" if suffix == ".csv" else "tbx")
            except (WorkbenchError, OSError) as exc:
                QMessageBox.warning(self, "Could not save the glossary", str(exc))
                return False
            path = self.path
        else:
            return False
        self.stack.setClean()
        self.saved = True
        self.status.setText(f"Saved to {path}")
        return True

    def suggest(self) -> None:
        """List renderings of the current concept found in the aligned texts; pick to add."""
        window = self.window_
        if self._current is None or window is None or window.text is None:
            return
        from workbench.terms.suggest import suggest_renderings

        try:
            results = suggest_renderings(window.text, self.glossary, self._current, examples=1)
        except WorkbenchError as exc:
            QMessageBox.information(self, "Suggest equivalents", str(exc))
            return
        dialog = QDialog(self)
        dialog.setWindowTitle(f"Equivalents of {self._current}")
        layout = QVBoxLayout(dialog)
        listing = QListWidget(dialog)
        for item in results:
            for suggestion in (*item.used, *item.candidates):
                label = suggestion.status or "candidate"
                entry = QListWidgetItem(
                    f"{item.lang}: {suggestion.text} — {suggestion.count}× "
                    f"(score {suggestion.score:.2f}, {label})"
                )
                entry.setData(Qt.ItemDataRole.UserRole, (item.lang, suggestion.text))
                listing.addItem(entry)
        layout.addWidget(listing)
        add = QPushButton("Add as admitted term (Enter)", dialog)
        layout.addWidget(add)

        def chosen() -> None:
            entry = listing.currentItem()
            if entry is not None:
                lang, text = entry.data(Qt.ItemDataRole.UserRole)
                self.add_term(text, lang, TermStatus.ADMITTED)

        add.clicked.connect(chosen)
        listing.itemActivated.connect(lambda _item: chosen())
        dialog.resize(560, 420)
        dialog.exec()

    def may_close(self) -> bool:
        """Ask about unsaved glossary edits; False to stay open.

        In the window the edits are not lost on closing: they join the project's unsaved
        state (Save writes them, Close and Quit ask).
        """
        if self.stack.isClean() or self.path is None or self.window_ is not None:
            return True
        answer = QMessageBox.question(
            self,
            "Glossary",
            "Save the glossary changes to the project glossary?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return False
        if answer == QMessageBox.StandardButton.Discard:
            self.changed = False  # the window keeps its glossary
            return True
        return self.save()

    def reject(self) -> None:
        if self.may_close():
            super().reject()

    def closeEvent(self, event) -> None:
        if self.may_close():
            super().closeEvent(event)
        else:
            event.ignore()
