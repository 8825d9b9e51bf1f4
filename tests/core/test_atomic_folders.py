"""Atomic writes sync the folder after the rename where the OS can, and skip it where not."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from workbench.core import atomic


def _record_fsyncs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    kinds: list[str] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        kinds.append("folder" if stat.S_ISDIR(os.fstat(fd).st_mode) else "file")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    return kinds


@pytest.mark.skipif(os.name != "posix", reason="folder fsync is POSIX")
def test_a_write_syncs_the_file_then_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds = _record_fsyncs(monkeypatch)
    atomic.write_text_atomic(tmp_path / "a.txt", "x")
    assert kinds == ["file", "folder"]
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "x"


@pytest.mark.skipif(os.name != "posix", reason="folder fsync is POSIX")
def test_a_batch_syncs_each_folder_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kinds = _record_fsyncs(monkeypatch)
    with atomic.AtomicBatch() as batch:
        for name in ("a/1.txt", "a/2.txt", "b/3.txt"):
            batch.staged(tmp_path / name).write_text(name, encoding="utf-8")
    assert kinds == ["file"] * 3 + ["folder"] * 2


def test_where_folders_cannot_be_synced_only_files_are(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(atomic, "CAN_SYNC_FOLDERS", False)
    kinds = _record_fsyncs(monkeypatch)
    atomic.write_text_atomic(tmp_path / "a.txt", "x")
    assert kinds == ["file"]
