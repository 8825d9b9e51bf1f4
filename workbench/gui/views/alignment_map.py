"""The alignment map: each pair's bead path (pivot position against target position)."""

from __future__ import annotations

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPalette, QPen, QPicture
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.core.alignment import BeadStatus, ParallelText
from workbench.gui.models.alignment_table import LOW_CONFIDENCE

MARGIN = 6
TITLE = 16

COLOURS = {
    "confirmed": QColor(46, 160, 67),
    "auto": QColor(90, 130, 210),
    "low": QColor(225, 60, 40),
}


class AlignmentMap(QWidget):
    """One panel per pair, stacked; a click emits the pivot segment under the pointer."""

    pivot_clicked = Signal(int)  # pivot segment index

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._text: ParallelText | None = None
        self._pictures: dict[tuple[str, int, int], QPicture] = {}
        self._current = -1
        self.setMinimumWidth(160)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        self.setToolTip(
            "Bead path of each pair: green confirmed, blue automatic, red low confidence. "
            "Click to go there."
        )

    def sizeHint(self) -> QSize:
        return QSize(220, 600)

    def set_text(self, text: ParallelText | None) -> None:
        """Show another text."""
        self._text = text
        self.refresh()

    def refresh(self) -> None:
        """Redraw after an edit."""
        self._pictures.clear()
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
        key = (lang, int(plot.width()), int(plot.height()))
        picture = self._pictures.get(key)
        if picture is not None:
            return picture
        assert self._text is not None
        alignment = self._text.alignments[lang]
        n = max(len(alignment.source), 1)
        m = max(len(alignment.target), 1)
        sx, sy = plot.width() / n, plot.height() / m
        lines: dict[str, list[QLineF]] = {"confirmed": [], "auto": [], "low": []}
        i = j = 0
        for item in alignment.beads:
            i2, j2 = i + len(item.source), j + len(item.target)
            if item.status is BeadStatus.CONFIRMED:
                kind = "confirmed"
            elif item.confidence < LOW_CONFIDENCE:
                kind = "low"
            else:
                kind = "auto"
            lines[kind].append(QLineF(i * sx, j * sy, i2 * sx, j2 * sy))
            i, j = i2, j2
        picture = QPicture()
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for kind in ("auto", "confirmed", "low"):
            pen = QPen(COLOURS[kind], 3.0 if kind == "low" else 1.6)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(pen)
            if lines[kind]:
                painter.drawLines(lines[kind])
        painter.end()
        self._pictures[key] = picture
        return picture

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        if self._text is None:
            return
        pivot = self._text.pivot
        for lang, plot in self._panels():
            if plot.height() < 10 or plot.width() < 10:
                continue
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(plot.left(), plot.top() - TITLE, plot.width(), TITLE),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                f"{pivot} → {lang}",
            )
            grid = QColor(text_colour)
            grid.setAlpha(60)
            painter.setPen(QPen(grid, 1))
            painter.drawRect(plot)
            painter.save()
            painter.translate(plot.topLeft())
            painter.drawPicture(0, 0, self._picture(lang, plot))
            painter.restore()
            if self._current >= 0:
                n = max(len(self._text.pivot_document), 1)
                x = plot.left() + (self._current + 0.5) * plot.width() / n
                marker = QColor(palette.color(QPalette.ColorRole.Highlight))
                painter.setPen(QPen(marker, 1, Qt.PenStyle.DashLine))
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
