"""A chart of one concept's renderings per language, with counts (QPainter, no extra deps)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

STATUS_COLOURS = {
    "preferred": QColor(50, 120, 220),
    "admitted": QColor(110, 170, 235),
    "deprecated": QColor(220, 60, 50),
    "superseded": QColor(200, 110, 60),
    "": QColor(150, 150, 150),  # mined candidate, not in the glossary
}
BAR = 16
GAP = 4
LABEL_WIDTH = 150


@dataclass(frozen=True, slots=True)
class Bar:
    """One rendering: its text, how often it is used, its glossary status ("" if none)."""

    text: str
    count: int
    status: str


class RenderingsChart(QWidget):
    """Horizontal bars grouped by language: how each language renders the concept."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._title = ""
        self._groups: list[tuple[str, int, list[Bar]]] = []  # (lang, beads with concept, bars)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(
            "Renderings of the concept per language: blue preferred, light blue admitted, "
            "red deprecated, grey not in the glossary"
        )

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def set_data(self, title: str, groups: Sequence[tuple[str, int, Sequence[Bar]]]) -> None:
        """Show `groups` of (language, beads holding the concept, bars)."""
        self._title = title
        self._groups = [(lang, beads, list(bars)) for lang, beads, bars in groups]
        height = 24 + sum(20 + max(len(bars), 1) * (BAR + GAP) for _, _, bars in self._groups)
        self.setMinimumHeight(min(height, 2000))
        self.update()

    def clear(self) -> None:
        """Show nothing."""
        self.set_data("", [])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        palette = self.palette()
        painter.fillRect(self.rect(), palette.color(QPalette.ColorRole.Base))
        text_colour = palette.color(QPalette.ColorRole.Text)
        painter.setPen(text_colour)
        if not self._groups:
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                "Select a finding or a concept to see its renderings",
            )
            return
        metrics = QFontMetrics(self.font())
        y = 4.0
        bold = self.font()
        bold.setBold(True)
        painter.setFont(bold)
        painter.drawText(
            QRectF(6, y, self.width() - 12, 18), Qt.AlignmentFlag.AlignLeft, self._title
        )
        painter.setFont(self.font())
        y += 22
        top = max((bar.count for _, _, bars in self._groups for bar in bars), default=1) or 1
        label_width = max(LABEL_WIDTH, min(300, int(self.width() * 0.4)))
        width = max(self.width() - label_width - 60, 40)
        for lang, beads, bars in self._groups:
            painter.setPen(text_colour)
            painter.drawText(
                QRectF(6, y, self.width() - 12, 18),
                Qt.AlignmentFlag.AlignLeft,
                f"{lang} — {beads} bead(s) with the concept",
            )
            y += 20
            if not bars:
                painter.drawText(
                    QRectF(18, y, width, BAR), Qt.AlignmentFlag.AlignLeft, "(none found)"
                )
                y += BAR + GAP
            for bar in bars:
                label = metrics.elidedText(bar.text, Qt.TextElideMode.ElideRight, label_width - 16)
                painter.setPen(text_colour)
                painter.drawText(
                    QRectF(12, y, label_width - 16, BAR),
                    Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                    label,
                )
                length = max(2.0, width * bar.count / top)
                painter.fillRect(
                    QRectF(label_width, y + 2, length, BAR - 4),
                    STATUS_COLOURS.get(bar.status, STATUS_COLOURS[""]),
                )
                painter.drawText(
                    QRectF(label_width + length + 4, y, 50, BAR),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    str(bar.count),
                )
                y += BAR + GAP
            y += 4
