"""The main window comes back with the size and place it had when it was closed."""

from __future__ import annotations

from pathlib import Path


def test_a_new_window_restores_the_last_size(qtbot, tmp_path: Path) -> None:
    from PySide6.QtCore import QSettings

    from workbench.gui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    first = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(first)
    first.ask_on_close = False
    first.show()
    first.resize(700, 500)
    assert first.close()
    settings.sync()

    reread = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    second = MainWindow(settings=reread, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(second)
    assert (second.width(), second.height()) == (700, 500)

    fresh = MainWindow(
        settings=QSettings(str(tmp_path / "other.ini"), QSettings.Format.IniFormat),
        recovery_base=tmp_path / "recovery",
    )
    qtbot.addWidget(fresh)
    assert (fresh.width(), fresh.height()) == (1400, 860)
