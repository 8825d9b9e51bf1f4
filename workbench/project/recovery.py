"""Recovery copies outside the project (text and dismissals), recovered as undoable steps."""

from __future__ import annotations

import hashlib
import json
import shutil
import time
from pathlib import Path

from workbench.core.alignment import ParallelText
from workbench.core.atomic import write_text_atomic
from workbench.core.edits import BeadPatch, DocumentPatch, Edit, Patch
from workbench.core.errors import WorkbenchError
from workbench.core.history import Step
from workbench.project.dismissals import load_dismissals, save_dismissals
from workbench.project.layout import DISMISSALS
from workbench.project.project import Project
from workbench.terms.dismissals import Dismissal, Dismissals

STAMP = "recovery.json"


def recovery_folder(base: Path, project_root: Path) -> Path:
    """The recovery folder of one project under `base` (keyed by the project's full path)."""
    key = hashlib.sha1(str(project_root.resolve()).encode("utf-8")).hexdigest()[:16]
    return base / key


class Recovery:
    """The recovery copy of one project: written on a timer, offered back after a crash."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    @property
    def stamp(self) -> Path:
        """The file that marks a complete recovery copy (written last)."""
        return self.folder / STAMP

    def exists(self) -> bool:
        """True when a complete recovery copy is there."""
        return self.stamp.is_file()

    def saved_at(self) -> float:
        """When the copy was written (seconds since the epoch), 0 when unknown."""
        try:
            return float(json.loads(self.stamp.read_text(encoding="utf-8"))["time"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0.0

    def write(self, project: Project, dismissals: Dismissals | None = None) -> None:
        """Write the project's current text (and dismissals); the stamp goes last, so a torn
        copy is ignored."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.stamp.unlink(missing_ok=True)
        project.write_snapshot(self.folder)
        if dismissals is not None:
            save_dismissals(dismissals, self.folder / DISMISSALS)
        stamp = {"root": str(project.root.resolve()), "time": time.time()}
        write_text_atomic(self.stamp, json.dumps(stamp))

    def discard(self) -> None:
        """Forget the recovery copy."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def recover_edit(self, project: Project) -> Edit:
        """An edit that turns the project's text into the recovered one (undoable)."""
        from workbench.formats import xces

        if not self.exists():
            raise WorkbenchError(f"no recovery copy in {self.folder}")
        text: ParallelText = project.text
        documents = {}
        ids = {}
        for lang in text.documents:
            documents[lang], ids[lang] = xces.read_document(
                project.document_path(lang, self.folder), lang
            )
        patches: list[Patch] = []
        for lang, document in text.documents.items():
            if documents[lang].paragraphs != document.paragraphs:
                patches.append(DocumentPatch(lang, document.paragraphs, documents[lang].paragraphs))
        pivot = text.pivot
        for lang, alignment in text.alignments.items():
            path = project.alignment_path(lang, self.folder)
            if not path.is_file():
                continue
            recovered = xces.read_alignment(
                path, documents[pivot], documents[lang], ids[pivot], ids[lang]
            )
            if recovered.beads != alignment.beads:
                patches.append(BeadPatch(lang, 0, tuple(alignment.beads), tuple(recovered.beads)))
        return Edit("Recover unsaved changes", tuple(patches))

    def recover_dismissals(self, dismissals: Dismissals) -> Step | None:
        """A step that turns `dismissals` into the recovered ones (None: the copy has none, or
        they are the same)."""
        path = self.folder / DISMISSALS
        if not self.exists() or not path.is_file():
            return None
        recovered = load_dismissals(path)
        if {d.key: d for d in recovered} == {d.key: d for d in dismissals}:
            return None
        return _DismissalsRecovered(dismissals, recovered)


class _DismissalsRecovered:
    """Replace every dismissal by the recovered ones (a `core.history.Step`)."""

    description = "Recover dismissed findings"

    def __init__(self, dismissals: Dismissals, recovered: Dismissals) -> None:
        self.dismissals = dismissals
        self.before = {d.key: d for d in dismissals}
        self.after = {d.key: d for d in recovered}

    def redo(self) -> None:
        """Put the recovered dismissals in place."""
        self._become(self.after)

    def undo(self) -> None:
        """Put the dismissals from before the recovery back."""
        self._become(self.before)

    def _become(self, wanted: dict[str, Dismissal]) -> None:
        for key in {d.key for d in self.dismissals} | set(wanted):
            self.dismissals.restore(key, wanted.get(key))
