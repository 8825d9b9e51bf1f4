"""`ordered_map`: results in the order of the items, from worker processes and from the
caller's process helping, with errors raised in their place."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterator

import pytest

from workbench.formats.workers import WorkerError, ordered_map


def slow_square(n: int, delay: float) -> int:
    """The work done in a worker (module-level, so that it can be pickled)."""
    time.sleep(delay)
    if n < 0:
        raise ValueError(f"negative {n}")
    return n * n


def test_results_come_in_the_order_of_the_items() -> None:
    # Later items finish first (shorter delays), and still come out in order.
    items = [(n, 0.02 * (n % 3 == 0)) for n in range(30)]
    results = list(ordered_map(slow_square, items, workers=3))
    assert results == [(False, n * n) for n in range(30)]


def test_the_caller_helps_while_the_workers_are_busy() -> None:
    served = []

    def here(n: int, delay: float, serve: Callable[[], None]) -> int:
        serve()
        served.append(n)
        return -n * n  # marked, to tell where each result was made

    items = [(n, 0.05) for n in range(12)]
    results = list(ordered_map(slow_square, items, workers=1, local=here))
    assert [abs(value) for _, value in results] == [n * n for n in range(12)]
    made_here = [value for here_, value in results if here_]
    assert made_here and all(value <= 0 for value in made_here)
    assert [value >= 0 for here_, value in results if not here_] == [True] * (12 - len(made_here))
    assert len(served) == len(made_here)


def test_a_worker_error_is_raised_in_its_place() -> None:
    items = [(n, 0.0) for n in (1, 2, -3, 4)]
    got = []
    with pytest.raises(WorkerError, match="negative -3"):
        for _, value in ordered_map(slow_square, items, workers=2):
            got.append(value)
    assert got == [1, 4]


def test_closing_early_stops_taking_items() -> None:
    taken = []

    def items() -> Iterator[tuple[int, float]]:
        for n in range(1000):
            taken.append(n)
            yield n, 0.01

    results = ordered_map(slow_square, items(), workers=2, ahead=4)
    assert next(results) == (False, 0)
    results.close()  # type: ignore[attr-defined]
    # The head and the window behind it, not the 1,000, on any load: the window is a bound,
    # not a matter of how fast the workers were.
    assert len(taken) <= 1 + 4


def test_a_slow_head_item_holds_the_others_back() -> None:
    taken = []

    def items() -> Iterator[tuple[int, float]]:
        for n in range(200):
            taken.append(n)
            yield n, (0.5 if n == 0 else 0.0)

    results = ordered_map(slow_square, items(), workers=2, ahead=3)
    assert next(results) == (False, 0)
    # While item 0 slept for half a second the other worker could have run through the
    # whole list; the window let it take only the items up to the bound.
    assert len(taken) <= 1 + 3 + 1
    assert [value for _, value in results] == [n * n for n in range(1, 200)]


def test_the_window_holds_with_the_caller_helping() -> None:
    taken = []

    def items() -> Iterator[tuple[int, float]]:
        for n in range(100):
            taken.append(n)
            yield n, (0.3 if n == 0 else 0.0)

    def here(n: int, delay: float, serve: Callable[[], None]) -> int:
        serve()
        return n * n

    results = ordered_map(slow_square, items(), workers=1, local=here, ahead=3)
    assert next(results) == (False, 0)
    assert len(taken) <= 1 + 3 + 1
    assert [value for _, value in results] == [n * n for n in range(1, 100)]


def die(n: int, delay: float) -> int:
    """A worker that dies without a word."""
    os._exit(3)


def test_a_worker_that_dies_is_an_error_in_its_place() -> None:
    with pytest.raises(WorkerError, match="stopped unexpectedly"):
        list(ordered_map(die, [(1, 0.0)], workers=1))


def test_workers_that_cannot_start_are_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench.formats import workers

    class NoProcess:
        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def start(self) -> None:
            raise OSError("no forkserver")

    class Context:
        Process = NoProcess

        def Pipe(self) -> tuple[object, object]:  # multiprocessing's name
            return multiprocessing.Pipe()

    monkeypatch.setattr(workers, "process_context", lambda preload=(): Context())
    with pytest.raises(WorkerError, match="cannot start a worker process: no forkserver"):
        list(ordered_map(slow_square, [(1, 0.0)], workers=1))
