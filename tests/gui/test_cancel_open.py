"""Cancelling the alignment on opening says what was not aligned; Project > Align aligns it."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QPushButton

from tests.gui.conftest import _forget_edits
from tests.gui.driving import show_and_focus
from tests.gui.test_project import EN, ES
from workbench.core.errors import CancelledError
from workbench.gui.main_window import MainWindow
from workbench.project.project import Project


@pytest.fixture
def unaligned(tmp_path: Path) -> Path:
    docs = {}
    for lang, body in {"en": EN, "es": ES}.items():
        docs[lang] = tmp_path / f"{lang}.txt"
        docs[lang].write_text(body, encoding="utf-8")
    return Project.create(tmp_path / "proj", "en", docs, "demo").root


def _progress_dialog() -> QProgressDialog | None:
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QProgressDialog) and widget.isVisible():
            return widget
    return None


def test_cancel_says_what_was_not_aligned_and_align_missing_pairs_does_it(
    qtbot, tmp_path, unaligned, monkeypatch
) -> None:
    import workbench.project.align as project_align

    real = project_align.align_project

    def slow(project, langs, progress=None, cancel=None):
        for _ in range(500):  # a long alignment, checking for Cancel like the real one
            if cancel is not None and cancel():
                raise CancelledError("alignment cancelled")
            if progress is not None:
                progress(1, 100)
            time.sleep(0.01)
        return real(project, langs)

    monkeypatch.setattr(project_align, "align_project", slow)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(window, before_close_func=_forget_edits)
    show_and_focus(qtbot, window)
    window.open_project(unaligned, ask_recover=False)
    qtbot.waitUntil(lambda: _progress_dialog() is not None, timeout=5000)
    dialog = _progress_dialog()
    cancel = next(b for b in dialog.findChildren(QPushButton) if "Cancel" in b.text())
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model is not None, timeout=10_000)
    message = window.statusBar().currentMessage()
    assert "not aligned: es" in message and "aligned es:" not in message
    assert "es" not in window.text.alignments
    monkeypatch.setattr(project_align, "align_project", real)
    show_and_focus(qtbot, window)
    window.table.setFocus()
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_L,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    # The worker adds the pair to the text; the window shows it when the worker is done.
    qtbot.waitUntil(lambda: window.model.langs == ["en", "es"], timeout=30_000)
    assert "aligned es" in window.statusBar().currentMessage()
    assert window.is_dirty  # the new pair is not saved yet
