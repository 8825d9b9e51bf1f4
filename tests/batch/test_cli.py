"""`workbench batch`: steps, exit codes, summary files, and a real Ctrl+C (SIGINT)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.batch.conftest import LANGS, POISONED, Corpus
from tests.batch.factories import write_corpus
from workbench.batch.outputs import staging_dirs
from workbench.cli import main
from workbench.cli.batch import parse_steps
from workbench.core.errors import UsageError

REPO = Path(__file__).resolve().parents[2]


def test_default_steps_drop_check_without_a_glossary() -> None:
    assert parse_steps("align,check,export", False, False) == {"align", "export"}
    assert parse_steps("align,check,export", True, False) == {"align", "check", "export"}
    assert parse_steps(" align , export ", False, True) == {"align", "export"}


@pytest.mark.parametrize(
    ("steps", "glossary", "problem"),
    [
        ("align,translate", True, "unknown step"),
        ("check", True, "need the align step"),
        ("export", False, "need the align step"),
        ("align,check", False, "needs a glossary"),
    ],
)
def test_bad_steps_are_usage_errors(steps: str, glossary: bool, problem: str) -> None:
    with pytest.raises(UsageError, match=problem):
        parse_steps(steps, glossary, True)


def test_usage_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    manifest, _ = write_corpus(tmp_path, 1, LANGS)
    code = main(["batch", str(manifest), "--out", str(tmp_path / "o"), "--steps", "check"])
    assert code == 2
    assert "align step" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


def test_a_bad_manifest_exits_1_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"id": "a"}\n', encoding="utf-8")
    assert main(["batch", str(manifest), "--out", str(tmp_path / "o")]) == 1
    assert f"{manifest}:1:" in capsys.readouterr().err


def test_a_batch_with_failures_exits_1_and_writes_the_summary(
    corpus: Corpus, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    glossary = corpus.root / "glossary.csv"
    code = main(["batch", str(corpus.manifest), "--out", str(out), "-j", "2", "-g", str(glossary)])
    assert code == 1
    printed = capsys.readouterr().out
    for set_id in POISONED:
        assert f"FAILED {set_id}" in printed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["sets"]["done"] == len(corpus.good)
    assert {f["id"] for f in summary["failures"]} == set(POISONED)
    assert "infosec" in summary["terminology"]
    assert "Corpus terminology" in (out / "summary.html").read_text(encoding="utf-8")


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _finished(out: Path, ids: list[str]) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name in ids) if out.is_dir() else []


@pytest.mark.skipif(sys.platform == "win32", reason="process groups, SIGINT and FIFOs are POSIX")
def test_ctrl_c_stops_cleanly_and_a_rerun_continues(tmp_path: Path) -> None:
    manifest, ids = write_corpus(tmp_path, 8, LANGS, sentences=2)
    # The fourth set's Spanish text is a named pipe nobody writes: the one worker blocks on
    # it, so exactly three sets are done when Ctrl+C comes, however loaded the machine is.
    blocked = tmp_path / "texts" / ids[3] / "es.txt"
    text = blocked.read_bytes()
    blocked.unlink()
    os.mkfifo(blocked)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "workbench", "batch", str(manifest), "--out", str(out)]
    # Output to files, not pipes: a grandchild (the forkserver, a worker being killed) that
    # still holds a pipe must not keep the test waiting after the batch itself has exited.
    stdout_path, stderr_path = tmp_path / "stdout.txt", tmp_path / "stderr.txt"
    with stdout_path.open("wb") as stdout, stderr_path.open("wb") as stderr:
        process = subprocess.Popen(
            [*command, "-j", "1"],
            cwd=REPO,
            stdout=stdout,
            stderr=stderr,
            env={**os.environ, "PYTHONFAULTHANDLER": "1"},  # a hang below dumps its stacks
            start_new_session=True,  # its own process group, as a terminal's Ctrl+C would reach
            # A program started in the background inherits SIGINT ignored (and Python keeps
            # it so): the pytest that a background job runs would pass that on, and the batch
            # would rightly ignore the Ctrl+C. A terminal's program starts with the default.
            preexec_fn=_default_sigint,
        )
    hang_guard = time.monotonic() + 300  # a broken batch must fail the test, not hang it
    while len(_finished(out, ids)) < 3:
        assert process.poll() is None and time.monotonic() < hang_guard
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=120)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        process.wait()
    stderr_text = stderr_path.read_text(encoding="utf-8", errors="replace")
    assert process.returncode == 130, stderr_text
    assert "Interrupted" in stdout_path.read_text(encoding="utf-8")
    assert staging_dirs(out) == []
    assert _finished(out, ids) == ids[:3]
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["interrupted"] is True
    assert summary["sets"]["done"] == 3

    blocked.unlink()
    blocked.write_bytes(text)
    rerun = subprocess.run([*command, "-j", "2"], cwd=REPO, capture_output=True, check=False)
    assert rerun.returncode == 0, rerun.stderr.decode()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["sets"]["skipped"] == 3
    assert summary["sets"]["done"] == len(ids) - 3
