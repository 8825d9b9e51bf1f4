"""The checker against the drift planted in the issue-17 test texts (climate, health, water).

These texts were written with their drift lists before the checker ran on them; after the
fixes they led to, they are regression tests. New held-out texts belong in benchmarks only.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.terms.factories import DATA, aligned_text
from workbench.formats.glossary_csv import read_glossary_csv
from workbench.project.qa_rules import read_qa_rules
from workbench.terms.drift import check_drift
from workbench.terms.evaluate import load_expected, score
from workbench.terms.qa import QaRules

FOLDERS = sorted(p for p in (DATA / "terms").iterdir() if (p / "aligned.json").is_file())


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_every_planted_drift_is_found_and_nothing_else(folder: Path) -> None:
    rules_file = folder / "qa-rules.json"
    rules = read_qa_rules(rules_file) if rules_file.is_file() else QaRules()
    findings = check_drift(
        aligned_text(folder / "aligned.json"),
        read_glossary_csv(folder / "glossary.csv"),
        rules=rules,
    )
    result = score(findings, load_expected(folder / "expected-drift.json"))
    assert result.missed == ()
    assert result.false_positives == ()


def test_there_are_new_texts_to_check() -> None:
    assert {p.name for p in FOLDERS} >= {"climate-2024", "health-2025", "water-2026"}
