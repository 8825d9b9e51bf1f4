"""Item 7: the checker against the drift a reader listed in the bundled SCO 2006 texts."""

from __future__ import annotations

import pytest

from tests.terms.factories import BUNDLED_GLOSSARY, DATA, sco_text
from workbench.formats.tbx import read_tbx
from workbench.terms.drift import Finding, check_drift
from workbench.terms.evaluate import load_expected, score

EXPECTED = DATA / "terms/sco-2006-expected-drift.json"


@pytest.fixture(scope="module")
def findings() -> list[Finding]:
    return check_drift(sco_text(), read_tbx(BUNDLED_GLOSSARY))


def test_every_listed_drift_is_found(findings: list[Finding]) -> None:
    result = score(findings, load_expected(EXPECTED))
    assert result.missed == ()
    assert result.recall == 1.0


def test_no_finding_outside_the_list(findings: list[Finding]) -> None:
    result = score(findings, load_expected(EXPECTED))
    assert result.false_positives == ()
    assert result.precision == 1.0


def test_every_kind_in_the_texts_is_found(findings: list[Finding]) -> None:
    assert {f.kind.value for f in findings} >= {"deprecated", "missing", "inconsistent"}
    assert {f.lang for f in findings} == {"es", "ru", "zh"}


def test_no_alarm_on_an_inflected_approved_term(findings: list[Finding]) -> None:
    # Every target sentence holding an approved term in an inflected form stays quiet unless
    # the reader listed drift there for another reason.
    for finding in findings:
        if finding.kind.value in ("missing", "deprecated"):
            assert finding.concept not in {"udhr", "un-charter", "wmd", "rats", "non-interference"}


def test_scoring_counts_false_positives_and_misses() -> None:
    expected = load_expected(EXPECTED)
    result = score([], expected)
    assert (result.recall, result.precision, len(result.missed)) == (0.0, 1.0, len(expected))
