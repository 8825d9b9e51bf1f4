"""What is written is always readable by the same version (issue 12.3), errors name the input."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.sandbox import PO, run_cli, snapshot
from workbench.formats.xces import MAX_SEGMENT_CHARS


def test_a_segment_over_the_reader_limit_is_refused_before_writing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * (MAX_SEGMENT_CHARS + 1) + "\n", "utf-8")
    before = snapshot(tmp_path)
    argv = ["project", "new", str(tmp_path / "p"), "--doc", f"en={big}", "--no-align"]
    code, err = run_cli(argv, capsys)
    assert code == 1 and "10,000,000" in err and "big.txt" in err
    assert snapshot(tmp_path) == before


def test_po_with_a_whitespace_msgstr_makes_a_project_that_opens(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "be.po"
    source.write_text(PO.replace('msgstr "Hola."', 'msgstr " "').replace("es", "be"), "utf-8")
    code, err = run_cli(["import", "po", str(source), "--into", str(tmp_path / "p")], capsys)
    assert code == 0 and "white space" in err
    code, _ = run_cli(["project", "info", str(tmp_path / "p")], capsys)
    assert code == 0


def test_tmx_lengths_that_cut_an_empty_segment_keep_the_text_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "in.tmx"
    source.write_text(
        '<?xml version="1.0"?>\n<tmx version="1.4"><header creationtool="x" '
        'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
        'datatype="plaintext"/><body>\n<tu><tuv xml:lang="en"><prop type="x-seglengths">3 0 3'
        '</prop><seg>One  Two</seg></tuv><tuv xml:lang="es"><seg>Uno.</seg></tuv></tu>\n'
        "</body></tmx>\n",
        "utf-8",
    )
    assert run_cli(["import", "tmx", str(source), "--into", str(tmp_path / "p")], capsys)[0] == 0
    assert run_cli(["project", "info", str(tmp_path / "p")], capsys)[0] == 0


@pytest.mark.parametrize("char", ["\x07", "\x1b", "\x00"])
def test_control_characters_are_named_with_the_input_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], char: str
) -> None:
    text = tmp_path / "bell.txt"
    text.write_text(f"First line.\n\nSecond {char} line.\n", "utf-8")
    argv = ["project", "new", str(tmp_path / "p"), "--doc", f"en={text}", "--no-align"]
    code, err = run_cli(argv, capsys)
    assert code == 1 and f"{text}:3" in err and ".tmp" not in err
    assert not (tmp_path / "p").exists()


def test_page_breaks_are_line_breaks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "pages.txt"
    text.write_text("Page one.\f\nPage two.\v\n", "utf-8")
    argv = ["project", "new", str(tmp_path / "p"), "--doc", f"en={text}", "--no-align"]
    assert run_cli(argv, capsys)[0] == 0
    assert run_cli(["project", "info", str(tmp_path / "p")], capsys)[0] == 0
