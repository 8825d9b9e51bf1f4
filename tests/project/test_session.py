"""The session: one undo history over text edits, dismissals and glossary edits; dirty state."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.factories import snapshot
from tests.project.test_project import make_project
from tests.terms.factories import D, P, concept, parallel
from workbench.core import edits
from workbench.core.errors import EditError
from workbench.project.dismissals import load_dismissals
from workbench.project.glossary import load_glossary
from workbench.project.session import Session
from workbench.terms.drift import check_drift
from workbench.terms.glossary import Glossary, Term, TermStatus


def glossary() -> Glossary:
    return Glossary(
        [
            concept(
                "infosec",
                ("en", "information security", P),
                ("es", "seguridad de la información", P),
                ("es", "seguridad informática", D),
            )
        ]
    )


def session(tmp_path: Path) -> Session:
    return Session(make_project(tmp_path), glossary())


def a_finding():  # type: ignore[no-untyped-def]
    text = parallel(["Information security."], {"es": ["La seguridad informática."]})
    return check_drift(text, glossary())[0]


def test_a_text_edit_undoes_and_redoes(tmp_path: Path) -> None:
    work = session(tmp_path)
    before = snapshot(work.text)
    change = work.perform(edits.merge_next(work.text, "es", 0))
    after = snapshot(work.text)
    assert change is not None and after != before
    work.undo()
    assert snapshot(work.text) == before
    work.redo()
    assert snapshot(work.text) == after


def test_an_edit_that_changes_nothing_is_not_recorded(tmp_path: Path) -> None:
    work = session(tmp_path)
    assert work.perform(edits.Edit("nothing", ())) is None
    assert not work.history.can_undo and not work.is_dirty


def test_a_dismissal_is_a_step_of_the_same_history(tmp_path: Path) -> None:
    work = session(tmp_path)
    finding = a_finding()
    work.perform(edits.merge_next(work.text, "es", 0))
    work.dismiss(finding, " house style ")
    assert finding in work.dismissals
    assert work.dismissals.get(finding.key).reason == "house style"  # type: ignore[union-attr]
    assert work.history.descriptions[-1].startswith("Dismiss")
    work.undo()
    assert finding not in work.dismissals
    assert work.history.undo_description.startswith("Merge")
    work.redo()
    assert finding in work.dismissals


def test_taking_a_dismissal_back_undoes_to_the_old_reason(tmp_path: Path) -> None:
    work = session(tmp_path)
    finding = a_finding()
    work.dismiss(finding, "first")
    work.undismiss(finding)
    assert finding not in work.dismissals
    work.undo()
    assert work.dismissals.get(finding.key).reason == "first"  # type: ignore[union-attr]


def test_a_dismissal_needs_a_reason(tmp_path: Path) -> None:
    work = session(tmp_path)
    with pytest.raises(EditError):
        work.dismiss(a_finding(), "   ")
    assert not work.history.can_undo


def test_a_glossary_edit_undoes_and_redoes(tmp_path: Path) -> None:
    work = session(tmp_path)
    term = Term("ciberseguridad", "es", TermStatus.ADMITTED)
    work.edit_glossary(lambda g: g.add_term("infosec", term))
    assert term in work.glossary.concept("infosec").terms
    work.undo()
    assert term not in work.glossary.concept("infosec").terms
    assert work.glossary == glossary()
    work.redo()
    assert term in work.glossary.concept("infosec").terms


def test_dirty_until_saved_and_again_after_undo(tmp_path: Path) -> None:
    work = session(tmp_path)
    assert not work.is_dirty
    work.dismiss(a_finding(), "ok")
    assert work.is_dirty
    work.save()
    assert not work.is_dirty
    work.undo()
    assert work.is_dirty
    work.redo()
    assert not work.is_dirty


def test_pairs_aligned_on_opening_are_unsaved(tmp_path: Path) -> None:
    work = session(tmp_path)
    work.mark_unsaved()
    assert work.is_dirty and not work.history.can_undo


def test_save_writes_text_dismissals_and_edited_glossary(tmp_path: Path) -> None:
    work = session(tmp_path)
    finding = a_finding()
    work.perform(edits.merge_next(work.text, "es", 0))
    work.dismiss(finding, "house style")
    work.edit_glossary(lambda g: g.delete_term("infosec", 2))
    work.save()
    reopened = Session.open(tmp_path)
    assert snapshot(reopened.text) == snapshot(work.text)
    assert reopened.dismissals.get(finding.key) is not None
    assert load_dismissals(work.project.dismissals_path).get(finding.key) is not None
    assert load_glossary(tmp_path / "glossary.tbx") == work.glossary
    assert len(reopened.glossary.concept("infosec").terms) == 2


def test_undoing_a_glossary_edit_back_to_the_file_makes_it_unchanged(tmp_path: Path) -> None:
    work = session(tmp_path)
    assert not work.is_glossary_changed
    work.edit_glossary(lambda g: g.delete_term("infosec", 2))
    assert work.is_glossary_changed and work.is_dirty
    work.undo()
    assert not work.is_glossary_changed and not work.is_dirty
    work.redo()
    work.save()
    assert not work.is_glossary_changed
    work.undo()  # the file now holds the edit: taking it back is a change to save
    assert work.is_glossary_changed and work.is_dirty


def test_a_glossary_swapped_in_as_edited_stays_changed_until_saved(tmp_path: Path) -> None:
    work = session(tmp_path)
    work.is_glossary_changed = True  # e.g. a glossary replaced wholesale, same concepts
    assert work.is_glossary_changed
    work.save()
    assert not work.is_glossary_changed
    assert load_glossary(tmp_path / "glossary.tbx") == work.glossary


def test_an_impossible_glossary_edit_records_nothing(tmp_path: Path) -> None:
    work = session(tmp_path)
    with pytest.raises(EditError):
        work.edit_glossary(lambda g: g.delete_term("infosec", 7))
    assert not work.history.can_undo and not work.is_glossary_changed
