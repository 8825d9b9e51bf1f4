"""Long work off the UI thread: a QRunnable with progress, cancel, result and error signals."""

from __future__ import annotations

import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
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
        self.signals.progressed.emit(int(done), int(total))

    def run(self) -> None:
        try:
            result = self.job(self._progress, self._cancel.is_set)
        except CancelledError:
            self.signals.cancelled.emit()
        except Exception as exc:  # noqa: BLE001 - reported to the UI as a dialog
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            if self._cancel.is_set():
                self.signals.cancelled.emit()
            else:
                self.signals.succeeded.emit(result)
        finally:
            self.signals.done.emit()

    def start(self) -> None:
        """Queue the job on the global thread pool."""
        QThreadPool.globalInstance().start(self)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    job: Job,
    on_success: Callable[[Any], None],
    on_failure: Callable[[BaseException], None],
    on_cancel: Callable[[], None] | None = None,
) -> Worker:
    """Start `job` in a worker with a window-modal progress dialog that can cancel it."""
    worker = Worker(job)
    dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
    dialog.setWindowTitle("Working")
    dialog.setMinimumDuration(300)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    if parent is not None:
        from PySide6.QtCore import Qt

        dialog.setWindowModality(Qt.WindowModality.WindowModal)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, max(total, 1)))

    def finish() -> None:
        dialog.reset()
        dialog.close()
        dialog.deleteLater()
        _RUNNING.discard(worker)

    worker.signals.progressed.connect(progressed)
    worker.signals.succeeded.connect(on_success)
    worker.signals.failed.connect(on_failure)
    if on_cancel is not None:
        worker.signals.cancelled.connect(on_cancel)
    worker.signals.done.connect(finish)
    dialog.canceled.connect(worker.cancel)
    _RUNNING.add(worker)
    worker.start()
    return worker


_RUNNING: set[Worker] = set()  # keeps workers (and their signal objects) alive while they run
