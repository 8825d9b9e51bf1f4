"""Atomic file writes: a temporary file in the target's own folder, fsync, then rename.

The target is resolved first: writing through a symbolic link writes the file it points to
(the link stays a link), and anything that is not a regular file (a folder, a device such as
`/dev/full`, a FIFO) is refused rather than replaced by a rename. Temporary files carry the
writer's process id; a later write of the same target removes those whose writer is gone
(`kill -9` leaves them behind).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from workbench.core.errors import WriteError

# A temporary file older than this is stale even if a process with its pid runs (pids are
# reused); a save takes seconds, a streamed import of a huge TMX some minutes.
STALE_SECONDS = 24 * 3600


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


def resolve_target(path: str | Path) -> Path:
    """The file a write of `path` must replace: symbolic links followed, non-regular refused."""
    target = Path(os.path.realpath(path))
    try:
        info = target.stat()
    except FileNotFoundError:
        return target
    except OSError as exc:
        raise WriteError(f"cannot write here: {exc.strerror or exc}", path, exc.errno) from None
    if stat.S_ISDIR(info.st_mode):
        raise WriteError("is a folder; name a file to write", path)
    if not stat.S_ISREG(info.st_mode):
        raise WriteError("is not a regular file (a device, FIFO or socket); refused", path)
    return target


def _prefix(target: Path) -> str:
    return f".{target.name}.{os.getpid()}."


_TMP_NAME = re.compile(r"\.(?P<name>.+)\.(?P<pid>\d+)\.[^.]+\.tmp\Z")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def remove_stale(target: Path) -> list[Path]:
    """Remove temporary files of writes of `target` whose writer died; return them."""
    removed: list[Path] = []
    now = time.time()
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            found = _TMP_NAME.match(entry.name)
            if found is None or found.group("name") != target.name:
                continue
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                if not stat.S_ISREG(info.st_mode):
                    continue
                if _alive(int(found.group("pid"))) and now - info.st_mtime < STALE_SECONDS:
                    continue
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _make_temp(target: Path, given: str | Path) -> tuple[int, str]:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale(target)
        return tempfile.mkstemp(prefix=_prefix(target), suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"cannot write here: {exc.strerror or exc}", given, exc.errno) from None


@contextlib.contextmanager
def atomic_write(path: str | Path, mode: str = "wb", encoding: str | None = None) -> Iterator[IO]:  # type: ignore[type-arg]
    """Open a temporary file beside `path`; on success it replaces `path`, on error it vanishes.

    A crash midway leaves the old file untouched (the rename is atomic on POSIX and Windows).
    A full disk or a read-only folder is a WriteError naming `path`.
    """
    target = resolve_target(path)
    fd, tmp_name = _make_temp(target, path)
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
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise WriteError(f"cannot write the file: {exc.strerror or exc}", path, exc.errno) from None
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
    `original(tmp)` names the file a staged path stands for, for error messages.
    """

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path]] = []
        self._given: dict[Path, Path] = {}

    def __enter__(self) -> AtomicBatch:
        return self

    def staged(self, path: str | Path) -> Path:
        """A temporary path in the same folder as `path`, renamed over it on success."""
        target = resolve_target(path)
        fd, tmp_name = _make_temp(target, path)
        os.close(fd)
        _give_permissions(tmp_name, target)
        self._staged.append((Path(tmp_name), target))
        self._given[Path(tmp_name)] = Path(path)
        return Path(tmp_name)

    def original(self, tmp: str | Path) -> Path:
        """The path a staged temporary file will become (`tmp` itself if not staged here)."""
        return self._given.get(Path(tmp), Path(tmp))

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                try:
                    for tmp, _ in self._staged:
                        with open(tmp, "rb+") as handle:
                            os.fsync(handle.fileno())
                    for tmp, target in self._staged:
                        os.replace(tmp, target)
                    for folder in sorted({target.parent for _, target in self._staged}):
                        sync_folder(folder)
                except OSError as error:
                    where = self.original(error.filename) if error.filename else None
                    raise WriteError(
                        f"cannot write the files: {error.strerror or error}", where, error.errno
                    ) from None
        finally:
            for tmp, _ in self._staged:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
