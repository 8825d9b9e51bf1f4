"""An ordered map over worker processes, for readers that cut a big file into pieces.

`ordered_map(function, items, workers)` sends each item to one of `workers` processes, which
runs `function(*item)`, and yields the results in the order of the items. Each worker has one
item at a time; the next goes to it as soon as its result is back, before that result is
yielded, so workers compute while the caller consumes. Nothing else runs in the caller's
process (no feeder threads fighting for the GIL), and at most `workers` items and results are
in flight: memory stays bounded by them.

Workers are started by multiprocessing's forkserver (safe beside threads, such as the GUI's),
spawn where there is none; like any multiprocessing program, a script that reads through
workers must keep its top-level code under `if __name__ == "__main__":`.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import multiprocessing.connection
import multiprocessing.context
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

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


def ordered_map(
    function: Callable[..., Any],
    items: Iterable[tuple[Any, ...]],
    workers: int,
    initializer: Callable[..., None] | None = None,
    initargs: tuple[Any, ...] = (),
    preload: Sequence[str] = (),
) -> Iterator[Any]:
    """Yield `function(*item)` for each item, computed in `workers` processes, in order.

    `function` and `initializer` must be module-level functions (they are pickled). An
    exception in a worker raises `WorkerError` here with its message; closing the iterator
    early stops the workers.
    """
    context = process_context(preload)
    pipes: list[multiprocessing.connection.Connection] = []
    processes: list[Any] = []
    try:
        for _ in range(max(1, workers)):
            mine, theirs = context.Pipe()
            process = context.Process(  # type: ignore[attr-defined]
                target=_serve, args=(theirs, function, initializer, initargs), daemon=True
            )
            process.start()
            theirs.close()
            pipes.append(mine)
            processes.append(process)
        busy: deque[int] = deque()  # workers with an item, oldest first
        idle = deque(range(len(pipes)))
        for item in items:
            if idle:
                worker = idle.popleft()
                pipes[worker].send(item)
                busy.append(worker)
                continue
            worker = busy.popleft()
            result = _receive(pipes[worker])
            pipes[worker].send(item)
            busy.append(worker)
            yield result
        while busy:
            yield _receive(pipes[busy.popleft()])
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
    # Unpickling a result makes thousands of tuples at once: the cyclic collector would scan
    # them again and again (a third of the reader's own time); it runs once, later, instead.
    enabled = gc.isenabled()
    gc.disable()
    try:
        kind, value = pipe.recv()
    except EOFError:
        raise WorkerError("a worker process stopped unexpectedly") from None
    finally:
        if enabled:
            gc.enable()
    if kind == "error":
        raise WorkerError(f"a worker process failed: {value}")
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
