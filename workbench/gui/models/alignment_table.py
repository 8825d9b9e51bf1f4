"""The parallel view's table model: one row per pivot bead group, one column per language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from workbench.core.alignment import Bead, BeadStatus, ParallelText
from workbench.core.edits import Change
from workbench.core.inline import Display, display, has_codes, visible_map
from workbench.core.rows import IntArray, RowLayout, compute_rows, source_lengths

AnyIndex = QModelIndex | QPersistentModelIndex

LOW_CONFIDENCE = 0.5


class Role(IntEnum):
    """Custom data roles of the table model."""

    SEGMENTS = Qt.ItemDataRole.UserRole + 1  # list[(flat index, id, text)]
    STATUS = Qt.ItemDataRole.UserRole + 2  # "confirmed" | "auto" | "" (pivot column / empty)
    CONFIDENCE = Qt.ItemDataRole.UserRole + 3  # float, lowest bead of the cell; -1 for pivot
    KIND = Qt.ItemDataRole.UserRole + 4  # "2:1"; "1:1+0:1" when the row holds several beads
    LANG = Qt.ItemDataRole.UserRole + 5
    FINDINGS = Qt.ItemDataRole.UserRole + 6  # number of terminology findings in the cell
    HIGHLIGHTS = Qt.ItemDataRole.UserRole + 7  # list[(start, end, status)] in the display text
    OMISSION = Qt.ItemDataRole.UserRole + 8  # True: an unconfirmed 1:0 or 0:1 bead in the cell


@dataclass(frozen=True, slots=True)
class CellSummary:
    """What the status colouring needs to know about a target cell."""

    status: str
    confidence: float
    kind: str
    omissions: int = 0  # unconfirmed beads of the cell with one side empty (1:0, 0:1)

    @property
    def is_omission(self) -> bool:
        """True when the cell holds an unconfirmed omission (text on one side only)."""
        return self.omissions > 0


class AlignmentTableModel(QAbstractTableModel):
    """Rows from `workbench.core.rows`, columns = pivot + aligned target languages.

    Bulk loads reset the model; edits redraw from the core's `Change` with a narrow
    `dataChanged` when the row structure is unchanged, else row removes/inserts.
    """

    def __init__(self, text: ParallelText, parent=None) -> None:
        super().__init__(parent)
        self._text = text
        self._show_ids = False
        self._findings: dict[tuple[str, int], int] = {}
        self._highlighter = None
        self._layout = compute_rows(text)
        self._langs = [text.pivot, *self._layout.langs]
        self._lengths: dict[str, IntArray] = {}
        self._reset_lengths()

    # -- structure -------------------------------------------------------------------------
    @property
    def text(self) -> ParallelText:
        """The parallel text shown."""
        return self._text

    @property
    def layout(self) -> RowLayout:
        """The current row layout."""
        return self._layout

    @property
    def langs(self) -> list[str]:
        """Column languages: the pivot first, then every aligned target language."""
        return list(self._langs)

    def lang_of_column(self, column: int) -> str:
        """The language shown in `column`."""
        return self._langs[column]

    def column_of_lang(self, lang: str) -> int:
        """The column showing `lang`."""
        return self._langs.index(lang)

    def set_text(self, text: ParallelText) -> None:
        """Show another parallel text (or the same one after a bulk change)."""
        self.beginResetModel()
        self._text = text
        self._layout = compute_rows(text)
        self._langs = [text.pivot, *self._layout.langs]
        self._reset_lengths()
        self.endResetModel()

    def reload(self) -> None:
        """Recompute everything after the text changed outside the undo stack."""
        self.set_text(self._text)

    def set_show_ids(self, show: bool) -> None:
        """Prefix each segment with its id."""
        if show != self._show_ids:
            self._show_ids = show
            self._all_changed()

    @property
    def show_ids(self) -> bool:
        """True when segment ids are shown."""
        return self._show_ids

    def set_findings(self, counts: dict[tuple[str, int], int]) -> None:
        """Findings per (language, row) shown as a marker in the cells."""
        self._findings = dict(counts)
        self._all_changed()

    def set_highlighter(self, highlighter) -> None:
        """A callable (lang, text) -> list[(start, end, status)] for term highlighting."""
        self._highlighter = highlighter
        self._all_changed()

    def _all_changed(self) -> None:
        if self.rowCount() and self.columnCount():
            self.dataChanged.emit(
                self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1)
            )

    # -- Qt model API ------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._layout)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._langs)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.segments(index.row(), self._langs[index.column()]):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def header_label(self, lang: str) -> str:
        """A language column's title: the document's exact tag (`es-ES`, `es-419`, `zh-TW`)."""
        return self._text.tag(lang)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0):
        horizontal = orientation == Qt.Orientation.Horizontal
        if role != Qt.ItemDataRole.DisplayRole:
            if role == Qt.ItemDataRole.ToolTipRole and horizontal and section < len(self._langs):
                lang = self._langs[section]
                name = self._text.documents[lang].name
                label = self._text.tag(lang)
                return f"{label}: {name}" if name else label
            return None
        if orientation == Qt.Orientation.Horizontal:
            if 0 <= section < len(self._langs):
                return self.header_label(self._langs[section])
            return None
        return str(section + 1)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not (0 <= index.row() < len(self._layout)):
            return None
        if not 0 <= index.column() < len(self._langs):
            return None
        row, lang = index.row(), self._langs[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, lang)
        if role == Qt.ItemDataRole.EditRole:
            return self.cell_display(row, lang).text
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, lang)
        if role == Qt.ItemDataRole.BackgroundRole:
            return self._background(row, lang)
        if role == Role.SEGMENTS:
            return self.segments(row, lang)
        if role == Role.LANG:
            return lang
        if role == Role.OMISSION:
            summary = self.summary(row, lang)
            return bool(summary and summary.is_omission)
        if role in (Role.STATUS, Role.CONFIDENCE, Role.KIND):
            summary = self.summary(row, lang)
            if role == Role.STATUS:
                return summary.status if summary else ""
            if role == Role.CONFIDENCE:
                return summary.confidence if summary else -1.0
            return summary.kind if summary else ""
        if role == Role.FINDINGS:
            return self._findings.get((lang, row), 0)
        if role == Role.HIGHLIGHTS:
            return self._highlights(row, lang)
        return None

    # -- cell contents -----------------------------------------------------------------------
    def segments(self, row: int, lang: str) -> list[tuple[int, str, str]]:
        """(flat index, id, text) of the `lang` segments in `row`."""
        document = self._text.documents[lang]
        if lang == self._text.pivot:
            indices: range | list[int] = range(*self._layout.pivot_range(row))
        else:
            b0, b1 = self._layout.bead_range(row, lang)
            beads = self._text.alignments[lang].beads
            indices = [j for b in range(b0, b1) for j in beads[b].target]
        result = []
        for i in indices:
            segment = document.segment(i)
            result.append((i, segment.id, segment.text))
        return result

    def beads(self, row: int, lang: str) -> list[Bead]:
        """The `lang` pair's beads inside `row` (empty for the pivot)."""
        if lang == self._text.pivot:
            return []
        b0, b1 = self._layout.bead_range(row, lang)
        return self._text.alignments[lang].beads[b0:b1]

    def summary(self, row: int, lang: str) -> CellSummary | None:
        """Status, lowest confidence and n:m kind of a target cell; None for the pivot/empty."""
        beads = self.beads(row, lang)
        if not beads:
            return None
        confirmed = all(b.status is BeadStatus.CONFIRMED for b in beads)
        confidence = min(b.confidence for b in beads)
        kinds = [f"{len(b.source)}:{len(b.target)}" for b in beads]
        kind = "1:1" if all(k == "1:1" for k in kinds) else "+".join(kinds)
        omissions = sum(1 for b in beads if is_omission(b))
        return CellSummary("confirmed" if confirmed else "auto", confidence, kind, omissions)

    def cell_display(self, row: int, lang: str) -> Display:
        """The cell's segments (one per line) with inline codes as numbered tag labels."""
        return display("\n".join(text for _, _, text in self.segments(row, lang)))

    def _display(self, row: int, lang: str) -> str:
        segments = self.segments(row, lang)
        if not any(has_codes(text) for _, _, text in segments):
            texts = [text for _, _, text in segments]
        else:
            texts = self.cell_display(row, lang).text.split("\n")
        if self._show_ids:
            pairs = zip(segments, texts, strict=True)
            return "\n".join(f"[{sid}] {text}" for (_, sid, _), text in pairs)
        return "\n".join(texts)

    def _highlights(self, row: int, lang: str) -> list[tuple[int, int, str]]:
        segments = self.segments(row, lang)
        tagged = any(has_codes(text) for _, _, text in segments)
        if self._highlighter is None and not tagged:
            return []
        shown = self.cell_display(row, lang) if tagged else None
        spans: list[tuple[int, int, str]] = []
        shift = 0  # characters the id prefixes add before this line
        raw_start = 0
        for _, sid, text in segments:
            if self._show_ids:
                shift += len(sid) + 3
            if shown is None:
                if self._highlighter is not None:
                    for start, end, status in self._highlighter(lang, text):
                        spans.append((shift + raw_start + start, shift + raw_start + end, status))
            else:
                # Terms are matched in the visible text; map back to raw, then to display.
                seen, back = visible_map(text)
                place = shown.offsets
                if self._highlighter is not None and seen:
                    for start, end, status in self._highlighter(lang, seen):
                        raw_a = raw_start + back[min(start, len(back) - 1)]
                        raw_b = raw_start + back[min(end, len(back)) - 1] + 1
                        spans.append((shift + place[raw_a], shift + place[raw_b], status))
                line_end = place[raw_start + len(text)]
                for a, b in shown.chips:
                    if place[raw_start] <= a < line_end:
                        spans.append((shift + a, shift + b, "code"))
            raw_start += len(text) + 1
        return spans

    def _tooltip(self, row: int, lang: str) -> str:
        segments = self.segments(row, lang)
        ids = ", ".join(sid for _, sid, _ in segments) or "none"
        summary = self.summary(row, lang)
        if summary is None:
            head = f"{self._text.tag(lang)} segments {ids}"
        else:
            head = (
                f"{self._text.pair_label(lang)} {summary.kind}, {summary.status}, "
                f"confidence {summary.confidence:.2f}; segments {ids}"
            )
            if summary.is_omission:
                head = (
                    f"Omission: text on one side only ({summary.kind}); confirm it if the "
                    f"translation really leaves it out.\n{head}"
                )
        body = "\n".join(f"[{sid}] {display(text).text}" for _, sid, text in segments)
        return f"{head}\n\n{body}" if body else head

    def _background(self, row: int, lang: str) -> QColor | None:
        summary = self.summary(row, lang)
        if summary is None:
            return None
        if summary.is_omission:
            return OMISSION_COLOUR
        return status_colour(summary.status, summary.confidence)

    # -- redraw from the core's Change -------------------------------------------------------
    def apply_change(self, change: Change) -> None:
        """Redraw what `change` touched: narrow dataChanged, or row removes/inserts."""
        old = self._layout
        touched: set[int] = set()
        if change.beads:
            for item in change.beads:
                if item.lang not in self._lengths:
                    continue
                beads = self._text.alignments[item.lang].beads
                lens = self._lengths[item.lang]
                fresh = source_lengths(beads[item.start : item.start + item.inserted])
                self._lengths[item.lang] = np.concatenate(
                    [lens[: item.start], fresh, lens[item.start + item.removed :]]
                )
            new = compute_rows(self._text, old.langs, self._lengths)
            diff = old.diff(new)
            if diff.same_shape:
                self._layout = new
                touched.update(range(diff.start, diff.new_stop))
            else:
                if diff.old_stop > diff.start:
                    self.beginRemoveRows(QModelIndex(), diff.start, diff.old_stop - 1)
                    self._layout = _without(new, diff.start, diff.new_stop)
                    self.endRemoveRows()
                if diff.new_stop > diff.start:
                    self.beginInsertRows(QModelIndex(), diff.start, diff.new_stop - 1)
                    self._layout = new
                    self.endInsertRows()
                self._layout = new
            for item in change.beads:
                if item.lang in new.langs:
                    touched.update(
                        new.rows_of_beads(item.lang, item.start, item.start + item.inserted)
                    )
        if change.documents:
            touched = set(range(len(self._layout)))
        if touched:
            self.dataChanged.emit(
                self.index(min(touched), 0),
                self.index(max(touched), self.columnCount() - 1),
            )

    def _reset_lengths(self) -> None:
        self._lengths = {
            lang: source_lengths(self._text.alignments[lang].beads) for lang in self._layout.langs
        }


def _without(layout: RowLayout, start: int, stop: int) -> RowLayout:
    """`layout` without rows start..stop: the state between removing old and inserting new rows.

    Its rows are valid against the already edited text, so views may query them meanwhile.
    """
    keep = np.r_[0:start, stop : len(layout)]
    return RowLayout(
        layout.langs,
        layout.starts[keep],
        layout.stops[keep],
        layout.b0[:, keep],
        layout.b1[:, keep],
        layout.bead_rows,
        layout.pivot_count,
    )


OMISSION_COLOUR = QColor(160, 70, 200, 90)  # violet: neither the good nor the weak tint


def is_omission(bead: Bead) -> bool:
    """An unconfirmed bead with text on one side only: something may be untranslated."""
    return bead.status is not BeadStatus.CONFIRMED and not (bead.source and bead.target)


def count_problems(beads: Sequence[Bead]) -> tuple[int, int]:
    """(omissions, other low-confidence beads) among the unconfirmed `beads` of one pair."""
    omissions = low = 0
    for bead in beads:
        if bead.status is BeadStatus.CONFIRMED:
            continue
        if not (bead.source and bead.target):
            omissions += 1
        elif bead.confidence < LOW_CONFIDENCE:
            low += 1
    return omissions, low


def status_colour(status: str, confidence: float) -> QColor:
    """Cell tint: green for confirmed; amber to red, stronger as confidence falls."""
    if status == "confirmed":
        return QColor(46, 160, 67, 60)
    weakness = 1.0 - max(0.0, min(1.0, confidence))
    if confidence < LOW_CONFIDENCE:
        return QColor(220, 60, 40, int(50 + 150 * weakness))
    return QColor(230, 160, 30, int(30 + 120 * weakness))
