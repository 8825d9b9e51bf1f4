"""Start the desktop application: QApplication setup, main window, offscreen screenshots."""

from __future__ import annotations

import contextlib
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
    """Follow the system colour scheme ("system"), or force "light" / "dark"."""
    from PySide6.QtCore import Qt

    hints = app.styleHints()
    if theme == "light":
        hints.setColorScheme(Qt.ColorScheme.Light)
        app.setPalette(app.style().standardPalette())
    elif theme == "dark":
        hints.setColorScheme(Qt.ColorScheme.Dark)
        app.setPalette(dark_palette())


def dark_palette():
    """A dark palette (Fusion's own when the platform has no dark theme to offer)."""
    from PySide6.QtGui import QColor, QPalette

    palette = QPalette()
    role = QPalette.ColorRole
    colours = {
        role.Window: (45, 45, 48),
        role.WindowText: (225, 225, 225),
        role.Base: (30, 30, 32),
        role.AlternateBase: (45, 45, 48),
        role.ToolTipBase: (60, 60, 64),
        role.ToolTipText: (230, 230, 230),
        role.Text: (225, 225, 225),
        role.Button: (55, 55, 58),
        role.ButtonText: (225, 225, 225),
        role.BrightText: (255, 90, 90),
        role.Link: (100, 160, 240),
        role.Highlight: (45, 105, 190),
        role.HighlightedText: (255, 255, 255),
        role.PlaceholderText: (140, 140, 140),
    }
    for name, rgb in colours.items():
        palette.setColor(name, QColor(*rgb))
    disabled = QPalette.ColorGroup.Disabled
    for name in (role.Text, role.ButtonText, role.WindowText):
        palette.setColor(disabled, name, QColor(120, 120, 120))
    return palette


def check_display() -> None:
    """Fail with a clear message, not Qt's abort, when there is no screen to open a window on."""
    from workbench.core.errors import WorkbenchError

    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM"):
        return
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        raise WorkbenchError(
            "no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); run it in "
            "a desktop session, or use --screenshot FILE to render the window to a PNG"
        )


def run(
    project: Path | None,
    screenshot: Path | None = None,
    *,
    theme: str = "system",
) -> int:
    """Open `project` (None: the bundled one) in the main window; or render it to a PNG."""
    if screenshot is not None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    check_display()
    from workbench.project.manifest import find_project

    root = find_project(project)
    if screenshot is not None:
        from workbench.project.project import Project

        Project.open(root)  # a project that cannot open fails here, naming its file and line
    app = make_app(theme=theme)
    from workbench.gui.main_window import MainWindow

    window = MainWindow()
    if screenshot is not None:
        return save_screenshot(window, root, screenshot)
    install_excepthook(window)
    window.show()
    window.open_project(root)
    return int(app.exec())


def install_excepthook(window) -> None:
    """Turn an unexpected error in a slot into a dialog (after an autosave), never a crash."""
    import traceback

    from PySide6.QtWidgets import QMessageBox

    def hook(kind, value, tb) -> None:
        details = "".join(traceback.format_exception(kind, value, tb))
        sys.stderr.write(details)
        with contextlib.suppress(Exception):  # the report below matters more
            window.autosave(force=True)
        box = QMessageBox(window)
        box.setIcon(QMessageBox.Icon.Critical)
        box.setWindowTitle("Unexpected error")
        box.setText(
            f"Something went wrong: {value}\n\nYour edits are kept (and autosaved). Save, "
            "then report this with the details below."
        )
        box.setDetailedText(details)
        box.exec()

    sys.excepthook = hook


def save_screenshot(window, root: Path, path: Path) -> int:
    """Open `root` synchronously, lay the window out at a fixed size and save it as PNG."""
    from PySide6.QtWidgets import QApplication

    from workbench.core.errors import WorkbenchError

    window.resize(*SCREENSHOT_SIZE)
    window.open_project(root, ask_recover=False, synchronous=True)
    if window.model is None:
        raise WorkbenchError(f"could not open {root} for the screenshot {path}")
    window.show()
    terms = window.terminology
    if terms is not None and terms.dock.isVisible():
        from PySide6.QtCore import Qt

        terms.check(synchronous=True)
        window.resizeDocks([terms.dock], [280], Qt.Orientation.Vertical)
        terms.panel.select_first("inconsistent") or terms.panel.select_first()
    if window.model.rowCount() > 1:
        window.move_to_row(1, window.pair_lang())
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
