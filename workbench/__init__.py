"""workbench: a translation-and-alignment workbench (segment, align, review, check, export)."""

from __future__ import annotations

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
from workbench.core.pivot import PivotRow, pivot_rows
from workbench.core.version import __version__
from workbench.project import Project, find_project

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
    "PivotRow",
    "Project",
    "ProjectError",
    "Segment",
    "UnsafeInputError",
    "UsageError",
    "WorkbenchError",
    "WriteError",
    "__version__",
    "find_project",
    "pivot_rows",
]
