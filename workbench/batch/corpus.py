"""Run a batch: skip complete sets, stream the rest through an engine, write each set whole."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from workbench.batch.engines import Engine
from workbench.batch.manifest import DocumentSet
from workbench.batch.outputs import complete_stats, remove_staging, write_set
from workbench.batch.runner import BatchConfig, SetOutput, SetStats, process_set

Progress = Callable[[int, int], None]


class SetStatus(StrEnum):
    """What happened to a set in this run."""

    DONE = "done"
    SKIPPED = "skipped"
    FAILED = "failed"
    NOT_RUN = "not run"


@dataclass(frozen=True, slots=True)
class SetResult:
    """One set's outcome: its statistics when done (or skipped), its reason when failed."""

    set_id: str
    status: SetStatus
    stats: SetStats = field(default_factory=SetStats)
    error: str = ""
    stage: str = ""
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Every set's outcome in manifest order, with how the run went."""

    results: tuple[SetResult, ...]
    engine: str
    workers: int
    steps: tuple[str, ...]
    wall_seconds: float
    interrupted: bool = False

    def count(self, status: SetStatus) -> int:
        """How many sets ended with `status`."""
        return sum(1 for r in self.results if r.status is status)

    @property
    def failed(self) -> list[SetResult]:
        """The sets that failed, in manifest order."""
        return [r for r in self.results if r.status is SetStatus.FAILED]


def run_batch(
    sets: Sequence[DocumentSet],
    out: str | Path,
    config: BatchConfig,
    engine: Engine,
    progress: Progress | None = None,
) -> BatchResult:
    """Process every set not already complete in `out`; a Ctrl+C ends the run cleanly.

    On KeyboardInterrupt the engine's tasks are cancelled, no half-written set folder is left,
    and the result says `interrupted` (the sets not finished are `not run`).
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    remove_staging(folder)
    started = time.perf_counter()
    outcomes: dict[str, SetResult] = {}
    total = len(sets)

    def tick() -> None:
        if progress is not None:
            progress(len(outcomes), total)

    def to_run() -> Iterator[DocumentSet]:
        for doc_set in sets:
            stats = complete_stats(folder, doc_set, config)
            if stats is None:
                yield doc_set
            else:
                outcomes[doc_set.id] = SetResult(doc_set.id, SetStatus.SKIPPED, stats)
                tick()

    interrupted = False
    try:
        tick()
        for doc_set, outcome in engine.stream(process_set, to_run(), config):
            outcomes[doc_set.id] = _settle(folder, doc_set, outcome)
            tick()
    except KeyboardInterrupt:
        interrupted = True
        engine.cancel()
        remove_staging(folder)
    results = tuple(outcomes.get(s.id) or SetResult(s.id, SetStatus.NOT_RUN) for s in sets)
    return BatchResult(
        results,
        engine.description,
        engine.workers,
        tuple(sorted(config.steps)),
        time.perf_counter() - started,
        interrupted,
    )


def _settle(folder: Path, doc_set: DocumentSet, outcome: SetOutput | BaseException) -> SetResult:
    if isinstance(outcome, BaseException):
        return SetResult(
            doc_set.id, SetStatus.FAILED, error=f"worker failed: {outcome}", stage="worker"
        )
    if not outcome.ok:
        return SetResult(
            doc_set.id,
            SetStatus.FAILED,
            error=outcome.error,
            stage=outcome.stage,
            seconds=outcome.seconds,
        )
    try:
        write_set(folder, outcome)
    except OSError as exc:
        return SetResult(
            doc_set.id, SetStatus.FAILED, error=f"cannot write outputs: {exc}", stage="save"
        )
    return SetResult(doc_set.id, SetStatus.DONE, outcome.stats, seconds=outcome.seconds)
