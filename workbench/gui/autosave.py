"""Autosave on a timer: a copy of the text is written to the recovery folder in a worker."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from workbench.core.alignment import Alignment, ParallelText
from workbench.core.errors import WorkbenchError
from workbench.gui.workers import Worker
from workbench.project.recovery import Recovery
from workbench.terms.dismissals import Dismissals

if TYPE_CHECKING:
    from workbench.gui.main_window import MainWindow

AUTOSAVE_MS = 30_000


def snapshot(text: ParallelText) -> ParallelText:
    """An independent copy a worker may read while the user keeps editing."""
    documents = {lang: doc.copy() for lang, doc in text.documents.items()}
    pivot = documents[text.pivot]
    alignments = {
        lang: Alignment(pivot, documents[lang], list(alignment.beads))
        for lang, alignment in text.alignments.items()
    }
    return ParallelText(text.pivot, documents, alignments)


class Autosaver(QObject):
    """Writes the recovery copy when there are edits since the last one.

    Writing 4 x 10k segments takes about half a second, so the timer's saves run in a worker
    over a snapshot (taking it costs ~60 ms); a forced save (after a failed save or an
    unexpected error) writes at once.
    """

    def __init__(self, window: MainWindow, interval_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(window)
        self.window = window
        self.saved_index = 0
        self._pending_index = 0
        self._worker: Worker | None = None
        self._pending_recovery: object = None
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_in_background)
        self.timer.start()

    @property
    def busy(self) -> bool:
        """True while a background save runs."""
        return self._worker is not None

    def _due(self, force: bool) -> bool:
        window = self.window
        if window.recovery is None or window.controller is None or window.project is None:
            return False
        stack = window.controller.stack
        return not stack.isClean() and (force or stack.index() != self.saved_index)

    def save_now(self, force: bool = False) -> None:
        """Write the recovery copy in this thread."""
        window = self.window
        if not self._due(force) or window.recovery is None or window.project is None:
            return
        assert window.controller is not None
        try:
            window.recovery.write(window.project, _dismissals(window))
            self.saved_index = window.controller.stack.index()
        except (OSError, WorkbenchError) as exc:
            window.report(f"autosave failed: {exc}")

    def save_in_background(self) -> None:
        """Write the recovery copy of a snapshot in a worker (skipped while one runs)."""
        from workbench.project.project import Project

        window = self.window
        if self.busy or not self._due(False) or window.project is None or window.text is None:
            return
        assert window.controller is not None and window.recovery is not None
        copy = Project(window.project.root, window.project.manifest, snapshot(window.text))
        recovery = self._pending_recovery = window.recovery
        self._pending_index = window.controller.stack.index()
        dismissals = _dismissals(window)
        self._worker = Worker(lambda progress, cancelled: recovery.write(copy, dismissals))
        self._worker.signals.succeeded.connect(self._succeeded)
        self._worker.signals.failed.connect(self._failed)
        self._worker.signals.done.connect(self._done)
        self._worker.start()

    def _succeeded(self, _result: object) -> None:
        self.saved_index = self._pending_index

    def _failed(self, error: object) -> None:
        self.window.report(f"autosave failed: {error}")

    def _done(self) -> None:
        self._worker = None
        window = self.window
        written = self._pending_recovery
        # A save (or closing the project) while the copy was written makes it stale: drop it.
        closed = written is not window.recovery
        saved = window.controller is not None and window.controller.stack.isClean()
        if isinstance(written, Recovery) and (closed or saved):
            written.discard()


def _dismissals(window) -> Dismissals | None:
    """A copy of the session's dismissals for the recovery copy (None without a session)."""
    session = getattr(window, "session", None)
    return Dismissals(list(session.dismissals)) if session is not None else None
