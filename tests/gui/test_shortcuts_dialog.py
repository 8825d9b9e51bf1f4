"""Keys can be rebound in a dialog; the binding is saved and used by the next window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from tests.gui.driving import show_and_focus, when_modal
from workbench.gui.dialogs.shortcuts import ShortcutsDialog


def test_rebinding_a_key_is_saved_and_used_next_time(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    window.table.setFocus()

    def rebind(dialog) -> None:
        edit = dialog.edits["shift_source_down"]
        edit.setFocus()
        edit.clear()
        qtbot.keyClick(edit, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
        ok = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "OK")
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal(ShortcutsDialog, rebind)
    qtbot.keyClick(
        window.table,
        Qt.Key.Key_K,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    qtbot.waitUntil(
        lambda: window.actions_by_name["shift_source_down"].shortcut().toString() == "Alt+B"
    )
    assert window.settings.value("shortcuts/shift_source_down") == "Alt+B"
    from workbench.gui.main_window import MainWindow

    again = MainWindow(settings=window.settings, recovery_base=window.recovery_base)
    qtbot.addWidget(again)
    assert again.actions_by_name["shift_source_down"].shortcut().toString() == "Alt+B"
    assert "Alt+B" in again.actions_by_name["shift_source_down"].toolTip()


def test_a_key_given_twice_is_refused(qtbot, window, monkeypatch) -> None:
    from PySide6.QtGui import QKeySequence

    warned: list[str] = []
    monkeypatch.setattr(
        "workbench.gui.dialogs.shortcuts.QMessageBox.warning", lambda *a: warned.append(a[2])
    )
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    dialog.edits["merge"].setKeySequence(QKeySequence("Ctrl+J"))  # join segments has it
    dialog.save()
    assert warned and "Ctrl+J" in warned[0]
    assert window.settings.value("shortcuts/merge") is None
