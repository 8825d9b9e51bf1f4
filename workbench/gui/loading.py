"""Opening projects (aligning missing pairs in a worker, offering recovery) and re-aligning."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox

from workbench.core import edits
from workbench.core.alignment import Alignment
from workbench.core.errors import WorkbenchError
from workbench.gui.workers import run_with_progress

if TYPE_CHECKING:
    from workbench.gui.editing import Target
    from workbench.gui.main_window import MainWindow


def open_project(
    window: MainWindow, root, *, ask_recover: bool = True, synchronous: bool = False
) -> None:
    """Open `root` into `window`; align missing pairs first, then offer a recovery copy."""
    from workbench.project.align import align_missing
    from workbench.project.project import Project

    try:
        project = Project.open(Path(root) if root is not None else None)
    except (WorkbenchError, OSError) as exc:
        window.show_error(
            "Could not open the project",
            f"{exc}\n\nPick a folder that holds a workbench.toml, or make a new project "
            "(File > New project).",
        )
        return
    missing = project.missing_alignments

    def finish(aligned: list[str]) -> None:
        window.load_text(project.text, project)
        if aligned and window.controller is not None:
            window.controller.mark_unsaved()  # the new alignments are not saved yet
        report_alignment(window, aligned, [lang for lang in missing if lang not in aligned])
        if ask_recover:
            offer_recovery(window)

    def failed(error: BaseException) -> None:
        window.show_error(
            "Could not align",
            f"Aligning {', '.join(missing)} failed: {error}\n\nThe texts are shown without "
            "those pairs; fix the input texts or try again.",
        )
        finish([])

    if not missing:
        finish([])
    elif synchronous:
        try:
            result = align_missing(project, missing)
        except WorkbenchError as exc:
            failed(exc)
        else:
            finish(result)
    else:
        run_with_progress(
            window,
            f"Aligning {project.text.pivot} with {', '.join(missing)}…",
            lambda progress, cancelled: align_missing(
                project, missing, progress=progress, cancel=cancelled
            ),
            finish,
            failed,
            lambda: finish([]),
        )


def report_alignment(window: MainWindow, aligned: list[str], not_aligned: list[str]) -> None:
    """Say which pairs were aligned and which were not (cancelled or failed), and what next."""
    parts = []
    if aligned:
        parts.append(f"aligned {', '.join(aligned)}: review and save (Ctrl+S)")
    if not_aligned:
        parts.append(
            f"not aligned: {', '.join(not_aligned)} — Project > Align missing pairs "
            "(Ctrl+Shift+L) aligns them"
        )
    if parts:
        window.report("; ".join(parts))


def align_missing_pairs(window: MainWindow, synchronous: bool = False) -> None:
    """Align the open project's missing pairs in a worker, then show them (Project menu)."""
    from workbench.project.align import align_missing

    project = window.project
    if project is None:
        window.report("open a project first")
        return
    missing = project.missing_alignments
    if not missing:
        window.report("every pair is aligned")
        return
    if window.is_dirty:
        window.report("save first (Ctrl+S): the aligned pairs are shown in a fresh view")
        return

    def done(aligned: list[str]) -> None:
        window.load_text(project.text, project)
        if aligned and window.controller is not None:
            window.controller.mark_unsaved()
        report_alignment(window, aligned, [lang for lang in missing if lang not in aligned])

    def failed(error: BaseException) -> None:
        window.show_error("Could not align", f"Aligning {', '.join(missing)} failed: {error}")
        report_alignment(window, [], missing)

    if synchronous:
        try:
            done(align_missing(project, missing))
        except WorkbenchError as exc:
            failed(exc)
        return
    run_with_progress(
        window,
        f"Aligning {project.text.pivot} with {', '.join(missing)}…",
        lambda progress, cancelled: align_missing(
            project, missing, progress=progress, cancel=cancelled
        ),
        done,
        failed,
        lambda: report_alignment(window, [], missing),
    )


def offer_recovery(window: MainWindow) -> bool:
    """Ask whether to restore the recovery copy left by a crash; True when restored."""
    recovery = window.recovery
    if recovery is None or window.project is None or not recovery.exists():
        return False
    when = datetime.datetime.fromtimestamp(recovery.saved_at()).strftime("%Y-%m-%d %H:%M")
    answer = QMessageBox.question(
        window,
        "Recover unsaved changes?",
        f"Workbench closed with unsaved changes to {window.project.name} (autosaved {when}).\n"
        "Recover them? (You can undo the recovery.)",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    if answer != QMessageBox.StandardButton.Yes:
        recovery.discard()
        return False
    return recover(window)


def recover(window: MainWindow) -> bool:
    """Apply the recovery copy as one undoable edit."""
    if window.recovery is None or window.project is None or window.controller is None:
        return False
    try:
        edit = window.recovery.recover_edit(window.project)
        session = window.session
        step = window.recovery.recover_dismissals(session.dismissals) if session else None
        with window.controller.macro(edit.description):
            window.controller.perform(edit)
            if step is not None:
                terms = window.terminology
                window.controller.perform_step(
                    step, terms.dismissals_changed if terms else _nothing
                )
    except (WorkbenchError, OSError) as exc:
        window.show_error("Could not recover", f"The recovery copy could not be read: {exc}")
        return False
    window.report("recovered the unsaved changes; save to keep them")
    return True


def _stretch_end(alignment: Alignment, start: int) -> int:
    for b in range(start + 1, len(alignment.beads)):
        if alignment.beads[b].is_confirmed:
            return b
    return len(alignment.beads)


def realign_from_here(window: MainWindow, target: Target, synchronous: bool = False) -> None:
    """Re-align the pair from the target's bead up to the next confirmed bead, in a worker."""
    from workbench.align import realign_stretch

    text = window.text
    assert text is not None
    alignment = text.alignments[target.lang]
    start = target.first
    stop = _stretch_end(alignment, start)
    # The worker reads a private copy; the dialog is modal, but a copy costs little.
    snapshot = Alignment(alignment.source.copy(), alignment.target.copy(), list(alignment.beads))

    setting = window.project.manifest.embeddings if window.project is not None else None

    def job(progress, cancelled):
        return realign_stretch(
            snapshot, start, stop, progress=progress, cancel=cancelled, embeddings=setting
        )

    def done(beads) -> None:
        description = f"Re-align {text.pair_label(target.lang)} beads {start + 1}-{stop}"
        if window.controller is None:
            return
        try:
            window.controller.perform(
                edits.replace_beads(text, target.lang, start, stop, list(beads), description)
            )
        except WorkbenchError as exc:
            window.show_error("Could not re-align", str(exc))

    def failed(error: BaseException) -> None:
        window.show_error("Could not re-align", f"{error}")

    if synchronous:
        done(job(None, lambda: False))
    else:
        run_with_progress(
            window,
            f"Re-aligning {text.tag(target.lang)} from row {target.row + 1}…",
            job,
            done,
            failed,
        )


def _nothing() -> None:
    """Nothing to redraw."""


def embeddings_in_use(window: MainWindow) -> bool:
    """Whether the open project aligns with sentence embeddings (absent: when installed)."""
    from workbench.align.embeddings import embeddings_available

    setting = window.project.manifest.embeddings if window.project is not None else None
    return setting if setting is not None else embeddings_available()


def show_embeddings_setting(window: MainWindow) -> None:
    """Check the embeddings action as the project says; it is off without the extra (unless
    the manifest asks for embeddings, which the action can then turn off)."""
    from workbench.align.embeddings import MISSING, embeddings_available

    action = window.actions_by_name["embeddings"]
    available = embeddings_available()
    asked = window.project is not None and window.project.manifest.embeddings is True
    action.blockSignals(True)
    action.setChecked(embeddings_in_use(window) and window.project is not None)
    action.blockSignals(False)
    action.setEnabled(window.project is not None and (available or asked))
    tip = action.toolTip().split(" [")[0]
    action.setToolTip(tip if available else f"{tip} [{MISSING}]")


def set_embeddings(window: MainWindow, enabled: bool) -> None:
    """Keep the setting in the project's manifest: the project is unsaved until saved."""
    session = window.session
    if session is None or window.controller is None:
        return
    if session.set_embeddings(enabled):
        window.controller.mark_unsaved()
        state = "use" if enabled else "do not use"
        window.report(f"new alignments of this project {state} sentence embeddings (save to keep)")
    window.update_state()
