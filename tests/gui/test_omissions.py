"""Omissions (1:0, 0:1 beads) show as omissions: cell, map, F8, filter, status bar."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from tests.gui.conftest import _forget_edits
from tests.gui.driving import show_and_focus
from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.gui.models.alignment_table import OMISSION_COLOUR, Role, status_colour

EN = [f"English sentence {k}." for k in range(8)]
ES = [f"Frase española {k}." for k in (0, 1, 2, 6, 7)]


def omission_text() -> ParallelText:
    """en 3-5 have no Spanish: three 1:0 beads the aligner was sure of (confidence 1.0)."""
    en, es = Document("en", [EN]), Document("es", [ES])
    beads = [bead([i], [i], confidence=0.95) for i in range(3)]
    beads += [bead([i], [], confidence=1.0) for i in (3, 4, 5)]
    beads += [bead([6], [3], confidence=0.95), bead([7], [4], confidence=0.95)]
    return ParallelText("en", {"en": en, "es": es}, {"es": Alignment(en, es, beads)})


@pytest.fixture
def om_window(qtbot, tmp_path: Path):
    from workbench.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(window, before_close_func=_forget_edits)
    window.load_text(omission_text())
    show_and_focus(qtbot, window)
    window.table.setFocus()
    return window


def test_f8_goes_to_each_omission(qtbot, om_window) -> None:
    window = om_window
    visited = []
    for _ in range(4):
        qtbot.keyClick(window.table, Qt.Key.Key_F8)
        visited.append(window.current_row())
    assert visited == [3, 4, 5, 3]
    assert "no problem" not in window.statusBar().currentMessage()


def test_omission_cells_have_their_own_tint_and_say_so(om_window) -> None:
    model = om_window.model
    omission = model.index(3, model.column_of_lang("es"))
    good = model.index(0, model.column_of_lang("es"))
    assert model.data(omission, Qt.ItemDataRole.BackgroundRole) == OMISSION_COLOUR
    assert status_colour("auto", 1.0) != OMISSION_COLOUR
    assert model.data(good, Qt.ItemDataRole.BackgroundRole) == status_colour("auto", 0.95)
    assert model.data(omission, Role.OMISSION) and not model.data(good, Role.OMISSION)
    assert model.data(omission, Qt.ItemDataRole.ToolTipRole).startswith("Omission")
    assert model.data(omission, Role.CONFIDENCE) == 1.0  # the aligner's own value, shown


def test_omissions_filter_and_low_confidence_filter_keep_them(qtbot, om_window) -> None:
    window = om_window
    qtbot.keyClick(window.table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.find_bar
    qtbot.mouseClick(bar.omissions, Qt.MouseButton.LeftButton)
    rows = [window.proxy.mapToSource(window.proxy.index(r, 0)).row() for r in range(3)]
    assert window.proxy.rowCount() == 3 and rows == [3, 4, 5]
    qtbot.mouseClick(bar.omissions, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.low, Qt.MouseButton.LeftButton)
    assert window.proxy.rowCount() == 3


def test_status_bar_counts_omissions_and_follows_confirming(qtbot, om_window) -> None:
    window = om_window
    assert window.problems_label.text().startswith("3 omissions")
    window.move_to_row(3, "es")
    qtbot.keyClick(window.table, Qt.Key.Key_Return)  # confirmed: a real omission
    assert window.problems_label.text().startswith("2 omissions")
    qtbot.keyClick(window.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.problems_label.text().startswith("3 omissions")


def test_the_map_draws_omissions_in_their_colour(qtbot, om_window) -> None:
    from workbench.gui.views.alignment_map import COLOURS

    amap = om_window.alignment_map
    amap.resize(240, 400)
    image = amap.grab().toImage()
    wanted = COLOURS["omission"]

    def near(pixel) -> bool:
        return (
            abs(pixel.red() - wanted.red()) < 20
            and abs(pixel.green() - wanted.green()) < 20
            and abs(pixel.blue() - wanted.blue()) < 20
        )

    assert any(
        near(image.pixelColor(x, y))
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    )
