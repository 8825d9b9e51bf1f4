"""Every reader and every command over every stored hostile file (`tests/data/hostile/`).

For each case: a clear error (the file, its line when the case names one, the reason) or the
whole text; never a traceback; nothing written outside the target folder (the sandbox around it
is listed before and after), and nothing written at all when the file is refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import (
    CORPUS,
    EN,
    ES,
    READERS,
    Case,
    cases,
    plant,
    small_project,
    stored_files,
)
from tests.hostile.sandbox import snapshot
from workbench.cli import main
from workbench.core.errors import InputError, WorkbenchError

CASES = cases()
# Absolute places the corpus names as targets; none may appear.
OUTSIDE = ("/tmp/notes", "/tmp/notes.txt", "/tmp/notes.xml", "/tmp/evil", "/tmp/evil.txt",
           "/tmp/alignments", "/tmp/x", "/tmp/x.txt", "/tmp/x.xml")  # fmt: skip


def _ids(case: Case) -> str:
    return case.file


def test_every_stored_file_has_a_case_and_a_readme_row() -> None:
    readme = (CORPUS / "README.md").read_text("utf-8")
    named = {case.file for case in CASES}
    assert named == stored_files()
    assert [f for f in sorted(named) if f"`{f}`" not in readme] == []


def _reader_text(case: Case, scratch: Path) -> tuple[str, list[str]]:
    """What the case's reader read, and what it reported but did not refuse."""
    if case.kind in ("manifest", "xces"):
        from workbench.project.project import Project

        project = small_project(scratch)
        plant(case, project)
        text = Project.open(project).text
        return "\n".join(s.text for d in text.documents.values() for s in d.segments), []
    if case.kind == "batch":
        from workbench.batch.manifest import read_manifest

        rejected: list[Exception] = []
        sets = read_manifest(case.path, rejected)  # type: ignore[arg-type]
        return "\n".join(s.id for s in sets), [str(e) for e in rejected]
    return READERS[case.kind](case.path), []


def _assert_clear(message: str, case: Case, name: str) -> None:
    name = case.names or name
    where = f"{name}:{case.line}" if case.line is not None else name
    assert where in message, message
    assert case.reason.lower() in message.lower(), message
    assert len(message) < 1500, "the error repeats the hostile value whole"


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_reader_reads_whole_or_refuses_clearly(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    name = "workbench.toml" if case.kind == "manifest" else Path(case.file).name
    if case.kind == "xces":
        name = "en.xml" if name.startswith("doc-") else "en-es.xml"
    if case.expect == "refused":
        with pytest.raises(WorkbenchError) as caught:
            _reader_text(case, tmp_path)
        if not isinstance(caught.value, InputError):
            assert case.file == "manifest/document-outside.toml"  # a ProjectError: no line
        _assert_clear(str(caught.value), case, name)
        return
    text, reported = _reader_text(case, tmp_path)
    assert [t for t in case.texts if t not in text] == []
    if case.reason:
        assert any(case.reason in r and f"{name}:{case.line}" in r for r in reported), reported


# -- commands -------------------------------------------------------------------------------


def _sandbox(case: Case, root: Path) -> tuple[Path, Path]:
    """The sandbox: the case's file in inbox/, a victim folder, a project, an empty out/."""
    (root / "victim").mkdir()
    (root / "victim" / "notes.txt").write_text("the user's notes", "utf-8")
    inbox = root / "inbox"
    inbox.mkdir()
    (inbox / "en.txt").write_text(EN, "utf-8")
    (inbox / "es.txt").write_text(ES, "utf-8")
    (root / "out").mkdir()
    project = small_project(root / "inbox")
    if case.kind in ("manifest", "xces"):
        return plant(case, project), project
    if case.kind == "srx":
        (inbox / "rules").mkdir()
        return Path(shutil.copyfile(case.path, inbox / "rules" / "en.srx")), project
    return Path(shutil.copyfile(case.path, inbox / Path(case.file).name)), project


def _commands(case: Case, file: Path, project: Path, out: Path) -> list[list[str]]:
    """The commands that read `file`; the first one's output must hold the case's texts."""
    f, p = str(file), str(project)
    kind = case.kind
    if kind in ("text", "docx", "html"):
        es = str(project.parent / "es.txt")
        return [
            ["segment", f, "--lang", "en", "-o", str(out / "seg.txt")],
            ["project", "new", str(out / "p"), "--doc", f"en={f}", "--doc", f"es={es}",
             "--no-align"],
        ]  # fmt: skip
    if kind in ("tmx", "po", "xliff"):
        into = str(out / "p")
        return [
            ["import", kind, f, "--into", into],
            ["project", "info", into],
            ["export", "tmx", into, "-o", str(out / "tmx")],
            ["export", "xliff", into, "-o", str(out / "xliff")],
        ]
    if kind in ("tbx", "csv"):
        return [
            ["glossary", "import", f, "-o", str(out / "g.tbx")],
            ["glossary", "export", f, "-o", str(out / "g.csv")],
            ["glossary", "gaps", f, "-o", str(out / "gaps.txt")],
            ["glossary", "suggest", p, "--glossary", f, "--term", "treaty", "-o", str(out / "s")],
            ["check-terms", p, "--glossary", f, "-o", str(out / "findings.txt")],
        ]
    if kind in ("manifest", "xces"):
        return [
            ["export", "tmx", p, "-o", str(out / "tmx")],
            ["project", "info", p],
            ["export", "xliff", p, "-o", str(out / "xliff")],
            ["export", "po", p, "-o", str(out / "po")],
            ["check-terms", p, "--glossary", str(CORPUS / "tbx" / "formula-terms.tbx")],
        ]
    if kind == "batch":
        return [["batch", f, "--out", str(out / "b"), "--jobs", "1", "--no-embeddings"]]
    assert kind == "srx"
    en = str(project.parent / "en.txt")
    return [
        ["segment", en, "--lang", "en", "--rules", str(file.parent), "-o", str(out / "seg.txt")]
    ]


def _written_text(out: Path) -> str:
    return "\n".join(
        p.read_bytes().decode("utf-8", "replace") for p in sorted(out.rglob("*")) if p.is_file()
    )


def _outside_changes(root: Path, before: dict[str, str]) -> dict[str, str]:
    after = snapshot(root)
    return {
        key: after.get(key, "gone")
        for key in set(before) | set(after)
        if not key.startswith("out") and before.get(key) != after.get(key)
    }


@pytest.mark.parametrize("case", CASES, ids=_ids)
def test_commands_write_nothing_outside_and_fail_clearly(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    file, project = _sandbox(case, tmp_path)
    out = tmp_path / "out"
    capsys.readouterr()
    absent = [p for p in OUTSIDE if not os.path.lexists(p)]
    for argv in _commands(case, file, project, out):
        before = snapshot(tmp_path)
        code = main(argv)
        captured = capsys.readouterr()
        err = captured.err
        assert "Traceback" not in err, argv
        errors = [line for line in err.splitlines() if line.startswith("workbench ")]
        if case.expect == "refused":
            assert code == 1 and len(errors) == 1, (argv, err)
            _assert_clear(errors[0], case, file.name)
            assert snapshot(tmp_path) == before, argv  # refused: nothing written at all
            if argv[0] == "import":
                break  # the other commands read the project it did not make
            continue
        assert _outside_changes(tmp_path, before) == {}, argv
        assert code in (0, 1), (argv, err)
        if code == 1:
            assert len(errors) == 1 or argv[0] in ("check-terms", "batch"), (argv, err)
    assert [p for p in absent if os.path.lexists(p)] == []
    if case.expect == "read":
        written = _written_text(out)
        assert [t for t in case.texts if t not in written and case.kind != "batch"] == []
        if case.kind == "batch":
            assert [t for t in case.texts if not (out / "b" / t).is_dir()] == []


@pytest.mark.parametrize("case", [c for c in CASES if c.kind in ("manifest", "xces")], ids=_ids)
def test_gui_opens_a_hostile_project_whole_or_refuses_it_clearly(
    case: Case, tmp_path: Path
) -> None:
    """The GUI face (its --screenshot run, in its own process): one line and exit 1, or the
    window drawn; nothing written outside out/, nothing at all when refused."""
    file, project = _sandbox(case, tmp_path)
    shot = tmp_path / "out" / "shot.png"
    before = snapshot(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-m", "workbench", "gui", str(project), "--screenshot", str(shot)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    assert "Traceback" not in result.stderr
    if case.expect == "refused":
        errors = [line for line in result.stderr.splitlines() if line.startswith("workbench ")]
        assert result.returncode == 1 and len(errors) == 1, result.stderr
        _assert_clear(errors[0], case, file.name)
        assert snapshot(tmp_path) == before
    else:
        assert result.returncode == 0, result.stderr
        assert shot.read_bytes().startswith(b"\x89PNG")
        assert _outside_changes(tmp_path, before) == {}
