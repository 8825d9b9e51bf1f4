"""Long work off the UI thread: a QRunnable with progress, cancel, result and error signals."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from workbench.core.errors import CancelledError

# job(progress, cancelled) -> result; progress(done, total); cancelled() -> bool
Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class WorkerSignals(QObject):
    """Signals a worker emits from its thread; Qt queues them to the receiver's thread."""

    progressed = Signal(int, int)
    succeeded = Signal(object)
    failed = Signal(object)  # the exception
    cancelled = Signal()
    done = Signal()


class Worker(QRunnable):
    """Runs `job(progress, cancelled)` in the global thread pool."""

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.signals = WorkerSignals()
        self._cancel = threading.Event()
        self.setAutoDelete(False)

    def cancel(self) -> None:
        """Ask the job to stop at its next check."""
        self._cancel.set()

    @property
    def is_cancelled(self) -> bool:
        """True once cancel() was called."""
        return self._cancel.is_set()

    def _progress(self, done: int, total: int) -> None:
        if self._cancel.is_set():
            raise CancelledError("cancelled")
        if not self._emit(self.signals.progressed, int(done), int(total)):
            raise CancelledError("nobody is waiting for the result")

    def _emit(self, signal, *args: object) -> bool:
        """Emit from the worker thread; False when the signal object was deleted (the window
        that asked for the work is gone, at exit for instance: nothing to tell)."""
        try:
            signal.emit(*args)
        except RuntimeError:
            return False
        return True

    def run(self) -> None:
        signals = self.signals
        try:
            result = self.job(self._progress, self._cancel.is_set)
        except CancelledError:
            self._emit(signals.cancelled)
        except Exception as exc:
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self._emit(signals.failed, exc)
        else:
            if self._cancel.is_set():
                self._emit(signals.cancelled)
            else:
                self._emit(signals.succeeded, result)
        finally:
            self._emit(signals.done)

    def start(self) -> None:
        """Queue the job on the global thread pool."""
        QThreadPool.globalInstance().start(self)


class ProgressRun(QObject):
    """A worker plus its window-modal progress dialog; slots run in the UI thread."""

    def __init__(
        self,
        parent: QWidget | None,
        label: str,
        job: Job,
        on_success: Callable[[Any], None],
        on_failure: Callable[[BaseException], None],
        on_cancel: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.worker = Worker(job)
        self._on_success = on_success
        self._on_failure = on_failure
        self._on_cancel = on_cancel
        self.dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        self.dialog.setWindowTitle("Working")
        self.dialog.setMinimumDuration(400)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        signals = self.worker.signals
        signals.progressed.connect(self._progressed)
        signals.succeeded.connect(self._succeeded)
        signals.failed.connect(self._failed)
        signals.cancelled.connect(self._cancelled)
        signals.done.connect(self._done)
        self.dialog.canceled.connect(self.worker.cancel)
        self.finished = False

    def start(self) -> None:
        """Start the job."""
        _RUNNING.add(self)
        self.worker.start()

    def _progressed(self, done: int, total: int) -> None:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))

    def _succeeded(self, result: object) -> None:
        self._close()
        self._on_success(result)

    def _failed(self, error: object) -> None:
        self._close()
        self._on_failure(error)  # type: ignore[arg-type]

    def _cancelled(self) -> None:
        self._close()
        if self._on_cancel is not None:
            self._on_cancel()

    def _done(self) -> None:
        self.finished = True
        _RUNNING.discard(self)

    def _close(self) -> None:
        self.dialog.reset()
        self.dialog.close()


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Job,
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    on_cancel: Callable[[], None] | None = None,
) -> ProgressRun:
    """Start `job` in a worker with a window-modal progress dialog that can cancel it."""
    run = ProgressRun(parent, label, job, on_success, on_failure, on_cancel)
    run.start()
    return run


_RUNNING: set[ProgressRun] = set()  # keeps runs (and their signal objects) alive while they work
