"""Writes go to the resolved target, refuse non-regular files and fail cleanly (12.4, 12.6)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.sandbox import make_po_project, run_cli, snapshot
from workbench.core import atomic
from workbench.core.atomic import AtomicBatch, remove_stale, write_text_atomic
from workbench.core.errors import WriteError


def test_writing_through_a_symlink_writes_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real" / "notes.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
def test_a_device_is_refused_and_stays_a_device() -> None:
    with pytest.raises(WriteError, match="not a regular file"):
        write_text_atomic("/dev/full", "x")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="is a folder"):
        write_text_atomic(tmp_path, "x")
    with pytest.raises(WriteError, match="is a folder"), AtomicBatch() as batch:
        batch.staged(tmp_path)


def _stale_tmp(folder: Path, name: str) -> Path:
    # A pid no process has: a child that has exited and been reaped.
    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    path = folder / f".{name}.{int(child.stdout)}.abc123.tmp"
    path.write_text("left by kill -9")
    return path


def test_stale_temporary_files_of_the_target_are_removed(tmp_path: Path) -> None:
    stale = _stale_tmp(tmp_path, "out.txt")
    other = _stale_tmp(tmp_path, "other.txt")
    live = tmp_path / f".out.txt.{os.getpid()}.xyz.tmp"
    live.write_text("being written")
    write_text_atomic(tmp_path / "out.txt", "done")
    assert not stale.exists()
    assert other.exists() and live.exists()  # another target's, and a living writer's
    assert remove_stale(tmp_path / "other.txt") == [other]


def _disk_full(*_: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_is_a_write_error_and_leaves_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out.txt"
    target.write_text("old")
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    with pytest.raises(WriteError, match="No space left") as caught:
        write_text_atomic(target, "new")
    assert caught.value.path == str(target) and caught.value.errno == errno.ENOSPC
    assert isinstance(caught.value, OSError)
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"] and target.read_text() == "old"


def test_a_read_only_folder_is_a_write_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(*_: object, **__: object) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", read_only)
    with pytest.raises(WriteError, match="Read-only") as caught:
        write_text_atomic(tmp_path / "out.txt", "new")
    assert caught.value.path == str(tmp_path / "out.txt")


# --- every -o writer from the command line --------------------------------------------------

BAD_OUTPUTS = ["folder", "/dev/full", "/proc/version"]


def _writers(project: Path, glossary: Path, text: Path) -> dict[str, list[str]]:
    return {
        "export tmx": ["export", "tmx", str(project), "-o"],
        "export po": ["export", "po", str(project), "--langs", "es", "-o"],
        "glossary export": ["glossary", "export", str(glossary), "--format", "csv", "-o"],
        "glossary import": ["glossary", "import", str(glossary), "-o"],
        "segment": ["segment", str(text), "--lang", "en", "-o"],
    }


@pytest.fixture
def inputs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[Path, Path, Path]:
    project = make_po_project(tmp_path, capsys)
    glossary = tmp_path / "g.csv"
    glossary.write_text("concept_id,subject_field,lang,term,status,note\nc1,,en,term,,\n")
    text = tmp_path / "t.txt"
    text.write_text("One sentence. Two sentences.\n")
    return project, glossary, text


@pytest.mark.parametrize("output", BAD_OUTPUTS)
@pytest.mark.parametrize("writer", ["export tmx", "glossary export", "glossary import", "segment"])
def test_cli_writer_refuses_a_non_regular_output(
    tmp_path: Path,
    inputs: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    writer: str,
    output: str,
) -> None:
    if output.startswith("/") and not Path(output).exists():
        pytest.skip(f"no {output}")
    target = tmp_path / "afolder" if output == "folder" else Path(output)
    if output == "folder":
        target.mkdir()
    before = snapshot(tmp_path)
    code, err = run_cli([*_writers(*inputs)[writer], str(target)], capsys)
    assert code == 1, err
    assert snapshot(tmp_path) == before
    if output == "/dev/full":
        assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize("writer", ["export tmx", "export po", "glossary export", "segment"])
def test_cli_writer_on_a_full_disk_fails_in_one_line(
    tmp_path: Path,
    inputs: tuple[Path, Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    writer: str,
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out if writer == "export po" else out / "file.out"
    monkeypatch.setattr(atomic.os, "fsync", _disk_full)
    code, err = run_cli([*_writers(*inputs)[writer], str(target)], capsys)
    assert code == 1 and "No space left on device" in err
    assert list(out.iterdir()) == []
