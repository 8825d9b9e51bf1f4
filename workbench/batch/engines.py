"""Where batch tasks run: a local process pool or an existing Dask distributed cluster.

Both engines take the same task function and stream `(item, result)` pairs back as tasks
finish, keeping only a window of tasks in flight so that a corpus of any size needs bounded
memory and a Ctrl+C has little to cancel. The Dask engine needs the optional `distributed`
package (the `dask` extra of the `alignment-workbench` distribution), imported only when
it is used.
"""

from __future__ import annotations

import concurrent.futures as cf
import multiprocessing
import os
import signal
import socket
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from workbench.core.errors import UsageError, WorkbenchError

T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")
Task = Callable[[T, S], R]
# Tasks in flight per worker: enough to keep every worker busy while results are written.
WINDOW_PER_WORKER = 3
# A task whose worker process died is tried this many times before it counts as failed.
MAX_ATTEMPTS = 2
# Pool rebuilds in a row without a task finishing before the batch gives up.
MAX_BREAKS = 5


class WorkerLost(WorkbenchError):
    """A worker process died while it ran the task (crash, out of memory, killed)."""


class Engine(Protocol):
    """Runs `task(item, shared)` for many items and yields results as they finish."""

    @property
    def workers(self) -> int:
        """How many tasks run at once."""
        ...

    @property
    def description(self) -> str:
        """What the engine is, for the summary ('local pool, 4 processes')."""
        ...

    def stream(
        self, task: Task[T, S, R], items: Iterable[T], shared: S
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Yield (item, result or the exception the task raised) in completion order."""
        ...

    def cancel(self) -> None:
        """Drop queued tasks and stop running ones (after Ctrl+C); the engine is done."""
        ...

    def close(self) -> None:
        """Release the workers or the cluster connection."""
        ...


def _ignore_sigint() -> None:
    # Ctrl+C goes to the whole process group; only the client decides how to stop.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


PARENT_POLL_SECONDS = 1.0


def _init_worker(parent: int) -> None:
    """Set up a pool worker: ignore Ctrl+C, and end when the batch process is gone.

    After `kill -9` of the batch its workers ran on for a minute; their parent process is
    the forkserver, not the batch, so they watch the batch's pid themselves.
    """
    _ignore_sigint()

    def watch() -> None:
        while True:
            time.sleep(PARENT_POLL_SECONDS)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except PermissionError:  # the pid now belongs to another user's process
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _context() -> multiprocessing.context.BaseContext:
    # Forking a process that runs threads (a Dask client, a GUI) can deadlock; forkserver
    # starts workers from a clean single-threaded server, spawn where it does not exist.
    if "forkserver" in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("forkserver")
    return multiprocessing.get_context("spawn")


class LocalEngine:
    """A pool of worker processes on this machine (all cores by default)."""

    def __init__(self, jobs: int | None = None) -> None:
        if jobs is not None and jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {jobs}")
        self._jobs = jobs or os.cpu_count() or 1
        self._pool = self._new_pool()

    def _new_pool(self) -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(
            max_workers=self._jobs,
            mp_context=_context(),
            initializer=_init_worker,
            initargs=(os.getpid(),),
        )

    @property
    def workers(self) -> int:
        """Worker processes."""
        return self._jobs

    @property
    def description(self) -> str:
        """'local pool, N processes'."""
        return f"local pool, {self._jobs} process{'es' if self._jobs != 1 else ''}"

    def stream(
        self, task: Task[T, S, R], items: Iterable[T], shared: S
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Run tasks in the pool, a bounded window at a time, yielding as they finish.

        A worker that dies breaks the whole pool: the pool is rebuilt and the tasks in flight
        are tried again; a task tried MAX_ATTEMPTS times comes back as WorkerLost.
        """
        source = iter(items)
        retry: deque[tuple[T, int]] = deque()
        pending: dict[cf.Future[R], tuple[T, int]] = {}
        window = self._jobs * WINDOW_PER_WORKER
        breaks = 0
        while True:
            broken = False
            while len(pending) < window:
                if retry:
                    item, attempt = retry.popleft()
                else:
                    try:
                        item, attempt = next(source), 1
                    except StopIteration:
                        break
                try:
                    pending[self._pool.submit(task, item, shared)] = (item, attempt)
                except BrokenProcessPool:
                    retry.appendleft((item, attempt))
                    broken = True
                    break
            if not pending and not broken:
                return
            if not broken:
                done, _ = cf.wait(pending, return_when=cf.FIRST_COMPLETED)
                for future in done:
                    item, attempt = pending.pop(future)
                    error = future.exception()
                    if isinstance(error, BrokenProcessPool):
                        broken = True
                        if attempt < MAX_ATTEMPTS:
                            retry.append((item, attempt + 1))
                            continue
                        error = WorkerLost("the worker process died while processing this set")
                    else:
                        breaks = 0
                    yield (item, error) if error is not None else (item, future.result())
            if broken:
                breaks += 1
                if breaks > MAX_BREAKS:
                    raise WorkbenchError("the worker processes keep dying; see the messages above")
                retry.extend(pending.values())
                pending.clear()
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new_pool()

    def cancel(self) -> None:
        """Cancel queued tasks and terminate the worker processes."""
        processes = list(getattr(self._pool, "_processes", {}).values())
        self._pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        for process in processes:
            process.join(5)

    def close(self) -> None:
        """Wait for the workers to exit."""
        self._pool.shutdown(wait=True, cancel_futures=True)


def _worker_version() -> str:
    from workbench.core.version import __version__

    return __version__


CONNECT_TIMEOUT = 5.0
_TCP_SCHEMES = ("tcp", "tls", "ws", "wss")


def probe_scheduler(address: str, timeout: float) -> None:
    """Fail fast, with what went wrong, when nothing answers at a TCP scheduler address.

    Dask's client retries a refused or silent address until its own timeout; a plain
    connect says at once whether the host resolves and whether anything listens there.
    """
    scheme, _, rest = address.rpartition("://")
    if (scheme or "tcp") not in _TCP_SCHEMES:
        return  # ucx://, inproc://: no TCP socket to try
    host, _, port_text = rest.rpartition(":")
    host = host.strip("[]")
    try:
        port = int(port_text)
    except ValueError:
        raise UsageError(f"--scheduler {address!r} has no port number") from None
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except socket.gaierror as exc:
        raise WorkbenchError(
            f"cannot reach the Dask scheduler at {address}: no host named {host!r} ({exc.strerror})"
        ) from None
    except ConnectionRefusedError:
        raise WorkbenchError(
            f"cannot reach the Dask scheduler at {address}: nothing listens on port {port} "
            f"of {host} (start one with: dask scheduler --port {port})"
        ) from None
    except TimeoutError:
        raise WorkbenchError(
            f"cannot reach the Dask scheduler at {address}: no answer within {timeout:g} s "
            "(a firewall, or the wrong host; raise --connect-timeout on a slow network)"
        ) from None
    except OSError as exc:
        raise WorkbenchError(
            f"cannot reach the Dask scheduler at {address}: {exc.strerror or exc}"
        ) from None


def _connect(client_class: Any, address: str, timeout: float) -> Any:
    """A Dask client of `address`, or a WorkbenchError within about `timeout` seconds.

    The client is made in a helper thread that is given up on at the deadline: a listener
    that accepts the connection and never answers (no Dask scheduler, a stuck host) makes
    `distributed.Client` wait for ever, whatever its own `timeout` says (seen with 2026.8).
    """
    made: list[Any] = []
    failed: list[BaseException] = []

    def connect() -> None:
        try:
            made.append(client_class(address, timeout=timeout, set_as_default=False))
        except BaseException as exc:  # handed to the caller's thread
            failed.append(exc)

    helper = threading.Thread(target=connect, name="dask-connect", daemon=True)
    helper.start()
    helper.join(timeout + 1.0)
    hint = "is a Dask scheduler there? on a slow network raise --connect-timeout"
    if failed:
        raise WorkbenchError(
            f"cannot reach the Dask scheduler at {address}: {failed[0]} ({hint})"
        ) from None
    if not made:
        raise WorkbenchError(
            f"cannot reach the Dask scheduler at {address}: it took the connection but did "
            f"not answer as a Dask scheduler within {timeout:g} s ({hint})"
        )
    return made[0]


class DaskEngine:
    """An existing Dask distributed cluster, reached through its scheduler's address.

    The shared value (the batch settings and glossary) is sent to every worker once; each
    item is one task. Workers need the same workbench version installed and must be able to
    read the documents at the paths the client gives.
    """

    def __init__(
        self, address: str, timeout: float = 30.0, connect_timeout: float = CONNECT_TIMEOUT
    ) -> None:
        try:
            import distributed
        except ImportError:
            raise UsageError(
                "--scheduler needs the Dask 'distributed' package, the dask extra: "
                "pip install -e '.[dask]' in a checkout, pip install "
                "'alignment-workbench[dask]' from a wheel"
            ) from None
        probe_scheduler(address, connect_timeout)
        self._client: Any = _connect(distributed.Client, address, connect_timeout)
        self.address = address
        self._pending: list[Any] = []
        try:
            self._client.wait_for_workers(1, timeout=timeout)
        except (OSError, TimeoutError) as exc:
            self._client.close()
            raise WorkbenchError(
                f"no Dask worker joined the scheduler at {address} within {timeout:g} s "
                f"(start some with: dask worker {address}): {exc}"
            ) from None
        try:
            versions = self._client.run(_worker_version)
        except Exception as exc:
            self._client.close()
            raise WorkbenchError(
                f"the Dask workers at {address} cannot run workbench tasks "
                f"(is workbench installed on every worker?): {exc}"
            ) from None
        own = _worker_version()
        wrong = sorted(f"{w} has {v}" for w, v in versions.items() if v != own)
        if wrong:
            self._client.close()
            raise WorkbenchError(
                f"every Dask worker needs workbench {own}, but " + ", ".join(wrong)
            )
        info = self._client.scheduler_info()
        self._threads = sum(int(w.get("nthreads", 1)) for w in info["workers"].values()) or 1

    @property
    def workers(self) -> int:
        """Worker threads in the cluster when the batch started."""
        return self._threads

    @property
    def description(self) -> str:
        """'Dask cluster at ADDRESS, N threads'."""
        return f"Dask cluster at {self.address}, {self._threads} worker threads"

    def stream(
        self, task: Task[T, S, R], items: Iterable[T], shared: S
    ) -> Iterator[tuple[T, R | BaseException]]:
        """Submit a window of tasks and yield each as the cluster finishes it."""
        import distributed

        completed: Any = distributed.as_completed
        shared_future = self._client.scatter(shared, broadcast=True, hash=False)
        source = iter(items)
        owner: dict[str, T] = {}
        window = max(8, self._threads * WINDOW_PER_WORKER)
        running: Any = completed(loop=self._client.loop)

        def fill() -> None:
            while len(owner) < window:
                try:
                    item = next(source)
                except StopIteration:
                    return
                future = self._client.submit(task, item, shared_future, pure=False)
                owner[future.key] = item
                self._pending.append(future)
                running.add(future)

        fill()
        for future in running:
            item = owner.pop(future.key)
            self._pending.remove(future)
            try:
                outcome: R | BaseException = future.result()
            except Exception as exc:
                outcome = exc
            future.release()
            yield item, outcome
            fill()
        shared_future.release()

    def cancel(self) -> None:
        """Cancel every task this batch still has on the cluster."""
        if self._pending:
            self._client.cancel(self._pending)
            self._pending.clear()

    def close(self) -> None:
        """Disconnect from the scheduler (the cluster keeps running)."""
        self._client.close()


def make_engine(
    jobs: int | None = None,
    scheduler: str | None = None,
    connect_timeout: float = CONNECT_TIMEOUT,
) -> Engine:
    """The Dask engine when a scheduler address is given, else a local pool of `jobs`."""
    if scheduler:
        if jobs is not None:
            raise UsageError("--jobs is for the local pool; a Dask cluster has its own workers")
        return DaskEngine(scheduler, connect_timeout=connect_timeout)
    return LocalEngine(jobs)
