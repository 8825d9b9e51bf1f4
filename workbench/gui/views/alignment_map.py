"""The alignment map: each pair's bead path (pivot position against target position)."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPalette,
    QPen,
    QPicture,
    QPixmap,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.core.alignment import BeadStatus, ParallelText
from workbench.gui.models.alignment_table import LOW_CONFIDENCE

MARGIN = 6
TITLE = 16

COLOURS = {
    "confirmed": QColor(46, 160, 67),
    "auto": QColor(90, 130, 210),
    "low": QColor(225, 60, 40),
    "omission": QColor(160, 70, 200),
}


class AlignmentMap(QWidget):
    """One panel per pair, stacked; a click emits the pivot segment under the pointer."""

    pivot_clicked = Signal(int)  # pivot segment index

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text: ParallelText | None = None
        self._pictures: dict[tuple[str, int, int], QPicture] = {}
        self._current = -1
        self._pixmap: QPixmap | None = None
        self._pixmap_key: tuple[int, int, float] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(200)
        self._timer.timeout.connect(self._redraw)
        self.setMinimumWidth(160)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setToolTip(
            "Bead path of each pair: green confirmed, blue automatic, red low confidence, "
            "violet omissions (text on one side only). "
            "Click to go there."
        )

    def sizeHint(self) -> QSize:
        return QSize(220, 600)

    def set_text(self, text: ParallelText | None) -> None:
        """Show another text."""
        self._text = text
        self._redraw()

    def refresh(self) -> None:
        """Redraw after an edit (soon: a burst of edits redraws once)."""
        self._timer.start()

    def _redraw(self) -> None:
        self._pictures.clear()
        self._pixmap = None
        self.update()

    def set_current(self, pivot_index: int) -> None:
        """Mark the current pivot position."""
        if pivot_index != self._current:
            self._current = pivot_index
            self.update()

    def _langs(self) -> list[str]:
        if self._text is None:
            return []
        return [lang for lang in self._text.target_langs if lang in self._text.alignments]

    def _panels(self) -> list[tuple[str, QRectF]]:
        langs = self._langs()
        if not langs:
            return []
        height = (self.height() - MARGIN) / len(langs)
        panels = []
        for k, lang in enumerate(langs):
            top = MARGIN + k * height
            plot = QRectF(MARGIN, top + TITLE, self.width() - 2 * MARGIN, height - TITLE - MARGIN)
            panels.append((lang, plot))
        return panels

    def _picture(self, lang: str, plot: QRectF) -> QPicture:
        """The bead path, reduced to at most a few points per pixel column (fast at 10k beads)."""
        key = (lang, int(plot.width()), int(plot.height()))
        picture = self._pictures.get(key)
        if picture is not None:
            return picture
        assert self._text is not None
        alignment = self._text.alignments[lang]
        beads = alignment.beads
        n = max(len(alignment.source), 1)
        m = max(len(alignment.target), 1)
        src = np.fromiter((len(b.source) for b in beads), dtype=np.int64, count=len(beads))
        tgt = np.fromiter((len(b.target) for b in beads), dtype=np.int64, count=len(beads))
        confirmed = np.fromiter(
            (b.status is BeadStatus.CONFIRMED for b in beads), dtype=bool, count=len(beads)
        )
        confidence = np.fromiter((b.confidence for b in beads), dtype=float, count=len(beads))
        x_end = np.cumsum(src) * plot.width() / n
        y_end = np.cumsum(tgt) * plot.height() / m
        x = np.concatenate([[0.0], x_end])
        y = np.concatenate([[0.0], y_end])
        column = np.minimum(x_end.astype(np.int64), int(plot.width()))
        # One path point per pixel column (the last bead ending there), plus the ends.
        keep = np.nonzero(np.append(column[1:] != column[:-1], True))[0] + 1
        points = np.concatenate([[0], keep])
        picture = QPicture()
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(COLOURS["auto"], 1.6))
        painter.drawPolyline([QPointF(float(x[k]), float(y[k])) for k in points])
        one_sided = (src == 0) | (tgt == 0)
        omission = (~confirmed) & one_sided
        low = (~confirmed) & (confidence < LOW_CONFIDENCE) & ~one_sided
        marks = (("confirmed", confirmed, 2.0), ("low", low, 3.0), ("omission", omission, 3.5))
        for kind, mask, width in marks:
            if not mask.any():
                continue
            pen = QPen(COLOURS[kind], width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            hits = np.nonzero(mask)[0]
            columns = column[hits]
            first = np.nonzero(np.append(True, columns[1:] != columns[:-1]))[0]
            lines = [
                QLineF(float(x[b]), float(y[b]), float(x[b + 1]), float(y[b + 1]))
                for b in hits[first]
            ]
            painter.drawLines(lines)
        painter.end()
        self._pictures[key] = picture
        return picture

    def _background(self) -> QPixmap:
        """Titles, frames and bead paths, drawn once per size and text state."""
        ratio = self.devicePixelRatioF()
        key = (self.width(), self.height(), ratio)
        if self._pixmap is not None and self._pixmap_key == key:
            return self._pixmap
        pixmap = QPixmap(int(self.width() * ratio), int(self.height() * ratio))
        pixmap.setDevicePixelRatio(ratio)
        palette = self.palette()
        pixmap.fill(palette.color(QPalette.ColorRole.Base))
        painter = QPainter(pixmap)
        text_colour = palette.color(QPalette.ColorRole.Text)
        if self._text is not None:
            for lang, plot in self._panels():
                if plot.height() < 10 or plot.width() < 10:
                    continue
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(plot.left(), plot.top() - TITLE, plot.width(), TITLE),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    self._text.pair_label(lang),
                )
                grid = QColor(text_colour)
                grid.setAlpha(60)
                painter.setPen(QPen(grid, 1))
                painter.drawRect(plot)
                painter.save()
                painter.translate(plot.topLeft())
                painter.drawPicture(0, 0, self._picture(lang, plot))
                painter.restore()
        painter.end()
        self._pixmap, self._pixmap_key = pixmap, key
        return pixmap

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._background())
        if self._text is None or self._current < 0:
            return
        marker = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        painter.setPen(QPen(marker, 1, Qt.PenStyle.DashLine))
        n = max(len(self._text.pivot_document), 1)
        for _lang, plot in self._panels():
            x = plot.left() + (self._current + 0.5) * plot.width() / n
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))

    def pivot_at(self, x: float, y: float) -> int:
        """The pivot segment index under widget point (x, y), or -1."""
        if self._text is None:
            return -1
        for _lang, plot in self._panels():
            if plot.top() - TITLE <= y <= plot.bottom() + MARGIN:
                n = len(self._text.pivot_document)
                if n == 0:
                    return -1
                fraction = (x - plot.left()) / max(plot.width(), 1.0)
                return max(0, min(n - 1, int(fraction * n)))
        return -1

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.pivot_at(event.position().x(), event.position().y())
        if index >= 0:
            self.pivot_clicked.emit(index)
        super().mousePressEvent(event)
