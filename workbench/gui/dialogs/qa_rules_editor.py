"""The project's QA rules: forbidden patterns per language, exceptions, kinds switched on/off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.core.errors import WorkbenchError
from workbench.terms.findings import FindingKind
from workbench.terms.qa import FindingException, ForbiddenRule, QaRules

FORBIDDEN_COLUMNS = ("Id", "Lang", "Pattern", "Regex", "Case-sensitive", "Message")
EXCEPTION_COLUMNS = ("Pattern (regex)", "Kind", "Concept", "Lang", "Reason")
COL_REGEX, COL_CASE = 3, 4


class QaRulesEditor(QDialog):
    """Edit the rules; Save checks them (a bad regex is named) and writes the rules file."""

    def __init__(self, parent: QWidget | None, rules: QaRules, path: Path | None) -> None:
        super().__init__(parent)
        self.setWindowTitle("QA rules")
        self.path = path
        self.saved: QaRules | None = None
        layout = QVBoxLayout(self)
        kinds = QGroupBox("Checks (switch a kind off to stop reporting it)", self)
        grid = QGridLayout(kinds)
        self.kind_boxes: dict[FindingKind, QCheckBox] = {}
        for number, kind in enumerate(FindingKind):
            box = QCheckBox(kind.value, kinds)
            box.setChecked(rules.is_enabled(kind))
            self.kind_boxes[kind] = box
            grid.addWidget(box, number // 5, number % 5)
        layout.addWidget(kinds)
        layout.addWidget(QLabel("Forbidden strings and regular expressions (Lang empty: all)"))
        self.forbidden = self._table(FORBIDDEN_COLUMNS)
        for rule in rules.forbidden:
            self._add_forbidden(rule)
        layout.addWidget(self.forbidden)
        layout.addLayout(self._buttons(self.forbidden, lambda: self._add_forbidden(None)))
        layout.addWidget(QLabel("Exceptions: findings whose target text matches are not shown"))
        self.exceptions = self._table(EXCEPTION_COLUMNS)
        for exception in rules.exceptions:
            self._add_row(
                self.exceptions,
                (
                    exception.pattern,
                    exception.kind,
                    exception.concept,
                    exception.lang,
                    exception.reason,
                ),
            )
        layout.addWidget(self.exceptions)
        layout.addLayout(self._buttons(self.exceptions, lambda: self._add_row(self.exceptions)))
        self.problem = QLabel("", self)
        self.problem.setStyleSheet("color: #b00020")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(820, 560)

    def _table(self, columns: tuple[str, ...]) -> QTableWidget:
        table = QTableWidget(0, len(columns), self)
        table.setHorizontalHeaderLabels(list(columns))
        table.horizontalHeader().setStretchLastSection(True)
        return table

    def _buttons(self, table: QTableWidget, add) -> QHBoxLayout:
        row = QHBoxLayout()
        plus = QPushButton("Add", self)
        plus.clicked.connect(add)
        minus = QPushButton("Remove", self)
        minus.clicked.connect(lambda: table.removeRow(table.currentRow()))
        row.addWidget(plus)
        row.addWidget(minus)
        row.addStretch(1)
        return row

    def _add_row(self, table: QTableWidget, values: tuple[str, ...] = ()) -> int:
        row = table.rowCount()
        table.insertRow(row)
        for column in range(table.columnCount()):
            text = values[column] if column < len(values) else ""
            table.setItem(row, column, QTableWidgetItem(text))
        return row

    def _add_forbidden(self, rule: ForbiddenRule | None) -> None:
        values = (rule.id, rule.lang, rule.pattern, "", "", rule.message) if rule else ("", "", "")
        row = self._add_row(self.forbidden, values)
        for column, on in (
            (COL_REGEX, rule.is_regex if rule else False),
            (COL_CASE, rule.case_sensitive if rule else False),
        ):
            item = QTableWidgetItem()
            item.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
            self.forbidden.setItem(row, column, item)

    def _cell(self, table: QTableWidget, row: int, column: int) -> str:
        item = table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _checked(self, row: int, column: int) -> bool:
        item = self.forbidden.item(row, column)
        return item is not None and item.checkState() == Qt.CheckState.Checked

    def rules(self) -> QaRules:
        """The rules as edited; ValueError or WorkbenchError names a bad row."""
        forbidden: list[ForbiddenRule] = []
        for row in range(self.forbidden.rowCount()):
            cells = [self._cell(self.forbidden, row, c) for c in range(len(FORBIDDEN_COLUMNS))]
            if not any(cells[:3]):
                continue
            try:
                forbidden.append(
                    ForbiddenRule(
                        cells[0],
                        cells[2],
                        cells[1],
                        self._checked(row, COL_REGEX),
                        self._checked(row, COL_CASE),
                        cells[5],
                    )
                )
            except Exception as exc:  # re.error or ValueError: both name the problem
                raise ValueError(f"forbidden rule {row + 1}: {exc}") from None
        exceptions: list[FindingException] = []
        for row in range(self.exceptions.rowCount()):
            cells = [self._cell(self.exceptions, row, c) for c in range(len(EXCEPTION_COLUMNS))]
            if not any(cells):
                continue
            try:
                exceptions.append(FindingException(*cells))
            except Exception as exc:
                raise ValueError(f"exception {row + 1}: {exc}") from None
        disabled = frozenset(k for k, box in self.kind_boxes.items() if not box.isChecked())
        return QaRules(tuple(forbidden), tuple(exceptions), disabled)

    def save(self) -> None:
        """Check the rules, write them (when the project has a place for them) and close."""
        try:
            rules = self.rules()
            if self.path is not None:
                from workbench.project.qa_rules import write_qa_rules

                write_qa_rules(self.path, rules)
        except (ValueError, WorkbenchError, OSError) as exc:
            self.problem.setText(str(exc))
            return
        self.saved = rules
        self.accept()
