"""Dismissals: kept by key in a JSON file, surviving re-alignment; undo restores."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.terms.factories import D, P, concept, parallel
from workbench.core.errors import EditError, FormatError
from workbench.project.dismissals import load_dismissals, save_dismissals
from workbench.terms.dismissals import Dismissals
from workbench.terms.drift import check_drift
from workbench.terms.glossary import Glossary

GLOSSARY = Glossary(
    [
        concept(
            "infosec",
            ("en", "information security", P),
            ("es", "seguridad de la información", P),
            ("es", "seguridad informática", D),
        )
    ]
)


def test_dismissed_finding_stays_dismissed_after_save_load_and_realignment(tmp_path: Path) -> None:
    text = parallel(["Information security."], {"es": ["La seguridad informática."]})
    finding = check_drift(text, GLOSSARY)[0]
    dismissals = load_dismissals(tmp_path / "dismissals.json")
    assert dismissals.dismiss(finding, "house style for this client") is None
    save_dismissals(dismissals, tmp_path / "dismissals.json")
    reloaded = load_dismissals(tmp_path / "dismissals.json")
    assert reloaded.get(finding.key) is not None
    assert reloaded.get(finding.key).reason == "house style for this client"  # type: ignore[union-attr]
    moved = parallel(
        ["Intro.", "Information security."], {"es": ["Intro.", "La seguridad informática."]}
    )
    assert reloaded.active(check_drift(moved, GLOSSARY)) == []


def test_a_dismissal_needs_a_reason() -> None:
    finding = check_drift(
        parallel(["Information security."], {"es": ["Seguridad informática."]}), GLOSSARY
    )[0]
    with pytest.raises(EditError):
        Dismissals().dismiss(finding, "  ")


def test_undismiss_and_restore_undo_each_other() -> None:
    finding = check_drift(
        parallel(["Information security."], {"es": ["Seguridad informática."]}), GLOSSARY
    )[0]
    dismissals = Dismissals()
    previous = dismissals.dismiss(finding, "ok")
    assert finding in dismissals
    dismissals.restore(finding.key, previous)
    assert finding not in dismissals
    dismissals.dismiss(finding, "ok")
    removed = dismissals.undismiss(finding.key)
    assert finding not in dismissals
    dismissals.restore(finding.key, removed)
    assert finding in dismissals


def test_broken_file_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.json"
    path.write_text('{"dismissed": [\n  {"key": "a"},\n  oops\n]}', encoding="utf-8")
    with pytest.raises(FormatError) as error:
        load_dismissals(path)
    assert error.value.line == 3 and error.value.path == str(path)


def test_missing_file_means_no_dismissal(tmp_path: Path) -> None:
    assert len(load_dismissals(tmp_path / "none.json")) == 0
