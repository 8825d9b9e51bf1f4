"""Helpers that drive real widgets the way a user does: modal dialogs answered by keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None], tries: int = 200) -> None:
    """When a modal `kind` dialog is up (polled from the event loop), call `act(dialog)`.

    Call this before the click or key that opens the dialog: `exec()` runs its own event
    loop, in which the timer fires. When no such dialog comes, the modal dialog that is up
    instead is rejected, so a test of code that asks something else fails on its assertions
    instead of waiting forever.
    """

    def poll(left: int) -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            act(dialog)
        elif left > 0:
            QTimer.singleShot(10, lambda: poll(left - 1))
        elif isinstance(dialog, QDialog):
            dialog.reject()

    QTimer.singleShot(0, lambda: poll(tries))


def show_and_focus(qtbot, widget: QWidget) -> None:
    """Show `widget` and wait until it is the active window (key events then reach it)."""
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.raise_()
    qtbot.waitUntil(widget.isActiveWindow)
