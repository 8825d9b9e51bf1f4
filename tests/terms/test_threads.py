"""Checks in several threads at once (the GUI's background and synchronous checks) agree."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterator

import pytest

from tests.terms.factories import BUNDLED_GLOSSARY, sco_text
from workbench.formats.tbx import read_tbx
from workbench.terms.drift import Finding, check_drift
from workbench.terms.matching import analyzer_for


@pytest.fixture
def rapid_switching() -> Iterator[None]:
    """Switch threads every microsecond, so that unguarded shared state shows."""
    before = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    yield
    sys.setswitchinterval(before)


def _run_together(job, threads: int) -> list[object]:
    results: list[object] = []
    barrier = threading.Barrier(threads)

    def run() -> None:
        barrier.wait()
        try:
            results.append(job())
        except Exception as exc:  # the failure is the result compared below
            results.append(exc)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results


def test_checks_running_at_once_give_the_serial_findings(rapid_switching) -> None:
    text, glossary = sco_text(), read_tbx(BUNDLED_GLOSSARY)
    expected: list[Finding] = check_drift(text, glossary)
    for _ in range(5):  # fresh threads each round: fresh analyzers, nothing cached yet
        results = _run_together(lambda: check_drift(text, glossary), 3)
        assert results == [expected] * 3


def test_each_thread_has_its_own_analyzer() -> None:
    mine = analyzer_for("es")
    theirs = _run_together(lambda: analyzer_for("es"), 1)[0]
    assert analyzer_for("es") is mine
    assert theirs is not mine and type(theirs) is type(mine)
