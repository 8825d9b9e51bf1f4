"""Row filters over the alignment table: unconfirmed, low confidence, with findings, text."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel

from workbench.gui.models.alignment_table import LOW_CONFIDENCE, AlignmentTableModel, Role


class RowFilterProxy(QSortFilterProxyModel):
    """Keeps rows that pass every active filter; with none active it passes everything."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.unconfirmed = False
        self.low_confidence = False
        self.with_findings = False
        self.omissions = False
        self.query = ""
        # Re-filtering on every dataChanged costs a pass over all rows; only worth it when a
        # filter is on (an edit that touches every row, like a text edit, would pay it).
        self.setDynamicSortFilter(False)

    @property
    def active(self) -> bool:
        """True when some filter hides rows."""
        return (
            self.unconfirmed
            or self.low_confidence
            or self.with_findings
            or self.omissions
            or bool(self.query)
        )

    def set_filters(
        self,
        *,
        unconfirmed: bool | None = None,
        low_confidence: bool | None = None,
        with_findings: bool | None = None,
        omissions: bool | None = None,
        query: str | None = None,
    ) -> None:
        """Change some filters and re-filter."""
        self.beginFilterChange()
        if omissions is not None:
            self.omissions = omissions
        if unconfirmed is not None:
            self.unconfirmed = unconfirmed
        if low_confidence is not None:
            self.low_confidence = low_confidence
        if with_findings is not None:
            self.with_findings = with_findings
        if query is not None:
            self.query = query
        self.setDynamicSortFilter(self.active)
        self.endFilterChange()

    def filterAcceptsRow(
        self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex
    ) -> bool:
        if not self.active:
            return True
        model = self.sourceModel()
        if not isinstance(model, AlignmentTableModel):
            return True
        return row_matches(
            model,
            source_row,
            unconfirmed=self.unconfirmed,
            low_confidence=self.low_confidence,
            with_findings=self.with_findings,
            omissions=self.omissions,
            query=self.query,
        )


def row_matches(
    model: AlignmentTableModel,
    row: int,
    *,
    unconfirmed: bool = False,
    low_confidence: bool = False,
    with_findings: bool = False,
    omissions: bool = False,
    query: str = "",
) -> bool:
    """True when `row` passes every requested test."""
    targets = model.langs[1:]
    summaries = [model.summary(row, lang) for lang in targets]
    if unconfirmed and not any(s is not None and s.status != "confirmed" for s in summaries):
        return False
    if low_confidence and not any(
        s is not None
        and s.status != "confirmed"
        and (s.confidence < LOW_CONFIDENCE or s.is_omission)
        for s in summaries
    ):
        return False
    if omissions and not any(s is not None and s.is_omission for s in summaries):
        return False
    if with_findings and not any(
        model.data(model.index(row, column), Role.FINDINGS) for column in range(len(model.langs))
    ):
        return False
    if query:
        needle = query.casefold()
        if not any(
            needle in text.casefold()
            for lang in model.langs
            for _, _, text in model.segments(row, lang)
        ):
            return False
    return True
