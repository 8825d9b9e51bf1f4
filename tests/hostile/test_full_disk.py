"""A batch on a full disk (issue 12.4, 12.9): the set that cannot be written fails with a clear
message, the others finish, no half folder or `.staging-*` is left, and a crashed batch's
staging folders are cleaned by the next run.

The full disk is simulated where the batch writes a set's files (`Path.write_bytes` raising
ENOSPC for one set's staging folder): the same OSError a real full disk gives.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.sandbox import snapshot
from workbench.batch.outputs import staging_dirs
from workbench.cli import main
from workbench.core.errors import WriteError

IDS = ("a", "b", "c")
REPO = Path(__file__).resolve().parents[2]


def _corpus(root: Path) -> Path:
    for lang, text in (("en", "One sentence. Two sentences."), ("es", "Una frase. Dos frases.")):
        (root / f"{lang}.txt").write_text(text + "\n", "utf-8")
    lines = [
        json.dumps({"id": i, "pivot": "en", "documents": {"en": "en.txt", "es": "es.txt"}})
        for i in IDS
    ]
    path = root / "m.jsonl"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Exit code, the `workbench batch:` lines of stderr (progress goes there too), stdout."""
    code = main(argv)
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    errors = [line for line in captured.err.splitlines() if line.startswith("workbench ")]
    return code, "\n".join(errors), captured.out


def _argv(manifest: Path, out: Path) -> list[str]:
    return ["batch", str(manifest), "--out", str(out), "--jobs", "1", "--no-embeddings"]


def _disk_full_for(monkeypatch: pytest.MonkeyPatch, set_id: str) -> None:
    """The disk fills up after the first file of `set_id`'s staging folder."""
    real = Path.write_bytes

    def write_bytes(self: Path, data: bytes) -> int:  # type: ignore[override]
        folder = self.parent
        if folder.name.startswith(f".staging-{set_id}-") and any(folder.iterdir()):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(self))
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)


def test_a_full_disk_fails_that_set_and_the_others_finish(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, out = _corpus(tmp_path), tmp_path / "out"
    _disk_full_for(monkeypatch, "b")
    code = run_cli(_argv(manifest, out), capsys)[0]
    assert code == 1
    assert staging_dirs(out) == []
    assert sorted(p.name for p in out.iterdir()) == ["a", "c", "summary.html", "summary.json"]
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["sets"]["done"] == 2 and summary["sets"]["failed"] == 1
    [failure] = summary["failures"]
    assert failure["id"] == "b" and "No space left on device" in failure["reason"]


def test_a_full_disk_keeps_the_older_complete_set_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, out = _corpus(tmp_path), tmp_path / "out"
    assert run_cli(_argv(manifest, out), capsys)[0] == 0
    before = snapshot(out / "b")
    (tmp_path / "es.txt").write_text("Una frase nueva. Dos frases.\n", "utf-8")  # redo all
    _disk_full_for(monkeypatch, "b")
    assert run_cli(_argv(manifest, out), capsys)[0] == 1
    assert snapshot(out / "b") == before
    assert staging_dirs(out) == []


def test_a_full_disk_for_the_summary_is_one_line_after_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest, out = _corpus(tmp_path), tmp_path / "out"

    def full(path: str | Path, text: str) -> None:
        raise WriteError("cannot write: No space left on device", path, errno.ENOSPC)

    monkeypatch.setattr("workbench.batch.summary.write_text_atomic", full)
    code, err, report = run_cli(_argv(manifest, out), capsys)
    assert code == 1 and len(err.splitlines()) == 1
    assert "summary.json" in err and "No space left" in err
    assert "Sets: 3 total, 3 done" in report
    assert sorted(p.name for p in out.iterdir()) == list(IDS)


_CRASH = """
import os, sys
from pathlib import Path
real = Path.write_bytes
def write_bytes(self, data):
    if self.parent.name.startswith(".staging-b-") and any(self.parent.iterdir()):
        os._exit(9)  # killed half-way through a set's files
    return real(self, data)
Path.write_bytes = write_bytes
from workbench.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_staging_left_by_a_killed_batch_is_removed_by_the_next_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest, out = _corpus(tmp_path), tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    log = tmp_path / "crash.log"
    with log.open("wb") as sink:  # a file, not a pipe: orphaned pool helpers may hold it open
        crashed = subprocess.run(
            [sys.executable, "-c", _CRASH, *_argv(manifest, out)],
            stdout=sink, stderr=sink, env=env, timeout=600, check=False,
        )  # fmt: skip
    assert crashed.returncode == 9, log.read_text("utf-8", "replace")
    assert [p.name.split("-")[1] for p in staging_dirs(out)] == ["b"]  # the half set
    assert run_cli(_argv(manifest, out), capsys)[0] == 0
    assert staging_dirs(out) == []
    summary = json.loads((out / "summary.json").read_text("utf-8"))
    assert summary["sets"]["done"] + summary["sets"]["skipped"] == len(IDS)
    assert all((out / i / "set.json").is_file() for i in IDS)
