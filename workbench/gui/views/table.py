"""The parallel table view: rows sized to their text lazily (only those on screen)."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView

from workbench.gui.views.delegates import PADDING, CellDelegate


class AlignmentTableView(QTableView):
    """A QTableView whose rows fit their text; sizing 10k rows up front would be too slow,
    so only rows that scroll into view are measured."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.cell_delegate = CellDelegate(self)
        self.setItemDelegate(self.cell_delegate)
        self.setWordWrap(True)
        self.setAlternatingRowColors(False)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        vertical = self.verticalHeader()
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        vertical.setDefaultSectionSize(2 * self.fontMetrics().lineSpacing() + 2 * PADDING)
        vertical.setMinimumSectionSize(self.fontMetrics().lineSpacing() + 2 * PADDING)
        self._sized: set[int] = set()
        self._keep_visible: QPersistentModelIndex | None = None
        self._fit_timer = QTimer(self)
        self._fit_timer.setSingleShot(True)
        self._fit_timer.setInterval(0)
        self._fit_timer.timeout.connect(self.fit_visible_rows)
        self.verticalScrollBar().valueChanged.connect(self._schedule_fit)
        header.sectionResized.connect(self._forget_sizes)

    def setModel(self, model) -> None:
        old = self.model()
        if old is not None:
            for signal in (old.modelReset, old.layoutChanged):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self._forget_sizes)
            with contextlib.suppress(RuntimeError, TypeError):
                old.rowsInserted.disconnect(self._rows_inserted)
            with contextlib.suppress(RuntimeError, TypeError):
                old.rowsRemoved.disconnect(self._rows_removed)
            with contextlib.suppress(RuntimeError, TypeError):
                old.dataChanged.disconnect(self._data_changed)
        super().setModel(model)
        if model is not None:
            for signal in (model.modelReset, model.layoutChanged):
                signal.connect(self._forget_sizes)
            model.rowsInserted.connect(self._rows_inserted)
            model.rowsRemoved.connect(self._rows_removed)
            model.dataChanged.connect(self._data_changed)
        self._forget_sizes()

    def _forget_sizes(self, *args) -> None:
        self._sized.clear()
        self._schedule_fit()

    def _rows_inserted(self, _parent, first: int, last: int) -> None:
        count = last - first + 1
        self._sized = {r + count if r >= first else r for r in self._sized}
        self._schedule_fit()

    def _rows_removed(self, _parent, first: int, last: int) -> None:
        count = last - first + 1
        self._sized = {r - count if r > last else r for r in self._sized if not first <= r <= last}
        self._schedule_fit()

    def _data_changed(self, top_left, bottom_right, roles=()) -> None:
        for row in range(top_left.row(), bottom_right.row() + 1):
            self._sized.discard(row)
        self._schedule_fit()

    def _schedule_fit(self, *args) -> None:
        self._fit_timer.start()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._forget_sizes()

    def show_index(self, index: QModelIndex) -> None:
        """Scroll to `index` and keep it on screen while the rows around it get their sizes."""
        self._keep_visible = QPersistentModelIndex(index)
        self.scrollTo(index)
        self._schedule_fit()

    def fit_visible_rows(self) -> None:
        """Size the rows on screen (and a few beyond) to their contents."""
        model = self.model()
        if model is None or model.rowCount() == 0:
            return
        keep = self._keep_visible
        try:
            self._fit_passes(model, keep)
        finally:
            self._keep_visible = None

    def _fit_passes(self, model, keep: QPersistentModelIndex | None) -> None:
        # Rows sized above a row just scrolled to push it off screen: scroll to it again.
        for _ in range(8):  # sizing rows changes which rows are visible; settle in a few passes
            first = max(self.rowAt(0), 0)
            last = self.rowAt(self.viewport().height() - 1)
            if last < 0:
                last = model.rowCount() - 1
            last = min(last + 3, model.rowCount() - 1)
            pending = [row for row in range(first, last + 1) if row not in self._sized]
            if not pending:
                return
            for row in pending:
                self.resizeRowToContents(row)
                self._sized.add(row)
            if keep is not None and keep.isValid():
                self.updateGeometries()  # else the scroll range is the one before the sizing
                self.scrollTo(self.model().index(keep.row(), keep.column()))

    def _header_menu(self, pos) -> None:
        header = self.horizontalHeader()
        model = self.model()
        if model is None:
            return
        menu = QMenu(self)
        for column in range(model.columnCount()):
            name = model.headerData(column, header.orientation())
            action = menu.addAction(f"Show {name}")
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(column))
            action.toggled.connect(lambda checked, c=column: self.setColumnHidden(c, not checked))
        menu.exec(header.mapToGlobal(pos))
