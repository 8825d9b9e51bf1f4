"""Start the desktop application: QApplication setup, main window, offscreen screenshots."""

from __future__ import annotations

import os
import sys
from pathlib import Path

SCREENSHOT_SIZE = (1500, 900)


def make_app(argv: list[str] | None = None, *, theme: str = "system"):
    """The QApplication (created once): Fusion style, CJK-capable font, light/dark palette."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication(argv if argv is not None else sys.argv[:1])
    )
    app.setApplicationName("workbench")
    app.setOrganizationName("workbench")
    app.setApplicationDisplayName("Workbench")
    app.setStyle("Fusion")
    font = QFont(app.font())
    # Latin first, then CJK: Qt falls back per character, so Chinese and Cyrillic both render.
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Noto Sans CJK SC", "Noto Sans CJK JP"])
    app.setFont(font)
    apply_theme(app, theme)
    return app


def apply_theme(app, theme: str) -> None:
    """Follow the system colour scheme, or force "light" / "dark"."""
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
    elif theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
    if theme in ("dark", "light"):
        app.setPalette(app.style().standardPalette())


def run(
    project: Path | None,
    screenshot: Path | None = None,
    *,
    theme: str = "system",
) -> int:
    """Open `project` (None: the bundled one) in the main window; or render it to a PNG."""
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from workbench.core.project import find_project

    root = find_project(project)
    app = make_app(theme=theme)
    from workbench.gui.main_window import MainWindow

    window = MainWindow()
    if screenshot is not None:
        return save_screenshot(window, root, screenshot)
    window.show()
    window.open_project(root)
    return int(app.exec())


def save_screenshot(window, root: Path, path: Path) -> int:
    """Open `root` synchronously, lay the window out at a fixed size and save it as PNG."""
    from PySide6.QtWidgets import QApplication

    from workbench.core.errors import WorkbenchError

    window.resize(*SCREENSHOT_SIZE)
    window.open_project(root, ask_recover=False, synchronous=True)
    if window.model is None:
        raise WorkbenchError(f"could not open {root} for the screenshot", path)
    window.show()
    terms = window.terminology
    if terms is not None and terms.dock.isVisible():
        from PySide6.QtCore import Qt

        terms.check(synchronous=True)
        window.resizeDocks([terms.dock], [280], Qt.Orientation.Vertical)
        terms.panel.select_first("inconsistent") or terms.panel.select_first()
    if window.model.rowCount() > 3:
        window.move_to_row(3, window.pair_lang())
    for _ in range(5):
        QApplication.processEvents()
        window.table.fit_visible_rows()
    QApplication.processEvents()
    image = window.grab()
    path.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(path), "PNG"):
        raise WorkbenchError("could not write the screenshot", path)
    window.ask_on_close = False  # a screenshot never saves: close without the question
    window.close()
    return 0
