"""Containment of a project folder: names and manifest paths never lead outside it.

A project's name becomes a folder name (`alignments/<name>`), its languages become file names
(`<lang>.xml`), and its manifest names the folders it writes (`[paths] alignments`, `tmx`):
a hostile or mistaken value (`../../x`, `/etc`) must not write outside the project. Every
path is resolved (symbolic links followed) before it is compared, and a refusal names the
value and where it came from.
"""

from __future__ import annotations

import os
from pathlib import Path

from workbench.core.errors import ProjectError

MAX_NAME = 100


def check_name(name: str, source: str) -> str:
    """`name` if it is usable as one folder name inside a project, else a ProjectError."""
    problem = None
    if not isinstance(name, str) or not name.strip():
        problem = "is empty"
    elif len(name) > MAX_NAME:
        problem = f"is longer than {MAX_NAME} characters"
    elif name in (".", "..") or any(c in name for c in "/\\\0:") or name != name.strip():
        problem = "is not a plain folder name (no /, \\, :, .., NUL or outer spaces)"
    elif any(ord(c) < 32 for c in name):
        problem = "holds control characters"
    if problem is not None:
        raise ProjectError(f"{source} {name!r} {problem}; choose a short name such as sco-2006")
    return name


def is_inside(root: Path, path: Path) -> bool:
    """Whether `path`, resolved, is `root` (resolved) or below it."""
    base = Path(os.path.realpath(root))
    target = Path(os.path.realpath(path))
    return target == base or base in target.parents


def inside(root: Path, relative: str | Path, source: str) -> Path:
    """`root / relative` if it stays inside `root` once resolved, else a ProjectError."""
    candidate = Path(relative)
    if candidate.is_absolute() or not is_inside(root, root / candidate):
        raise ProjectError(
            f"{source} {str(relative)!r} leads outside the project folder {root}; refused "
            "(name a folder inside the project)"
        )
    return root / candidate


def outside_write_refused(root: Path, path: Path, source: str) -> ProjectError:
    """The error for writing a file the manifest names outside the project."""
    return ProjectError(
        f"{source} {str(path)!r} is outside the project folder {root}; not written "
        "(if you trust this project, allow it: --allow-outside, or Yes when the workbench asks)"
    )


def outside_refused(root: Path, path: Path, source: str) -> ProjectError:
    """The error for reading a file the manifest names outside the project."""
    return ProjectError(
        f"{source} {str(path)!r} is outside the project folder {root}; refused "
        "(pass --allow-outside if you trust this project and want it read)"
    )
