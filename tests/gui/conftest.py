"""GUI tests run on Qt's offscreen platform, with settings and recovery copies in tmp dirs."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import pytest

from tests.core.factories import make_text
from workbench.core.alignment import ParallelText


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
    if win.terminology is not None:
        win.terminology.glossary_dirty = False
