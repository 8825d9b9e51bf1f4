"""workbench: a translation-and-alignment workbench (segment, align, review, check, export)."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from workbench.core.alignment import Alignment, Bead, BeadStatus, ParallelText
from workbench.core.document import Document, Segment
from workbench.core.edits import Change, Edit
from workbench.core.errors import (
    AlignmentError,
    CancelledError,
    EditError,
    EncodingError,
    FormatError,
    InputError,
    LanguageTagError,
    ProjectError,
    UnsafeInputError,
    UsageError,
    WorkbenchError,
    WriteError,
)
from workbench.core.history import History
from workbench.core.version import __version__

if TYPE_CHECKING:
    from workbench.project.manifest import find_project
    from workbench.project.project import Project
    from workbench.project.session import Session

# The project layer (formats, glossary files, the aligner) loads on first use, so importing
# workbench, or any library of it, stays as cheap as the core (~250 ms less at CLI start).
_LAZY = {
    "Project": "workbench.project.project",
    "Session": "workbench.project.session",
    "find_project": "workbench.project.manifest",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'workbench' has no attribute {name!r}")


__all__ = [
    "Alignment",
    "AlignmentError",
    "Bead",
    "BeadStatus",
    "CancelledError",
    "Change",
    "Document",
    "Edit",
    "EditError",
    "EncodingError",
    "FormatError",
    "History",
    "InputError",
    "LanguageTagError",
    "ParallelText",
    "Project",
    "ProjectError",
    "Segment",
    "Session",
    "UnsafeInputError",
    "UsageError",
    "WorkbenchError",
    "WriteError",
    "__version__",
    "find_project",
]
