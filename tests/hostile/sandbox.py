"""A sandbox around a command's target: what it holds, and a CLI runner that checks outputs."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from workbench.cli import main

PO = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n\n'
    'msgid "Hello there."\nmsgstr "Hola."\n\nmsgid "Second line."\nmsgstr "Segunda."\n'
)


def snapshot(root: Path) -> dict[str, str]:
    """Every file, folder and link under `root` with a digest of its content."""
    result: dict[str, str] = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = Path(folder) / name
            key = str(path.relative_to(root))
            if path.is_symlink():
                result[key] = "link:" + os.readlink(path)
            elif path.is_dir():
                result[key] = "dir"
            else:
                result[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return result


def run_cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Exit code and stderr of `workbench argv`, asserting a one-line error, no traceback."""
    code = main(argv)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    if code != 0:
        lines = [line for line in err.splitlines() if line.strip()]
        assert lines and all(line.startswith("workbench ") or "usage" in line for line in lines), (
            err
        )
    return code, err


def make_po_project(root: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A small two-language project made through the CLI (`import po`)."""
    source = root / "in.po"
    source.write_text(PO, "utf-8")
    project = root / "proj"
    assert main(["import", "po", str(source), "--into", str(project)]) == 0
    capsys.readouterr()
    return project
