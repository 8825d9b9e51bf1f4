"""GUI tests run on Qt's offscreen platform, with settings and recovery copies in tmp dirs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from workbench.core.alignment import Alignment, BeadStatus, ParallelText, bead
from workbench.core.document import Document


def make_text() -> ParallelText:
    """A small three-language text whose pairs split the pivot differently.

    en has 6 segments; es pairs 0-1 as one bead (2:1) and has a target-only bead at the end;
    ru pairs 3-4 as one bead; zh is all 1:1 with one confirmed bead.
    """
    en = Document("en", [["One.", "Two."], ["Three.", "Four.", "Five.", "Six."]])
    es = Document("es", [["Uno y dos."], ["Tres.", "Cuatro.", "Cinco.", "Seis.", "Extra."]])
    ru = Document("ru", [["Один.", "Два."], ["Три.", "Четыре и пять.", "Шесть."]])
    zh = Document("zh", [["一。", "二。"], ["三。", "四。", "五。", "六。"]])
    alignments = {
        "es": Alignment(
            en,
            es,
            [
                bead([0, 1], [0], confidence=0.9),
                bead([2], [1], confidence=0.3),
                bead([3], [2], confidence=0.8),
                bead([4], [3], confidence=0.7),
                bead([5], [4], confidence=0.95),
                bead([], [5], confidence=0.2),
            ],
        ),
        "ru": Alignment(
            en,
            ru,
            [
                bead([0], [0], confidence=0.9),
                bead([1], [1], confidence=0.9),
                bead([2], [2], confidence=0.9),
                bead([3, 4], [3], confidence=0.6),
                bead([5], [4], confidence=0.9),
            ],
        ),
        "zh": Alignment(
            en,
            zh,
            [
                bead([i], [i], BeadStatus.CONFIRMED if i == 0 else BeadStatus.AUTO, 0.8)
                for i in range(6)
            ],
        ),
    }
    return ParallelText("en", {"en": en, "es": es, "ru": ru, "zh": zh}, alignments)


@pytest.fixture
def text() -> ParallelText:
    """A fresh small parallel text."""
    return make_text()


@pytest.fixture
def window(qtbot, tmp_path: Path, text: ParallelText):
    """A main window over `text` (no project), settings and recovery in tmp_path."""
    from PySide6.QtCore import QSettings

    from workbench.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    # Closing must not stop at the "unsaved changes" question.
    qtbot.addWidget(win, before_close_func=_forget_edits)
    win.load_text(text)
    return win


def _forget_edits(win) -> None:
    if win.controller is not None:
        win.controller.stack.setClean()
