"""An ordered map over worker processes, for readers that cut a big file into pieces.

`ordered_map(function, items, workers)` sends each item to one of `workers` processes, which
runs `function(*item)`, and yields the results in the order of the items. Each worker has one
item at a time; the next goes to it as soon as its result is back, before that result is
yielded, so workers compute while the caller consumes. While the oldest result is not back,
the caller's process may compute the next item itself (`local`), so no CPU waits: on two
cores, one worker and the caller beat two workers and an idle caller. Nothing else runs in
the caller's process (no feeder threads fighting for the GIL), and at most `workers` items
and a few results are in flight: memory stays bounded by them.

Workers are started by multiprocessing's forkserver (safe beside threads, such as the GUI's),
spawn where there is none; like any multiprocessing program, a script that reads through
workers must keep its top-level code under `if __name__ == "__main__":`.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from workbench.core.collector import collector_paused
from workbench.core.errors import WorkbenchError


class WorkerError(WorkbenchError):
    """A worker process failed or stopped."""


def available_cpus() -> int:
    """The CPUs this process may run on (1 in a daemonic worker, which may not start any)."""
    if multiprocessing.current_process().daemon:
        return 1
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def process_context(preload: Sequence[str] = ()) -> multiprocessing.context.BaseContext:
    """The forkserver context (its server imports `preload` once for all workers), or spawn."""
    try:
        context = multiprocessing.get_context("forkserver")
    except ValueError:
        return multiprocessing.get_context("spawn")
    if preload:
        context.set_forkserver_preload(list(preload))
    return context


class _Job:
    """One item's place in the order: a worker's pending result, or a result made here."""

    __slots__ = ("done", "result", "worker")

    def __init__(self, worker: int | None) -> None:
        self.worker = worker
        self.done = False
        self.result: Any = None


def ordered_map(
    function: Callable[..., Any],
    items: Iterable[tuple[Any, ...]],
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    preload: Sequence[str] = (),
    local: Callable[..., Any] | None = None,
    local_ahead: int = 2,
    ahead: int | None = None,
) -> Iterator[tuple[bool, Any]]:
    """Yield (made here, result) for each item, in the order of the items.

    A result is `function(*item)` computed in one of `workers` processes, or, when `local` is
    given, `local(*item, serve)` computed in this process while the oldest worker result is
    not back yet: the caller's process helps instead of waiting (up to `local_ahead` results
    made here and not yet yielded). `local` must call `serve()` now and then (it hands back
    finished results and gives those workers their next item) and must not raise: an error
    belongs in its result, to be raised by the caller in order. `function` and `initializer`
    must be module-level functions (they are pickled). An exception in a worker, a worker that
    dies or one that cannot start raises `WorkerError` here, in its place in the order;
    closing the iterator early stops the workers.

    At most `ahead` items (default: four per worker, plus `local_ahead`) are taken from `items`
    and not yet yielded: a slow head item holds the others back instead of letting results
    pile up behind it, so memory stays bounded and closing early leaves few items taken.
    """
    window = max(1, ahead if ahead is not None else 4 * max(1, workers) + local_ahead)
    context = process_context(preload)
    pipes: list[multiprocessing.connection.Connection] = []
    processes: list[Any] = []
    try:
        for _ in range(max(1, workers)):
            mine, theirs = context.Pipe()
            process = context.Process(  # type: ignore[attr-defined]
                target=_serve, args=(theirs, function, initializer, initargs), daemon=True
            )
            try:
                process.start()
            except (OSError, RuntimeError) as exc:  # no forkserver socket, no fork, limits
                raise WorkerError(f"cannot start a worker process: {exc}") from None
            theirs.close()
            pipes.append(mine)
            processes.append(process)
        source = iter(items)
        jobs: deque[_Job] = deque()  # in the order of the items
        pending: dict[int, _Job] = {}  # worker -> its job
        idle = deque(range(len(pipes)))
        exhausted = False

        def feed() -> None:
            nonlocal exhausted
            while idle and not exhausted and len(jobs) < window:
                item = next(source, None)
                if item is None:
                    exhausted = True
                    return
                worker = idle.popleft()
                pipes[worker].send(item)
                job = pending[worker] = _Job(worker)
                jobs.append(job)

        def serve(block: bool = False) -> None:
            ready = multiprocessing.connection.wait(
                [pipes[w] for w in pending], timeout=None if block else 0
            )
            for pipe in ready:
                worker = pipes.index(pipe)  # type: ignore[arg-type]
                job = pending.pop(worker)
                job.result = _receive(pipes[worker])
                job.done = True
                idle.append(worker)
            feed()

        feed()
        while jobs:
            head = jobs[0]
            if head.done:
                jobs.popleft()
                feed()  # the window moved on: idle workers take the next items
                if isinstance(head.result, WorkerError):  # raised in its place, in order
                    raise head.result
                yield head.worker is None, head.result
                head.result = None
                continue
            serve()
            if head.done:
                continue
            if local is not None and not exhausted:
                made_here = sum(1 for job in jobs if job.worker is None)
                if made_here < local_ahead and len(jobs) < window:
                    item = next(source, None)
                    if item is None:
                        exhausted = True
                        continue
                    job = _Job(None)
                    jobs.append(job)
                    job.result = local(*item, serve)
                    job.done = True
                    continue
            serve(block=True)
    finally:
        for pipe in pipes:
            with contextlib.suppress(OSError):
                pipe.send(None)
            pipe.close()
        for process in processes:
            process.join(timeout=2)
            if process.is_alive():
                process.terminate()
                process.join()


def _receive(pipe: multiprocessing.connection.Connection) -> Any:
    """A worker's result, or the `WorkerError` it met (returned, to be raised in order)."""
    # Unpickling a result makes thousands of tuples at once: the cyclic collector would scan
    # them again and again (a third of the reader's own time); it runs once, later, instead.
    try:
        with collector_paused():
            kind, value = pipe.recv()
    except (EOFError, OSError):
        return WorkerError("a worker process stopped unexpectedly")
    if kind == "error":
        return WorkerError(f"a worker process failed: {value}")
    return value


def _serve(
    pipe: multiprocessing.connection.Connection,
    function: Callable[..., Any],
    initializer: Callable[..., None] | None,
    initargs: tuple[Any, ...],
) -> None:
    if initializer is not None:
        initializer(*initargs)
    while True:
        try:
            item = pipe.recv()
        except (EOFError, OSError):
            return
        if item is None:
            if os.environ.get("WB_DEBUG_WORKERS"):
                import sys

                print("worker", os.getpid(), os.times(), file=sys.stderr)
            return
        try:
            answer = ("ok", function(*item))
        except Exception as exc:  # reported to the caller, who raises it
            answer = ("error", f"{type(exc).__name__}: {exc}")
        try:
            pipe.send(answer)
        except OSError:  # the caller stopped reading
            return
