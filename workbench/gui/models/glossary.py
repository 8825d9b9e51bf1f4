"""Glossary models for the editor: the concept list (searchable) and one concept's terms."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import (
    QAbstractListModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from workbench.core.errors import WorkbenchError
from workbench.terms.glossary import Concept, Glossary, MatchMode, Term, TermStatus

AnyIndex = QModelIndex | QPersistentModelIndex
TERM_COLUMNS = ("Lang", "Term", "Status", "Type", "Note", "Match", "Case")
COL_LANG, COL_TEXT, COL_STATUS, COL_TYPE, COL_NOTE, COL_MATCH, COL_CASE = range(7)
#: How the Case column shows a case-sensitive term (empty: case does not matter).
CASE_SENSITIVE = "sensitive"
CONCEPT_ROLE = Qt.ItemDataRole.UserRole + 1


class ConceptListModel(QAbstractListModel):
    """The concepts of a glossary in order, shown as "id — first source term"."""

    def __init__(self, glossary: Glossary, parent=None) -> None:
        super().__init__(parent)
        self.glossary = glossary

    def reload(self) -> None:
        """Redraw everything after a glossary edit (concept lists are short)."""
        self.beginResetModel()
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.glossary)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.glossary):
            return None
        concept = self.glossary.concepts[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            first = concept.preferred_in(self.glossary.source_lang)
            return f"{concept.id} — {first.text}" if first else concept.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return concept.definition or concept.id
        if role == CONCEPT_ROLE:
            return concept.id
        return None


class ConceptFilter(QSortFilterProxyModel):
    """Keeps concepts whose id, definition or any term holds the search text."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.query = ""

    def set_query(self, query: str) -> None:
        """Filter by `query` (case-insensitive)."""
        self.beginFilterChange()
        self.query = query.casefold().strip()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        if not self.query:
            return True
        model = self.sourceModel()
        if not isinstance(model, ConceptListModel):
            return True
        concept = model.glossary.concepts[source_row]
        haystack = " ".join((concept.id, concept.definition, *(t.text for t in concept.terms)))
        return self.query in haystack.casefold()


class TermsModel(QAbstractTableModel):
    """The terms of one concept; edits go out as `term_edited(index, new Term)` for undo."""

    term_edited = Signal(int, object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.concept: Concept | None = None

    def set_concept(self, concept: Concept | None) -> None:
        """Show another concept's terms."""
        self.beginResetModel()
        self.concept = concept
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.concept is None:
            return 0
        return len(self.concept.terms)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(TERM_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return TERM_COLUMNS[section] if 0 <= section < len(TERM_COLUMNS) else None
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def term(self, row: int) -> Term:
        """The term at `row`."""
        assert self.concept is not None
        return self.concept.terms[row]

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if self.concept is None or not index.isValid():
            return None
        if not 0 <= index.row() < len(self.concept.terms) or not 0 <= index.column() < len(
            TERM_COLUMNS
        ):
            return None
        term = self.concept.terms[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(term, index.column())
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == COL_MATCH:
            return "inflected, exact, prefix, or pattern: REGEX"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == COL_STATUS:
            if term.status is TermStatus.DEPRECATED:
                return QColor(210, 50, 40)
            if term.status is TermStatus.PREFERRED:
                return QColor(40, 110, 210)
        return None

    @staticmethod
    def _display(term: Term, column: int) -> str:
        if column == COL_MATCH:
            return f"pattern: {term.pattern}" if term.pattern else term.match.value
        if column == COL_CASE:
            return CASE_SENSITIVE if term.case_sensitive else ""
        return (term.lang, term.text, term.status.value, term.term_type, term.note)[column]

    def setData(self, index: AnyIndex, value, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.concept is None or role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        term = self.concept.terms[index.row()]
        text = str(value).strip()
        fields = {COL_LANG: "lang", COL_TEXT: "text", COL_TYPE: "term_type", COL_NOTE: "note"}
        try:
            if index.column() == COL_STATUS:
                new = replace(term, status=TermStatus.parse(text))
            elif index.column() == COL_MATCH:
                mode, _, pattern = text.partition(":")
                new = replace(term, match=MatchMode(mode.strip().lower()), pattern=pattern.strip())
            elif index.column() == COL_CASE:
                new = replace(term, case_sensitive=text.lower() in (CASE_SENSITIVE, "yes", "1"))
            else:
                new = replace(term, **{fields[index.column()]: text})  # type: ignore[arg-type]
        except (ValueError, WorkbenchError):  # an invalid cell value is refused
            return False
        if new != term:
            self.term_edited.emit(index.row(), new)
        return True
