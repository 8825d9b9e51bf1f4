"""The editing session: an open project, its glossary and dismissals, one undo history.

Every change a person makes (a text edit, a dismissed finding, a glossary edit) goes through
the session into its `History`, so undo, redo, the dirty state and saving mean the same thing
in the GUI, the CLI and a script. The GUI's undo stack is a thin Qt face: each command calls
`redo()`/`undo()` here. Not thread-safe: one thread edits (workers read snapshots).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from workbench.core.alignment import ParallelText
from workbench.core.edits import Change, Edit
from workbench.core.history import Done, History, Step
from workbench.project.dismissals import load_dismissals, save_dismissals
from workbench.project.glossary import (
    DEFAULT_GLOSSARY,
    format_for,
    glossary_target,
    load_glossary,
    save_glossary,
)
from workbench.project.project import Project
from workbench.terms.dismissals import Dismissals, DismissalStep
from workbench.terms.drift import Finding
from workbench.terms.glossary import Concept, Glossary, GlossaryChange, GlossaryStep

Progress = Callable[[int, int], None]
# What a glossary file holds, to tell an edited glossary from a saved one: the concepts are
# frozen values, so comparing two tuples of them mostly compares identities.
_GlossaryState = tuple[tuple[Concept, ...], str, str]


def _state(glossary: Glossary) -> _GlossaryState:
    return (glossary.concepts, glossary.source_lang, glossary.description)


class Session:
    """An open project with its glossary, dismissals and the one history of their edits."""

    def __init__(
        self,
        project: Project,
        glossary: Glossary | None = None,
        dismissals: Dismissals | None = None,
    ) -> None:
        self.project = project
        self._saved_glossary: _GlossaryState | None = None
        self.glossary = glossary if glossary is not None else Glossary()
        self.dismissals = dismissals if dismissals is not None else Dismissals()
        self.history = History(project.text)

    @property
    def glossary(self) -> Glossary:
        """The project's glossary; setting one takes it as what the glossary file holds."""
        return self._glossary

    @glossary.setter
    def glossary(self, glossary: Glossary) -> None:
        self._glossary = glossary
        self._saved_glossary = _state(glossary)

    @property
    def is_glossary_changed(self) -> bool:
        """True when the glossary differs from its file (undoing back to it makes it False)."""
        return self._saved_glossary != _state(self._glossary)

    @is_glossary_changed.setter
    def is_glossary_changed(self, changed: bool) -> None:
        # True: the glossary is to be written whatever it holds (one swapped in wholesale).
        self._saved_glossary = None if changed else _state(self._glossary)

    @classmethod
    def open(cls, root: str | Path | None = None) -> Session:
        """Open a project with its glossary (if it has one) and its dismissals."""
        project = Project.open(root)
        path = project.glossary_file()  # one outside the project is not read
        glossary = load_glossary(path) if path is not None and path.is_file() else None
        return cls(project, glossary, load_dismissals(project.dismissals_path))

    @property
    def text(self) -> ParallelText:
        """The project's parallel text (documents and alignments)."""
        return self.project.text

    @property
    def is_dirty(self) -> bool:
        """True when something changed since the last save (or since opening)."""
        return not self.history.is_clean

    def perform(self, edit: Edit) -> Change | None:
        """Apply a text edit and record it; None (nothing recorded) when it changes nothing.

        Raises the core's EditError/AlignmentError before anything changes when the edit is
        impossible.
        """
        if not edit.patches:
            return None
        return self.history.do(edit)

    def do_step(self, step: Step) -> Step:
        """Apply any other reversible step and record it."""
        return self.history.do_step(step)

    def dismiss(self, finding: Finding, reason: str) -> DismissalStep:
        """Dismiss `finding` with `reason` (undoable)."""
        step = DismissalStep(self.dismissals, finding, reason.strip())
        self.history.do_step(step)
        return step

    def undismiss(self, finding: Finding) -> DismissalStep:
        """Take a finding's dismissal back (undoable)."""
        step = DismissalStep(self.dismissals, finding, None)
        self.history.do_step(step)
        return step

    def edit_glossary(self, make: Callable[[Glossary], GlossaryChange]) -> GlossaryStep:
        """Make one glossary edit (`make` calls a `Glossary` method) as an undoable step."""
        step = GlossaryStep.of(self.glossary, make)
        self.history.do_step(step)
        return step

    def undo(self) -> Done:
        """Revert the last edit or step: the text's Change, or the step undone."""
        return self.history.undo()

    def redo(self) -> Done:
        """Re-apply the last undone edit or step."""
        return self.history.redo()

    def mark_unsaved(self) -> None:
        """Say the state differs from the files (pairs aligned on opening, not yet saved)."""
        self.history.mark_dirty()

    def set_embeddings(self, enabled: bool | None) -> bool:
        """Set the manifest's `[align] embeddings` (None: use them when the extra is
        installed); True when it changed, which leaves the project unsaved."""
        if self.project.manifest.embeddings is enabled:
            return False
        self.project.manifest = replace(self.project.manifest, embeddings=enabled)
        self.history.mark_dirty()
        return True

    def save(self, progress: Progress | None = None) -> None:
        """Write the project, its dismissals and (when edited) its glossary; mark it saved.

        A glossary made in a project that had none is written to `glossary.tbx`, which the
        manifest then names.
        """
        if self.is_glossary_changed and self.project.manifest.glossary is None:
            self.project.manifest = replace(self.project.manifest, glossary=DEFAULT_GLOSSARY)
        if self.is_glossary_changed:
            glossary_target(self.project)  # refused before anything is written
        self.project.save(progress)
        path = self.project.dismissals_path
        if len(self.dismissals) or path.exists():
            save_dismissals(self.dismissals, path)
        glossary = self.project.glossary_path
        if self.is_glossary_changed and glossary is not None:
            save_glossary(glossary, self.glossary, format_for(glossary))
            self.is_glossary_changed = False
        self.history.mark_clean()
