"""The QA-rules editor: rows and switches become the rules file; a bad regex is refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from workbench.gui.dialogs.qa_rules_editor import COL_REGEX, QaRulesEditor
from workbench.project.qa_rules import read_qa_rules
from workbench.terms.findings import FindingKind
from workbench.terms.qa import FindingException, ForbiddenRule, QaRules


def test_the_editor_shows_the_rules_and_saves_the_edits(qtbot, tmp_path: Path) -> None:
    rules = QaRules(
        (ForbiddenRule("tm", "™", "es"),),
        (FindingException("^UN", "missing"),),
        frozenset({FindingKind.IDENTICAL}),
    )
    path = tmp_path / "qa-rules.json"
    editor = QaRulesEditor(None, rules, path)
    qtbot.addWidget(editor)
    assert editor.forbidden.item(0, 2).text() == "™"
    assert not editor.kind_boxes[FindingKind.IDENTICAL].isChecked()
    assert editor.rules() == rules  # shown as they are, read back unchanged
    editor._add_forbidden(None)
    for column, text in ((0, "accent"), (1, "es"), (2, r"\bclimatico\b")):
        editor.forbidden.item(1, column).setText(text)
    editor.forbidden.item(1, COL_REGEX).setCheckState(Qt.CheckState.Checked)
    editor.kind_boxes[FindingKind.TRADITIONAL].setChecked(False)
    editor.save()
    saved = read_qa_rules(path)
    assert saved == editor.saved
    assert [r.id for r in saved.forbidden] == ["tm", "accent"] and saved.forbidden[1].is_regex
    assert saved.disabled == {FindingKind.IDENTICAL, FindingKind.TRADITIONAL}


def test_a_bad_regex_is_named_and_nothing_is_written(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "qa-rules.json"
    editor = QaRulesEditor(None, QaRules(), path)
    qtbot.addWidget(editor)
    editor._add_forbidden(None)
    editor.forbidden.item(0, 0).setText("bad")
    editor.forbidden.item(0, 2).setText("(")
    editor.forbidden.item(0, COL_REGEX).setCheckState(Qt.CheckState.Checked)
    editor.save()
    assert "forbidden rule 1" in editor.problem.text()
    assert editor.saved is None and not path.exists()
