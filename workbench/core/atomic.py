"""Atomic file writes: a temporary file in the same folder, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# mkstemp creates files readable by the owner only; a saved file should get the permissions
# any new file gets (or keep those of the file it replaces), so other tools and users can read it.
_UMASK = _current_umask()


def _give_permissions(tmp_name: str, target: Path) -> None:
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = 0o666 & ~_UMASK
    os.chmod(tmp_name, mode)


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside `path`; on success it replaces `path`, on error it vanishes.

    A crash midway leaves the old file untouched (the rename is atomic on POSIX and Windows).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        _give_permissions(tmp_name, target)
        with os.fdopen(
            fd, mode, encoding=encoding, newline="" if "b" not in mode else None
        ) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp_name, target)
        sync_folder(target.parent)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


# POSIX makes a rename durable only once its folder is fsynced; Windows cannot open a
# folder as a file (and its renames need no such step), so there it is skipped.
CAN_SYNC_FOLDERS = os.name == "posix"


def sync_folder(folder: Path) -> None:
    """fsync a folder after renames in it, where the OS has folder fsync (POSIX)."""
    if not CAN_SYNC_FOLDERS:
        return
    fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        os.fsync(fd)
    except OSError:  # some file systems (and macOS for folders) refuse: the data is written
        pass
    finally:
        os.close(fd)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` atomically."""
    with atomic_write(path, "wb") as handle:
        handle.write(data)


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Replace `path` with `text` atomically."""
    write_bytes_atomic(path, text.encode(encoding))


class AtomicBatch:
    """Write several files so that a crash midway changes none of them.

    `staged(path)` gives a temporary path beside `path` to write to; when the block ends
    without error every staged file is fsynced and renamed over its target, else all are
    removed. (Only the final renames can be interrupted, which takes microseconds.)
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []

    def __enter__(self) -> AtomicBatch:
        return self

    def staged(self, path: str | Path) -> Path:
        """A temporary path in the same folder as `path`, renamed over it on success."""
        target = Path(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
        os.close(fd)
        _give_permissions(tmp_name, target)
        self._staged.append((Path(tmp_name), target))
        return Path(tmp_name)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                for tmp, _ in self._staged:
                    with open(tmp, "rb+") as handle:
                        os.fsync(handle.fileno())
                for tmp, target in self._staged:
                    os.replace(tmp, target)
                for folder in sorted({target.parent for _, target in self._staged}):
                    sync_folder(folder)
        finally:
            for tmp, _ in self._staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
