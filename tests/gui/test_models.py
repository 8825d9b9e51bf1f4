"""The table model and its filter proxy pass Qt's model tester, also across edits."""

from __future__ import annotations

from PySide6.QtCore import Qt

from workbench.core import edits
from workbench.core.alignment import BeadStatus
from workbench.gui.commands import EditController
from workbench.gui.models.alignment_table import AlignmentTableModel, Role
from workbench.gui.models.filter_proxy import RowFilterProxy


def test_table_model_passes_the_model_tester(qtmodeltester, text) -> None:
    model = AlignmentTableModel(text)
    qtmodeltester.check(model, force_py=True)
    assert model.rowCount() == 5 and model.columnCount() == 4
    assert model.data(model.index(0, 1)) == "Uno y dos."
    assert model.data(model.index(0, 0)) == "One.\nTwo."
    assert model.data(model.index(0, 1), Role.KIND) == "2:1"
    assert model.data(model.index(0, 2), Role.KIND) == "1:1"  # two 1:1 beads
    assert model.data(model.index(2, 2), Role.KIND) == "2:1"
    assert model.data(model.index(0, 3), Role.STATUS) == "auto"
    assert model.data(model.index(1, 1), Role.CONFIDENCE) == 0.3
    assert model.data(model.index(0, 0), Role.STATUS) == ""
    assert model.headerData(2, Qt.Orientation.Horizontal) == "ru"


def test_model_stays_valid_while_edits_are_done_and_undone(qtmodeltester, text) -> None:
    model = AlignmentTableModel(text)
    controller = EditController(text)
    controller.changed.connect(model.apply_change)
    qtmodeltester.check(model, force_py=True)  # keeps watching the model's signals
    controller.perform(edits.merge_next(text, "es", 1))
    controller.perform(edits.shift(text, "ru", 3, "source", "down"))
    controller.perform(edits.insert_empty(text, "zh", 2))
    controller.perform(edits.set_status(text, "zh", [0, 1, 2], BeadStatus.CONFIRMED))
    controller.perform(edits.split_segment(text, "en", 0, 2))
    for _ in range(5):
        controller.stack.undo()
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == [
        "Uno y dos.",
        "Tres.",
        "Cuatro.\nCinco.",
        "Seis.",
        "Extra.",
    ]
    for _ in range(5):
        controller.stack.redo()
    fresh = AlignmentTableModel(text)
    assert model.rowCount() == fresh.rowCount()
    for r in range(fresh.rowCount()):
        for c in range(fresh.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Role.STATUS, Role.KIND):
                assert model.data(model.index(r, c), role) == fresh.data(fresh.index(r, c), role)


def test_filter_proxy_passes_the_model_tester_and_filters(qtmodeltester, text) -> None:
    model = AlignmentTableModel(text)
    proxy = RowFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_filters(low_confidence=True)
    kept = [proxy.mapToSource(proxy.index(r, 0)).row() for r in range(proxy.rowCount())]
    assert kept == [1, 4]  # es 0.3 and the es target-only bead at 0.2
    proxy.set_filters(low_confidence=False, query="четыре")
    assert proxy.rowCount() == 1
    assert proxy.mapToSource(proxy.index(0, 0)).row() == 2
    proxy.set_filters(query="")
    assert proxy.rowCount() == model.rowCount()


def test_term_model_edits_match_mode_and_case_keeping_the_other_fields(qtmodeltester) -> None:
    from workbench.gui.models.glossary import COL_CASE, COL_MATCH, COL_NOTE, TermsModel
    from workbench.terms.glossary import Concept, MatchMode, Term

    term = Term("COVID-19", "en", note="WHO name")
    model = TermsModel()
    model.set_concept(Concept("c", terms=(term,)))
    qtmodeltester.check(model, force_py=True)
    edited: list[Term] = []
    model.term_edited.connect(lambda _row, new: edited.append(new))
    assert model.setData(model.index(0, COL_MATCH), r"pattern: COVID[- ]?19")
    assert edited[-1].match is MatchMode.PATTERN and edited[-1].pattern == r"COVID[- ]?19"
    assert edited[-1].note == "WHO name"
    model.set_concept(Concept("c", terms=(edited[-1],)))
    assert model.data(model.index(0, COL_MATCH)) == r"pattern: COVID[- ]?19"
    assert model.setData(model.index(0, COL_CASE), "sensitive")
    assert edited[-1].case_sensitive and edited[-1].match is MatchMode.PATTERN
    assert not model.setData(model.index(0, COL_MATCH), "fuzzy")  # refused
    assert model.setData(model.index(0, COL_NOTE), "new note")
    assert (edited[-1].note, edited[-1].pattern) == ("new note", r"COVID[- ]?19")
