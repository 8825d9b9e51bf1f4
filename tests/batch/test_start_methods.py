"""Worker processes start by forkserver where the OS has it and by spawn elsewhere: both work."""

from __future__ import annotations

import multiprocessing

import pytest

from tests.batch.conftest import Corpus
from workbench.batch import engines
from workbench.batch.runner import process_set
from workbench.formats import workers

METHODS = [m for m in ("forkserver", "spawn") if m in multiprocessing.get_all_start_methods()]


@pytest.mark.parametrize("method", METHODS)
def test_the_local_pool_processes_a_set_with_each_start_method(
    method: str, corpus: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(engines, "_context", lambda: multiprocessing.get_context(method))
    engine = engines.LocalEngine(1)
    try:
        ((doc_set, output),) = list(engine.stream(process_set, corpus.sets[:1], corpus.config))
    finally:
        engine.close()
    assert doc_set.id == corpus.sets[0].id
    assert not isinstance(output, BaseException) and output.ok, output
    assert "all.tmx" in dict(output.files)


def test_without_forkserver_the_pool_spawns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    assert engines._context().get_start_method() == "spawn"


def test_without_forkserver_the_tmx_workers_spawn(monkeypatch: pytest.MonkeyPatch) -> None:
    real = multiprocessing.get_context

    def get_context(method: str | None = None) -> multiprocessing.context.BaseContext:
        if method == "forkserver":
            raise ValueError("cannot find context for 'forkserver'")  # as on Windows
        return real(method)

    monkeypatch.setattr(workers.multiprocessing, "get_context", get_context)
    assert workers.process_context(["workbench"]).get_start_method() == "spawn"
