"""Recovery copies: the text and the dismissals come back as undoable steps of the history."""

from __future__ import annotations

from pathlib import Path

from tests.core.factories import snapshot
from tests.project.test_project import make_project
from tests.project.test_session import a_finding, glossary
from workbench.core import edits
from workbench.project.recovery import Recovery
from workbench.project.session import Session


def test_recovery_restores_text_and_dismissals_and_undo_takes_both_back(tmp_path: Path) -> None:
    work = Session(make_project(tmp_path / "p"), glossary())
    finding = a_finding()
    work.perform(edits.merge_next(work.text, "es", 0))
    work.dismiss(finding, "house style")
    edited = snapshot(work.text)
    recovery = Recovery(tmp_path / "recovery")
    recovery.write(work.project, work.dismissals)

    fresh = Session.open(tmp_path / "p")  # as after a crash: the files hold the old state
    original = snapshot(fresh.text)
    assert finding not in fresh.dismissals
    fresh.perform(recovery.recover_edit(fresh.project))
    step = recovery.recover_dismissals(fresh.dismissals)
    assert step is not None
    fresh.do_step(step)
    assert snapshot(fresh.text) == edited and finding in fresh.dismissals
    fresh.undo()
    fresh.undo()
    assert snapshot(fresh.text) == original and finding not in fresh.dismissals


def test_a_copy_without_other_dismissals_recovers_none(tmp_path: Path) -> None:
    work = Session(make_project(tmp_path / "p"), glossary())
    recovery = Recovery(tmp_path / "recovery")
    recovery.write(work.project)
    assert recovery.recover_dismissals(work.dismissals) is None
    recovery.write(work.project, work.dismissals)
    assert recovery.recover_dismissals(work.dismissals) is None
