"""The find and filter bar above the table (Ctrl+F): text across languages, row filters."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLineEdit, QToolButton, QWidget

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow


class _FindEdit(QLineEdit):
    def __init__(self, bar: FindBar) -> None:
        super().__init__(bar)
        self._bar = bar

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            backwards = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self._bar.find_next(backwards=backwards)
            return
        if event.key() == Qt.Key.Key_Escape:
            self._bar.close_bar()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    """Find text in any language (Enter: next, Shift+Enter: previous) and filter rows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window_ = window
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        self.edit = _FindEdit(self)
        self.edit.setPlaceholderText("Find in every language (Enter: next, Shift+Enter: previous)")
        self.edit.setClearButtonEnabled(True)
        layout.addWidget(self.edit, 1)
        self.only_matches = QCheckBox("Only &matching rows", self)
        self.only_matches.setToolTip("Hide rows without the text (Alt+M)")
        self.unconfirmed = QCheckBox("&Unconfirmed", self)
        self.unconfirmed.setToolTip("Show only rows with an unconfirmed bead (Alt+U)")
        self.low = QCheckBox("&Low confidence", self)
        self.low.setToolTip(
            "Show only rows with an unconfirmed low-confidence bead or omission (Alt+L)"
        )
        self.omissions = QCheckBox("&Omissions", self)
        self.omissions.setToolTip(
            "Show only rows with an unconfirmed omission: text on one side only, 1:0 or 0:1 (Alt+O)"
        )
        self.findings = QCheckBox("With &findings", self)
        self.findings.setToolTip("Show only rows with terminology findings (Alt+F)")
        for box in (self.only_matches, self.unconfirmed, self.low, self.omissions, self.findings):
            layout.addWidget(box)
            box.toggled.connect(self.apply_filters)
        self.edit.textChanged.connect(self._text_changed)
        close = QToolButton(self)
        close.setText("✕")
        close.setToolTip("Close the find bar (Esc)")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)

    def open(self) -> None:
        """Show the bar and focus the text box."""
        self.show()
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        """Hide the bar (filters stay as set) and return to the table."""
        self.hide()
        self.window_.table.setFocus()

    def _text_changed(self, _text: str) -> None:
        if self.only_matches.isChecked():
            self.apply_filters()

    def apply_filters(self, *_args) -> None:
        """Push the checkboxes and text into the row filter."""
        self.window_.proxy.set_filters(
            unconfirmed=self.unconfirmed.isChecked(),
            low_confidence=self.low.isChecked(),
            with_findings=self.findings.isChecked(),
            omissions=self.omissions.isChecked(),
            query=self.edit.text() if self.only_matches.isChecked() else "",
        )

    def find_next(self, backwards: bool = False) -> bool:
        """Move to the next (or previous) visible row whose text holds the query."""
        window = self.window_
        model = window.model
        needle = self.edit.text().casefold()
        if model is None or not needle:
            if not self.isVisible():
                self.open()
            return False
        proxy = window.proxy
        count = proxy.rowCount()
        if count == 0:
            return False
        current = window.table.currentIndex()
        start = current.row() if current.isValid() else -1
        step = -1 if backwards else 1
        for offset in range(1, count + 1):
            proxy_row = (start + step * offset) % count
            row = proxy.mapToSource(proxy.index(proxy_row, 0)).row()
            for lang in model.langs:
                if any(needle in text.casefold() for _, _, text in model.segments(row, lang)):
                    window.move_to_row(row, lang)
                    window.report(f"found in row {row + 1} ({model.header_label(lang)})")
                    return True
        window.report(f"not found: {self.edit.text()}")
        return False
