"""Edit > Keyboard shortcuts: rebind any action; bindings are kept in the settings."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QKeySequenceEdit,
    QLabel,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow

PREFIX = "shortcuts/"
KEYS_COLUMN = 1


def apply_saved_shortcuts(actions: dict[str, QAction], settings: QSettings) -> None:
    """Give each action the keys saved for it (an empty string unbinds it)."""
    for name, action in actions.items():
        saved = settings.value(PREFIX + name)
        if isinstance(saved, str):
            action.setShortcut(QKeySequence(saved))
            tip = action.statusTip()
            action.setToolTip(f"{tip} ({saved})" if saved else tip)


class ShortcutsDialog(QDialog):
    """A table of actions and their keys; OK saves the changed ones to the settings."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.setWindowTitle("Keyboard shortcuts")
        self.setMinimumSize(640, 520)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Click a key cell and press the new keys (Esc in it: no key)."))
        self.names = sorted(window.actions_by_name, key=lambda n: window.actions_by_name[n].text())
        self.table = QTableWidget(len(self.names), 2, self)
        self.table.setHorizontalHeaderLabels(["Action", "Keys"])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.edits: dict[str, QKeySequenceEdit] = {}
        for row, name in enumerate(self.names):
            action = window.actions_by_name[name]
            item = QTableWidgetItem(action.text().replace("&", ""))
            self.table.setItem(row, 0, item)
            edit = QKeySequenceEdit(action.shortcut(), self.table)
            edit.setMaximumSequenceLength(1)
            edit.setClearButtonEnabled(True)
            self.table.setCellWidget(row, KEYS_COLUMN, edit)
            self.edits[name] = edit
        self.table.resizeColumnToContents(0)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def save(self) -> None:
        """Refuse keys used twice; store every binding and apply it to the window's actions."""
        keys: dict[str, str] = {}
        for name, edit in self.edits.items():
            text = edit.keySequence().toString()
            if text and text in keys:
                QMessageBox.warning(
                    self,
                    "Keyboard shortcuts",
                    f"{text} is given to two actions ({name} and {keys[text]}); change one.",
                )
                return
            if text:
                keys[text] = name
        settings = self.window_.settings
        actions = self.window_.actions_by_name
        for name, edit in self.edits.items():
            if edit.keySequence().toString() != actions[name].shortcut().toString():
                settings.setValue(PREFIX + name, edit.keySequence().toString())
        apply_saved_shortcuts(actions, settings)
        self.accept()
