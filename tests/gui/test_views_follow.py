"""Views say what is true now: counts and marks follow each edit, menus name languages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QPushButton

from tests.gui.driving import show_and_focus, when_modal
from tests.gui.test_terminology import term_window  # noqa: F401 (fixture)
from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.gui.models.alignment_table import Role

CTRL = Qt.KeyboardModifier.ControlModifier


def _marks(window) -> list[int]:
    model = window.model
    column = model.column_of_lang("es")
    return [model.data(model.index(r, column), Role.FINDINGS) for r in range(model.rowCount())]


def _ok(dialog) -> QPushButton:
    return next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "OK")


def test_finding_marks_follow_an_edit_before_the_recheck(qtbot, term_window) -> None:  # noqa: F811
    window = term_window
    show_and_focus(qtbot, window)
    window.table.setFocus()
    assert _marks(window)[0] >= 1
    window.move_to_row(0, "es")
    qtbot.keyClick(window.table, Qt.Key.Key_I, CTRL)  # bead 0 is replaced by two
    assert window.terminology.recheck_timer.isActive()  # the re-check is still to come
    assert sum(_marks(window)) == 0  # no mark left on a bead that is gone


def test_findings_count_changes_with_a_dismissal(qtbot, term_window) -> None:  # noqa: F811
    window = term_window
    terms = window.terminology
    show_and_focus(qtbot, window)
    before = len(terms.dismissals.active(terms.findings))
    assert terms.dock.windowTitle().endswith(f"{before} findings")
    assert terms.panel.select_first("deprecated")

    def reason(dialog) -> None:
        qtbot.keyClicks(dialog.findChild(type(terms.panel.search)), "quoted")
        qtbot.mouseClick(_ok(dialog), Qt.MouseButton.LeftButton)

    when_modal(QInputDialog, reason)
    qtbot.mouseClick(terms.panel.dismiss, Qt.MouseButton.LeftButton)
    assert len(terms.dismissals) == 1
    assert terms.dock.windowTitle().endswith(f"{before - 1} findings")


def test_go_menu_names_the_pairs(window) -> None:
    go = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    names = [a.text() for a in go.actions() if a.isVisible() and a.text().startswith("Pair")]
    assert names == ["Pair en → es", "Pair en → ru", "Pair en → zh"]


def test_shift_pivot_keys_are_free_of_window_manager_keys(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    window.table.setFocus()
    for name in ("shift_source_up", "shift_source_down"):
        keys = window.actions_by_name[name].shortcut().toString()
        assert "Alt+Shift" not in keys and "Ctrl+Alt" not in keys, keys
    window.move_to_row(0, "zh")
    before = list(text.alignments["zh"].beads)
    qtbot.keyClick(window.table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.AltModifier)
    assert text.alignments["zh"].beads != before, window.statusBar().currentMessage()


def test_export_dialog_is_wide_enough(window) -> None:
    from workbench.gui.dialogs.export import ExportDialog

    assert ExportDialog(window, "po").minimumWidth() >= 600


def test_history_says_pivot_like_the_menus(window) -> None:
    window.move_to_row(2, "ru")
    window.actions_by_name["shift_source_up"].trigger()
    window.move_to_row(1, "zh")
    window.actions_by_name["insert_empty_source"].trigger()
    stack = window.controller.stack
    texts = [stack.text(i) for i in range(stack.count())]
    assert texts[0].startswith("Shift pivot up") and texts[1].startswith("Insert empty pivot")
    assert not any("source" in t for t in texts)
    names = ("shift_source_up", "insert_empty_source")
    assert all("pivot" in window.actions_by_name[n].text() for n in names)


def _long_text(rows: int) -> ParallelText:
    words = "information security cooperation between the member states of the organisation"
    en = [f"Sentence {k}: " + " ".join([words] * (1 + k % 4)) + "." for k in range(rows)]
    es = [
        f"Frase {k}: " + " ".join(["seguridad de la información"] * (1 + k % 5))
        for k in range(rows)
    ]
    en[rows - 20] = "The needle sentence is here."
    den, des = Document("en", [en]), Document("es", [es])
    beads = [bead([i], [i], confidence=0.9) for i in range(rows)]
    return ParallelText("en", {"en": den, "es": des}, {"es": Alignment(den, des, beads)})


def test_find_shows_the_row_it_names(qtbot, window) -> None:
    window.load_text(_long_text(400))
    window.resize(1000, 700)
    show_and_focus(qtbot, window)
    qtbot.keyClick(window.table, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.find_bar.edit, "needle")
    qtbot.keyClick(window.find_bar.edit, Qt.Key.Key_Return)
    assert "row 381" in window.statusBar().currentMessage()
    qtbot.wait(100)  # the rows around it get their sizes
    table = window.table
    rect = table.visualRect(table.currentIndex())
    assert window.current_row() == 380
    assert table.viewport().rect().contains(rect.center()), (rect, table.viewport().rect())


def test_column_widths_fit_each_project(qtbot, window) -> None:
    from workbench.gui.main_window import MainWindow

    window.resize(1200, 700)
    show_and_focus(qtbot, window)
    window.close()  # a four-language layout is remembered
    again = MainWindow(settings=window.settings, recovery_base=window.recovery_base)
    qtbot.addWidget(again)
    again.resize(1200, 700)
    again.load_text(_long_text(10))  # two languages
    show_and_focus(qtbot, again)
    header = again.table.horizontalHeader()
    assert header.length() <= again.table.viewport().width() + 2
    assert not again.table.horizontalScrollBar().isVisible()
