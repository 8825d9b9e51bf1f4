"""Terminology findings as a table: kind, severity, language, bead, concept, found, expected, text.

The bead is numbered from 1 in its pair's alignment, as every check-terms report numbers it
(`terms.report.bead_number`), so a finding in the GUI and one in a report name the same bead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from workbench.terms.drift import Finding
from workbench.terms.report import bead_number

AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("Kind", "Severity", "Lang", "Bead", "Concept", "Found", "Expected", "Text")


class FindingRole(IntEnum):
    """Custom roles of the findings model."""

    FINDING = Qt.ItemDataRole.UserRole + 1
    DISMISSED = Qt.ItemDataRole.UserRole + 2


class FindingsModel(QAbstractTableModel):
    """A read-only list of findings; dismissed ones are kept, greyed, unless filtered out."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._findings: list[Finding] = []
        self._dismissed: set[str] = set()
        self._tags: dict[str, str] = {}

    def set_tags(self, tags: Mapping[str, str]) -> None:
        """Name each language by its document's exact tag (`es-419`, `zh-TW`)."""
        self._tags = dict(tags)
        if self._findings:
            self.dataChanged.emit(self.index(0, 2), self.index(len(self._findings) - 1, 2))

    def tag(self, lang: str) -> str:
        """The exact tag `lang` is shown with."""
        return self._tags.get(lang, lang)

    def set_findings(self, findings: Sequence[Finding], dismissed: set[str]) -> None:
        """Replace every finding (a bulk load: model reset)."""
        self.beginResetModel()
        self._findings = list(findings)
        self._dismissed = set(dismissed)
        self.endResetModel()

    def set_dismissed(self, dismissed: set[str]) -> None:
        """Update which findings are dismissed (narrow redraw of the rows that changed)."""
        changed = [
            row
            for row, finding in enumerate(self._findings)
            if (finding.key in dismissed) != (finding.key in self._dismissed)
        ]
        self._dismissed = set(dismissed)
        for row in changed:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    @property
    def findings(self) -> list[Finding]:
        """Every finding shown."""
        return list(self._findings)

    def finding(self, row: int) -> Finding:
        """The finding of `row`."""
        return self._findings[row]

    def is_dismissed(self, row: int) -> bool:
        """True when the finding of `row` was dismissed."""
        return self._findings[row].key in self._dismissed

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._findings)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._findings):
            return None
        if not 0 <= index.column() < len(COLUMNS):
            return None
        finding = self._findings[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(finding, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            reason = " (dismissed)" if finding.key in self._dismissed else ""
            return (finding.message or finding.target_text) + reason
        if role == Qt.ItemDataRole.ForegroundRole:
            if finding.key in self._dismissed:
                return QColor(140, 140, 140)
            return None
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 0:
            return _SEVERITY_COLOURS.get(finding.severity.value)
        if role == FindingRole.FINDING:
            return finding
        if role == FindingRole.DISMISSED:
            return finding.key in self._dismissed
        return None

    def _display(self, finding: Finding, column: int) -> str:
        if column == 0:
            return finding.kind.value
        if column == 1:
            return finding.severity.value
        if column == 2:
            return self.tag(finding.lang)
        if column == 3:
            bead = bead_number(finding)
            return "" if bead is None else str(bead)
        if column == 4:
            return finding.concept
        if column == 5:
            return finding.found
        if column == 6:
            return " / ".join(finding.expected)
        text = finding.target_text or finding.message
        return text if len(text) <= 160 else text[:157] + "…"


_SEVERITY_COLOURS = {
    "error": QColor(220, 50, 40),
    "warning": QColor(230, 150, 20),
    "info": QColor(80, 130, 220),
}
