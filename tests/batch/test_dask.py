"""The same batch on a real Dask LocalCluster (two worker processes) and on the local pool."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.batch.conftest import Corpus
from tests.batch.factories import tree
from workbench.batch.corpus import BatchResult, SetStatus, run_batch
from workbench.batch.engines import DaskEngine, make_engine
from workbench.batch.summary import build_summary
from workbench.core.errors import UsageError, WorkbenchError

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster() -> object:
    with distributed.LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0"
    ) as local:
        yield local


def test_the_cluster_and_the_local_pool_give_identical_outputs(
    cluster: object, corpus: Corpus, local_run: tuple[Path, BatchResult], tmp_path: Path
) -> None:
    out = tmp_path / "dask"
    engine = make_engine(scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]
    assert isinstance(engine, DaskEngine)
    assert engine.workers == 2
    try:
        result = run_batch(corpus.sets, out, corpus.config, engine)
    finally:
        engine.close()
    local_out, local_result = local_run
    assert tree(out) == tree(local_out)
    assert [(r.set_id, r.status, r.stats, r.error) for r in result.results] == [
        (r.set_id, r.status, r.stats, r.error) for r in local_result.results
    ]
    ours, theirs = build_summary(result), build_summary(local_result)
    for key in ("sets", "failures", "beads", "findings", "terminology"):
        assert ours[key] == theirs[key]
    assert result.count(SetStatus.FAILED) == 4


def test_jobs_and_a_scheduler_do_not_mix(cluster: object) -> None:
    with pytest.raises(UsageError, match="--jobs"):
        make_engine(jobs=2, scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(WorkbenchError, match="cannot reach the Dask scheduler"):
        DaskEngine("tcp://127.0.0.1:9", timeout=1)


def test_an_interrupt_on_the_cluster_keeps_finished_sets(
    cluster: object, corpus: Corpus, local_run: tuple[Path, BatchResult], tmp_path: Path
) -> None:
    out = tmp_path / "dask"

    def interrupt_after_one(done: int, total: int) -> None:
        if done >= 1:
            raise KeyboardInterrupt

    engine = make_engine(scheduler=cluster.scheduler_address)  # type: ignore[attr-defined]
    try:
        result = run_batch(corpus.sets, out, corpus.config, engine, interrupt_after_one)
        assert result.interrupted
        assert result.count(SetStatus.NOT_RUN) == len(corpus.sets) - 1
        again = run_batch(corpus.sets, out, corpus.config, engine)
    finally:
        engine.close()
    assert not again.interrupted
    assert again.count(SetStatus.SKIPPED) == result.count(SetStatus.DONE)
    assert tree(out) == tree(local_run[0])


def test_a_scheduler_without_workers_is_a_clear_error() -> None:
    with (
        distributed.LocalCluster(n_workers=0, processes=False, dashboard_address=":0") as empty,
        pytest.raises(WorkbenchError, match="no Dask worker joined"),
    ):
        DaskEngine(empty.scheduler_address, timeout=1)
