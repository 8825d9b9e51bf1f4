"""Terminology in the window: highlights, findings, dismissals with undo, F8; glossary editor."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt

from workbench.core.alignment import Alignment, ParallelText, bead
from workbench.core.document import Document
from workbench.gui.models.alignment_table import Role
from workbench.gui.models.findings import FindingRole
from workbench.terms.dismissals import Dismissals
from workbench.terms.glossary import Concept, Glossary, Term, TermStatus


def glossary() -> Glossary:
    infosec = Concept(
        "infosec",
        definition="protection of information",
        terms=(
            Term("information security", "en"),
            Term("seguridad de la información", "es"),
            Term("seguridad informática", "es", TermStatus.DEPRECATED),
        ),
    )
    return Glossary([infosec], "en")


def term_text() -> ParallelText:
    en = Document(
        "en",
        [
            [
                "Information security matters.",
                "The weather is fine.",
                "We protect information security.",
            ]
        ],
    )
    es = Document(
        "es",
        [
            [
                "La seguridad informática importa.",
                "Hace buen tiempo.",
                "Protegemos la seguridad de la información.",
            ]
        ],
    )
    alignment = Alignment(en, es, [bead([i], [i], confidence=0.9) for i in range(3)])
    return ParallelText("en", {"en": en, "es": es}, {"es": alignment})


@pytest.fixture
def term_window(qtbot, tmp_path: Path):
    from tests.gui.conftest import _forget_edits
    from workbench.gui.main_window import MainWindow
    from workbench.gui.terminology import Terminology

    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(window, before_close_func=_forget_edits)
    window.load_text(term_text())
    terms = Terminology(window)
    window.terminology = terms
    window.add_terminology_actions(terms)
    terms.load(glossary(), Dismissals())
    terms.check(synchronous=True)
    return window


def test_findings_model_passes_the_tester_and_marks_the_cell(qtmodeltester, term_window) -> None:
    terms = term_window.terminology
    qtmodeltester.check(terms.panel.model, force_py=True)
    kinds = {(f.kind.value, f.lang, f.row) for f in terms.findings}
    assert ("deprecated", "es", 0) in kinds
    model = term_window.model
    assert model.data(model.index(0, 1), Role.FINDINGS) >= 1
    assert model.data(model.index(1, 1), Role.FINDINGS) == 0


def test_findings_filter_passes_the_tester_and_filters(qtmodeltester, term_window) -> None:
    panel = term_window.terminology.panel
    qtmodeltester.check(panel.proxy, force_py=True)
    total = panel.proxy.rowCount()
    panel.kind.setCurrentIndex(panel.kind.findData("deprecated"))
    assert 0 < panel.proxy.rowCount() < total or total == 1
    assert all(
        panel.proxy.data(panel.proxy.index(r, 0)) == "deprecated"
        for r in range(panel.proxy.rowCount())
    )
    panel.search.setText("no such concept")
    assert panel.proxy.rowCount() == 0


def test_terms_are_highlighted_by_status(term_window) -> None:
    model = term_window.model
    spans = model.data(model.index(0, 1), Role.HIGHLIGHTS)
    text = model.data(model.index(0, 1))
    assert [(text[s:e], status) for s, e, status in spans] == [
        ("seguridad informática", "deprecated")
    ]
    spans = model.data(model.index(2, 1), Role.HIGHLIGHTS)
    assert [status for _, _, status in spans] == ["preferred"]


def test_f8_and_double_click_go_to_the_finding(term_window) -> None:
    window = term_window
    window.move_to_row(1, "es")
    window.actions_by_name["next_problem"].trigger()
    assert window.current_row() == 0
    panel = window.terminology.panel
    window.move_to_row(2, "es")
    assert panel.select_first("deprecated")
    panel.view.doubleClicked.emit(panel.view.currentIndex())
    assert window.current_row() == 0


def test_dismissal_is_undoable_and_hides_the_finding(term_window, monkeypatch) -> None:
    window = term_window
    panel = window.terminology.panel
    assert panel.select_first("deprecated")
    shown = panel.proxy.rowCount()
    marked = window.model.data(window.model.index(0, 1), Role.FINDINGS)
    monkeypatch.setattr(
        "workbench.gui.terminology.QInputDialog.getText",
        lambda *a, **k: ("quoted from the source", True),
    )
    panel.dismiss_selected()
    assert panel.proxy.rowCount() == shown - 1
    assert len(window.terminology.dismissals) == 1
    assert window.model.data(window.model.index(0, 1), Role.FINDINGS) == marked - 1
    window.undo()
    assert panel.proxy.rowCount() == shown
    assert len(window.terminology.dismissals) == 0
    window.redo()
    assert len(window.terminology.dismissals) == 1
    panel.show_dismissed.setChecked(True)
    assert panel.proxy.rowCount() == shown
    dismissed = [
        panel.proxy.data(panel.proxy.index(r, 0), FindingRole.DISMISSED)
        for r in range(panel.proxy.rowCount())
    ]
    assert dismissed.count(True) == 1


def test_renderings_chart_counts_each_language(term_window) -> None:
    terms = term_window.terminology
    terms.show_renderings("infosec")
    groups = terms.panel.chart._groups
    assert [lang for lang, _, _ in groups] == ["es"]
    bars = {bar.text: (bar.count, bar.status) for bar in groups[0][2]}
    assert bars["seguridad informática"] == (1, "deprecated")
    assert bars["seguridad de la información"] == (1, "preferred")


def test_concept_list_passes_the_tester(qtbot, qtmodeltester) -> None:
    from workbench.gui.dialogs.glossary_editor import GlossaryEditor

    editor = GlossaryEditor(None, glossary(), None)
    qtbot.addWidget(editor)
    qtmodeltester.check(editor.concepts, force_py=True)
    editor.add_concept("other")
    assert editor.concepts.rowCount() == 2


def test_concept_filter_passes_the_tester(qtmodeltester) -> None:
    from workbench.gui.models.glossary import ConceptFilter, ConceptListModel

    concepts = ConceptListModel(glossary())
    search = ConceptFilter()
    search.setSourceModel(concepts)
    qtmodeltester.check(search, force_py=True)
    search.set_query("informática")  # a term, not the id
    assert search.rowCount() == 1
    search.set_query("zzz")
    assert search.rowCount() == 0


def test_glossary_editor_edits_with_undo_and_round_trips_csv(
    qtbot, qtmodeltester, tmp_path
) -> None:
    from workbench.gui.dialogs.glossary_editor import GlossaryEditor

    original = glossary()
    editor = GlossaryEditor(None, original, tmp_path / "g.tbx")
    qtbot.addWidget(editor)
    qtmodeltester.check(editor.terms, force_py=True)
    editor.add_concept("wmd")
    editor.add_term("weapons of mass destruction", "en")
    assert editor.glossary.concept("wmd").terms[0].text == "weapons of mass destruction"
    editor.refresh("infosec")
    index = editor.terms.index(2, 2)
    assert editor.terms.setData(index, "admitted", Qt.ItemDataRole.EditRole)
    qtbot.waitUntil(  # applied once the view has finished committing
        lambda: editor.glossary.concept("infosec").terms[2].status is TermStatus.ADMITTED
    )
    assert not editor.terms.setData(index, "no such status", Qt.ItemDataRole.EditRole)
    editor.search.setText("weapons")
    assert editor.filter.rowCount() == 1
    editor.search.setText("")
    for _ in range(3):
        editor.stack.undo()
    assert editor.glossary == original
    for _ in range(3):
        editor.stack.redo()
    out = tmp_path / "out.csv"
    editor.export_file(str(out))
    fresh = GlossaryEditor(None, Glossary([], "en"), None)
    qtbot.addWidget(fresh)
    fresh.import_file(str(out))
    assert [c.id for c in fresh.glossary.concepts] == ["infosec", "wmd"]
    fresh.stack.undo()
    assert len(fresh.glossary) == 0
    editor.stack.setClean()


def test_highlights_follow_the_text_when_ids_are_shown(term_window) -> None:
    model = term_window.model
    term_window.actions_by_name["show_ids"].setChecked(True)
    text = model.data(model.index(0, 1))
    assert text.startswith("[1:1] ")
    spans = model.data(model.index(0, 1), Role.HIGHLIGHTS)
    assert [text[s:e] for s, e, _ in spans] == ["seguridad informática"]
    assert model.data(model.index(0, 1), Qt.ItemDataRole.EditRole) == (
        "La seguridad informática importa."
    )


def test_terminology_shortcuts_are_unique_too(term_window) -> None:
    keys = [
        key.toString()
        for action in term_window.actions_by_name.values()
        for key in action.shortcuts()
    ]
    assert len(keys) == len(set(keys))
    assert {"F9", "Ctrl+G", "Ctrl+Shift+F"} <= set(keys)


def test_background_and_synchronous_checks_together_agree(qtbot, tmp_path, monkeypatch) -> None:
    import sys

    from tests.terms.factories import BUNDLED_GLOSSARY, sco_text
    from workbench.formats.tbx import read_tbx
    from workbench.gui.main_window import MainWindow
    from workbench.gui.terminology import Terminology
    from workbench.terms.drift import check_drift

    text, bundled = sco_text(), read_tbx(BUNDLED_GLOSSARY)
    expected = check_drift(text, bundled)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings=settings, recovery_base=tmp_path / "recovery")
    qtbot.addWidget(window)
    window.load_text(text)
    terms = Terminology(window)
    window.terminology = terms
    window.add_terminology_actions(terms)
    failures: list[str] = []
    monkeypatch.setattr(window, "report", failures.append)
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # threads switch often: shared state would show
    try:
        for _ in range(15):
            terms.load(bundled, Dismissals())  # starts a background check
            window.model.data(window.model.index(3, 1), Role.HIGHLIGHTS)  # matches here too
            terms.check(synchronous=True)
            assert terms.findings == expected
            qtbot.waitUntil(lambda: terms._worker is None, timeout=20_000)
            assert terms.findings == expected
    finally:
        sys.setswitchinterval(before)
    assert failures == []


def test_rules_set_in_the_window_change_the_findings(term_window) -> None:
    from workbench.terms.findings import FindingKind
    from workbench.terms.qa import QaRules

    terms = term_window.terminology
    before = {f.kind for f in terms.findings}
    assert FindingKind.DEPRECATED in before
    terms.set_rules(QaRules(disabled=frozenset({FindingKind.DEPRECATED})))
    terms.check(synchronous=True)
    assert FindingKind.DEPRECATED not in {f.kind for f in terms.findings}
    assert "qa_rules" in term_window.actions_by_name
