"""The one exception tree of the workbench: every user-facing failure is a WorkbenchError."""

from __future__ import annotations

from pathlib import Path


class WorkbenchError(Exception):
    """Base of every error the workbench raises on purpose; its message is for the user."""


class InputError(WorkbenchError):
    """Bad input: names the file, the line (when known) and the problem."""

    def __init__(self, problem: str, path: str | Path | None = None, line: int | None = None):
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.line = line
        where = ""
        if self.path is not None:
            where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {problem}" if where else problem)


class EncodingError(InputError):
    """A text file is not in the encoding it was read as (or no encoding could be trusted)."""


class FormatError(InputError):
    """A file is malformed for its format (broken XML, wrong root, missing attribute...)."""


class UnsafeInputError(FormatError):
    """A file tries something hostile: external entities, DTD fetching, entity expansion."""


class LanguageTagError(InputError):
    """A language code is not a well-formed, registered BCP 47 tag (or looks like a path)."""


class WriteError(InputError, OSError):
    """A file cannot be written where it was asked (full disk, read-only folder, a device...).

    Also an OSError, so code that handles failed writes as such keeps doing so; `errno` is
    the system's when there is one.
    """

    def __init__(
        self, problem: str, path: str | Path | None = None, errno: int | None = None
    ) -> None:
        super().__init__(problem, path)
        self.errno = errno


class AlignmentError(WorkbenchError):
    """An alignment breaks its invariant: beads must cover both documents once, in order."""


class EditError(WorkbenchError):
    """An edit cannot be applied where it was asked (no next bead, offset outside text...)."""


class ProjectError(WorkbenchError):
    """A project folder or manifest is missing or inconsistent."""


class CancelledError(WorkbenchError):
    """Long work was cancelled by the user; nothing was written."""


class UsageError(WorkbenchError):
    """A command line or request that cannot be acted on as given (exit code 2)."""
