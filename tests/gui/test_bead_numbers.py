"""One numbering: the GUI names beads by their number in the pair, as check-terms reports them."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QInputDialog, QLineEdit, QPushButton, QSpinBox

from tests.gui.driving import show_and_focus, when_modal
from workbench.gui.models.findings import COLUMNS, FindingsModel
from workbench.terms.findings import Finding, FindingKind, Severity
from workbench.terms.report import bead_number

CTRL = Qt.KeyboardModifier.ControlModifier


def type_number(number: int):
    """Type `number` into the dialog's spin box and press Enter, as a user does."""

    def act(dialog) -> None:
        edit = dialog.findChild(QSpinBox).findChild(QLineEdit)
        edit.selectAll()
        QTest.keyClicks(edit, str(number))
        ok = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == "OK")
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    return act


def test_the_status_bar_names_the_pairs_beads_of_the_current_row(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    window.set_pair(1)  # es
    window.go_to_bead(1)
    # es bead 1 pairs en 1-2: one bead on the first row.
    assert "bead 1 of 6 · row 1 of" in window.pair_label.text()
    window.go_to_bead(4)
    # ru pairs en 4-5 in one bead, so es beads 3 and 4 share that row.
    row = window.current_row()
    assert window.model.layout.bead_range(row, "es") == (2, 4)
    assert "beads 3–4 of 6" in window.pair_label.text()
    window.set_pair(2)  # ru on the same row: its bead 4 of 5
    assert "bead 4 of 5" in window.pair_label.text()


def test_ctrl_l_asks_for_a_bead_number_and_shows_that_bead(qtbot, window, text) -> None:
    show_and_focus(qtbot, window)
    window.set_pair(1)  # es
    when_modal(QInputDialog, type_number(5))
    qtbot.keyClick(window.table, Qt.Key.Key_L, CTRL)
    row = window.current_row()
    start, stop = window.model.layout.bead_range(row, "es")
    assert start <= 4 < stop  # bead 5, 0-based 4
    assert window.model.beads(row, "es")[4 - start] == text.alignments["es"].beads[4]
    current = window.proxy.mapToSource(window.table.currentIndex())
    assert window.model.lang_of_column(current.column()) == "es"


def test_a_bead_number_past_the_end_is_refused_with_a_message(qtbot, window) -> None:
    show_and_focus(qtbot, window)
    window.set_pair(1)
    before = window.current_row()
    assert not window.go_to_bead(7)
    assert window.current_row() == before
    assert "no bead 7" in window.statusBar().currentMessage()
    assert "has 6" in window.statusBar().currentMessage()


def test_the_findings_table_shows_the_bead_number_check_terms_reports() -> None:
    model = FindingsModel()
    finding = Finding(
        kind=FindingKind.MISSING,
        severity=Severity.WARNING,
        lang="es",
        concept="infosec",
        row=11,
        found="",
        expected=("seguridad de la información",),
        source_text="information security",
        target_text="…",
        source_ids=("s12",),
        target_ids=("t12",),
    )
    document_wide = Finding(
        kind=FindingKind.INCONSISTENT,
        severity=Severity.INFO,
        lang="es",
        concept="infosec",
        row=None,
        found="a | b",
        expected=(),
        source_text="",
        target_text="",
        source_ids=(),
        target_ids=(),
    )
    model.set_findings([finding, document_wide], set())
    column = COLUMNS.index("Bead")
    assert model.data(model.index(0, column)) == str(bead_number(finding)) == "12"
    assert model.data(model.index(1, column)) == ""
