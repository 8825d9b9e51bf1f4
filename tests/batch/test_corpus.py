"""Whole batches on the local pool: isolation of poisoned sets, re-runs, interruption."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.batch.conftest import GOOD_SETS, POISONED, Corpus, run_local
from tests.batch.factories import tree
from workbench.batch.corpus import BatchResult, SetStatus
from workbench.batch.outputs import complete_stats, staging_dirs


def test_good_sets_are_done_and_poisoned_sets_reported(
    corpus: Corpus, local_run: tuple[Path, BatchResult]
) -> None:
    out, result = local_run
    assert [r.set_id for r in result.results] == [s.id for s in corpus.sets]
    status = {r.set_id: r.status for r in result.results}
    assert [i for i, s in status.items() if s is SetStatus.DONE] == corpus.good
    assert sorted(r.set_id for r in result.failed) == sorted(POISONED)
    assert all(r.error for r in result.failed)
    assert sorted(p.name for p in out.iterdir()) == sorted(corpus.good)
    for doc_set in corpus.sets[:GOOD_SETS]:
        assert complete_stats(out, doc_set, corpus.config) is not None


def test_a_rerun_skips_complete_sets_and_retries_failed_ones(
    corpus: Corpus, local_run: tuple[Path, BatchResult], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(local_run[0], out)
    before = tree(out)
    result = run_local(corpus, out, jobs=1)
    assert result.count(SetStatus.SKIPPED) == GOOD_SETS
    assert result.count(SetStatus.FAILED) == len(POISONED)
    assert result.count(SetStatus.DONE) == 0
    assert tree(out) == before
    assert [r.stats for r in result.results] == [r.stats for r in local_run[1].results]


def test_a_rerun_redoes_only_a_damaged_set(
    corpus: Corpus, local_run: tuple[Path, BatchResult], tmp_path: Path
) -> None:
    out = tmp_path / "out"
    shutil.copytree(local_run[0], out)
    before = tree(out)
    damaged = out / corpus.good[2] / "en-ru.xml"
    damaged.write_bytes(damaged.read_bytes().replace(b"</cesAlign>", b""))
    result = run_local(corpus, out, jobs=1)
    done = [r.set_id for r in result.results if r.status is SetStatus.DONE]
    assert done == [corpus.good[2]]
    assert tree(out) == before


def test_an_interrupt_keeps_finished_sets_and_a_rerun_finishes_the_rest(
    corpus: Corpus, local_run: tuple[Path, BatchResult], tmp_path: Path
) -> None:
    out = tmp_path / "out"

    def interrupt_after_two(done: int, total: int) -> None:
        if done >= 2:
            raise KeyboardInterrupt

    result = run_local(corpus, out, jobs=1, progress=interrupt_after_two)
    assert result.interrupted
    finished = [r.set_id for r in result.results if r.status is SetStatus.DONE]
    assert len(finished) + result.count(SetStatus.FAILED) == 2
    assert result.count(SetStatus.NOT_RUN) == len(corpus.sets) - 2
    assert staging_dirs(out) == []
    assert sorted(p.name for p in out.iterdir()) == sorted(finished)
    expected = tree(local_run[0])
    for set_id in finished:
        assert {k: v for k, v in tree(out).items() if k.startswith(set_id + "/")} == {
            k: v for k, v in expected.items() if k.startswith(set_id + "/")
        }

    again = run_local(corpus, out, jobs=1)
    assert not again.interrupted
    assert again.count(SetStatus.SKIPPED) == len(finished)
    assert again.count(SetStatus.DONE) == GOOD_SETS - len(finished)
    assert tree(out) == expected


def test_jobs_must_be_positive() -> None:
    from workbench.batch.engines import LocalEngine
    from workbench.core.errors import UsageError

    with pytest.raises(UsageError, match="--jobs"):
        LocalEngine(0)
