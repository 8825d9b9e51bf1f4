"""`workbench project align` and `project confirm --above`, and finding the project upward."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_project_cli import write_texts
from workbench.cli import main
from workbench.project import Project


def _new(tmp_path: Path, *extra: str) -> Path:
    paths = write_texts(tmp_path)
    folder = tmp_path / "proj"
    args = ["project", "new", str(folder), "--doc", f"en={paths['en']}"]
    assert main([*args, "--doc", f"es={paths['es']}", *extra]) == 0
    return folder


def test_align_aligns_what_no_align_left_and_saves(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _new(tmp_path, "--no-align")
    assert Project.open(folder).text.alignments == {}
    assert main(["project", "align", str(folder)]) == 0
    assert "en-es      4 beads" in capsys.readouterr().out
    assert [b.kind for b in Project.open(folder).text.alignments["es"].beads] == ["1-1"] * 4


def test_align_refuses_an_aligned_pair_without_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _new(tmp_path)
    assert main(["project", "confirm", str(folder), "--above", "0"]) == 0
    assert main(["project", "align", str(folder), "--langs", "es"]) == 2
    assert "--again" in capsys.readouterr().err
    assert main(["project", "align", str(folder), "--langs", "es", "--again"]) == 0
    assert not any(b.is_confirmed for b in Project.open(folder).text.alignments["es"].beads)


def test_confirm_above_confirms_only_beads_at_or_over_the_confidence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _new(tmp_path)
    beads = Project.open(folder).text.alignments["es"].beads
    cut = sorted(b.confidence for b in beads)[len(beads) // 2]
    assert main(["project", "confirm", str(folder), "--above", str(cut)]) == 0
    expected = [b.confidence >= cut for b in beads]
    assert [b.is_confirmed for b in Project.open(folder).text.alignments["es"].beads] == expected
    assert f"confirmed {sum(expected)} beads" in capsys.readouterr().out


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_confirm_above_needs_a_confidence_from_0_to_1(
    tmp_path: Path, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["project", "confirm", str(tmp_path), "--above", value])
    assert exit_info.value.code == 2
    assert "confidence from 0 to 1" in capsys.readouterr().err


def test_commands_find_the_project_from_a_subfolder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _new(tmp_path)
    monkeypatch.chdir(folder / "alignments" / "proj")
    assert main(["export", "tmx"]) == 0
    assert (folder / "tmx" / "proj.tmx").is_file()
    assert not (folder / "alignments" / "proj" / "tmx").exists()
    capsys.readouterr()
    assert main(["project", "info"]) == 0
    assert "project    proj" in capsys.readouterr().out


def test_outside_any_project_a_command_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["export", "tmx"]) == 1
    assert "not inside a workbench project" in capsys.readouterr().err


def test_a_moved_project_folder_still_opens_and_aligns(tmp_path: Path) -> None:
    folder = _new(tmp_path, "--no-align")
    moved = folder.rename(tmp_path / "elsewhere")
    for path in tmp_path.glob("*.txt"):
        path.unlink()  # the originals are gone: the project keeps its own copies
    assert main(["project", "align", str(moved)]) == 0
    project = Project.open(moved)
    assert all(not p.is_absolute() for p in project.manifest.documents.values())
    assert all((moved / p).is_file() for p in project.manifest.documents.values())
